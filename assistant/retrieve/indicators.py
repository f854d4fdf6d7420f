"""Which indicator a question is about: the packet indicators ranked by meaning and by words."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from assistant.index.store import Index

# Weight of shared (idf-weighted) words against cosine similarity; words decide between
# indicators whose descriptions the model finds almost equally close.
LEXICAL_WEIGHT = 0.02


@dataclass(frozen=True)
class IndicatorMatch:
    indikator_id: str
    score: float
    dense: float
    overlap: float


def rank_indicators(
    index: Index, question: str, query_vector: np.ndarray, allowed: Collection[str]
) -> list[IndicatorMatch]:
    """The `allowed` indicators, best match first."""
    passages = index.indicator_passages()
    lexical = index.lexical
    wanted = lexical.terms(question)
    matches = []
    for chunk, vector in passages:
        indikator_id = chunk.chunk_id.split(":")[1]
        if indikator_id not in allowed:
            continue
        dense = float(vector @ query_vector)
        shared = wanted & lexical.terms(chunk.title)
        overlap = sum(lexical.idf(token) for token in shared)
        matches.append(
            IndicatorMatch(indikator_id, dense + LEXICAL_WEIGHT * overlap, dense, overlap)
        )
    return sorted(matches, key=lambda m: (-m.score, m.indikator_id))
