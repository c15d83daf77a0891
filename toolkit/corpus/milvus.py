"""The corpus in Milvus (a 2.5+ server, or Milvus Lite in-process): the same store protocol
as the SQLite store, with BM25 computed by Milvus (jieba analyzer, BM25 function) and the
filters as Milvus expressions. Milvus has no transactions, so a report is written in three
steps: its row marked pending, its chunks (ids derived from its SHA-256), its row marked
done. Only done reports count, are found and are
searched; a later `add` clears what a stopped run left pending."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError
from ..i18n import _
from .chunking import Chunk
from .milvus_schema import (
    CHUNK_FIELDS,
    DENSE_FIELDS,
    REPORT_FIELDS,
    check_schema,
    connect,
    create_chunks,
    create_dense,
    create_reports,
    dense_name,
    expression,
    milvus_errors,
)  # fmt: skip
from .records import Candidate, ReportRecord, SectionRow, text_hash
from .store import PreparedReport

if TYPE_CHECKING:
    import pandas as pd

    from .embeddings import Embedder
    from .search import SearchFilters
    from .segment import Tokenizer
    from .uri import StoreTarget

BATCH_ROWS = 1000  # rows per insert call
MAX_TOPK = 16384  # Milvus' limit on one search
REPORT_OUT = ["id", "sha256", "source", "title", "issuer", "level", "year", "language",
              "translation", "genre", "chars", "added_at", "kind", "n_chunks", "sections"]  # fmt: skip
CHUNK_OUT = ["id", "report_id", "ord", "section", "topics", "heading_path", "line_start",
             "line_end", "tokens", "text", "masked", "level", "year", "language", "bureau", "kind"]  # fmt: skip


def report_id(sha256: str) -> int:
    return int(sha256[:15], 16)


def chunk_id(sha256: str, ord_: int) -> int:
    digest = hashlib.blake2b(f"{sha256}:{ord_}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def _str(value: object) -> str:
    return "" if value is None else str(value)


class MilvusStore:
    """Reports and chunks in two Milvus collections named `<prefix>_reports`, `<prefix>_chunks`."""

    fork_safe = False  # gRPC channels do not survive fork(): ingest uses spawned workers

    def __init__(
        self, target: StoreTarget, token: str | None = None, tokenizer: Tokenizer | None = None
    ) -> None:
        if tokenizer not in (None, "jieba"):
            raise InputError(
                _("a Milvus store segments with jieba; --tokenizer bigram is for SQLite stores")
            )
        self.target = target
        self.uri = target.uri
        self.path = target.uri  # what messages show as the store
        self.tokenizer: Tokenizer = "jieba"
        self.generation = 0
        self.client = connect(target, token)
        self.reports = f"{target.collection}_reports"
        self.chunks = f"{target.collection}_chunks"
        with milvus_errors(target):
            for name, fields, create in ((self.reports, REPORT_FIELDS, create_reports),
                                         (self.chunks, CHUNK_FIELDS, create_chunks)):  # fmt: skip
                if self.client.has_collection(name):
                    check_schema(self.client, target, name, fields)
                else:
                    create(self.client, name)
                self.client.load_collection(name)  # a reopened collection starts released
        self._recovered = False

    # -- plumbing --------------------------------------------------------------------------
    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> MilvusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(
        self, name: str, expr: str, fields: list[str], limit: int | None = None
    ) -> list[dict]:
        with milvus_errors(self.target):
            if limit is not None:
                return list(self.client.query(name, filter=expr, output_fields=fields, limit=limit))
            out: list[dict] = []
            it = self.client.query_iterator(
                name, batch_size=1000, filter=expr, output_fields=fields
            )
            while batch := it.next():
                out.extend(batch)
            it.close()
            return out

    def flush(self) -> None:
        """Seal what was written (Milvus Lite keeps BM25 statistics per sealed segment)."""
        with milvus_errors(self.target):
            self.client.flush(self.chunks)
            self.client.flush(self.reports)

    # -- reports ---------------------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        return bool(self.known([sha256]))

    def known(self, shas: Iterable[str]) -> set[str]:
        shas = list(shas)
        out: set[str] = set()
        for i in range(0, len(shas), 1000):
            ids = [report_id(s) for s in shas[i : i + 1000]]
            rows = self._query(
                self.reports, f'id in {ids} and state == "done"', ["sha256"], len(ids)
            )
            out.update(r["sha256"] for r in rows)
        return out

    def _recover(self) -> None:
        """Remove the chunks and rows of reports a stopped run left pending."""
        if self._recovered:
            return
        pending = [r["id"] for r in self._query(self.reports, 'state == "pending"', ["id"])]
        with milvus_errors(self.target):
            for i in range(0, len(pending), 1000):
                part = pending[i : i + 1000]
                self.client.delete(self.chunks, filter=f"report_id in {part}")
                for name in self._dense_collections():
                    self.client.delete(name, filter=f"report_id in {part}")
                self.client.delete(self.reports, filter=f"id in {part}")
        self._recovered = True

    def _report_row(self, r: ReportRecord, state: str) -> dict[str, Any]:
        return {
            "id": report_id(r.sha256), "sha256": r.sha256, "source": r.source, "title": _str(r.title),
            "issuer": _str(r.issuer), "level": _str(r.level), "year": r.year or 0,
            "language": _str(r.language), "translation": bool(r.translation), "genre": _str(r.genre),
            "chars": r.chars, "added_at": r.added_at or time.time(), "kind": r.kind,
            "n_chunks": len(r.chunks), "state": state, "pad": [0.0, 0.0],
            "sections": [vars(s) for s in r.sections],
        }  # fmt: skip

    def _chunk_rows(self, r: ReportRecord) -> list[dict[str, Any]]:
        rid = report_id(r.sha256)
        return [{
            "id": chunk_id(r.sha256, c.ord), "report_id": rid, "ord": c.ord, "text": c.text,
            "masked": c.masked, "heading_path": c.heading_path, "line_start": c.line_start,
            "line_end": c.line_end, "tokens": c.tokens, "section": c.section, "topics": list(c.topics),
            "level": _str(r.level), "year": r.year or 0, "language": _str(r.language),
            "bureau": _str(r.issuer), "kind": r.kind, "text_hash": text_hash(c.text),
        } for c in r.chunks]  # fmt: skip

    def add(self, items: Iterable[PreparedReport | ReportRecord]) -> list[int]:
        """Add reports not yet stored (by SHA-256); see the module docstring for the steps."""
        records: dict[str, ReportRecord] = {}
        for item in items:
            rec = item.record() if isinstance(item, PreparedReport) else item
            records.setdefault(rec.sha256, rec)
        for sha in self.known(records):
            del records[sha]
        if not records:
            return []
        self._recover()
        todo = list(records.values())
        try:
            with milvus_errors(self.target):
                self.client.upsert(self.reports, [self._report_row(r, "pending") for r in todo])
                rows = [row for r in todo for row in self._chunk_rows(r)]
                for i in range(0, len(rows), BATCH_ROWS):  # new ids (pending ones were cleared)
                    self.client.insert(self.chunks, rows[i : i + BATCH_ROWS])
                self.client.upsert(self.reports, [self._report_row(r, "done") for r in todo])
        except BaseException:
            self._recovered = False  # the next add clears what this one left
            raise
        return [report_id(r.sha256) for r in todo]

    def remove(self, report_id_: int) -> bool:
        if not self._query(self.reports, f"id == {int(report_id_)}", ["id"], 1):
            return False
        with milvus_errors(self.target):
            self.client.upsert(self.reports, [{**self._stored(report_id_), "state": "pending"}])
            self.client.delete(self.chunks, filter=f"report_id == {int(report_id_)}")
            for name in self._dense_collections():
                self.client.delete(name, filter=f"report_id == {int(report_id_)}")
            self.client.delete(self.reports, filter=f"id == {int(report_id_)}")
        return True

    def _stored(self, rid: int) -> dict[str, Any]:
        row = self._query(self.reports, f"id == {int(rid)}", [*REPORT_OUT, "state"], 1)[0]
        return {**row, "pad": [0.0, 0.0]}

    def find(self, key: str) -> list[int]:
        q = key.replace("\\", "\\\\").replace('"', '\\"')
        expr = f'state == "done" and (source == "{q}" or source like "%/{q}" or sha256 like "{q}%")'
        return [int(r["id"]) for r in self._query(self.reports, expr, ["id"])]

    # -- reading ---------------------------------------------------------------------------
    def _done(self, fields: list[str]) -> list[dict]:
        return self._query(self.reports, 'state == "done"', fields)

    def counts(self) -> dict[str, int]:
        rows = self._done(["n_chunks", "sections"])
        return {"reports": len(rows), "sections": sum(len(r["sections"] or []) for r in rows),
                "chunks": sum(int(r["n_chunks"]) for r in rows)}  # fmt: skip

    def summary(self) -> dict[str, object]:
        per: dict[tuple[Any, Any], list[int]] = {}
        for r in self._done(["year", "level", "n_chunks", "sections"]):
            key = (r["year"] or None, r["level"] or None)
            acc = per.setdefault(key, [0, 0, 0])
            acc[0] += 1
            acc[1] += len(r["sections"] or [])
            acc[2] += int(r["n_chunks"])
        rows = [{"year": y, "level": lv, "reports": n, "sections": s, "chunks": c}
                for (y, lv), (n, s, c) in sorted(per.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1] or ""))]  # fmt: skip
        totals = [sum(r[k] for r in rows) for k in ("reports", "sections", "chunks")]  # type: ignore[misc]
        return {"store": self.uri, "tokenizer": self.tokenizer, "reports": totals[0],
                "sections": totals[1], "chunks": totals[2], "by_year_level": rows}  # fmt: skip

    def frame(self, table: str) -> pd.DataFrame:
        import pandas as pd

        if table == "reports":
            rows = self._done([f for f in REPORT_OUT if f != "sections"])
            return (
                pd.DataFrame(rows).rename(columns={}) if rows else pd.DataFrame(columns=REPORT_OUT)
            )
        if table == "sections":
            rows = [
                {"report_id": r["id"], **s}
                for r in self._done(["id", "sections"])
                for s in r["sections"]
            ]
            return pd.DataFrame(rows)
        if table == "chunks":
            ids = {r["id"] for r in self._done(["id"])}
            rows = [
                r for r in self._query(self.chunks, "id >= 0", CHUNK_OUT) if r["report_id"] in ids
            ]
            return pd.DataFrame(rows)
        raise InputError(f"unknown table {table!r}; choose reports, sections or chunks")

    def chunk_rows(self, ids: list[int]) -> dict[int, dict[str, object]]:
        """Chunks with their report's metadata, by chunk id (chunks of done reports only)."""
        if not ids:
            return {}
        chunks = self._query(self.chunks, f"id in {list(ids)}", CHUNK_OUT, len(ids))
        rids = sorted({int(c["report_id"]) for c in chunks})
        reports = {int(r["id"]): r for r in self._query(
            self.reports, f'id in {rids} and state == "done"', ["id", "source", "title", "issuer"], len(rids))}  # fmt: skip
        out: dict[int, dict[str, object]] = {}
        for c in chunks:
            r = reports.get(int(c["report_id"]))
            if r is None:
                continue
            out[int(c["id"])] = {**c, "topics": list(c["topics"]), "source": r["source"],
                                 "title": r["title"] or None, "issuer": r["issuer"] or None,
                                 "level": c["level"] or None, "year": c["year"] or None,
                                 "language": c["language"] or None}  # fmt: skip
        return out

    def records(self, batch: int = 64) -> Iterator[list[ReportRecord]]:
        reports = sorted(self._done(REPORT_OUT), key=lambda r: (r["added_at"], r["id"]))
        for i in range(0, len(reports), batch):
            part = reports[i : i + batch]
            chunks: dict[int, list[Chunk]] = {}
            rows = self._query(self.chunks, f"report_id in {[r['id'] for r in part]}", CHUNK_OUT)
            for c in sorted(rows, key=lambda c: c["ord"]):
                chunks.setdefault(int(c["report_id"]), []).append(Chunk(
                    ord=c["ord"], section=c["section"], heading_path=c["heading_path"],
                    topics=list(c["topics"]), text=c["text"], masked=c["masked"], tokens=c["tokens"],
                    line_start=c["line_start"], line_end=c["line_end"]))  # fmt: skip
            yield [ReportRecord(
                r["sha256"], r["source"], r["title"] or None, r["issuer"] or None, r["level"] or None,
                r["year"] or None, r["language"] or None, r["chars"], r["kind"],
                [SectionRow(**s) for s in r["sections"]], chunks.get(int(r["id"]), []),
                bool(r["translation"]), r["genre"] or None, r["added_at"],
            ) for r in part]  # fmt: skip

    # -- search and embeddings -------------------------------------------------------------
    def engine(self) -> MilvusEngine:
        return MilvusEngine(self)

    def _dense_collections(self) -> list[str]:
        prefix = f"{self.target.collection}_dense_"
        return [n for n in self.client.list_collections() if n.startswith(prefix)]

    def unembedded(self, model: str) -> list[tuple[int, str]]:
        name = dense_name(self.target.collection, model)
        have = set()
        if self.client.has_collection(name):
            self.client.load_collection(name)
            have = {int(r["id"]) for r in self._query(name, "id >= 0", ["id"])}
        done = {r["id"] for r in self._done(["id"])}
        rows = self._query(self.chunks, "id >= 0", ["id", "text", "report_id"])
        return sorted((int(r["id"]), r["text"]) for r in rows
                      if int(r["id"]) not in have and r["report_id"] in done)  # fmt: skip

    def put_embeddings(self, model: str, ids: list[int], vectors: np.ndarray) -> None:
        name = dense_name(self.target.collection, model)
        with milvus_errors(self.target):
            if not self.client.has_collection(name):
                create_dense(self.client, name, int(vectors.shape[1]))
            check_schema(self.client, self.target, name, DENSE_FIELDS)
            self.client.load_collection(name)
            meta = {int(r["id"]): r for r in self._query(
                self.chunks, f"id in {list(ids)}", ["id", *DENSE_FIELDS.keys() - {"id", "vector"}], len(ids))}  # fmt: skip
            rows = [
                {**meta[cid], "vector": v.tolist()} for cid, v in zip(ids, vectors, strict=True)
            ]
            self.client.upsert(name, rows)


