"""The Milvus side of the corpus: connecting (with one-line errors for an unreachable
server, a refused token, a missing extra), the collections' schemas and the filter
expressions. Three collections per prefix: `<p>_reports` (one row per report; Milvus needs
a vector field in every collection, so a 2-dimension zero `pad`), `<p>_chunks` (text with a
jieba analyzer, a BM25 function into a sparse field, the filter fields, `kind` as partition
key, `topics` as an array) and `<p>_dense_<model>` per embedding model."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..errors import BackendError, ConfigError, InputError
from ..i18n import _
from .segment import STOP_WORDS

if TYPE_CHECKING:
    from .search import SearchFilters
    from .uri import StoreTarget

PUNCTUATION = list("，。、；：？！“”‘’（）《》〈〉【】〔〕—…·,.;:?!\"'()[]<>-/%％+=*&#@~`|\\{}_　 ")
ANALYZER = {
    "tokenizer": {"type": "jieba", "mode": "exact"},
    "filter": ["lowercase", {"type": "stop", "stop_words": sorted(STOP_WORDS) + PUNCTUATION}],
}
PARTITIONS = 64  # partition-key buckets; `kind` has about twenty values
TOPICS_CAP = 64
# Field name -> type name; a collection with other fields is another schema.
REPORT_FIELDS = {
    "id": "INT64", "sha256": "VARCHAR", "source": "VARCHAR", "title": "VARCHAR",
    "issuer": "VARCHAR", "level": "VARCHAR", "year": "INT32", "language": "VARCHAR",
    "translation": "BOOL", "genre": "VARCHAR", "chars": "INT64", "added_at": "DOUBLE",
    "kind": "VARCHAR", "n_chunks": "INT32", "state": "VARCHAR", "sections": "JSON",
    "pad": "FLOAT_VECTOR",
}  # fmt: skip
FILTER_FIELDS = {
    "report_id": "INT64", "section": "VARCHAR", "topics": "ARRAY", "level": "VARCHAR",
    "year": "INT32", "language": "VARCHAR", "bureau": "VARCHAR", "kind": "VARCHAR",
    "text_hash": "INT64",
}  # fmt: skip
CHUNK_FIELDS = {
    "id": "INT64", "ord": "INT32", "text": "VARCHAR", "masked": "VARCHAR", "sparse": "SPARSE_FLOAT_VECTOR",
    "heading_path": "VARCHAR", "line_start": "INT32", "line_end": "INT32", "tokens": "INT32",
    **FILTER_FIELDS,
}  # fmt: skip
DENSE_FIELDS = {"id": "INT64", "vector": "FLOAT_VECTOR", **FILTER_FIELDS}


def pymilvus() -> Any:
    """The pymilvus module, or a one-line error naming the extra to install."""
    os.environ.setdefault("GRPC_VERBOSITY", "NONE")  # gRPC's own log lines on stderr
    try:
        import pymilvus as mod
    except ImportError:
        raise ConfigError(
            _("a Milvus corpus store needs the milvus extra: pip install 'fazhi-toolkit[milvus]'")
        ) from None
    logging.getLogger("pymilvus").setLevel(logging.CRITICAL)  # errors are ours to report
    return mod


def _is_auth(exc: BaseException) -> bool:
    """A refused token: Milvus' status 1800, or gRPC's UNAUTHENTICATED under pymilvus' own
    "fail connecting" error."""
    cause = exc.__cause__
    code = getattr(cause, "code", None)
    if callable(code) and getattr(code(), "name", "") in ("UNAUTHENTICATED", "PERMISSION_DENIED"):
        return True
    text = str(exc).lower()
    return getattr(exc, "code", None) == 1800 or "unauthenticated" in text or "auth check" in text


@contextmanager
def milvus_errors(target: StoreTarget) -> Iterator[None]:
    """Milvus failures as one line that names the store (never its token)."""
    mod = pymilvus()
    try:
        yield
    except mod.MilvusException as exc:
        message = str(getattr(exc, "message", "") or exc)
        if _is_auth(exc):
            raise InputError(
                _(
                    "Milvus at {uri} refused the token: set FAZHI_MILVUS_TOKEN to a valid "
                    "user:password or API key"
                ).format(uri=target.uri)
            ) from None
        if getattr(exc, "code", None) == 2 or "fail connecting" in message.lower():
            raise InputError(
                _(
                    "cannot reach Milvus at {uri}: is the server running and the address "
                    "right? (FAZHI_CORPUS)"
                ).format(uri=target.uri)
            ) from None
        raise BackendError(f"Milvus at {target.uri}: {message.splitlines()[0][:200]}") from None


def connect(target: StoreTarget, token: str | None, timeout: float = 10.0) -> Any:
    """A MilvusClient for the target; Milvus Lite creates its folder's parent if needed."""
    mod = pymilvus()
    if target.kind == "milvus-lite":
        from pathlib import Path

        Path(target.location).parent.mkdir(parents=True, exist_ok=True)
        try:
            import milvus_lite  # noqa: F401
        except ImportError:
            raise ConfigError(
                _(
                    "a Milvus corpus store needs the milvus extra: pip install 'fazhi-toolkit[milvus]'"
                )
            ) from None
        logging.getLogger("milvus_lite").setLevel(logging.CRITICAL)  # its tracebacks
        try:
            import jieba  # Lite's analyser; quiet its "Building prefix dict" lines

            jieba.setLogLevel(logging.ERROR)
        except ImportError:
            pass  # Lite names the missing package itself
        try:
            client = mod.MilvusClient(uri=target.location, timeout=timeout)
        except mod.MilvusException:
            raise InputError(
                _(
                    "cannot open the Milvus Lite store {path}: another process has it open "
                    "(Milvus Lite allows one at a time), or it is not a Milvus Lite store"
                ).format(path=target.location)
            ) from None
    with milvus_errors(target):
        if target.kind == "milvus":
            client = mod.MilvusClient(uri=target.location, token=token or "", timeout=timeout)
        client.list_collections()  # a refused token shows here on some servers
    return client


