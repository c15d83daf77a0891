"""A collection run: addresses (or a folder of saved pages) in, outcomes out. Fetching
runs in threads, one per host at a time (the fetcher keeps one request per host in
flight); reading, deduplicating and storing run in the caller's thread, one item at a
time, each item's outcome saved as soon as it is known, so an interrupted run loses
nothing and a rerun fetches only what is missing or failed."""

from __future__ import annotations

import queue
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..corpus.records import Store
from ..i18n import _
from ..paths import fazhi_home
from .config import CollectConfig
from .content import Piece, file_suffix, kind_of
from .fetch import Fetched, Fetcher
from .links import attachments, parse_tree, report_links, suffix_of, with_charset
from .process import Bundle, Merge, Outcome, Processor
from .sources import saved_items
from .state import FINAL, CollectState

STATUSES = ("collected", "duplicate", "other_genre", "disallowed", "failed", "unchanged")
MAX_ATTACHMENTS = 5
Progress = Callable[[int, int, str], None]


@dataclass
class CollectResult:
    items: list[Outcome] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = Counter(o.status for o in self.items)
        return {s: c[s] for s in STATUSES if c[s]}

    def to_json(self) -> dict[str, Any]:
        return {
            "items": [
                {"url": o.url, "status": o.status, "reason": o.reason, "report_id": o.report_id}
                for o in self.items
            ],
            "counts": self.counts(),
            "merged": [
                {"from": m.loser, "into": m.winner, "similarity": m.similarity} for m in self.merges
            ],
        }