class MilvusEngine:
    """BM25 and dense search done by Milvus, with the filters as an expression."""

    def __init__(self, store: MilvusStore) -> None:
        self.store = store

    def lexical(self, query: str, n: int, filters: SearchFilters) -> tuple[list[Candidate], bool]:
        limit = min(n, MAX_TOPK)
        with milvus_errors(self.store.target):
            res = self.store.client.search(
                self.store.chunks, data=[query], anns_field="sparse", limit=limit,
                filter=expression(filters), output_fields=["report_id", "text_hash"],
                search_params={"metric_type": "BM25"},
            )[0]  # fmt: skip
        # Milvus Lite returns BM25 scores negated; a server returns them as they are.
        out = [Candidate(int(h["id"]), abs(float(h["distance"])), int(h["entity"]["text_hash"]),
                         int(h["entity"]["report_id"])) for h in res]  # fmt: skip
        out.sort(key=lambda c: -c.score)
        return out, len(out) < limit or limit == MAX_TOPK

    def dense(
        self, embedder: Embedder, query: str, n: int, filters: SearchFilters
    ) -> list[tuple[int, float]]:
        name = dense_name(self.store.target.collection, embedder.model)
        if not self.store.client.has_collection(name):
            return []
        vector = embedder.embed([query])[0]
        with milvus_errors(self.store.target):
            self.store.client.load_collection(name)
            res = self.store.client.search(
                name, data=[vector.tolist()], anns_field="vector", limit=min(n, MAX_TOPK),
                filter=expression(filters), output_fields=["id"], search_params={"metric_type": "IP"},
            )[0]  # fmt: skip
        return [(int(h["id"]), float(h["distance"])) for h in res]