def _fields_of(client: Any, name: str) -> dict[str, str]:
    desc = client.describe_collection(name)
    return {f["name"]: getattr(f["type"], "name", str(f["type"])) for f in desc["fields"]}


def check_schema(client: Any, target: StoreTarget, name: str, expected: dict[str, str]) -> None:
    """Refuse a collection of the same name with another schema, in one line."""
    found = _fields_of(client, name)
    if found != expected:
        missing = sorted(set(expected) - set(found))
        other = sorted(f for f in set(found) & set(expected) if found[f] != expected[f])
        extra = sorted(set(found) - set(expected))
        what = "; ".join(
            f"{label}: {', '.join(v)}"
            for label, v in (("missing", missing), ("other type", other), ("unexpected", extra))
            if v
        )
        raise InputError(
            _(
                "Milvus collection {name} at {uri} has another schema ({what}): give another "
                "prefix with ?collection=NAME, or drop that collection"
            ).format(name=name, uri=target.uri, what=what)
        )


def _filter_fields(schema: Any, dt: Any) -> None:
    schema.add_field("report_id", dt.INT64)
    schema.add_field("section", dt.VARCHAR, max_length=64)
    schema.add_field(
        "topics", dt.ARRAY, element_type=dt.VARCHAR, max_capacity=TOPICS_CAP, max_length=64
    )
    schema.add_field("level", dt.VARCHAR, max_length=16)
    schema.add_field("year", dt.INT32)
    schema.add_field("language", dt.VARCHAR, max_length=8)
    schema.add_field("bureau", dt.VARCHAR, max_length=512)
    schema.add_field("kind", dt.VARCHAR, max_length=32, is_partition_key=True)
    schema.add_field("text_hash", dt.INT64)


