"""Search the corpus: BM25 with filters, optionally fused with dense embeddings (RRF)."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..display import render_html
from ..errors import InputError
from ..i18n import _
from ..outline import default_outline
from .index import LEVELS, BM25Index, SqliteEngine
from .kinds import kind_ids
from .records import Candidate, Engine, Store
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
    bureau: str | None = None  # the issuer's name, exactly as parsed
    kind: str | None = None  # kind of department: justice, science, government… (see kinds.py)

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
        if self.kind is not None and self.kind not in kind_ids():
            raise InputError(
                _("unknown kind {kind}; use one of: {kinds}").format(
                    kind=self.kind, kinds=", ".join(kind_ids())
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
    kind: str | None = None
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
    """Queries one store (SQLite or Milvus): the store's engine ranks, this folds equal
    passages and reports, fuses with dense ranks (RRF) and fetches the hits' rows."""

    def __init__(self, store: Store, embedder: Embedder | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.engine: Engine = (
            SqliteEngine(store) if isinstance(store, CorpusStore) else store.engine()
        )
        self._lock = threading.RLock()  # one connection, shared by drafting threads

    @property
    def index(self) -> BM25Index:
        """The SQLite store's BM25 index (for callers that inspect it)."""
        return self.engine.index  # type: ignore[attr-defined]

    def lexical(
        self, query: str, k: int, filters: SearchFilters, distinct: bool = False,
        per_report: bool = False,
    ) -> list[tuple[Candidate, int]]:
        """The best `k` chunks with how many copies each stands for: with `distinct`, chunks
        whose text equals a better one's are folded into it; with `per_report`, only the best
        chunk of each report is kept."""  # fmt: skip
        folding = distinct or per_report
        pool = max(4 * k, 64) if folding else k
        while True:
            cands, exhausted = self.engine.lexical(query, pool, filters)
            folded = _fold(cands, distinct, per_report) if folding else [(c, 1) for c in cands]
            if len(folded) >= k or exhausted or len(cands) < pool:
                return folded[:k]
            pool *= 4

    def search(
        self, query: str, k: int = 5, filters: SearchFilters | None = None, distinct: bool = True,
        per_report: bool = False,
    ) -> SearchResults:
        """The `k` chunks that best match `query` under `filters`.

        With `distinct` (the default), a passage that several reports share word for word
        is returned once, with the number of reports sharing it in `scores["copies"]`; with
        `per_report`, one chunk (the best) per report."""  # fmt: skip
        with self._lock:
            return self._search(query, k, filters or SearchFilters(), distinct, per_report)

    def _search(
        self, query: str, k: int, filters: SearchFilters, distinct: bool, per_report: bool
    ) -> SearchResults:
        filters.validate()
        if k < 1:
            raise InputError(_("-k must be at least 1"))
        if self.embedder is None:
            ranked = [(c.chunk_id, c.score, {"bm25": c.score, "copies": float(n)})
                      for c, n in self.lexical(query, k, filters, distinct, per_report)]  # fmt: skip
        else:
            pool = max(k, 50)
            lexical = self.lexical(query, pool, filters, distinct, per_report)
            dense = self.engine.dense(self.embedder, query, pool, filters)
            ranked = _rrf([(c.chunk_id, c.score) for c, _ in lexical], dense)
            if per_report:
                ranked = self._one_per_report(ranked)
            ranked = ranked[:k]
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
                    report_id=int(r["report_id"]), kind=r.get("kind"), scores=parts,  # type: ignore[arg-type]
                )
            )  # fmt: skip
        return SearchResults(query=query, hits=hits)

    def _one_per_report(
        self, ranked: list[tuple[int, float, dict[str, float]]]
    ) -> list[tuple[int, float, dict[str, float]]]:
        rows = self.store.chunk_rows([cid for cid, _, _ in ranked])
        seen: set[object] = set()
        out = []
        for item in ranked:
            rid = rows[item[0]]["report_id"] if item[0] in rows else None
            if rid is not None and rid not in seen:
                seen.add(rid)
                out.append(item)
        return out


def _fold(
    cands: list[Candidate], distinct: bool, per_report: bool
) -> list[tuple[Candidate, int]]:
    """Keep the first chunk of each text (counting its copies) and, with `per_report`, of
    each report; candidates come best first."""
    copies: dict[int, int] = {}
    for c in cands:
        copies[c.text_hash] = copies.get(c.text_hash, 0) + 1
    seen_text: set[int] = set()
    seen_report: set[int] = set()
    out = []
    for c in cands:
        if distinct and c.text_hash in seen_text:
            continue
        if per_report and c.report_id in seen_report:
            continue
        seen_text.add(c.text_hash)
        seen_report.add(c.report_id)
        out.append((c, copies[c.text_hash] if distinct else 1))
    return out


def _rrf(
    lexical: list[tuple[int, float]], dense: list[tuple[int, float]]
) -> list[tuple[int, float, dict[str, float]]]:
    """Reciprocal rank fusion of BM25 and embedding ranks."""
    fused: dict[int, dict[str, float]] = {}
    for rank, (cid, s) in enumerate(lexical):
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
    store: Store | None = None,
    embedder: Embedder | None = None,
    **filters: Any,
) -> SearchResults:
    """One-shot search of the default store (or `store`)."""
    own = store is None
    if store is None:
        from .uri import open_store

        store = open_store()
    try:
        return Searcher(store, embedder).search(query, k, SearchFilters(**filters))
    finally:
        if own:
            store.close()
