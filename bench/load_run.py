"""Load run: 200 fact sheets in one batch against a local server that injects faults
(5% 429, 2% 500, 1% timeouts): completed, retried, failed, wall time, peak memory."""

from __future__ import annotations

import json
import random
import resource
import tempfile
import threading
import time
from pathlib import Path

from toolkit.corpus import CorpusStore, ingest
from toolkit.draft import Drafter
from toolkit.llm import LLMConfig
from toolkit.llm.fakeserver import FakeOpenAIServer, echo_facts_reply
from toolkit.llm.openai_backend import OpenAIBackend
from toolkit.output.batch import run_batch
from toolkit.paths import reference_dir

from .draft_speed import _sheets

N = 200
LATENCY = 0.05
TIMEOUT = 1.0


def run() -> list[dict[str, object]]:
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-load-"))
    store = CorpusStore(work / "corpus.sqlite")
    ingest([reference_dir()], store, workers=1)
    rng = random.Random(11)
    lock = threading.Lock()
    injected = {"429": 0, "500": 0, "timeout": 0}

    def chat(body: dict) -> object:
        with lock:
            roll = rng.random()
        if roll < 0.05:
            injected["429"] += 1
            return (429, {"error": {"message": "rate limited"}})
        if roll < 0.07:
            injected["500"] += 1
            return (500, {"error": {"message": "internal error"}})
        if roll < 0.08:
            injected["timeout"] += 1
            time.sleep(TIMEOUT * 1.5)
        time.sleep(LATENCY)
        return echo_facts_reply(body)

    cfg = LLMConfig(backend="openai", model="load", api_key="sk-load", timeout=TIMEOUT,  # type: ignore[arg-type]
                    max_retries=4, backoff=0.05, concurrency=8)  # fmt: skip
    with FakeOpenAIServer(chat=chat) as srv:
        cfg = cfg.model_copy(update={"base_url": srv.base_url})
        backend = OpenAIBackend(cfg)
        drafter = Drafter(backend=backend, config=cfg, store=store, home=work / "home")
        t = time.perf_counter()
        crashes = 0
        try:
            items = run_batch(_sheets(N), drafter, work / "out", ["md", "json"], concurrency=8)
        except Exception:  # a crash of the batch itself, which must not happen
            crashes, items = 1, []
        wall = time.perf_counter() - t
        requests = len(srv.requests)
    failed = [i for i in items if i.status == "failed"]
    lost = 0  # sections missing from a report the batch says it wrote
    for item in items:
        if item.status != "failed":
            data = json.loads(
                Path(next(f for f in item.files if f.endswith(".json"))).read_text(encoding="utf-8")
            )
            lost += 4 - len(data["sections"])
    return [{
        "sheets": N, "completed": N - len(failed), "failed": len(failed), "requests": requests,
        "retried": backend.retries, "injected 429/500/timeout": f"{injected['429']}/{injected['500']}/{injected['timeout']}",
        "wall_s": round(wall, 1), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "crashes": crashes, "lost sections": lost,
    }]  # fmt: skip
