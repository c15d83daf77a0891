"""The corpus on Milvus: the same answers as the SQLite store under every filter, the same
JSON from `fazhi search`, migration both ways, an interrupted ingest that resumes, a
Milvus server over loopback, and one clear line for an unreachable server, a refused
token and a collection with another schema. Milvus Lite stands in for a server."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.corpus import Searcher, SearchFilters, ingest
from toolkit.corpus.migrate import migrate
from toolkit.corpus.records import Store
from toolkit.corpus.uri import TOKEN_ENV, open_store, parse_store_uri
from toolkit.errors import ConfigError, InputError

from .conftest import REFS, seed
from .corpus_stores import HAVE_MILVUS, store_uri

pytestmark = pytest.mark.skipif(not HAVE_MILVUS, reason="the milvus extra is not installed")


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAZHI_LANG", "en")  # messages asserted in English here

FILTERS = [
    SearchFilters(),
    SearchFilters(section="measures"),
    SearchFilters(section="plans"),
    SearchFilters(topic="normdoc"),
    SearchFilters(topic="pufa", level="county"),
    SearchFilters(level="city"),
    SearchFilters(year_from=2018, year_to=2022),
    SearchFilters(year_to=2019),
    SearchFilters(kind="science"),
    SearchFilters(bureau="孝感市科技局"),
    SearchFilters(language="zh", section="shortcomings"),
]
QUERIES = ["规范性文件 备案 审查", "普法宣传", "行政执法", "法治 建设 工作", "科研诚信", "存在的问题"]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    folder = tmp_path_factory.mktemp("both")
    out = {kind: open_store(store_uri(kind, folder)) for kind in ("sqlite", "milvus-lite")}
    for st in out.values():
        assert len(ingest([REFS], st, workers=1).added) == 5
    yield out
    for st in out.values():
        st.close()


def _obeys(hit: Any, f: SearchFilters) -> bool:
    return all([
        f.section is None or hit.section == f.section,
        f.topic is None or f.topic in hit.topics,
        f.level is None or hit.level == f.level,
        f.language is None or hit.language == f.language,
        f.kind is None or hit.kind == f.kind,
        f.bureau is None or hit.issuer == f.bureau,
        f.year_from is None or (hit.year or 0) >= f.year_from,
        f.year_to is None or 0 < (hit.year or 0) <= f.year_to,
    ])  # fmt: skip


def test_every_filter_holds_and_the_stores_agree(stores: dict[str, Store]) -> None:
    searchers = {k: Searcher(st) for k, st in stores.items()}
    overlaps = []
    for q in QUERIES:
        for f in FILTERS:
            tops = {}
            for kind, searcher in searchers.items():
                hits = searcher.search(q, 10, f).hits
                assert all(_obeys(h, f) for h in hits), (kind, q, f)
                tops[kind] = {(Path(h.source).name, h.line_start) for h in hits}
            if tops["sqlite"] or tops["milvus-lite"]:
                both = tops["sqlite"] & tops["milvus-lite"]
                overlaps.append(len(both) / max(len(tops["sqlite"]), len(tops["milvus-lite"])))
    assert sum(overlaps) / len(overlaps) >= 0.9, overlaps


def test_one_result_per_report(stores: dict[str, Store]) -> None:
    for st in stores.values():
        hits = Searcher(st).search("法治 建设 工作", 10, per_report=True).hits
        assert len(hits) == 4  # the four Chinese reports (the fifth is in English), one chunk each
        assert len({h.report_id for h in hits}) == 4


def test_unknown_kind_is_refused(stores: dict[str, Store]) -> None:
    with pytest.raises(InputError, match="unknown kind"):
        Searcher(stores["milvus-lite"]).search("执法", 3, SearchFilters(kind="bakery"))


def _fazhi(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {"PATH": "/usr/bin:/bin", "COLUMNS": "200", "FAZHI_LANG": "en", **env}
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True,
                          text=True, timeout=180, env=full)  # fmt: skip


def test_search_json_has_the_same_shape_on_both_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from toolkit.cli import app

    shapes = []
    for kind in ("sqlite", "milvus-lite"):
        monkeypatch.setenv("FAZHI_CORPUS", store_uri(kind, tmp_path))
        added = CliRunner().invoke(app, ["ingest", str(seed("001")), str(seed("003"))])
        assert added.exit_code == 0 and "added 2" in added.output, added.output
        done = CliRunner().invoke(app, ["search", "专利执法", "--kind", "science", "-f", "json"])
        assert done.exit_code == 0, done.output
        hits = json.loads(done.stdout)
        assert hits and all(h["kind"] == "science" for h in hits)
        shapes.append({k: type(v).__name__ for k, v in hits[0].items()})
        assert "专利执法" in hits[0]["text"]
    assert shapes[0] == shapes[1]


def test_a_lite_store_open_elsewhere_is_one_line(stores: dict[str, Store], tmp_path: Path) -> None:
    env = {"FAZHI_HOME": str(tmp_path), "FAZHI_CORPUS": stores["milvus-lite"].uri}
    done = _fazhi("corpus", env=env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "another process" in done.stderr, done.stderr


def test_migrate_both_ways_resumes_and_copies_nothing_twice(
    stores: dict[str, Store], tmp_path: Path
) -> None:
    source = stores["sqlite"]
    lite = open_store(f"milvus-lite:{tmp_path / 'm.db'}")
    seen: list[int] = []

    def stop_after_two(done: int, total: int) -> None:
        seen.append(done)
        if done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        migrate(source, lite, batch=2, progress=stop_after_two)
    assert lite.counts()["reports"] == 2
    again = migrate(source, lite, batch=2)
    assert (again.copied, again.skipped) == (3, 2)
    assert lite.counts() == source.counts()
    back = open_store(f"sqlite:{tmp_path / 'back.sqlite'}")
    assert migrate(lite, back).copied == 5 and migrate(lite, back).copied == 0
    assert back.counts() == source.counts()
    first = [Searcher(s).search("规范性文件 备案", 3).hits[0].text for s in (source, lite, back)]
    assert first[0] == first[1] == first[2]


def test_an_interrupted_ingest_leaves_nothing_half_written(tmp_path: Path) -> None:
    st = open_store(f"milvus-lite:{tmp_path / 'c.db'}")
    real_insert = st.client.insert  # type: ignore[attr-defined]
    calls = {"chunks": 0}

    def failing_insert(name: str, rows: list[dict[str, Any]], **kw: Any) -> Any:
        if name.endswith("_chunks"):
            calls["chunks"] += 1
            real_insert(name, rows[: len(rows) // 2], **kw)  # half the chunks reach Milvus
            raise KeyboardInterrupt
        return real_insert(name, rows, **kw)

    st.client.insert = failing_insert  # type: ignore[attr-defined]
    with pytest.raises(KeyboardInterrupt):
        ingest([seed("001"), seed("003")], st, workers=1)
    st.client.insert = real_insert  # type: ignore[attr-defined]
    assert calls["chunks"] == 1
    assert st.counts()["reports"] == 0
    assert Searcher(st).search("专利执法", 5).hits == []  # half-written chunks are not found
    st.close()
    st = open_store(f"milvus-lite:{tmp_path / 'c.db'}")  # as a new run would
    result = ingest([seed("001"), seed("003")], st, workers=1)
    assert len(result.added) == 2
    chunks = st.frame("chunks")
    assert len(chunks) == st.counts()["chunks"] == len(set(chunks["id"]))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAZHI_LANG", "zh")
    with pytest.raises(InputError) as err:
        open_store(f"milvus://127.0.0.1:{_free_port()}")
    assert "连不上" in str(err.value) and "\n" not in str(err.value)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, str]]:
    """A Milvus-protocol server on loopback (Milvus Lite's) that wants a token."""
    from concurrent import futures

    import grpc
    from milvus_lite.adapter.grpc.servicer import MilvusServicer
    from milvus_lite.db import MilvusLite
    from pymilvus.grpc_gen import milvus_pb2_grpc

    token = "root:right-secret"
    expected = base64.b64encode(token.encode()).decode()

    class Auth(grpc.ServerInterceptor):
        def intercept_service(self, continuation: Any, details: Any) -> Any:
            if dict(details.invocation_metadata).get("authorization") == expected:
                return continuation(details)

            def deny(request: Any, context: Any) -> None:
                context.abort(grpc.StatusCode.UNAUTHENTICATED, "auth check failure")

            return grpc.unary_unary_rpc_method_handler(deny)

    db = MilvusLite(str(tmp_path / "server-data"))
    srv = grpc.server(futures.ThreadPoolExecutor(max_workers=4), interceptors=[Auth()])
    milvus_pb2_grpc.add_MilvusServiceServicer_to_server(MilvusServicer(db), srv)
    port = srv.add_insecure_port("127.0.0.1:0")
    srv.start()
    yield port, token
    srv.stop(grace=1)
    db.close()


def test_a_server_with_the_right_token_and_the_wrong_one(
    server: tuple[int, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, token = server
    monkeypatch.setenv(TOKEN_ENV, token)
    with open_store(f"milvus://127.0.0.1:{port}") as st:
        ingest([seed("002")], st, workers=1)
        st.flush()
        assert Searcher(st).search("科技成果转化", 1, SearchFilters(kind="science")).hits
    monkeypatch.setenv(TOKEN_ENV, "root:wrong-secret")
    with pytest.raises(InputError) as err:
        open_store(f"milvus://127.0.0.1:{port}")
    message = str(err.value)
    assert "refused the token" in message and "secret" not in message and "\n" not in message


def test_a_collection_with_another_schema_is_refused(tmp_path: Path) -> None:
    from pymilvus import DataType, MilvusClient

    path = tmp_path / "other.db"
    client = MilvusClient(str(path))
    schema = client.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("vec", DataType.FLOAT_VECTOR, dim=4)
    index = client.prepare_index_params()
    index.add_index(field_name="vec", index_type="AUTOINDEX", metric_type="L2")
    client.create_collection("fazhi_chunks", schema=schema, index_params=index)
    client.close()
    with pytest.raises(InputError, match="another schema") as err:
        open_store(f"milvus-lite:{path}")
    assert "?collection=" in str(err.value) and "\n" not in str(err.value)
    with open_store(f"milvus-lite:{path}?collection=reports2") as st:  # another prefix works
        assert st.counts()["reports"] == 0


def test_store_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAZHI_CORPUS", raising=False)
    assert parse_store_uri(None).location.endswith("corpus.sqlite")
    monkeypatch.setenv("FAZHI_CORPUS", f"milvus-lite:{tmp_path}/c.db")
    assert parse_store_uri(None).kind == "milvus-lite"
    assert parse_store_uri("milvus://db.example:19530?collection=nation").uri == (
        "milvus://db.example:19530?collection=nation"
    )
    assert parse_store_uri(str(tmp_path / "x.sqlite")).kind == "sqlite"
    for bad in ("milvus-lite:c.sqlite", "milvus://nohost", "redis://h:1", "sqlite:"):
        with pytest.raises(ConfigError):
            parse_store_uri(bad)
