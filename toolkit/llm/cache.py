"""A call cache in SQLite: the same prompt to the same model with the same parameters is
answered from disk, so a rerun after a crash repeats (and pays for) no finished call."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

from .backend import Completion, Message, Usage


def cache_key(messages: list[Message], params: dict[str, object]) -> str:
    payload = json.dumps(
        {"messages": [[m.role, m.content] for m in messages], "params": params},
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class CallCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self.con = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS calls (key TEXT PRIMARY KEY, text TEXT NOT NULL, model TEXT,"
            " prompt_tokens INTEGER, completion_tokens INTEGER, cost REAL, created REAL)"
        )

    def get(self, key: str) -> Completion | None:
        with self._lock:
            row = self.con.execute(
                "SELECT text, model, prompt_tokens, completion_tokens, cost FROM calls WHERE key=?",
                (key,),
            ).fetchone()
        if row is None:
            return None
        text, model, p, c, cost = row
        return Completion(
            text=text, model=model, cached=True, usage=Usage(p, c, cost, calls=0, cached_calls=1)
        )

    def put(self, key: str, completion: Completion) -> None:
        u = completion.usage
        with self._lock:
            self.con.execute(
                "INSERT OR REPLACE INTO calls VALUES (?,?,?,?,?,?,?)",
                (
                    key,
                    completion.text,
                    completion.model,
                    u.prompt_tokens,
                    u.completion_tokens,
                    u.cost,
                    time.time(),
                ),
            )

    def close(self) -> None:
        self.con.close()
