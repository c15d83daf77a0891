"""Corpus benchmark: ingest, store size, peak memory, query latency and topic precision
for N synthetic reports, against LangChain's BM25Retriever on the same chunks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .synth import write_corpus

SIZES = [int(s) for s in os.environ.get("FAZHI_BENCH_SIZES", "100,1000,10000").split(",")]
TOKENIZERS = os.environ.get("FAZHI_BENCH_TOKENIZERS", "jieba,bigram").split(",")


def _run(kind: str, n: int, tok: str, work: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.corpus_run", kind, str(n), tok, str(work)],
        capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(f"{kind} {n} {tok} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for n in SIZES:
        work = Path(tempfile.mkdtemp(prefix=f"fazhi-bench-{n}-"))
        try:
            write_corpus(work / "reports", n)
            for tok in TOKENIZERS:
                ours = _run("ours", n, tok, work)
                lc = _run("langchain", n, tok, work)
                ours["vs LangChain"] = (
                    f"{float(lc['p50_ms']) / max(float(ours['p50_ms']), 1e-6):.0f}x faster"
                )
                rows.extend([ours, lc])
                print(f"  done: {n} reports, {tok}", file=sys.stderr)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    for r in rows:
        r.setdefault("vs LangChain", "")
        r.pop("peak_before_mb", None)
        r.pop("added", None)
    return rows
