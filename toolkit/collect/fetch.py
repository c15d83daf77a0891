"""Polite HTTP: one request at a time per host with a delay between them, robots.txt
respected, retries with backoff on 429/5xx (Retry-After honoured), redirects followed hop
by hop (each hop is a request to its host), a size cap, conditional requests."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..i18n import _
from .config import CollectConfig

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class Fetched:
    """The outcome of one GET (after redirects): a body, a 304, or a one-line error."""

    url: str
    final_url: str
    status: int = 0  # HTTP status of the last response (0: none came)
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: float = 0.0
    error: str | None = None
    disallowed: bool = False
    transient: bool = False  # a network error worth another try (not a size cap)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _sep, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None


class _TooBig(Exception):
    pass


class _Gate:
    """One host: a lock held for the whole request and the earliest time of the next."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_ok = 0.0

    @contextmanager
    def turn(self, delay: float) -> Iterator[None]:
        with self.lock:
            wait = self.next_ok - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self.next_ok = max(self.next_ok, time.monotonic() + delay)

    def hold(self, seconds: float) -> None:
        """No request to this host for `seconds` (a 429's Retry-After, a backoff)."""
        self.next_ok = max(self.next_ok, time.monotonic() + seconds)


# One gate per host for the whole process: two collections run one after the other (or
# side by side, in a notebook) still keep one request per host and the delay.
_GATES: dict[str, _Gate] = {}
_GATES_LOCK = threading.Lock()


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    """A shared HTTP client; safe to use from several threads (one request per host)."""

    def __init__(
        self,
        config: CollectConfig,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.client = httpx.Client(
            headers={"User-Agent": config.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=config.timeout,
            follow_redirects=False,
            trust_env=config.trust_env,
            transport=transport,
        )
        self._robots: dict[str, RobotFileParser | str | None] = {}
        self._lock = threading.Lock()
        self._robot_locks: dict[str, threading.Lock] = {}
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def _gate(self, netloc: str) -> _Gate:
        with _GATES_LOCK:
            return _GATES.setdefault(netloc, _Gate())

    def _delay(self, netloc: str) -> float:
        rules = self._robots.get(netloc)
        crawl = (
            rules.crawl_delay(self.config.robots_agent)
            if isinstance(rules, RobotFileParser)
            else None
        )
        return max(self.config.delay, float(crawl or 0))

    # -- one request, with retries ------------------------------------------------------
    def _once(self, url: str, headers: dict[str, str], read_body: bool) -> Fetched:
        netloc = urlsplit(url).netloc
        out = Fetched(url=url, final_url=url)
        with self._gate(netloc).turn(self._delay(netloc)):
            self.requests += 1
            out.fetched_at = time.time()
            try:
                with self.client.stream("GET", url, headers=headers) as resp:
                    out.status = resp.status_code
                    out.headers = {k.lower(): v for k, v in resp.headers.items()}
                    if read_body and resp.status_code == 200:
                        out.body = self._read(resp)
            except _TooBig:
                out.error = _("larger than the size cap of {mb} MiB").format(
                    mb=self.config.max_bytes // 1_048_576
                )
            except httpx.TimeoutException:
                out.transient = True
                out.error = _("no answer within {s:g} s (timeout)").format(s=self.config.timeout)
            except httpx.ConnectError:
                out.transient = True
                out.error = _("cannot connect to {host}").format(host=netloc)
            except httpx.HTTPError as exc:
                out.transient = True
                out.error = _("network error ({kind})").format(kind=type(exc).__name__)
        return out

    def _read(self, resp: httpx.Response) -> bytes:
        cap = self.config.max_bytes
        length = resp.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise _TooBig
        buf = bytearray()
        for chunk in resp.iter_bytes():  # decoded: a gzip bomb stops at the cap too
            buf += chunk
            if len(buf) > cap:
                raise _TooBig
        return bytes(buf)

    def _with_retries(self, url: str, headers: dict[str, str], read_body: bool = True) -> Fetched:
        gate = self._gate(urlsplit(url).netloc)
        attempt = 0
        while True:
            got = self._once(url, headers, read_body)
            retryable = got.status in RETRY_STATUSES or got.transient
            if not retryable or attempt >= self.config.retries:
                return got
            wait = retry_after(got.headers.get("retry-after")) if got.status else None
            if wait is not None and wait > self.config.max_retry_after:
                got.error = _("the server asks to wait {s:.0f} s (Retry-After)").format(s=wait)
                return got
            gate.hold(wait if wait is not None else self.config.backoff * 2**attempt)
            attempt += 1

    # -- robots.txt ---------------------------------------------------------------------
    def _rules(self, url: str) -> RobotFileParser | str | None:
        """The host's robots rules; a string when everything is off limits (and why)."""
        parts = urlsplit(url)
        with self._lock:
            lock = self._robot_locks.setdefault(parts.netloc, threading.Lock())
        with lock:
            if parts.netloc not in self._robots:
                self._robots[parts.netloc] = self._fetch_rules(parts.scheme, parts.netloc)
        return self._robots[parts.netloc]

    def _fetch_rules(self, scheme: str, netloc: str) -> RobotFileParser | str | None:
        robots_url = f"{scheme}://{netloc}/robots.txt"
        got = self._with_retries(robots_url, {})
        if got.status == 200 and got.body is not None:
            rules = RobotFileParser(robots_url)
            rules.parse(got.body.decode("utf-8", "replace").splitlines())
            return rules
        if got.status in (401, 403) or got.status >= 500:
            return _("robots.txt answers HTTP {status}: the site is off limits").format(
                status=got.status
            )
        return None  # none there (404) or the host is unreachable: the request will say

    def allowed(self, url: str) -> str | None:
        """None when robots.txt lets us fetch `url`, else the reason."""
        rules = self._rules(url)
        if isinstance(rules, str):
            return rules
        if rules is not None and not rules.can_fetch(self.config.robots_agent, url):
            return _("robots.txt of {host} disallows this path").format(host=urlsplit(url).netloc)
        return None

    # -- the public call ----------------------------------------------------------------
    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET `url` politely, following redirects; conditional when a validator is given."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.config.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return Fetched(url, current, error=_("not an http(s) address"))
            why = self.allowed(current)
            if why:
                return Fetched(url, current, error=why, disallowed=True)
            got = self._with_retries(current, headers)
            got.url = url
            got.final_url = current
            location = got.headers.get("location")
            if got.status not in REDIRECTS or not location:
                if got.error is None and got.status not in (200, 304):
                    got.error = _("HTTP {status}").format(status=got.status)
                return got
            current = urljoin(current, location)
            headers = {}
        return Fetched(url, current, error=_("too many redirects"))
