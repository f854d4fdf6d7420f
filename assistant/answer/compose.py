"""The offline answerer for prose: the question's best-matching sentences, each one cited.

Sentences are chosen by the weight (idf) of the question's words they share, counting the words
of their section headings at half weight, and by how high their passage ranked. Nothing is
paraphrased, so nothing can be invented.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from assistant.answer.citations import CitationBook
from assistant.answer.validate import looks_like_instruction
from assistant.index.lexical import LexicalIndex
from assistant.ingest.sentences import split_sentences
from assistant.retrieve.hybrid import ScoredChunk
from assistant.types import Answer

NO_SUPPORT = (
    "Jag hittar inget i underlaget som besvarar frågan, så jag avstår från att svara. "
    "Pröva att formulera om frågan, eller fråga om uppdraget, kvalitetsdialogerna, "
    "framgångsfaktorerna eller den valda huvudmannens indikatorer."
)
PASSAGES_CONSIDERED = 4
MIN_SENTENCE_CHARS = 25
HEADING_WEIGHT = 0.5
# A short top sentence often only announces what follows ("Orterna valdes utifrån tre
# kriterier."); the next sentence of the same passage then carries the content.
LEAD_SENTENCE_CHARS = 90
FOLLOWING_SENTENCES = 2


# "Hur mycket pengar …", "hur många dialoger …": the counted thing is the question's focus, and
# sentences that never name it do not answer it, however many other words they share.
QUANTITY_FOCUS = re.compile(r"\bhur\s+(?:mycket|många)\s+(\w+)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    rank: int  # passage rank, 0 = best
    position: int  # sentence position in its passage
    text: str
    score: float
    covered: frozenset[str]


def sentence_candidates(
    wanted: set[str], hits: Sequence[ScoredChunk], lexical: LexicalIndex
) -> list[list[Candidate]]:
    """The sentences of each top passage, scored against the question's words."""
    passages = []
    for rank, hit in enumerate(hits[:PASSAGES_CONSIDERED]):
        heading_words = wanted & lexical.terms(" ".join(hit.chunk.heading_path))
        candidates = []
        for position, sentence in enumerate(split_sentences(hit.chunk.text)):
            shared = wanted & lexical.terms(sentence)
            weight = sum(lexical.idf(t) for t in shared)
            weight += HEADING_WEIGHT * sum(lexical.idf(t) for t in heading_words - shared)
            candidates.append(
                Candidate(
                    rank,
                    position,
                    sentence,
                    weight / (1 + 0.5 * rank),
                    frozenset(shared | heading_words),
                )
            )
        passages.append(candidates)
    return passages


def quotable(candidate: Candidate) -> bool:
    # Questions in the material ("Frågor att ställa") are prompts for the lead, not answers;
    # text that tries to instruct a model is not a fact either.
    text = candidate.text.rstrip()
    return (
        len(text) >= MIN_SENTENCE_CHARS
        and not text.endswith("?")
        and not looks_like_instruction(text)
    )


def compose_answer(
    question: str,
    hits: Sequence[ScoredChunk],
    lexical: LexicalIndex,
    *,
    max_sentences: int,
    min_relative_score: float,
    min_coverage: float,
    ignore_words: Collection[str] = (),
) -> Answer:
    """An extractive, cited answer; `supported: false` when too little of the question matches."""
    ignored = lexical.terms(" ".join(ignore_words))
    wanted = lexical.terms(question) - ignored
    total = sum(lexical.idf(t) for t in wanted)
    passages = sentence_candidates(wanted, hits, lexical)
    ranked = sorted(
        (c for sentences in passages for c in sentences if quotable(c)),
        key=lambda c: (-c.score, c.rank, c.position),
    )
    best = ranked[0].score if ranked else 0.0
    chosen = [c for c in ranked if c.score > 0 and c.score >= min_relative_score * best]
    chosen = chosen[:max_sentences]
    covered = set().union(*(c.covered for c in chosen)) if chosen else set()
    coverage = sum(lexical.idf(t) for t in covered) / total if total else 0.0
    if not chosen or coverage < min_coverage or not focus_covered(question, covered, lexical):
        return Answer(answer=NO_SUPPORT, supported=False)
    lead = chosen[0]
    if len(lead.text) < LEAD_SENTENCE_CHARS:
        following = [
            c
            for c in passages[lead.rank]
            if lead.position < c.position <= lead.position + FOLLOWING_SENTENCES and quotable(c)
        ]
        rest = [c for c in chosen[1:] if c not in following]
        chosen = [lead, *following, *rest][:max_sentences]
    book = CitationBook()
    parts = []
    for candidate in sorted(chosen, key=lambda c: (c.rank, c.position)):
        parts.append(with_marker(candidate.text, book.cite(hits[candidate.rank].chunk)))
    return Answer(answer=" ".join(parts), supported=True, citations=book.citations())


def focus_covered(question: str, covered: Collection[str], lexical: LexicalIndex) -> bool:
    """False when the question counts something ("hur mycket pengar") that no chosen sentence
    names."""
    match = QUANTITY_FOCUS.search(question)
    focus = lexical.terms(match[1]) if match else set()
    return not focus or bool(focus & set(covered))


def with_marker(sentence: str, mark: str) -> str:
    """The sentence with its citation marker placed before the final stop."""
    text = sentence.lstrip("-*• ").rstrip()
    if text[-1:] in ".!?:":
        return f"{text[:-1]} {mark}{'.' if text[-1] == ':' else text[-1]}"
    return f"{text} {mark}."
