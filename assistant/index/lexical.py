"""BM25 over Swedish-stemmed tokens, and the tokenizer the answer composer shares with it."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

WORD = re.compile(r"\w+", re.UNICODE)
MIN_HEAD_CHARS = 5  # shorter tails ("skola" → "la") are chance endings, not compound heads
# The Swedish stemmer cuts a base form and its inflections differently ("kompetens" → "kompet",
# "kompetenser" → "kompetens"; "anställas" → "anställ", "anställning" stays): a stem this long
# that begins another, which runs on by an ending's length, is the same word. Shorter stems begin
# too many unrelated words; a longer run is a compound ("förskol" in "förskollärarexamen"),
# which is about its last part.
MIN_VARIANT_CHARS = 5
MAX_ENDING_CHARS = 4
STOPWORDS = frozenset(STOPWORDS_SWEDISH) | {"vad", "hur", "vilka", "vilken", "vilket", "finns"}


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


def tokenize(text: str) -> list[str]:
    """Lower-cased, Swedish-stemmed content words (stopwords and 1-letter words dropped)."""
    words = [w for w in WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]
    return list(_stemmer().stemWords(words))


def compound_heads(token: str, vocabulary: Collection[str]) -> list[str]:
    """Known words that end `token`: the heads of a Swedish compound.

    "regeringsuppdrag" yields "uppdrag", so a question about "regeringsuppdraget" finds text
    about "uppdraget" and the other way round.
    """
    return [
        token[start:]
        for start in range(2, len(token) - MIN_HEAD_CHARS + 1)
        if token[start:] in vocabulary
    ]


def with_compound_heads(tokens: Iterable[str], vocabulary: Collection[str]) -> list[str]:
    expanded = []
    for token in tokens:
        expanded.append(token)
        expanded.extend(compound_heads(token, vocabulary))
    return expanded


def holds_term(terms: Collection[str], term: str, *, min_head: int = 0) -> bool:
    """Whether `terms` hold `term` itself or as the head of a compound ("lärarlön" holds "lön");
    a head shorter than `min_head` counts only on its own."""
    return term in terms or (len(term) >= min_head and any(t.endswith(term) for t in terms))


def variant_of(term: str, other: str) -> bool:
    """Whether two stems are forms of one word."""
    short, long = sorted((term, other), key=len)
    return (
        len(short) >= MIN_VARIANT_CHARS
        and len(long) - len(short) <= MAX_ENDING_CHARS
        and long.startswith(short)
    )


def shared_terms(wanted: Collection[str], terms: Collection[str]) -> set[str]:
    """The `wanted` terms that `terms` hold, as they stand or in another form of the word."""
    return {t for t in wanted if t in terms or any(variant_of(t, u) for u in terms)}


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    score: float


class LexicalIndex:
    """An in-memory BM25 index, rebuilt from the catalogue when the chunks change."""

    def __init__(self, chunk_ids: Sequence[str], texts: Sequence[str]) -> None:
        self.chunk_ids = list(chunk_ids)
        self.bm25: bm25s.BM25 | None = None
        self._name_terms: dict[str, frozenset[str]] = {}
        plain = [tokenize(text) for text in texts]
        self.vocabulary = frozenset(token for tokens in plain for token in tokens)
        corpus = [with_compound_heads(tokens, self.vocabulary) for tokens in plain]
        self.document_frequency = Counter(token for tokens in corpus for token in set(tokens))
        if self.chunk_ids:
            self.bm25 = bm25s.BM25()
            # bm25s cannot index an empty token list; a placeholder keeps positions aligned.
            self.bm25.index([tokens or ["\u2205"] for tokens in corpus], show_progress=False)

    def idf(self, token: str) -> float:
        """Inverse document frequency; a word unseen in the corpus weighs like a rare one."""
        n = len(self.chunk_ids)
        return math.log((n + 1) / (self.document_frequency.get(token, 0) + 0.5))

    def terms(self, text: str) -> set[str]:
        """The words of `text` as this index counts them, compound heads included."""
        return set(with_compound_heads(tokenize(text), self.vocabulary))

    def name_terms(self, name: str) -> frozenset[str]:
        """`terms` of a short text asked for again and again (an indicator's name), kept for
        the life of this index: every packet question compares itself with every name."""
        found = self._name_terms.get(name)
        if found is None:
            found = self._name_terms[name] = frozenset(self.terms(name))
        return found

    def search(self, query: str, k: int) -> list[LexicalHit]:
        tokens = sorted(self.terms(query))
        if self.bm25 is None or not tokens:
            return []
        vocab = self.bm25.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known:
            return []
        scores = np.asarray(self.bm25.get_scores(known))
        order = np.argsort(-scores)[:k]
        return [LexicalHit(self.chunk_ids[i], float(scores[i])) for i in order if scores[i] > 0]
