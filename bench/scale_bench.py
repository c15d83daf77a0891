"""Corpus at scale: the same synthetic corpus in the SQLite store and in Milvus Lite, at
about 2k and 50k chunks (`FAZHI_BENCH_SCALE_REPORTS`, reports per size, default 54,1350):
ingest time, query latency plain and with filters, and how far the two stores agree — the
share of SQLite's top 10 that Milvus also returns (the passage, by its text) on every
filtered query, and filter violations (hits outside a query's filters) in either store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .synth import write_corpus

REPORTS = [int(s) for s in os.environ.get("FAZHI_BENCH_SCALE_REPORTS", "54,1350").split(",")]
STORES = ["sqlite", "milvus-lite"]


def violates(hit: dict[str, object], filters: dict[str, object]) -> bool:
    """Whether a hit breaks one of the query's filters."""
    year = int(hit["year"] or 0)  # type: ignore[call-overload]
    checks = {
        "section": lambda v: hit["section"] == v,
        "topic": lambda v: v in hit["topics"],  # type: ignore[operator]
        "level": lambda v: hit["level"] == v,
        "language": lambda v: hit["language"] == v,
        "bureau": lambda v: hit["issuer"] == v,
        "kind": lambda v: hit["kind"] == v,
        "year_from": lambda v: year >= v,
        "year_to": lambda v: 0 < year <= v,
    }
    return not all(checks[k](v) for k, v in filters.items())


def _run(uri: str, work: Path) -> dict[str, object]:
    out = work / f"{uri.split(':')[0]}.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.scale_run", uri, str(work), str(out)],
        capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{uri} failed:\n{done.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def compare(base: dict[str, object], other: dict[str, object]) -> tuple[float, float]:
    """(mean top-10 overlap of `other` with `base`, lowest overlap of one query)."""
    overlaps = []
    for a, b in zip(base["tops"], other["tops"], strict=True):  # type: ignore[call-overload]
        keys_a = {h["text"] for h in a["hits"]}
        keys_b = {h["text"] for h in b["hits"]}
        if keys_a or keys_b:
            overlaps.append(len(keys_a & keys_b) / max(len(keys_a), len(keys_b)))
    return sum(overlaps) / len(overlaps), min(overlaps)


def run() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for n in REPORTS:
        work = Path(tempfile.mkdtemp(prefix=f"fazhi-scale-{n}-"))
        try:
            write_corpus(work / "reports", n)
            results = {kind: _run(f"{kind}:{work / ('store-' + kind + '.db')}", work) for kind in STORES}
            base = results["sqlite"]
            for res in results.values():
                tops = res.pop("tops")
                bad = sum(violates(h, t["filters"]) for t in tops for h in t["hits"])  # type: ignore[index]
                res["hits"] = sum(len(t["hits"]) for t in tops)  # type: ignore[index]
                res["filter_violations"] = bad
                res["tops"] = tops
            for kind, res in results.items():
                mean, low = (1.0, 1.0) if kind == "sqlite" else compare(base, res)
                res["top10_overlap"] = f"{mean:.3f} (min {low:.2f})"
                rows.append(res)
            for res in results.values():
                res.pop("tops")
            print(f"  done: {n} reports", file=sys.stderr)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return rows
