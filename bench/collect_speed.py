"""Collecting 500 pages from a local server (loopback, started here) into a new corpus
store: the CPU time of the work done per page in the collecting thread (read, parse,
genre check, dedupe, store) against the target of 30 ms a page, and the wall time.

The pages are reports made of sentences drawn at random from the bundled Chinese
reference reports (every page its own text), 10% of them also served as mirror copies
on a second host (they must end as duplicates)."""

from __future__ import annotations

import random
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.collect_site import Route, Site, page
from toolkit.collect import CollectConfig, Collector
from toolkit.corpus import CorpusStore
from toolkit.corpus.references import load_references

PAGES = 500
MIRRORED = 0.1
TARGET_MS = 30.0
HEADS = ("一、{y}年度推进法治政府建设的主要举措和成效", "二、党政主要负责人履行推进法治建设第一责任人职责情况",
         "三、存在的不足和原因", "四、{y1}年度推进法治政府建设的主要安排")  # fmt: skip
PLACES = ("临川县", "河西区", "南平市", "东山县", "西湖区", "北塘县", "青原区", "安远县", "江华市", "永宁县")  # fmt: skip
BUREAUS = ("科学技术局", "司法局", "教育局", "民政局", "财政局", "农业农村局", "水利局", "卫生健康委员会")  # fmt: skip


def _sentences() -> list[str]:
    out: list[str] = []
    for ref in load_references():
        if ref.report.language == "zh":
            out += [s + "。" for s in re.split(r"。", ref.report.body_text) if 20 <= len(s) <= 160]
    return out


def _report(rng: random.Random, pool: list[str], i: int) -> tuple[str, list[str]]:
    year = rng.randint(2019, 2025)
    issuer = f"{PLACES[i % len(PLACES)]}{BUREAUS[i // len(PLACES) % len(BUREAUS)]}"
    title = f"{issuer}{year}年度法治政府建设工作情况报告（{i}）"
    paras = [f"{year}年，{issuer}坚持依法行政，全年召开专题会议{rng.randint(2, 30)}次。"]
    for head in HEADS:
        paras.append(head.format(y=year, y1=year + 1))
        for _ in range(rng.randint(2, 4)):
            paras.append("".join(rng.sample(pool, rng.randint(2, 4))))
    return title, [*paras, "特此报告。", issuer, f"{year + 1}年1月20日"]


def _collect(urls: list[str]) -> dict[str, object]:
    config = CollectConfig(delay=0, trust_env=False, official_hosts=("127.0.0.1",))
    with (
        tempfile.TemporaryDirectory(prefix="bench-collect-") as tmp,
        CorpusStore(Path(tmp) / "corpus.sqlite") as store,
    ):
        collector = Collector(store, config)
        wall, cpu = time.perf_counter(), time.thread_time()
        result = collector.run(urls)
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        collector.close()
        stored = store.counts()["reports"]
    counts = result.counts()
    return {
        "pages": len(urls), "collected": counts.get("collected", 0),
        "duplicate": counts.get("duplicate", 0), "failed": counts.get("failed", 0),
        "stored": stored, "wall s": round(wall, 1),
        "CPU ms/page": round(1000 * cpu / len(urls), 1), "target": f"≤ {TARGET_MS:g}",
    }  # fmt: skip


def run() -> list[dict[str, object]]:
    """The 500 pages (and their mirrors) timed; then the first 100 (and their mirrors)
    again into a new store with a CPU clock around each stage, for the split."""
    rng = random.Random(20)
    pool = _sentences()
    own, mirror = Site("127.0.0.1"), Site("127.0.0.2")
    urls = []
    for i in range(PAGES):
        title, paras = _report(rng, pool, i)
        own.routes[f"/r/{i}.html"] = Route(page(title, paras, issuer=title[:8]).encode())
        urls.append(own.url(f"/r/{i}.html"))
        if i < PAGES * MIRRORED:
            mirror.routes[f"/m/{i}.html"] = Route(page(title, paras).encode())
            urls.append(mirror.url(f"/m/{i}.html"))
    try:
        _collect(urls[:5])  # warm: imports, the tokenizer's dictionary, caches
        row = _collect(urls)
        with _stage_clock() as spent:
            _collect(urls[:110])
        row |= {f"{k} ms": round(1000 * v / 110, 1) for k, v in spent.items()}
    finally:
        own.close()
        mirror.close()
    return [row]


@contextmanager
def _stage_clock() -> Iterator[dict[str, float]]:
    """CPU seconds spent in each stage of the collecting thread, by wrapping its functions."""
    from toolkit.collect import process

    spent: dict[str, float] = {}
    wanted = {"read": (process, "read_piece"), "parse": (process, "parse_document"),
              "genre": (process, "other_genre_name"), "dedupe": (process, "signature"),
              "store": (process.Processor, "_ingest")}  # fmt: skip
    originals = {stage: getattr(owner, name) for stage, (owner, name) in wanted.items()}

    def timed(stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.thread_time() - start

        return wrapper

    for stage, (owner, name) in wanted.items():
        setattr(owner, name, timed(stage, originals[stage]))
    try:
        yield spent
    finally:
        for stage, (owner, name) in wanted.items():
            setattr(owner, name, originals[stage])
