"""BM25 over Swedish-stemmed tokens, and the tokenizer the answer composer shares with it."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(STOPWORDS_SWEDISH) | {"vad", "hur", "vilka", "vilken", "vilket", "finns"}


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


def tokenize(text: str) -> list[str]:
    """Lower-cased, Swedish-stemmed content words (stopwords and 1-letter words dropped)."""
    words = [w for w in WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]
    return list(_stemmer().stemWords(words))


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    score: float


class LexicalIndex:
    """An in-memory BM25 index, rebuilt from the catalogue when the chunks change."""

    def __init__(self, chunk_ids: Sequence[str], texts: Sequence[str]) -> None:
        self.chunk_ids = list(chunk_ids)
        self.bm25: bm25s.BM25 | None = None
        corpus = [tokenize(text) for text in texts]
        self.document_frequency = Counter(token for tokens in corpus for token in set(tokens))
        if self.chunk_ids:
            self.bm25 = bm25s.BM25()
            # bm25s cannot index an empty token list; a placeholder keeps positions aligned.
            self.bm25.index([tokens or ["\u2205"] for tokens in corpus], show_progress=False)

    def idf(self, token: str) -> float:
        """Inverse document frequency; a word unseen in the corpus weighs like a rare one."""
        n = len(self.chunk_ids)
        return math.log((n + 1) / (self.document_frequency.get(token, 0) + 0.5))

    def search(self, query: str, k: int) -> list[LexicalHit]:
        tokens = tokenize(query)
        if self.bm25 is None or not tokens:
            return []
        vocab = self.bm25.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known:
            return []
        scores = np.asarray(self.bm25.get_scores(known))
        order = np.argsort(-scores)[:k]
        return [LexicalHit(self.chunk_ids[i], float(scores[i])) for i in order if scores[i] > 0]
