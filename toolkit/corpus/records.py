"""What every corpus store takes and gives: a report as a flat record (what ingest and
migration write), a retrieval candidate, and the `Store` protocol the SQLite store and
the Milvus store both follow, so ingest, search, the retriever and the CLI work on either."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    import pandas as pd

    from .chunking import Chunk
    from .embeddings import Embedder
    from .search import SearchFilters
    from .segment import Tokenizer

Progress = Callable[[int, int], None]


def text_hash(text: str) -> int:
    """A signed 64-bit hash of a chunk's text: equal texts, equal hashes (for `distinct`)."""
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True
    )


@dataclass
class SectionRow:
    """A heading of a stored report (what `frame("sections")` lists)."""

    ord: int
    section: str | None
    heading: str
    level: int
    number: int | None
    line: int
    topics: list[str]


@dataclass
class ReportRecord:
    """One report as a store keeps it; `terms` are the SQLite store's index words
    (computed in ingest's workers; recomputed when a record comes from another store)."""

    sha256: str
    source: str
    title: str | None
    issuer: str | None
    level: str | None
    year: int | None
    language: str | None
    chars: int
    kind: str
    sections: list[SectionRow]
    chunks: list[Chunk]
    translation: bool = False
    genre: str | None = None
    added_at: float = 0.0
    terms: list[list[str]] | None = field(default=None, repr=False)


class Candidate(NamedTuple):
    """A chunk a store ranked for a query, best first."""

    chunk_id: int
    score: float
    text_hash: int
    report_id: int


class Engine(Protocol):
    """The ranking half of a store: BM25 (with filters) and dense neighbours."""

    def lexical(self, query: str, n: int, filters: SearchFilters) -> tuple[list[Candidate], bool]:
        """The best `n` chunks, and whether there are no more with a positive score."""
        ...

    def dense(
        self, embedder: Embedder, query: str, n: int, filters: SearchFilters
    ) -> list[tuple[int, float]]:
        """(chunk id, cosine similarity) of the `n` nearest embedded chunks."""
        ...


class Store(Protocol):
    """A corpus store: the SQLite file (default) or a Milvus collection pair."""

    uri: str
    tokenizer: Tokenizer
    fork_safe: bool  # ingest may fork worker processes while it is open

    def close(self) -> None: ...
    def __enter__(self) -> Any: ...
    def __exit__(self, *exc: object) -> None: ...
    def has(self, sha256: str) -> bool: ...
    def known(self, shas: Iterable[str]) -> set[str]: ...
    def add(self, items: Iterable[Any]) -> list[int]: ...
    def remove(self, report_id: int) -> bool: ...
    def find(self, key: str) -> list[int]: ...
    def counts(self) -> dict[str, int]: ...
    def summary(self) -> dict[str, object]: ...
    def frame(self, table: str) -> pd.DataFrame: ...
    def chunk_rows(self, ids: list[int]) -> dict[int, dict[str, object]]: ...
    def records(self, batch: int = 64) -> Iterator[list[ReportRecord]]: ...
    def engine(self) -> Engine: ...  # the SQLite store's is index.SqliteEngine
    def unembedded(self, model: str) -> list[tuple[int, str]]: ...
    def put_embeddings(self, model: str, ids: list[int], vectors: Any) -> None: ...
    def flush(self) -> None: ...
