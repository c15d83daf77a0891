"""BM25 over the store's chunks, in numpy: a term → postings (CSC) matrix of term counts,
built from the term ids the store keeps (no re-tokenizing) and cached on disk per store
generation, so a query after a change rebuilds once and later queries load it mapped."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..outline import default_outline
from .records import Candidate
from .records import text_hash as text_hash_of
from .segment import tokenizer
from .store import CorpusStore, unpack_terms

if TYPE_CHECKING:
    from .embeddings import Embedder
    from .search import SearchFilters

# Okapi BM25 as Robertson and Spärck Jones define it (and rank_bm25 implements it):
# idf = log((N - df + 0.5) / (df + 0.5)), floored at EPSILON × the mean idf so that words in
# more than half the chunks still count a little, not negatively.
K1 = 1.5
B = 0.75
EPSILON = 0.25
LEVELS = ["province", "city", "county", "district"]
LANGUAGES = ["zh", "en"]
_ARRAYS = ("indptr", "postings", "tf", "doc_len", "chunk_id", "report_id", "year", "level",
           "language", "section", "topics", "text_hash", "kind", "bureau")  # fmt: skip


@dataclass
class BM25Index:
    """Column-compressed term counts plus per-chunk metadata for filtering."""

    indptr: np.ndarray  # int64, one entry per term id + 1
    postings: np.ndarray  # int32 chunk row numbers, grouped by term
    tf: np.ndarray  # uint16 term counts, parallel to postings
    doc_len: np.ndarray  # float32 terms per chunk
    chunk_id: np.ndarray  # int64
    report_id: np.ndarray  # int64
    year: np.ndarray  # int16 (0 = unknown)
    level: np.ndarray  # int8 index into LEVELS (-1 unknown)
    language: np.ndarray  # int8 index into LANGUAGES
    section: np.ndarray  # int16 index into sections list
    topics: np.ndarray  # uint64 bit mask over topic ids
    text_hash: np.ndarray  # int64 hash of the chunk text: equal texts, equal hashes
    kind: np.ndarray  # int16 index into kinds (kind of department)
    bureau: np.ndarray  # int32 index into bureaus (issuer names)
    sections: list[str]
    topic_ids: list[str]
    kinds: list[str]
    bureaus: list[str]

    @property
    def n_docs(self) -> int:
        return len(self.chunk_id)

    @cached_property
    def idf_floor(self) -> float:
        df = np.diff(self.indptr)
        df = df[df > 0].astype(np.float64)
        if len(df) == 0:
            return 0.0
        idf = np.log((self.n_docs - df + 0.5) / (df + 0.5))
        return EPSILON * float(idf.mean())

    @cached_property
    def tf_part(self) -> np.ndarray:
        """The term-frequency part of BM25 for every posting, computed once per index."""
        if len(self.postings) == 0:
            return np.empty(0, dtype=np.float32)
        avgdl = float(self.doc_len.mean()) or 1.0
        tf = self.tf.astype(np.float32)
        norm = K1 * (1.0 - B + B * self.doc_len[self.postings] / avgdl)
        return (tf * (K1 + 1.0) / (tf + norm)).astype(np.float32)

    def scores(self, term_ids: list[int], weights: list[float] | None = None) -> np.ndarray:
        """BM25 score of every chunk for the query terms."""
        n = self.n_docs
        if n == 0:
            return np.zeros(0, dtype=np.float32)
        weights = weights or [1.0] * len(term_ids)
        rows, parts = [], []
        for tid, qw in zip(term_ids, weights, strict=True):
            if tid < 0 or tid + 1 >= len(self.indptr):
                continue
            lo, hi = int(self.indptr[tid]), int(self.indptr[tid + 1])
            if lo == hi:
                continue
            df = hi - lo
            idf = max(float(np.log((n - df + 0.5) / (df + 0.5))), self.idf_floor)
            rows.append(self.postings[lo:hi])
            parts.append(self.tf_part[lo:hi] * np.float32(qw * idf))
        if not rows:
            return np.zeros(n, dtype=np.float32)
        return np.bincount(np.concatenate(rows), weights=np.concatenate(parts), minlength=n).astype(
            np.float32
        )


def _topic_mask(topics: str, topic_ids: list[str]) -> int:
    mask = 0
    for t in topics.split():
        if t in topic_ids:
            mask |= 1 << topic_ids.index(t)
    return mask


def build_index(store: CorpusStore, topic_ids: list[str]) -> BM25Index:
    """Read every chunk's term ids and metadata and assemble the index."""
    rows = store.con.execute(
        "SELECT c.id, c.report_id, c.section, c.topics, c.terms, c.n_terms, c.doc_len,"
        " COALESCE(r.year, 0), r.level, r.language, c.text, COALESCE(r.kind, 'unknown'),"
        " COALESCE(r.issuer, '') FROM chunks c JOIN reports r ON r.id = c.report_id"
        " ORDER BY c.id"
    ).fetchall()
    n = len(rows)
    sections: list[str] = []
    chunk_id = np.empty(n, dtype=np.int64)
    report_id = np.empty(n, dtype=np.int64)
    year = np.empty(n, dtype=np.int16)
    level = np.empty(n, dtype=np.int8)
    language = np.empty(n, dtype=np.int8)
    section = np.empty(n, dtype=np.int16)
    topics = np.empty(n, dtype=np.uint64)
    text_hash = np.empty(n, dtype=np.int64)
    kind = np.empty(n, dtype=np.int16)
    bureau = np.empty(n, dtype=np.int32)
    kinds: dict[str, int] = {}
    bureaus: dict[str, int] = {}
    doc_len = np.empty(n, dtype=np.float32)
    id_parts: list[np.ndarray] = []
    tf_parts: list[np.ndarray] = []
    lengths = np.empty(n, dtype=np.int64)
    for i, (cid, rid, sec, tps, blob, n_terms, dl, yr, lv, lang, text, kd, iss) in enumerate(rows):
        chunk_id[i], report_id[i], year[i], doc_len[i] = cid, rid, yr, dl
        text_hash[i] = text_hash_of(text)
        kind[i] = kinds.setdefault(kd, len(kinds))
        bureau[i] = bureaus.setdefault(iss, len(bureaus))
        level[i] = LEVELS.index(lv) if lv in LEVELS else -1
        language[i] = LANGUAGES.index(lang) if lang in LANGUAGES else -1
        if sec not in sections:
            sections.append(sec)
        section[i] = sections.index(sec)
        topics[i] = _topic_mask(tps, topic_ids)
        ids, tf = unpack_terms(blob, n_terms)
        id_parts.append(ids)
        tf_parts.append(tf)
        lengths[i] = n_terms
    del rows
    all_ids = np.concatenate(id_parts) if id_parts else np.empty(0, dtype=np.int32)
    all_tf = np.concatenate(tf_parts) if tf_parts else np.empty(0, dtype=np.uint16)
    del id_parts, tf_parts
    doc_rows = np.repeat(np.arange(n, dtype=np.int32), lengths)
    order = np.argsort(all_ids, kind="stable")
    postings = doc_rows[order]
    tf_sorted = all_tf[order]
    sorted_ids = all_ids[order]
    del order, doc_rows, all_tf
    vocab_size = int(all_ids.max()) + 1 if len(all_ids) else 0
    indptr = np.zeros(vocab_size + 1, dtype=np.int64)
    np.cumsum(np.bincount(sorted_ids, minlength=vocab_size), out=indptr[1:])
    return BM25Index(indptr, postings, tf_sorted, doc_len, chunk_id, report_id, year, level, language,
                     section, topics, text_hash, kind, bureau, sections, topic_ids, list(kinds),
                     list(bureaus))  # fmt: skip


