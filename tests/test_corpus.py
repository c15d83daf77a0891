"""The corpus store and retrieval: idempotent ingest, removal, filters, masking, chunking,
the LangChain adapter, embeddings against a loopback server, bad files among good ones.
The store tests run on both stores (SQLite, Milvus Lite): one store per module each."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.corpus import Searcher, SearchFilters, chunk_report, ingest
from toolkit.corpus.chunking import DEFAULT_MAX_TOKENS
from toolkit.corpus.embeddings import Embedder
from toolkit.corpus.records import Store
from toolkit.corpus.references import load_references
from toolkit.corpus.retriever import CorpusRetriever
from toolkit.llm.fakeserver import FakeOpenAIServer
from toolkit.parse.parser import parse_file

from .conftest import REFS, seed
from .corpus_stores import STORE_KINDS, make_store


@pytest.fixture(scope="module", params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    st = make_store(request.param, tmp_path_factory.mktemp("corpus"))
    result = ingest([REFS], st, workers=1)
    assert len(result.added) == 5 and not result.failed
    return st


def test_ingest_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    before = (store.counts(), store.generation)
    again = ingest([REFS], store, workers=1)
    assert again.added == [] and len(again.skipped) == 5
    copy = tmp_path / "renamed.txt"
    shutil.copy(seed("002"), copy)  # same content under another name
    assert ingest([copy], store).skipped == [str(copy)]
    assert (store.counts(), store.generation) == before


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_remove_a_report(kind: str, tmp_path: Path) -> None:
    st = make_store(kind, tmp_path)
    ingest([seed("001"), seed("003")], st, workers=1)
    searcher = Searcher(st)
    assert {Path(h.source).name[:3] for h in searcher.search("专利执法", 10).hits} >= {"001"}
    (rid,) = st.find("001_e14d4a6c8cc4bd7c.txt")
    assert st.remove(rid)
    assert st.counts()["reports"] == 1
    assert rid not in set(st.frame("chunks")["report_id"])
    assert all(
        not h.source.endswith("001_e14d4a6c8cc4bd7c.txt")
        for h in searcher.search("专利执法", 10).hits
    )
    assert ingest([seed("001")], st).added  # and it can come back


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (SearchFilters(section="plans"), lambda h: h.section == "plans"),
        (SearchFilters(topic="normdoc"), lambda h: "normdoc" in h.topics),
        (SearchFilters(level="county"), lambda h: h.level == "county"),
        (SearchFilters(year_from=2019, year_to=2021), lambda h: 2019 <= h.year <= 2021),
        (SearchFilters(language="en"), lambda h: h.language == "en"),
    ],
)
def test_filters(store: Store, filters: SearchFilters, check: object) -> None:
    query = "law enforcement" if filters.language == "en" else "法治 建设 工作"
    hits = Searcher(store).search(query, 20, filters).hits
    assert hits, filters
    assert all(check(h) for h in hits)  # type: ignore[operator]


def test_search_ranks_the_matching_passage_first(store: Store) -> None:
    hit = Searcher(store).search("规范性文件 备案 审查", 1).hits[0]
    assert "规范性文件" in hit.text and "normdoc" in hit.topics


# Place, body and person names in each seed, found by reading them.
NAMES = {
    "001": ["孝感", "荆门", "天门", "汉川", "安陆", "应城", "山东", "临沂", "云梦", "曾店", "武汉", "湖北", "江汉平原"],
    "002": ["高台", "甘肃"],
    "003": ["鹤壁", "河南", "新世纪广场", "道平"],
    "004": ["高青", "青苑", "王桂国", "高科字"],
}  # fmt: skip


def test_masked_chunks_keep_no_name_and_no_number(store: Store) -> None:
    chunks = store.frame("chunks").merge(store.frame("reports"), left_on="report_id", right_on="id")
    rows = list(chunks[["source", "issuer", "masked", "text"]].itertuples(index=False))
    checked = 0
    for source, issuer, masked, _text in rows:
        key = Path(source).name[:3]
        if key == "000":
            continue
        assert issuer not in masked
        for name in NAMES[key]:
            assert name not in masked, (name, masked[:80])
        assert not re.search(r"[0-9０-９]", masked), masked
        checked += 1
    assert checked > 50
    # Masking keeps the phrasing: slots replace names, the rest of the text stays.
    sample = next(m for _, _, m, t in rows if "临沂市知识产权局" in t)
    assert (
        "【地名】知识产权局" in sample and "跨省协助调查行动" in sample and "【数字】月" in sample
    )


def test_chunks_stay_inside_one_section_and_within_the_token_budget() -> None:
    for path in sorted(REFS.glob("*.txt")):
        report = parse_file(path)
        ranges = [(n.line, report.lines[n.end_index - 1].no) for n in report.sections]
        for c in chunk_report(report):
            assert c.tokens <= DEFAULT_MAX_TOKENS
            if c.section != "opening":
                inside = [r for r in ranges if r[0] <= c.line_start and c.line_end <= r[1]]
                assert len(inside) == 1, (path.name, c.line_start, c.line_end)


def test_langchain_retriever(store: Store) -> None:
    retriever = CorpusRetriever(
        searcher=Searcher(store), k=3, filters=SearchFilters(topic="pufa"), masked=True
    )
    docs = retriever.invoke("普法宣传")
    assert 1 <= len(docs) <= 3
    assert all("pufa" in d.metadata["topics"] for d in docs)
    assert all(not re.search(r"\d", d.page_content) for d in docs)
    assert {"source", "section", "year", "chunk_id"} <= set(docs[0].metadata)


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_embeddings_against_a_loopback_server(kind: str, tmp_path: Path) -> None:
    st = make_store(kind, tmp_path)
    ingest([seed("002"), seed("003")], st, workers=1)
    with FakeOpenAIServer() as srv:
        emb = Embedder("fake-embed", base_url=srv.base_url, api_key="sk-test-not-real")
        n = emb.index_store(st)
        assert n == st.counts()["chunks"]
        assert emb.index_store(st) == 0  # resumable: nothing left to embed
        calls = len(srv.requests)
        hits = Searcher(st, emb).search("科研诚信建设", 3).hits
        assert len(srv.requests) == calls + 1  # one call for the query
    assert hits and "dense" in hits[0].scores and "rrf" in hits[0].scores
    assert any("科研诚信" in h.text for h in hits)
    assert srv.requests[0].headers.get("authorization") == "Bearer sk-test-not-real"


def _fazhi(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"FAZHI_HOME": str(home), "COLUMNS": "200", "PATH": "/usr/bin:/bin", "FAZHI_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True, text=True,
                          timeout=120, env=env)  # fmt: skip


def test_cli_bad_files_among_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(seed("001"), folder / "a.txt")
    (folder / "b.txt").write_bytes(
        seed("003").read_text(encoding="utf-8").encode("gbk", errors="replace")
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.md").write_bytes(bytes(range(256)) * 8)
    result = _fazhi("ingest", str(folder), home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    skipped = [ln for ln in result.stderr.splitlines() if ln.startswith("fazhi: skipped")]
    assert (
        len(skipped) == 2
        and any("empty.txt" in s for s in skipped)
        and any("binary.md" in s for s in skipped)
    )
    assert "Traceback" not in result.stderr
    summary = json.loads(_fazhi("corpus", "-f", "json", home=tmp_path / "home").stdout)
    assert summary["reports"] == 2
    hits = json.loads(
        _fazhi("search", "诚信", "--level", "city", "-f", "json", home=tmp_path / "home").stdout
    )
    assert hits and all(h["level"] == "city" for h in hits)


def test_references_all_ingest_with_metadata(store: Store) -> None:
    df = store.frame("reports")
    assert sorted(df["year"]) == sorted(r.meta.year for r in load_references())  # type: ignore[union-attr]
    assert int(df.loc[df["language"] == "en", "translation"].iloc[0]) == 1


def test_cli_embed_and_hybrid_search(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _fazhi("ingest", str(seed("003")), home=home).returncode == 0
    with FakeOpenAIServer() as srv:
        env_extra = {"OPENAI_BASE_URL": srv.base_url}
        full = {"FAZHI_HOME": str(home), "COLUMNS": "200", "PATH": "/usr/bin:/bin",
                "FAZHI_LANG": "en", **env_extra}  # fmt: skip
        run = lambda *a: subprocess.run([sys.executable, "-m", "toolkit.cli", *a], capture_output=True,  # noqa: E731
                                        text=True, timeout=120, env=full)  # fmt: skip
        embedded = run("embed", "--model", "fake-embed")
        assert embedded.returncode == 0 and "embedded" in embedded.stdout, embedded.stderr
        hits = json.loads(
            run("search", "科研诚信", "--embed-model", "fake-embed", "-f", "json").stdout
        )
    assert hits and "dense" in hits[0]["scores"]
