"""The hybrid retriever as a LangChain `BaseRetriever`, for use in LangChain pipelines."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.index.store import Index
from assistant.retrieve.hybrid import search


class DialogstodRetriever(BaseRetriever):
    """Scoped hybrid search; each `Document` carries the chunk's citation metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Any  # an `Index`; typed loosely because pydantic cannot validate it
    huvudman_id: str | None = None
    k: int = 6

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        index: Index = self.index
        return [
            Document(
                page_content=hit.chunk.text,
                id=hit.chunk.chunk_id,
                metadata={
                    "chunk_id": hit.chunk.chunk_id,
                    "source": hit.chunk.source,
                    "title": hit.chunk.title,
                    "locator": hit.chunk.locator,
                    "doc_type": hit.chunk.doc_type,
                    "huvudman_id": hit.chunk.huvudman_id,
                    "score": hit.score,
                    "dense_score": hit.dense,
                },
            )
            for hit in search(index, query, huvudman_id=self.huvudman_id, k=self.k)
        ]