def _cache_dir(store: CorpusStore) -> Path:
    return store.path.with_name(store.path.name + ".index")


def save_index(index: BM25Index, directory: Path) -> None:
    """Write the arrays (atomically: a temporary folder renamed into place)."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=directory.parent))
    for name in (*_ARRAYS, "tf_part"):
        np.save(tmp / f"{name}.npy", getattr(index, name))
    labels = (index.sections, index.topic_ids, index.kinds, index.bureaus)
    (tmp / "labels.txt").write_text("\n".join("\t".join(x) for x in labels), encoding="utf-8")
    try:
        os.replace(tmp, directory)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another process saved the same generation


def load_index(directory: Path) -> BM25Index:
    arrays = {name: np.load(directory / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    lines = (directory / "labels.txt").read_text(encoding="utf-8").split("\n")
    if len(lines) != 4:
        raise ValueError("an index cached by an older version")
    sections, topic_ids, kinds, bureaus = (line.split("\t") if line else [] for line in lines)
    index = BM25Index(**arrays, sections=sections, topic_ids=topic_ids, kinds=kinds, bureaus=bureaus)
    if (directory / "tf_part.npy").exists():
        index.__dict__["tf_part"] = np.load(directory / "tf_part.npy", mmap_mode="r")
    return index


def get_index(store: CorpusStore, topic_ids: list[str]) -> BM25Index:
    """The index for the store's current generation: loaded from cache, or built and cached."""
    base = _cache_dir(store)
    gen = store.generation
    directory = base / f"gen-{gen}"
    if (directory / "labels.txt").exists():
        try:
            return load_index(directory)
        except (OSError, ValueError):
            shutil.rmtree(directory, ignore_errors=True)
    index = build_index(store, topic_ids)
    save_index(index, directory)
    for old in base.glob("gen-*"):
        if old.name != directory.name:
            shutil.rmtree(old, ignore_errors=True)
    return index


