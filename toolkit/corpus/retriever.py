"""LangChain adapter: the corpus as a `BaseRetriever`, so it plugs into chains."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .search import Searcher, SearchFilters


class CorpusRetriever(BaseRetriever):
    """Retrieves chunks as Documents; `masked=True` returns the masked phrasing."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Searcher
    k: int = 5
    filters: SearchFilters = SearchFilters()
    masked: bool = False

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        results = self.searcher.search(query, self.k, self.filters)
        docs = []
        for h in results.hits:
            docs.append(
                Document(
                    page_content=h.masked if self.masked else h.text,
                    metadata={
                        "chunk_id": h.chunk_id,
                        "score": h.score,
                        "section": h.section,
                        "topics": h.topics,
                        "heading_path": h.heading_path,
                        "source": h.source,
                        "issuer": h.issuer,
                        "level": h.level,
                        "year": h.year,
                        "lines": [h.line_start, h.line_end],
                    },
                    id=str(h.chunk_id),
                )
            )
        return docs
