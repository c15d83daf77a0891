"""One corpus-scale run in its own process: `python -m bench.scale_run URI WORKDIR OUT`
ingests WORKDIR/reports into the store URI (sqlite:… or milvus-lite:…), times plain and
filtered queries, and writes the figures and each filtered query's top 10 to OUT (JSON)."""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

from toolkit.corpus import Searcher, SearchFilters, ingest
from toolkit.corpus.uri import open_store

from .corpus_run import OTHER_QUERIES, TOPIC_QUERIES

# Filters a user combines with a query; every filtered query is run with each.
FILTERS = [
    SearchFilters(section="measures"),
    SearchFilters(level="county"),
    SearchFilters(year_from=2021, year_to=2023),
    SearchFilters(kind="science", level="district"),
    SearchFilters(bureau="临川县科学技术局"),
    SearchFilters(section="plans", year_from=2020),
]


def filtered_queries() -> list[tuple[str, SearchFilters]]:
    out = [(q, SearchFilters(topic=t)) for q, t in TOPIC_QUERIES]
    for i, f in enumerate(FILTERS):
        out.extend((q, f) for q, _ in TOPIC_QUERIES[i::3])
    return out


def _ms(fn: object, reps: int = 1) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(1000 * (time.perf_counter() - t))
    return out


def run(uri: str, work: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    store = open_store(uri)
    open_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = ingest([work / "reports"], store)
    searcher = Searcher(store)
    searcher.search("法治", 1)  # the SQLite index is built (and cached) by the first query
    ingest_s = time.perf_counter() - t0
    plain = [q for q, _ in TOPIC_QUERIES] + OTHER_QUERIES
    lat_plain = [m for q in plain for m in _ms(lambda q=q: searcher.search(q, 10), 3)]
    tops: list[dict[str, object]] = []
    lat_filtered: list[float] = []
    for q, f in filtered_queries():
        t = time.perf_counter()
        hits = searcher.search(q, 10, f).hits
        lat_filtered.append(1000 * (time.perf_counter() - t))
        tops.append({"query": q, "filters": {k: v for k, v in vars(f).items() if v is not None},
                     "hits": [h.__dict__ | {"text": h.text} for h in hits]})  # fmt: skip
    ms = sorted(lat_plain)
    mf = sorted(lat_filtered)
    return {
        "store": uri.split(":", 1)[0], "reports": len(result.added) + len(result.skipped),
        "chunks": store.counts()["chunks"], "open_s": round(open_s, 1), "ingest_s": round(ingest_s, 1),
        "p50_ms": round(statistics.median(ms), 1), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
        "filtered_p50_ms": round(statistics.median(mf), 1),
        "filtered_p95_ms": round(mf[int(0.95 * (len(mf) - 1))], 1),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, "tops": tops,
    }  # fmt: skip


if __name__ == "__main__":
    uri_arg, work_arg, out_arg = sys.argv[1:4]
    Path(out_arg).write_text(json.dumps(run(uri_arg, Path(work_arg)), ensure_ascii=False, default=str))
