"""A local OpenAI-compatible HTTP server for tests and notebooks: deterministic
embeddings and scripted chat replies, on 127.0.0.1 only, recording every request."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

DIM = 64
TRUNCATE = "__truncate__"  # a chat reply that makes the server stop half-way through the body


def hash_embedding(text: str, dim: int = DIM) -> list[float]:
    """A deterministic bag-of-bigrams vector: similar texts get similar vectors."""
    vec = np.zeros(dim, dtype=np.float32)
    chars = [c for c in text if not c.isspace()]
    for a, b in itertools.pairwise(chars):
        h = int.from_bytes(hashlib.blake2b((a + b).encode(), digest_size=4).digest(), "little")
        vec[h % dim] += 1.0
    norm = float(np.linalg.norm(vec)) or 1.0
    return (vec / norm).tolist()


@dataclass
class Recorded:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass
class FakeOpenAIServer:
    """Start with `with FakeOpenAIServer() as srv:`; `srv.base_url` ends with /v1.

    `chat` decides each chat reply: a function of the request body returning either the
    reply text or `(status, body_dict)` for an error response.
    """

    chat: Callable[[dict[str, Any]], str | tuple[int, dict[str, Any]]] | None = None
    requests: list[Recorded] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)  # the client may have gone (killed, timed out)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError:
                    self._send(400, {"error": {"message": "bad json"}})
                    return
                owner.requests.append(
                    Recorded(self.path, body, {k.lower(): v for k, v in self.headers.items()})
                )
                if self.path.endswith("/embeddings"):
                    inputs = body.get("input", [])
                    inputs = [inputs] if isinstance(inputs, str) else inputs
                    data = [{"object": "embedding", "index": i, "embedding": hash_embedding(t)}
                            for i, t in enumerate(inputs)]  # fmt: skip
                    self._send(200, {"object": "list", "data": data, "model": body.get("model"),
                                     "usage": {"prompt_tokens": 0, "total_tokens": 0}})  # fmt: skip
                elif self.path.endswith("/chat/completions") and owner.chat is not None:
                    reply = owner.chat(body)
                    if reply == TRUNCATE:  # promise a body, send part of it, hang up
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", "4096")
                        self.end_headers()
                        self.wfile.write(
                            b'{"id": "x", "choices": [{"index": 0, "message": {"role": "assi'
                        )
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    if isinstance(reply, tuple):
                        self._send(*reply)
                        return
                    self._send(200, {
                        "id": f"cmpl-{len(owner.requests)}", "object": "chat.completion", "created": 0,
                        "model": body.get("model", "fake"),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply}}],
                        "usage": {"prompt_tokens": 10, "completion_tokens": len(reply), "total_tokens": 10 + len(reply)},
                    })  # fmt: skip
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}"}})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def echo_facts_reply(body: dict[str, Any]) -> str:
    """A plausible section written from the facts listed in the prompt (for tests and
    benchmarks): 【topic】 lines become （一）… sub-headings, facts become 一是…二是…."""
    import re as _re

    user = next(
        (m["content"] for m in reversed(body.get("messages", [])) if m.get("role") == "user"), ""
    )
    facts_part = user.split("参考段落", 1)[0]
    groups: list[tuple[str, list[str]]] = []
    for line in facts_part.splitlines():
        line = line.strip()
        if line.startswith("【") and line.endswith("】"):
            groups.append((line.strip("【】"), []))
        elif line.startswith("- ["):
            text = _re.sub(r"^- \[[^\]]*\]\s*", "", line)
            if not groups:
                groups.append(("", []))
            groups[-1][1].append(text)
    cn = "一二三四五六七八九十"
    paragraphs = []
    for gi, (label, facts) in enumerate(groups):
        items = "".join(f"{cn[i] if i < 10 else i + 1}是{f}。" for i, f in enumerate(facts))
        head = f"（{cn[gi]}）扎实推进{label}工作。" if label else ""
        paragraphs.append(head + items)
    return "\n".join(paragraphs)
