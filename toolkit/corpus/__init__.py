"""The reference corpus: store, chunking, masking, ingest and retrieval."""

from .chunking import Chunk, chunk_report
from .ingest import IngestResult, ingest
from .masking import Masker, mask_text
from .search import Searcher, SearchFilters, SearchHit, SearchResults, search
from .store import CorpusStore, default_store_path

__all__ = [
    "Chunk",
    "CorpusStore",
    "IngestResult",
    "Masker",
    "SearchFilters",
    "SearchHit",
    "SearchResults",
    "Searcher",
    "chunk_report",
    "default_store_path",
    "ingest",
    "mask_text",
    "search",
]
