"""The corpus store: one SQLite file with reports, sections and chunks (and their terms
for the BM25 index, and optional embeddings). Adding a report is one transaction; the
same content twice changes nothing (SHA-256); a report can be removed. The default store;
`milvus.MilvusStore` follows the same `records.Store` protocol."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError
from ..i18n import _
from ..paths import fazhi_home
from .chunking import Chunk
from .kinds import department_kind
from .records import ReportRecord, SectionRow
from .segment import Tokenizer, tokenizer

if TYPE_CHECKING:
    import pandas as pd

    from ..parse.report import ParsedReport

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT, issuer TEXT, level TEXT, year INTEGER, language TEXT,
    translation INTEGER NOT NULL DEFAULT 0, genre TEXT,
    chars INTEGER NOT NULL, added_at REAL NOT NULL, kind TEXT
);
CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, section TEXT, heading TEXT NOT NULL, level INTEGER NOT NULL,
    number INTEGER, line INTEGER NOT NULL, topics TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, section TEXT NOT NULL, topics TEXT NOT NULL, heading_path TEXT NOT NULL,
    line_start INTEGER NOT NULL, line_end INTEGER NOT NULL, tokens INTEGER NOT NULL,
    text TEXT NOT NULL, masked TEXT NOT NULL,
    terms BLOB NOT NULL, n_terms INTEGER NOT NULL, doc_len INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS vocab (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS embeddings (
    chunk_id INTEGER NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
    model TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (chunk_id, model)
);
CREATE INDEX IF NOT EXISTS chunks_report ON chunks(report_id);
CREATE INDEX IF NOT EXISTS sections_report ON sections(report_id);
"""


def default_store_path() -> Path:
    return fazhi_home() / "corpus.sqlite"


@dataclass
class PreparedReport:
    """Everything needed to add one report, computed away from the database."""

    sha256: str
    source: str
    report: ParsedReport
    chunks: list[Chunk]
    terms: list[list[str]]
    translation: bool = False
    genre: str | None = None

    def record(self) -> ReportRecord:
        r = self.report
        sections = [SectionRow(i, n.id, n.heading, n.level, n.number, n.line, list(n.topics))
                    for i, n in enumerate(r.sections)]  # fmt: skip
        return ReportRecord(
            sha256=self.sha256, source=self.source, title=r.title, issuer=r.issuer,
            level=r.level, year=r.year, language=r.language, chars=len(r.text),
            kind=department_kind(r.issuer), sections=sections, chunks=self.chunks,
            translation=self.translation, genre=self.genre, added_at=time.time(), terms=self.terms,
        )  # fmt: skip


def pack_terms(ids: np.ndarray) -> tuple[bytes, int]:
    """Term ids of one chunk → (unique ids as int32 followed by counts as uint16, n unique)."""
    uniq, counts = np.unique(ids, return_counts=True)
    return uniq.astype(np.int32).tobytes() + np.minimum(counts, 65535).astype(
        np.uint16
    ).tobytes(), len(uniq)


def unpack_terms(blob: bytes, n: int) -> tuple[np.ndarray, np.ndarray]:
    ids = np.frombuffer(blob, dtype=np.int32, count=n)
    tf = np.frombuffer(blob, dtype=np.uint16, count=n, offset=4 * n)
    return ids, tf