class Collector:
    """Collects into `store`; the state lives beside the store unless given."""

    def __init__(
        self,
        store: Store,
        config: CollectConfig | None = None,
        *,
        state: CollectState | None = None,
        fetcher: Fetcher | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.config = config or CollectConfig()
        # State beside a store file; a server store keeps it in the toolkit's home.
        home = store.path.parent if isinstance(getattr(store, "path", None), Path) else fazhi_home()
        self.state = state or CollectState(home)
        self._fetcher = fetcher
        self._fetcher_lock = threading.Lock()
        self.progress = progress
        self.processor = Processor(store, self.state, self.config)
        self._stop = threading.Event()

    @property
    def fetcher(self) -> Fetcher:
        with self._fetcher_lock:  # fetching threads share one client and robots cache
            if self._fetcher is None:
                self._fetcher = Fetcher(self.config)
            return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
        self.state.close()

    # -- online ------------------------------------------------------------------------
    def run(self, urls: Iterable[str], junk: Iterable[tuple[str, str]] = ()) -> CollectResult:
        """Collect every address (report pages, report files, or with `follow_list`
        column pages); `junk` are (text, why) of unusable input lines, reported as failed."""
        outcomes: dict[str, Outcome] = {what: Outcome(what, "failed", why) for what, why in junk}
        targets: list[str] = []
        for url in dict.fromkeys(urls):
            if self.config.follow_list:
                found, failed = self._list_page(url)
                if failed:
                    outcomes[url] = failed
                targets += [u for u in found if u not in targets]
            elif url not in targets:
                targets.append(url)
        todo = []
        first = self.state.next_ord()
        orders = {u: first + i for i, u in enumerate(targets)}
        for url in targets:
            item = self.state.item(url)
            if item and item["status"] in FINAL and not self.config.recheck:
                outcomes[url] = _earlier(item)
            elif item and item["status"] == "fetched" and self.state.body(url) is not None:
                outcomes[url] = self._finish(self._bundle_from_state(url), orders[url])
            else:
                todo.append(url)
        done = len(targets) - len(todo)
        self._tick(done, len(targets), "")
        for url, got in self._fetch_all(todo):
            if isinstance(got, Bundle):
                outcomes[url] = self._finish(got, orders[url])
            else:
                outcomes[url] = got
            done += 1
            self._tick(done, len(targets), url)
        return self._result(outcomes)

    def _result(self, outcomes: dict[str, Outcome]) -> CollectResult:
        for m in self.processor.merges:  # a copy collected earlier in this run and beaten
            if m.loser in outcomes and outcomes[m.loser].status == "collected":
                outcomes[m.loser] = self.processor.outcome_of(m.loser) or outcomes[m.loser]
        return CollectResult(list(outcomes.values()), list(self.processor.merges))

    def _tick(self, done: int, total: int, url: str) -> None:
        if self.progress:
            self.progress(done, total, url)

    def _finish(self, bundle: Bundle, order: int) -> Outcome:
        try:
            return self.processor.process(bundle, order)
        except Exception as exc:  # a reader or parser bug must not stop the run
            reason = _("could not be processed ({kind}: {exc})").format(
                kind=type(exc).__name__, exc=exc
            )
            self.state.save_item(bundle.url, ord=order, status="failed", reason=reason)
            return Outcome(bundle.url, "failed", reason)

    def _fetch_all(self, urls: list[str]) -> Iterable[tuple[str, Bundle | Outcome]]:
        """(url, bundle or outcome) as fetches finish; one thread per host."""
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in urls:
            by_host[urlsplit(url).netloc].append(url)
        results: queue.Queue[tuple[str, Bundle | Outcome]] = queue.Queue()

        def host_job(host_urls: list[str]) -> None:
            for url in host_urls:
                if self._stop.is_set():
                    return
                try:
                    results.put((url, self._fetch_item(url)))
                except Exception as exc:  # never lose the other items to one
                    why = _("could not be fetched ({kind}: {exc})").format(
                        kind=type(exc).__name__, exc=exc
                    )
                    results.put((url, Outcome(url, "failed", why)))

        pool = ThreadPoolExecutor(max_workers=self.config.workers, thread_name_prefix="collect")
        try:
            for host_urls in by_host.values():
                pool.submit(host_job, host_urls)
            for _n in range(len(urls)):
                yield results.get()
        finally:
            self._stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
            self._stop.clear()

    def _get(self, url: str, conditional: bool) -> Fetched:
        row = self.state.fetch(url) if conditional else None
        return self.fetcher.get(
            url,
            etag=row.get("etag") if row else None,
            last_modified=row.get("last_modified") if row else None,
        )

    def _store(self, got: Fetched, kind: str, hint: str) -> Piece:
        assert got.body is not None
        suffix = ".html" if kind == "page" else file_suffix(got.content_type, hint, got.body)
        digest, path = self.state.put_blob(got.body, suffix)
        self.state.record_fetch(got, digest, suffix)
        return Piece(got.url, got.body, path, suffix, digest, got.charset)

    def _fetch_item(self, url: str) -> Bundle | Outcome:
        item = self.state.item(url)
        got = self._get(url, conditional=bool(item and item["status"] in FINAL))
        if got.disallowed:
            self.state.save_item(url, status="disallowed", reason=got.error)
            return Outcome(url, "disallowed", got.error or "")
        if got.not_modified and item:
            self.state.record_fetch(got, None, "")
            return Outcome(
                url, "unchanged", _("not modified since the last run"), item["report_id"]
            )
        if got.error or got.body is None:
            self.state.record_fetch(got, None, "")
            self.state.save_item(url, status="failed", reason=got.error)
            return Outcome(url, "failed", got.error or _("no body"))
        kind = kind_of(got.content_type, suffix_of(got.final_url), got.body)
        if not kind:
            why = _("not a web page or a report file (Content-Type {type})").format(
                type=got.content_type or "?"
            )
            self.state.save_item(url, status="failed", reason=why)
            return Outcome(url, "failed", why)
        main = self._store(got, kind, suffix_of(got.final_url))
        bundle = Bundle(url, main, kind, origin=got.final_url)
        if kind == "page":
            tree = parse_tree(with_charset(got.body, got.charset))
            for link in (attachments(tree, got.final_url) if tree is not None else [])[
                :MAX_ATTACHMENTS
            ]:
                stored = self.state.body(link.url)
                if stored is not None:  # fetched before: not again
                    row = self.state.fetch(link.url) or {}
                    bundle.attachments.append(
                        Piece(
                            link.url,
                            stored[0],
                            stored[1],
                            row.get("suffix") or "",
                            row.get("sha256") or "",
                        )
                    )
                    continue
                att = self.fetcher.get(link.url)
                if att.error or att.body is None:
                    self.state.record_fetch(att, None, "")
                    bundle.notes.append(
                        _("attachment {name}: {why}").format(
                            name=link.text or link.url, why=att.error
                        )
                    )
                    continue
                bundle.attachments.append(self._store(att, "file", suffix_of(link.url, link.text)))
        self.state.save_item(url, status="fetched", attachments=[p.url for p in bundle.attachments])
        return bundle

    def _bundle_from_state(self, url: str) -> Bundle:
        """The bundle of an item fetched in an interrupted run, from the stored bytes."""
        row = self.state.fetch(url) or {}
        stored = self.state.body(url)
        item = self.state.item(url) or {}
        if stored is None:
            raise RuntimeError("stored bytes are missing")
        main = Piece(url, stored[0], stored[1], row["suffix"], row["sha256"], row.get("charset"))
        bundle = Bundle(
            url,
            main,
            "page" if row["suffix"] == ".html" else "file",
            origin=row.get("final_url") or url,
        )
        for att_url in item.get("attachments") or []:
            att = self.state.body(att_url)
            arow = self.state.fetch(att_url) or {}
            if att is not None:
                bundle.attachments.append(
                    Piece(att_url, att[0], att[1], arow["suffix"], arow["sha256"])
                )
        return bundle

    def _list_page(self, url: str) -> tuple[list[str], Outcome | None]:
        """The report links of a column page (asked conditionally on a rerun)."""
        got = self._get(url, conditional=True)
        if got.disallowed:
            return [], Outcome(url, "disallowed", got.error or "")
        if got.not_modified:
            stored = self.state.body(url)
            body, charset = (
                (stored[0], (self.state.fetch(url) or {}).get("charset"))
                if stored
                else (None, None)
            )
        elif got.error or got.body is None:
            self.state.record_fetch(got, None, "")
            return [], Outcome(url, "failed", got.error or _("no body"))
        else:
            digest, _path = self.state.put_blob(got.body, ".html")
            self.state.record_fetch(got, digest, ".html")
            body, charset = got.body, got.charset
        tree = parse_tree(with_charset(body, charset)) if body else None
        links = [link.url for link in report_links(tree, got.final_url)] if tree is not None else []
        return (links or [url]), None  # no report links: the page itself may be a report

    # -- offline -----------------------------------------------------------------------
    def run_offline(self, folder: str | Path) -> CollectResult:
        """The same pipeline over saved pages (with their _files folders) and files."""
        found = saved_items(folder)
        outcomes: dict[str, Outcome] = {}
        first = self.state.next_ord()
        for i, saved in enumerate(found):
            url = str(saved.path)
            data = saved.path.read_bytes()
            kind = (
                "page"
                if saved.path.suffix.lower() in (".html", ".htm", ".shtml", ".xhtml")
                else "file"
            )
            suffix = ".html" if kind == "page" else saved.path.suffix.lower()
            digest, path = self.state.put_blob(data, suffix)
            item = self.state.item(url)
            if (
                item
                and item["status"] in FINAL
                and (self.state.fetch(url) or {}).get("sha256") == digest
            ):
                outcomes[url] = _earlier(item)
            else:
                self.state.record_file(url, saved.path, digest, suffix)
                bundle = Bundle(
                    url,
                    Piece(url, data, path, suffix, digest),
                    kind,
                    origin=saved.origin or saved.path.as_uri(),
                )
                for att in saved.attachments:
                    a_data = att.read_bytes()
                    a_digest, a_path = self.state.put_blob(a_data, att.suffix.lower())
                    self.state.record_file(str(att), att, a_digest, att.suffix.lower())
                    bundle.attachments.append(
                        Piece(str(att), a_data, a_path, att.suffix.lower(), a_digest)
                    )
                outcomes[url] = self._finish(bundle, first + i)
            self._tick(i + 1, len(found), url)
        return self._result(outcomes)

    # -- again from the stored bytes -----------------------------------------------------
    def reread(self) -> CollectResult:
        """Read every stored item again (after a reader fix) without fetching anything."""
        items = [i for i in self.state.items() if self.state.body(i["url"]) is not None]
        for item in items:
            if item["report_id"] is not None:
                self.store.remove(int(item["report_id"]))
            self.state.save_item(item["url"], status="fetched", report_id=None, merged_into=None)
        self.processor = Processor(self.store, self.state, self.config)
        outcomes: dict[str, Outcome] = {}
        for n, item in enumerate(items, start=1):
            outcomes[item["url"]] = self._finish(self._bundle_from_state(item["url"]), item["ord"])
            self._tick(n, len(items), item["url"])
        return self._result(outcomes)


def _earlier(item: dict[str, Any]) -> Outcome:
    """An item finished in an earlier run, not fetched again."""
    if item["status"] == "collected":
        return Outcome(item["url"], "unchanged", _("collected earlier"), item["report_id"])
    return Outcome(item["url"], item["status"], item["reason"], item["report_id"])
