"""Search the corpus: BM25 with filters, optionally fused with dense embeddings (RRF)."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ..display import render_html
from ..errors import InputError
from ..i18n import _
from ..outline import default_outline
from .index import LANGUAGES, LEVELS, BM25Index, get_index
from .segment import tokenizer
from .store import CorpusStore

if TYPE_CHECKING:
    import pandas as pd

    from .embeddings import Embedder

RRF_K = 60


@dataclass(frozen=True)
class SearchFilters:
    """Restrict a search; every field is optional."""

    section: str | None = None
    topic: str | None = None
    level: Literal["province", "city", "county", "district"] | None = None
    year_from: int | None = None
    year_to: int | None = None
    language: Literal["zh", "en"] | None = None

    def validate(self) -> None:
        spec = default_outline()
        sections = [s.id for s in spec.sections] + ["opening", "unknown"]
        if self.section is not None and self.section not in sections:
            raise InputError(
                _("unknown section {value}; use one of: {known}").format(
                    value=repr(self.section), known=", ".join(sections)
                )
            )
        if self.topic is not None and self.topic not in spec.topic_ids():
            raise InputError(
                _("unknown topic {value}; use one of: {known}").format(
                    value=repr(self.topic), known=", ".join(spec.topic_ids())
                )
            )
        if self.level is not None and self.level not in LEVELS:
            raise InputError(
                _("unknown level {value}; use one of: {known}").format(
                    value=repr(self.level), known=", ".join(LEVELS)
                )
            )
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise InputError(
                _("--year-from {first} is after --year-to {last}").format(
                    first=self.year_from, last=self.year_to
                )
            )


@dataclass
class SearchHit:
    """One retrieved chunk with where it came from."""

    chunk_id: int
    score: float
    text: str
    masked: str
    section: str
    topics: list[str]
    heading_path: str
    source: str
    issuer: str | None
    level: str | None
    year: int | None
    language: str | None
    line_start: int
    line_end: int
    report_id: int
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [asdict(h) for h in self.hits]

    def to_dataframe(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.to_dicts())

    def __len__(self) -> int:
        return len(self.hits)

    def _repr_html_(self) -> str:
        return render_html("search_results", self)


class Searcher:
    """Queries one store; the BM25 index is loaded once per store generation."""

    def __init__(self, store: CorpusStore, embedder: Embedder | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self._index: BM25Index | None = None
        self._gen = -1
        self._tokenize = tokenizer(store.tokenizer)
        self._lock = threading.RLock()  # one SQLite connection, shared by drafting threads

    @property
    def index(self) -> BM25Index:
        gen = self.store.generation
        if self._index is None or gen != self._gen:
            self._index = get_index(self.store, default_outline().topic_ids())
            self._gen = gen
        return self._index

    def _mask(self, idx: BM25Index, f: SearchFilters) -> np.ndarray | None:
        conds = []
        if f.section is not None:
            conds.append(
                idx.section == (idx.sections.index(f.section) if f.section in idx.sections else -1)
            )
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

    def bm25(
        self, query: str, k: int, filters: SearchFilters, distinct: bool = False
    ) -> list[tuple[int, float, int]]:
        """(row in index, score, copies) of the best `k` chunks; with `distinct`, chunks
        whose text equals a better one's are folded into its `copies`."""
        idx = self.index
        ids, weights = self._term_ids(query)
        if not ids or idx.n_docs == 0:
            return []
        scores = idx.scores(ids, weights)
        mask = self._mask(idx, filters)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        positive = len(candidates)
        cand_scores = scores[candidates]
        pool = min(positive, k if not distinct else max(4 * k, 64))
        while pool > 0:
            top = candidates[np.argpartition(-cand_scores, pool - 1)[:pool]]
            top = top[np.argsort(-scores[top], kind="stable")]
            if not distinct:
                return [(int(r), float(scores[r]), 1) for r in top[:k]]
            _, first, counts = np.unique(idx.text_hash[top], return_index=True, return_counts=True)
            order = np.argsort(first)
            if len(first) >= k or pool == positive:
                return [
                    (int(top[first[j]]), float(scores[top[first[j]]]), int(counts[j]))
                    for j in order[:k]
                ]
            pool = min(positive, pool * 4)
        return []

    def search(
        self, query: str, k: int = 5, filters: SearchFilters | None = None, distinct: bool = True
    ) -> SearchResults:
        """The `k` chunks that best match `query` under `filters`.

        With `distinct` (the default), a passage that several reports share word for word
        is returned once, with the number of reports sharing it in `scores["copies"]`."""
        with self._lock:
            return self._search(query, k, filters, distinct)

    def _search(
        self, query: str, k: int, filters: SearchFilters | None, distinct: bool
    ) -> SearchResults:
        filters = filters or SearchFilters()
        filters.validate()
        if k < 1:
            raise InputError(_("-k must be at least 1"))
        idx = self.index
        if self.embedder is None:
            lexical = self.bm25(query, k, filters, distinct)
            ranked = [
                (int(idx.chunk_id[r]), s, {"bm25": s, "copies": float(c)}) for r, s, c in lexical
            ]
        else:
            lexical = self.bm25(query, max(k, 50), filters, distinct)
            ranked = self._fuse(query, [(r, s) for r, s, _ in lexical], max(k, 50), filters)[:k]
        rows = self.store.chunk_rows([cid for cid, _, _ in ranked])
        hits = []
        for cid, score, parts in ranked:
            r = rows.get(cid)
            if r is None:
                continue
            hits.append(
                SearchHit(
                    chunk_id=cid, score=round(score, 6), text=str(r["text"]), masked=str(r["masked"]),
                    section=str(r["section"]), topics=list(r["topics"]),  # type: ignore[arg-type]
                    heading_path=str(r["heading_path"]), source=str(r["source"]),
                    issuer=r["issuer"], level=r["level"], year=r["year"], language=r["language"],  # type: ignore[arg-type]
                    line_start=int(r["line_start"]), line_end=int(r["line_end"]),  # type: ignore[arg-type]
                    report_id=int(r["report_id"]), scores=parts,  # type: ignore[arg-type]
                )
            )  # fmt: skip
        return SearchResults(query=query, hits=hits)

    def _fuse(
        self, query: str, lexical: list[tuple[int, float]], pool: int, filters: SearchFilters
    ) -> list[tuple[int, float, dict[str, float]]]:
        """Reciprocal rank fusion of BM25 and embedding ranks."""
        assert self.embedder is not None
        idx = self.index
        allowed = self._mask(idx, filters)
        allowed_ids = None if allowed is None else set(idx.chunk_id[allowed].tolist())
        dense = self.embedder.rank(self.store, query, pool, allowed_ids)
        fused: dict[int, dict[str, float]] = {}
        for rank, (r, s) in enumerate(lexical):
            cid = int(idx.chunk_id[r])
            fused.setdefault(cid, {})["bm25"] = s
            fused[cid]["rrf"] = fused[cid].get("rrf", 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, (cid, sim) in enumerate(dense):
            fused.setdefault(cid, {})["dense"] = sim
            fused[cid]["rrf"] = fused[cid].get("rrf", 0.0) + 1.0 / (RRF_K + rank + 1)
        order = sorted(fused.items(), key=lambda kv: -kv[1]["rrf"])
        return [(cid, parts["rrf"], parts) for cid, parts in order]


def search(
    query: str,
    k: int = 5,
    store: CorpusStore | None = None,
    embedder: Embedder | None = None,
    **filters: Any,
) -> SearchResults:
    """One-shot search of the default store (or `store`)."""
    own = store is None
    store = store or CorpusStore()
    try:
        return Searcher(store, embedder).search(query, k, SearchFilters(**filters))
    finally:
        if own:
            store.close()