class SqliteEngine:
    """BM25 in numpy over the SQLite store's index (loaded once per store generation)."""

    def __init__(self, store: CorpusStore) -> None:
        self.store = store
        self._index: BM25Index | None = None
        self._gen = -1
        self._tokenize = tokenizer(store.tokenizer)

    @property
    def index(self) -> BM25Index:
        gen = self.store.generation
        if self._index is None or gen != self._gen:
            self._index = get_index(self.store, default_outline().topic_ids())
            self._gen = gen
        return self._index

    def mask(self, idx: BM25Index, f: SearchFilters) -> np.ndarray | None:
        conds = []
        if f.section is not None:
            conds.append(idx.section == _code(idx.sections, f.section))
        if f.topic is not None:
            bit = (
                np.uint64(1 << idx.topic_ids.index(f.topic))
                if f.topic in idx.topic_ids
                else np.uint64(0)
            )
            conds.append((idx.topics & bit) != 0)
        if f.level is not None:
            conds.append(idx.level == LEVELS.index(f.level))
        if f.language is not None:
            conds.append(idx.language == LANGUAGES.index(f.language))
        if f.year_from is not None:
            conds.append(idx.year >= f.year_from)
        if f.year_to is not None:
            conds.append((idx.year <= f.year_to) & (idx.year > 0))
        if f.kind is not None:
            conds.append(idx.kind == _code(idx.kinds, f.kind))
        if f.bureau is not None:
            conds.append(idx.bureau == _code(idx.bureaus, f.bureau))
        if not conds:
            return None
        mask = conds[0]
        for c in conds[1:]:
            mask = mask & c
        return mask

    def _term_ids(self, query: str) -> tuple[list[int], list[float]]:
        counts = Counter(self._tokenize(query))
        if not counts:
            return [], []
        terms = list(counts)
        marks = ",".join("?" * len(terms))
        found = dict(
            self.store.con.execute(f"SELECT term, id FROM vocab WHERE term IN ({marks})", terms)
        )
        ids = [found[t] for t in terms if t in found]
        return ids, [float(counts[t]) for t in terms if t in found]

    def lexical(self, query: str, n: int, filters: SearchFilters) -> tuple[list[Candidate], bool]:
        idx = self.index
        ids, weights = self._term_ids(query)
        if not ids or idx.n_docs == 0:
            return [], True
        scores = idx.scores(ids, weights)
        mask = self.mask(idx, filters)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        pool = min(len(candidates), n)
        if pool == 0:
            return [], True
        top = candidates[np.argpartition(-scores[candidates], pool - 1)[:pool]]
        top = top[np.argsort(-scores[top], kind="stable")]
        out = [Candidate(int(idx.chunk_id[r]), float(scores[r]), int(idx.text_hash[r]),
                         int(idx.report_id[r])) for r in top]  # fmt: skip
        return out, pool == len(candidates)

    def dense(
        self, embedder: Embedder, query: str, n: int, filters: SearchFilters
    ) -> list[tuple[int, float]]:
        idx = self.index
        allowed = self.mask(idx, filters)
        allowed_ids = None if allowed is None else set(idx.chunk_id[allowed].tolist())
        return embedder.rank(self.store, query, n, allowed_ids)


def _code(labels: list[str], value: str) -> int:
    return labels.index(value) if value in labels else -1
