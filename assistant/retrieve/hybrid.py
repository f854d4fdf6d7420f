"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings fused, then scoped.

Scope rule: general material is always visible; a chunk tied to a huvudman is visible only in a
conversation scoped to that huvudman.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.index.embeddings import Embedder
from assistant.index.lexical import LexicalIndex
from assistant.index.vectorstore import VectorStore
from assistant.types import Chunk


class FusionSettings(Protocol):
    """The settings search reads (`Settings` has them): how many passages, how rankings fuse."""

    @property
    def top_k(self) -> int: ...
    @property
    def dense_weight(self) -> float: ...
    @property
    def lexical_weight(self) -> float: ...
    @property
    def rrf_k(self) -> int: ...


class ChunkLookup(Protocol):
    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]: ...


class SearchIndex(Protocol):
    """What search needs of an index (`Index` is one): both rankings, the model that embeds
    the question, and the passages behind the ids."""

    @property
    def settings(self) -> FusionSettings: ...
    @property
    def embedder(self) -> Embedder: ...
    @property
    def vectors(self) -> VectorStore: ...
    @property
    def lexical(self) -> LexicalIndex: ...
    @property
    def catalog(self) -> ChunkLookup: ...


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float  # fused score, only meaningful for ordering
    dense: float  # cosine similarity to the question (0 when the dense search missed it)
    lexical: float  # BM25 score (0 when the lexical search missed it)


def fuse_rankings(
    rankings: Sequence[Sequence[str]], weights: Sequence[float], k: int = 60
) -> dict[str, float]:
    """Weighted reciprocal-rank fusion: sum of weight / (k + rank) over the rankings."""
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused


def visible(chunk: Chunk, huvudman_id: str | None) -> bool:
    return chunk.huvudman_id is None or chunk.huvudman_id == huvudman_id


def search(
    index: SearchIndex,
    question: str,
    *,
    huvudman_id: str | None = None,
    k: int | None = None,
    query_vector: np.ndarray | None = None,
    exclude_doc_types: frozenset[str] = frozenset(),
) -> list[ScoredChunk]:
    """The best `k` visible chunks for `question`, best first."""
    settings = index.settings
    k = k or settings.top_k
    pool = max(4 * k, 24)  # search wider than k so scoping and fusion have room
    if query_vector is None:
        query_vector = index.embedder.embed_query(question)
    dense_hits = index.vectors.search(query_vector, pool)
    lexical_hits = index.lexical.search(question, pool)
    dense: Mapping[str, float] = {h.chunk_id: h.score for h in dense_hits}
    lexical: Mapping[str, float] = {h.chunk_id: h.score for h in lexical_hits}
    fused = fuse_rankings(
        [[h.chunk_id for h in dense_hits], [h.chunk_id for h in lexical_hits]],
        [settings.dense_weight, settings.lexical_weight],
        settings.rrf_k,
    )
    ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))
    chunks = index.catalog.chunks_by_id(ranked)
    results = [
        ScoredChunk(chunks[cid], fused[cid], dense.get(cid, 0.0), lexical.get(cid, 0.0))
        for cid in ranked
        if cid in chunks
        and visible(chunks[cid], huvudman_id)
        and chunks[cid].doc_type not in exclude_doc_types
    ]
    return results[:k]
