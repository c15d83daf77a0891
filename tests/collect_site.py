"""A small web server on loopback for the collection tests and benchmark: routes set by
the test, every request logged with its start and end times (to measure politeness)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None


@dataclass
class Hit:
    path: str
    start: float
    end: float
    status: int
    body_sent: bool
    user_agent: str
    conditional: bool


class Site:
    """`routes[path]` is a Route, or a list of Routes served in turn (the last repeats)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route | list[Route]] = {}
        self.log: list[Hit] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site._serve(self)

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.host = host
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]

    def _route(self, path: str) -> Route:
        route = self.routes.get(path)
        if route is None:
            return Route(b"<html><body>not found</body></html>", status=404)
        if isinstance(route, list):
            return route.pop(0) if len(route) > 1 else route[0]
        return route

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        start = time.monotonic()
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        route = self._route(h.path)
        status, body_sent = route.status, False
        conditional = bool(h.headers.get("If-None-Match") or h.headers.get("If-Modified-Since"))
        try:
            time.sleep(route.delay)
            if route.etag and h.headers.get("If-None-Match") == route.etag:
                status = 304
            h.send_response(status)
            h.send_header("Content-Type", route.content_type)
            if route.etag:
                h.send_header("ETag", route.etag)
            for k, v in route.headers.items():
                h.send_header(k, v)
            body = b"" if 300 <= status < 400 else route.body  # 304 and redirects: none
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            if body:
                h.wfile.write(body)
                body_sent = status == 200
            h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            end = time.monotonic()  # the response is out
            with self._lock:
                self.in_flight -= 1
                self.log.append(
                    Hit(
                        h.path,
                        start,
                        end,
                        status,
                        body_sent,
                        h.headers.get("User-Agent", ""),
                        conditional,
                    )
                )


def page(
    title: str,
    paragraphs: list[str],
    *,
    charset: str = "utf-8",
    meta_charset: bool = True,
    issuer: str = "",
    extra: str = "",
    links: str = "",
) -> str:
    """A government article page with its chrome and metadata table."""
    head = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if meta_charset
        else ""
    )
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    return f"""<!DOCTYPE html>
<html><head>{head}<title>{escape(title)}</title></head><body>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<table class="meta">
<tr><td>索引号：</td><td>11330000X00000000A/2025-00012</td><td>发布机构：</td><td>{escape(issuer)}</td></tr>
<tr><td>成文日期：</td><td>2025-01-15</td><td>发布日期：</td><td>2025-01-20</td></tr>
</table>
<h1>{escape(title)}</h1>
<div class="content">
{paras}
</div>
{extra}
<div class="links">{links}</div>
<div class="footer">主办单位：人民政府办公室 网站标识码：3300000000</div>
</body></html>
"""