class CorpusStore:
    """An SQLite corpus store; safe to share between processes (SQLite locking, WAL)."""

    fork_safe = True

    def __init__(self, path: str | Path | None = None, tokenizer: Tokenizer | None = None) -> None:
        self.path = Path(path) if path else default_store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = sqlite3.connect(
                self.path, timeout=60, isolation_level=None, check_same_thread=False
            )
            self.con.execute("PRAGMA journal_mode=WAL")
            self.con.execute("PRAGMA foreign_keys=ON")
            self.con.execute("PRAGMA synchronous=NORMAL")
            self.con.executescript(SCHEMA)
            self._upgrade()
        except sqlite3.DatabaseError as exc:
            raise InputError(
                _("{path}: not a usable corpus store ({why})").format(
                    path=self.path, why=f"{type(exc).__name__}: {exc}"
                )
            ) from None
        stored = self.get_meta("tokenizer")
        if stored is None:
            self.set_meta("tokenizer", tokenizer or "jieba")
            self.set_meta("schema_version", str(SCHEMA_VERSION))
            self.set_meta("generation", "0")
        elif tokenizer is not None and tokenizer != stored:
            raise InputError(
                _("{path}: this store was indexed with the {stored} tokenizer; use it, or build "
                  "a new store for {wanted}").format(
                    path=self.path, stored=repr(stored), wanted=repr(tokenizer))
            )  # fmt: skip
        self.tokenizer: Tokenizer = self.get_meta("tokenizer")  # type: ignore[assignment]
        self._vocab: dict[str, int] | None = None
        self.uri = f"sqlite:{self.path}"

    def _upgrade(self) -> None:
        """A store from before the `kind` column gets it, filled from the issuers."""
        columns = {r[1] for r in self.con.execute("PRAGMA table_info(reports)")}
        if "kind" not in columns:
            self.con.execute("ALTER TABLE reports ADD COLUMN kind TEXT")
            rows = self.con.execute("SELECT id, issuer FROM reports").fetchall()
            self.con.executemany("UPDATE reports SET kind=? WHERE id=?",
                                 [(department_kind(iss), rid) for rid, iss in rows])  # fmt: skip

    # -- small helpers -------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        return int(self.get_meta("generation") or 0)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    def _bump(self) -> None:
        self.con.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'"
        )

    # -- reports -------------------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        return (
            self.con.execute("SELECT 1 FROM reports WHERE sha256=?", (sha256,)).fetchone()
            is not None
        )

    def _term_ids(self, terms: Iterable[str]) -> dict[str, int]:
        if self._vocab is None:
            self._vocab = dict(self.con.execute("SELECT term, id FROM vocab"))
        vocab = self._vocab
        new = sorted({t for t in terms if t not in vocab})
        if new:
            self.con.executemany(
                "INSERT OR IGNORE INTO vocab(term) VALUES (?)", ((t,) for t in new)
            )
            marks = ",".join("?" * len(new))
            for i in range(0, len(new), 900):
                part = new[i : i + 900]
                marks = ",".join("?" * len(part))
                vocab.update(
                    self.con.execute(f"SELECT term, id FROM vocab WHERE term IN ({marks})", part)
                )
        return vocab

    def known(self, shas: Iterable[str]) -> set[str]:
        """Which of these SHA-256 hashes are stored."""
        shas = list(shas)
        out: set[str] = set()
        for i in range(0, len(shas), 900):
            part = shas[i : i + 900]
            marks = ",".join("?" * len(part))
            out.update(r[0] for r in self.con.execute(f"SELECT sha256 FROM reports WHERE sha256 IN ({marks})", part))
        return out

    def add(self, items: Iterable[PreparedReport | ReportRecord]) -> list[int]:
        """Add reports in one transaction; ones already stored (same SHA-256) are skipped."""
        added: list[int] = []
        tok = tokenizer(self.tokenizer)
        with self.transaction() as con:
            self._vocab = None  # another process may have added terms
            for item in items:
                p = item.record() if isinstance(item, PreparedReport) else item
                if self.has(p.sha256):
                    continue
                cur = con.execute(
                    "INSERT INTO reports(sha256, source, title, issuer, level, year, language,"
                    " translation, genre, chars, added_at, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (p.sha256, p.source, p.title, p.issuer, p.level, p.year, p.language,
                     int(p.translation), p.genre, p.chars, p.added_at or time.time(), p.kind),
                )  # fmt: skip
                rid = int(cur.lastrowid or 0)
                con.executemany(
                    "INSERT INTO sections(report_id, ord, section, heading, level, number, line, topics)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    [(rid, n.ord, n.section, n.heading, n.level, n.number, n.line, " ".join(n.topics))
                     for n in p.sections],
                )  # fmt: skip
                terms_list = p.terms if p.terms is not None else [tok(c.text) for c in p.chunks]
                vocab = self._term_ids(t for terms in terms_list for t in terms)
                rows = []
                for c, terms in zip(p.chunks, terms_list, strict=True):
                    blob, n = pack_terms(
                        np.fromiter((vocab[t] for t in terms), dtype=np.int32, count=len(terms))
                    )
                    rows.append((rid, c.ord, c.section, " ".join(c.topics), c.heading_path, c.line_start,
                                 c.line_end, c.tokens, c.text, c.masked, blob, n, len(terms)))  # fmt: skip
                con.executemany(
                    "INSERT INTO chunks(report_id, ord, section, topics, heading_path, line_start, line_end,"
                    " tokens, text, masked, terms, n_terms, doc_len) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )
                added.append(rid)
            if added:
                self._bump()
        return added

    def remove(self, report_id: int) -> bool:
        """Remove a report with its sections, chunks and embeddings."""
        with self.transaction() as con:
            gone = con.execute("DELETE FROM reports WHERE id=?", (report_id,)).rowcount > 0
            if gone:
                self._bump()
        return gone

    def find(self, key: str) -> list[int]:
        """Report ids whose source path ends with `key`, or whose SHA-256 starts with it."""
        rows = self.con.execute(
            "SELECT id FROM reports WHERE source = ? OR source LIKE ? OR sha256 LIKE ?",
            (key, f"%/{key}", f"{key}%"),
        ).fetchall()
        return [r[0] for r in rows]

    # -- reading -------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        q = "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM sections), (SELECT COUNT(*) FROM chunks)"
        reports, sections, chunks = self.con.execute(q).fetchone()
        return {"reports": reports, "sections": sections, "chunks": chunks}

    def frame(self, table: str) -> pd.DataFrame:
        """A table as a DataFrame: reports, sections or chunks (without term blobs)."""
        import pandas as pd

        columns = {
            "reports": "*",
            "sections": "*",
            "chunks": "id, report_id, ord, section, topics, heading_path, line_start, line_end, tokens, text, masked",
        }
        if table not in columns:
            raise InputError(
                _("unknown table {value}; choose reports, sections or chunks").format(
                    value=repr(table)
                )
            )
        return pd.read_sql_query(f"SELECT {columns[table]} FROM {table}", self.con)

    def chunk_rows(self, ids: list[int]) -> dict[int, dict[str, object]]:
        """Chunks with their report's metadata, by chunk id."""
        if not ids:
            return {}
        out: dict[int, dict[str, object]] = {}
        for i in range(0, len(ids), 900):
            part = ids[i : i + 900]
            marks = ",".join("?" * len(part))
            cur = self.con.execute(
                "SELECT c.id, c.report_id, c.section, c.topics, c.heading_path, c.line_start, c.line_end,"
                " c.text, c.masked, r.source, r.title, r.issuer, r.level, r.year, r.language, r.kind"
                f" FROM chunks c JOIN reports r ON r.id = c.report_id WHERE c.id IN ({marks})",
                part,
            )
            names = [d[0] for d in cur.description]
            for row in cur:
                rec = dict(zip(names, row, strict=True))
                rec["topics"] = str(rec["topics"]).split()
                out[int(row[0])] = rec
        return out

    def summary(self) -> dict[str, object]:
        per = self.con.execute(
            "SELECT r.year, r.level, COUNT(DISTINCT r.id), COUNT(DISTINCT s.id),"
            " (SELECT COUNT(*) FROM chunks c JOIN reports r2 ON r2.id=c.report_id"
            "  WHERE r2.year IS r.year AND r2.level IS r.level)"
            " FROM reports r LEFT JOIN sections s ON s.report_id = r.id GROUP BY r.year, r.level ORDER BY r.year, r.level"
        ).fetchall()
        return {
            "store": self.uri,
            "tokenizer": self.tokenizer,
            **self.counts(),
            "by_year_level": [
                {"year": y, "level": lv, "reports": n, "sections": s, "chunks": c}
                for y, lv, n, s, c in per
            ],
        }

    # -- migration and embeddings (the `records.Store` protocol) ---------------------------
    def records(self, batch: int = 64) -> Iterator[list[ReportRecord]]:
        """Every report with its sections and chunks, in batches, oldest first."""
        names = ("id, sha256, source, title, issuer, level, year, language, translation, genre,"
                 " chars, added_at, kind")  # fmt: skip
        last = 0
        while True:
            reports = self.con.execute(
                f"SELECT {names} FROM reports WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            ).fetchall()
            if not reports:
                return
            out = []
            for rid, sha, src, title, iss, lv, yr, lang, tr, genre, chars, at, kind in reports:
                sections = [
                    SectionRow(o, sec, h, lvl, num, line, topics.split())
                    for o, sec, h, lvl, num, line, topics in self.con.execute(
                        "SELECT ord, section, heading, level, number, line, topics FROM sections"
                        " WHERE report_id=? ORDER BY ord", (rid,))
                ]  # fmt: skip
                chunks = [
                    Chunk(ord=o, section=sec, heading_path=hp, topics=tp.split(), text=t, masked=m,
                          tokens=tk, line_start=ls, line_end=le)
                    for o, sec, tp, hp, ls, le, tk, t, m in self.con.execute(
                        "SELECT ord, section, topics, heading_path, line_start, line_end, tokens, text,"
                        " masked FROM chunks WHERE report_id=? ORDER BY ord", (rid,))
                ]  # fmt: skip
                out.append(ReportRecord(sha, src, title, iss, lv, yr, lang, chars,
                                        kind or department_kind(iss), sections, chunks,
                                        bool(tr), genre, at))  # fmt: skip
            last = reports[-1][0]
            yield out

    def unembedded(self, model: str) -> list[tuple[int, str]]:
        """(chunk id, text) of the chunks with no vector for `model` yet."""
        return self.con.execute(
            "SELECT id, text FROM chunks WHERE id NOT IN (SELECT chunk_id FROM embeddings WHERE model=?)"
            " ORDER BY id",
            (model,),
        ).fetchall()

    def put_embeddings(self, model: str, ids: list[int], vectors: np.ndarray) -> None:
        with self.transaction() as con:
            con.executemany(
                "INSERT OR REPLACE INTO embeddings(chunk_id, model, vector) VALUES (?,?,?)",
                [(cid, model, v.tobytes()) for cid, v in zip(ids, vectors, strict=True)],
            )

    def flush(self) -> None:
        """Nothing to do: every `add` is a committed transaction."""
