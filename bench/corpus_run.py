"""One corpus benchmark run in its own process (so peak memory is its own):
`python -m bench.corpus_run ours|langchain N TOKENIZER WORKDIR` prints one JSON line."""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

from toolkit.corpus import CorpusStore, Searcher, ingest
from toolkit.corpus.index import get_index
from toolkit.corpus.segment import tokenizer
from toolkit.outline import default_outline

# Queries that name a topic: precision = share of the top 5 chunks tagged with it.
TOPIC_QUERIES = [
    ("规范性文件合法性审查和备案", "normdoc"),
    ("领导干部学法制度", "study"),
    ("普法宣传 谁执法谁普法", "pufa"),
    ("重大行政决策 专家论证 风险评估", "decision"),
    ("聘请法律顾问", "counsel"),
    ("行政审批 放管服 政务服务", "streamlining"),
    ("权责清单 负面清单", "power_list"),
    ("行政执法 执法证", "enforce"),
    ("政务公开 政府信息公开", "openness"),
    ("行政复议 行政诉讼 出庭应诉", "review"),
    ("科研诚信 技术合同", "science"),
    ("法治建设领导小组 专题会议", "leadership"),
    ("第一责任人职责", "first_resp"),
    ("舆情 社会监督", "supervision"),
    ("一网通办", "digital"),
]
# The same topics asked in other words (no topic keyword in the query): tokenization
# matters here, as a query word must meet the passage's words.
PARAPHRASE_QUERIES = [
    ("文件出台前的审核与报备", "normdoc"),
    ("机关干部集中学习法律", "study"),
    ("法律进社区进企业宣传活动", "pufa"),
    ("决策前听取专家意见", "decision"),
    ("律师为重大事项出具意见", "counsel"),
    ("审批流程压缩办理时限", "streamlining"),
    ("职权事项梳理公开", "power_list"),
    ("执法人员资格与证件管理", "enforce"),
    ("主动公开政策文件 提高透明度", "openness"),
    ("当事人不服提起诉讼", "review"),
    ("科研失信行为惩戒", "science"),
    ("党组研究部署法治工作", "leadership"),
    ("主要负责人带头学法履职", "first_resp"),
    ("自觉接受各方监督", "supervision"),
    ("解决群众合理诉求", "disputes"),
    ("网上办事大厅同步办理", "digital"),
]
OTHER_QUERIES = [
    "存在的问题和不足",
    "下一步工作打算",
    "宪法宣传周",
    "专利执法",
    "法治政府建设实施纲要",
]


def peak_mb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) // 1024


def _percentiles(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return round(statistics.median(ms), 2), round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 2)


def run_ours(n: int, tok: str, work: Path) -> dict[str, object]:
    db = work / f"store-{tok}.sqlite"
    store = CorpusStore(db, tok)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    result = ingest([work / "reports"], store)
    get_index(store, default_outline().topic_ids())
    ingest_s = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in work.glob(f"store-{tok}.sqlite*") if p.is_file())
    size += sum(
        p.stat().st_size for p in (work / f"store-{tok}.sqlite.index").rglob("*") if p.is_file()
    )
    searcher = Searcher(store)
    queries = [q for q, _ in TOPIC_QUERIES] + OTHER_QUERIES
    searcher.search(queries[0], 5)  # load the index once
    lat = []
    for _ in range(3):
        for q in queries:
            t = time.perf_counter()
            searcher.search(q, 5)
            lat.append(1000 * (time.perf_counter() - t))

    def precision(queries: list[tuple[str, str]], distinct: bool = False) -> float:
        got = [
            sum(topic in h.topics for h in searcher.search(q, 5, distinct=distinct).hits) / 5
            for q, topic in queries
        ]
        return round(sum(got) / len(got), 3)

    p50, p95 = _percentiles(lat)
    return {
        "engine": f"fazhi ({tok})", "reports": n, "added": len(result.added), "chunks": store.counts()["chunks"],
        "ingest_s": round(ingest_s, 1), "store_mb": round(size / 1e6, 1), "peak_mb": peak_mb(),
        "p50_ms": p50, "p95_ms": p95, "topic_p@5": precision(TOPIC_QUERIES),
        "paraphrase_p@5": precision(PARAPHRASE_QUERIES),
        "distinct topic/paraphrase p@5": f"{precision(TOPIC_QUERIES, True)} / {precision(PARAPHRASE_QUERIES, True)}",
    }  # fmt: skip


def run_langchain(n: int, tok: str, work: Path) -> dict[str, object]:
    from langchain_community.retrievers import BM25Retriever
    from langchain_core.documents import Document

    store = CorpusStore(work / f"store-{tok}.sqlite")
    rows = store.con.execute("SELECT id, text, topics FROM chunks ORDER BY id").fetchall()
    docs = [Document(page_content=t, metadata={"topics": tp.split()}) for _, t, tp in rows]
    del rows
    before = peak_mb()
    t0 = time.perf_counter()
    retriever = BM25Retriever.from_documents(docs, preprocess_func=tokenizer(tok), k=5)  # type: ignore[arg-type]
    build_s = time.perf_counter() - t0
    queries = [q for q, _ in TOPIC_QUERIES] + OTHER_QUERIES
    reps = 1 if len(docs) > 100_000 else 3
    lat = []
    for _ in range(reps):
        for q in queries:
            t = time.perf_counter()
            retriever.invoke(q)
            lat.append(1000 * (time.perf_counter() - t))

    def precision(queries: list[tuple[str, str]]) -> float:
        got = [
            sum(topic in d.metadata["topics"] for d in retriever.invoke(q)) / 5
            for q, topic in queries
        ]
        return round(sum(got) / len(got), 3)

    p50, p95 = _percentiles(lat)
    return {
        "engine": f"LangChain BM25Retriever ({tok})", "reports": n, "added": 0, "chunks": len(docs),
        "ingest_s": round(build_s, 1), "store_mb": 0.0, "peak_mb": peak_mb(), "peak_before_mb": before,
        "p50_ms": p50, "p95_ms": p95, "topic_p@5": precision(TOPIC_QUERIES),
        "paraphrase_p@5": precision(PARAPHRASE_QUERIES), "distinct topic/paraphrase p@5": "—",
    }  # fmt: skip


if __name__ == "__main__":
    kind, n_arg, tok_arg, work_arg = sys.argv[1:5]
    fn = run_ours if kind == "ours" else run_langchain
    print(json.dumps(fn(int(n_arg), tok_arg, Path(work_arg)), ensure_ascii=False))
