"""Drafting against a local OpenAI-compatible server with a fixed latency per call: one
report concurrent vs sequential, batch throughput for 50 fact sheets, local overhead."""

from __future__ import annotations

import copy
import os
import tempfile
import time
from pathlib import Path

from toolkit.corpus import CorpusStore, ingest
from toolkit.draft import Drafter
from toolkit.facts import FactSheet, load_fact_sheet
from toolkit.llm import LLMConfig
from toolkit.llm.fakeserver import FakeOpenAIServer, echo_facts_reply
from toolkit.llm.openai_backend import OpenAIBackend
from toolkit.output.batch import run_batch
from toolkit.paths import reference_dir

LATENCY = float(os.environ.get("FAZHI_BENCH_LATENCY", "0.2"))
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "facts" / "002_gaotai_2024.yaml"
PLACES = [
    "临川县",
    "东山县",
    "北塘县",
    "安远县",
    "永宁县",
    "青原区",
    "河西区",
    "西湖区",
    "南平市",
    "江华市",
]


def _sheets(n: int) -> list[FactSheet]:
    base = load_fact_sheet(EXAMPLE)
    out = []
    for i in range(n):
        s = copy.deepcopy(base)
        s.bureau.name = f"{PLACES[i % len(PLACES)]}{i:02d}号科学技术局"
        out.append(s)
    return out


def _drafter(url: str, home: Path, store: CorpusStore, concurrency: int) -> Drafter:
    cfg = LLMConfig(backend="openai", model="bench", base_url=url, api_key="sk-bench",  # type: ignore[arg-type]
                    concurrency=concurrency, backoff=0.01)  # fmt: skip
    return Drafter(backend=OpenAIBackend(cfg), config=cfg, store=store, home=home)


def run() -> list[dict[str, object]]:
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-draft-"))
    store = CorpusStore(work / "corpus.sqlite")
    ingest([reference_dir()], store, workers=1)
    rows: list[dict[str, object]] = []

    def chat(body: dict) -> str:
        time.sleep(LATENCY)
        return echo_facts_reply(body)

    sheet = load_fact_sheet(EXAMPLE)
    with FakeOpenAIServer(chat=chat) as srv:
        for conc in (1, 4):
            d = _drafter(srv.base_url, work / f"one-{conc}", store, conc)
            t = time.perf_counter()
            draft = d.draft(sheet)
            wall = time.perf_counter() - t
            rows.append({"run": f"one report, {conc} section(s) at once", "reports": 1, "calls": draft.usage.calls,
                         "wall_s": round(wall, 2), "reports/min": round(60 / wall, 1),
                         "server_s": round(draft.usage.calls * LATENCY, 2)})  # fmt: skip
        sheets = _sheets(50)
        d = _drafter(srv.base_url, work / "batch", store, 4)
        before = len(srv.requests)
        t = time.perf_counter()
        items = run_batch(sheets, d, work / "out", ["md", "json"], concurrency=4)
        wall = time.perf_counter() - t
        calls = len(srv.requests) - before
        ok = sum(it.status != "failed" for it in items)
        rows.append({"run": "batch of 50, 4 calls in flight", "reports": ok, "calls": calls, "wall_s": round(wall, 2),
                     "reports/min": round(60 * ok / wall, 1), "server_s": round(calls * LATENCY, 2)})  # fmt: skip
    offline = Drafter(store=store, home=work / "offline")
    t = time.perf_counter()
    for s in sheets[:20]:
        offline.draft(s)
    per = (time.perf_counter() - t) / 20
    rows.append({"run": "local overhead (offline composer: retrieval, guards, checker)", "reports": 20, "calls": 0,
                 "wall_s": round(per * 20, 2), "reports/min": round(60 / per, 1), "server_s": 0.0})  # fmt: skip
    for r in rows:
        r["latency/call_s"] = LATENCY if r["calls"] else 0.0
    return rows