def create_reports(client: Any, name: str) -> None:
    dt = pymilvus().DataType
    s = client.create_schema(auto_id=False)
    s.add_field("id", dt.INT64, is_primary=True)
    for f, n in (("sha256", 64), ("source", 4096), ("title", 1024), ("issuer", 512),
                 ("level", 16)):  # fmt: skip
        s.add_field(f, dt.VARCHAR, max_length=n)
    s.add_field("year", dt.INT32)
    s.add_field("language", dt.VARCHAR, max_length=8)
    s.add_field("translation", dt.BOOL)
    s.add_field("genre", dt.VARCHAR, max_length=64)
    s.add_field("chars", dt.INT64)
    s.add_field("added_at", dt.DOUBLE)
    s.add_field("kind", dt.VARCHAR, max_length=32)
    s.add_field("n_chunks", dt.INT32)
    s.add_field("state", dt.VARCHAR, max_length=16)
    s.add_field("sections", dt.JSON)
    s.add_field("pad", dt.FLOAT_VECTOR, dim=2)
    ip = client.prepare_index_params()
    ip.add_index(field_name="pad", index_type="AUTOINDEX", metric_type="L2")
    client.create_collection(name, schema=s, index_params=ip)


def create_chunks(client: Any, name: str) -> None:
    mod = pymilvus()
    dt = mod.DataType
    s = client.create_schema(auto_id=False)
    s.add_field("id", dt.INT64, is_primary=True)
    s.add_field("ord", dt.INT32)
    s.add_field(
        "text", dt.VARCHAR, max_length=65535, enable_analyzer=True, analyzer_params=ANALYZER
    )
    s.add_field("masked", dt.VARCHAR, max_length=65535)
    s.add_field("sparse", dt.SPARSE_FLOAT_VECTOR)
    s.add_field("heading_path", dt.VARCHAR, max_length=4096)
    for f in ("line_start", "line_end", "tokens"):
        s.add_field(f, dt.INT32)
    _filter_fields(s, dt)
    s.add_function(mod.Function(name="text_bm25", function_type=mod.FunctionType.BM25,
                                input_field_names=["text"], output_field_names=["sparse"]))  # fmt: skip
    ip = client.prepare_index_params()
    ip.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
    for f in ("report_id", "text_hash"):
        ip.add_index(field_name=f, index_type="INVERTED")
    client.create_collection(name, schema=s, index_params=ip, num_partitions=PARTITIONS)


def create_dense(client: Any, name: str, dim: int) -> None:
    dt = pymilvus().DataType
    s = client.create_schema(auto_id=False)
    s.add_field("id", dt.INT64, is_primary=True)
    s.add_field("vector", dt.FLOAT_VECTOR, dim=dim)
    _filter_fields(s, dt)
    ip = client.prepare_index_params()
    ip.add_index(field_name="vector", index_type="AUTOINDEX", metric_type="IP")
    client.create_collection(name, schema=s, index_params=ip, num_partitions=PARTITIONS)


def dense_name(prefix: str, model: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", model).strip("_")[:40]
    return f"{prefix}_dense_{slug}_{hashlib.sha1(model.encode()).hexdigest()[:6]}"


def expression(f: SearchFilters) -> str:
    """The filters as a Milvus boolean expression ('' for none)."""
    q = json.dumps
    parts = []
    for name in ("section", "level", "language", "bureau", "kind"):
        value = getattr(f, name)
        if value is not None:
            parts.append(f"{name} == {q(value, ensure_ascii=False)}")
    if f.topic is not None:
        parts.append(f"ARRAY_CONTAINS(topics, {q(f.topic, ensure_ascii=False)})")
    if f.year_from is not None:
        parts.append(f"year >= {int(f.year_from)}")
    if f.year_to is not None:
        parts.append(f"(year <= {int(f.year_to)} and year > 0)")
    return " and ".join(parts)
