"""The path a question takes: scope check → hybrid search → packet table or prose → cited answer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import structlog

from assistant.answer.compose import NO_SUPPORT, PASSAGES_CONSIDERED, AskedPart, compose_answer
from assistant.answer.generator import Generator, TokenSink, generate_answer
from assistant.answer.packet_answer import (
    answer_indicator,
    asked_omfattning,
    define_indicator,
    row_chunk,
)
from assistant.answer.question import DEFINITION_WORDS, QuestionIntent, read_intent
from assistant.answer.question_form import answer_type, question_parts
from assistant.errors import UnknownHuvudmanError
from assistant.index.catalog import sentence_digest
from assistant.retrieve.hybrid import ChunkLookup, ScoredChunk, SearchIndex, search
from assistant.retrieve.indicators import (
    DescriptionLookup,
    IndicatorIndex,
    IndicatorMatch,
    rank_indicators,
    unmatched_measures,
)
from assistant.settings import AnswerThresholds, Settings
from assistant.text.sentences import split_sentences
from assistant.types import DOC_INDICATOR, Answer, Chunk, PacketRow

log = structlog.get_logger(__name__)

INDICATOR = frozenset({DOC_INDICATOR})
# How much of a document is searched for a sentence of the asked-for sort beside its best passage.
DOCUMENT_CONTEXT_CHUNKS = 40


class AnswerCatalog(ChunkLookup, DescriptionLookup, Protocol):
    """What answering reads of the catalogue, beside what search and ranking read."""

    def huvudman_names(self) -> dict[str, str]: ...
    def packet_rows(
        self, huvudman_id: str, indikator_id: str | None = None
    ) -> list[tuple[str, str, PacketRow]]: ...
    def passage_indicator_ids(self) -> set[str]: ...
    def indicator_ids(self, huvudman_id: str, *, defined_in_packet: bool = False) -> set[str]: ...
    def sentence_vectors(self, digests: Iterable[str]) -> dict[str, np.ndarray]: ...
    def document_chunks(self, source: str, limit: int) -> list[Chunk]: ...


class AnswerIndex(SearchIndex, IndicatorIndex, Protocol):
    """What a question needs of an index (`Index` is one): search's and ranking's parts, the
    catalogue's rows and sentence vectors, and all the settings (thresholds, the model's
    limits)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def catalog(self) -> AnswerCatalog: ...


@dataclass(frozen=True)
class PartEvidence:
    """What the search found for one question of a message that asks several."""

    question: str
    prose: Sequence[ScoredChunk]
    vector: np.ndarray


@dataclass(frozen=True)
class Evidence:
    """What retrieval found for a question; the answer is composed from this alone."""

    question: str
    huvudman_id: str | None
    names: Mapping[str, str]
    intent: QuestionIntent
    prose: Sequence[ScoredChunk] = ()
    indicator: IndicatorMatch | None = None
    refusal: Answer | None = None  # set when the scope rules decide before any search
    vector: np.ndarray | None = None  # the question's embedding
    parts: Sequence[PartEvidence] = ()  # each question's own search, when it asks several


def ask(
    index: AnswerIndex,
    question: str,
    huvudman_id: str | None = None,
    generator: Generator | None = None,
    on_token: TokenSink | None = None,
) -> Answer:
    """The answer to `question`; written by `generator` when one is given and it validates."""
    return answer_from(index, question, retrieve(index, question, huvudman_id), generator, on_token)


def answer_from(
    index: AnswerIndex,
    question: str,
    evidence: Evidence,
    generator: Generator | None = None,
    on_token: TokenSink | None = None,
) -> Answer:
    """`ask` after retrieval, for callers that also need the evidence (the eval harness)."""
    extractive = answer_from_evidence(index, evidence)
    # No model is asked where the material gives no support: nothing to write from.
    if generator is None or not extractive.supported:
        return extractive
    passages = evidence_passages(index, evidence)
    return generate_answer(generator, question, passages, extractive, index.settings, on_token)


def evidence_passages(index: AnswerIndex, evidence: Evidence) -> list[Chunk]:
    """What a language model may write from: the indicator's rows, or the prose passages."""
    if evidence.indicator is not None and evidence.huvudman_id is not None:
        rows = _indicator_rows(index, evidence.indicator.indikator_id, evidence.huvudman_id)
        return [chunk for _, chunk in rows]
    hits = [*evidence.prose, *(hit for part in evidence.parts for hit in part.prose)]
    return list({hit.chunk.chunk_id: hit.chunk for hit in hits}.values())


def _indicator_rows(
    index: AnswerIndex, indikator_id: str, huvudman_id: str
) -> list[tuple[PacketRow, Chunk]]:
    found = index.catalog.packet_rows(huvudman_id, indikator_id)
    return [(row, row_chunk(row, source, title)) for source, title, row in found]


def retrieve(index: AnswerIndex, question: str, huvudman_id: str | None = None) -> Evidence:
    """Scope check, then hybrid search for prose and the best-matching indicator."""
    names = index.catalog.huvudman_names()
    if huvudman_id is not None and huvudman_id not in names:
        raise UnknownHuvudmanError(huvudman_id)
    intent = read_intent(question, names)
    others = [h for h in intent.named_huvudman_ids if h != huvudman_id]
    if others:
        refusal = _other_huvudman(names, others, huvudman_id)
        return Evidence(question, huvudman_id, names, intent, refusal=refusal)
    vector = index.embedder.embed_query(question)
    prose = search(
        index, question, huvudman_id=huvudman_id, query_vector=vector, exclude_doc_types=INDICATOR
    )
    indicator = _asked_indicator(index, question, vector, intent, huvudman_id, prose)
    parts = [] if indicator is not None else _part_evidence(index, question, huvudman_id)
    return Evidence(
        question, huvudman_id, names, intent, prose, indicator, vector=vector, parts=parts
    )


def _part_evidence(
    index: AnswerIndex, question: str, huvudman_id: str | None
) -> list[PartEvidence]:
    """A search of its own for each question of a message that asks more than one: the words
    of the whole rank the passages for the part with more of them first."""
    parts = question_parts(question, index.lexical.terms)
    if len(parts) < 2:
        return []
    found = []
    for part in parts:
        vector = index.embedder.embed_query(part)
        prose = search(
            index, part, huvudman_id=huvudman_id, query_vector=vector, exclude_doc_types=INDICATOR
        )
        found.append(PartEvidence(part, prose, vector))
    return found


def answer_from_evidence(index: AnswerIndex, evidence: Evidence) -> Answer:
    """The cited answer for what `retrieve` found, or why there is none."""
    if evidence.refusal is not None:
        return evidence.refusal
    if evidence.indicator is not None:
        return _packet_answer(
            index,
            evidence.question,
            evidence.indicator.indikator_id,
            evidence.intent,
            evidence.huvudman_id,
            evidence.names,
            asked_omfattning(evidence.question),
        )
    whole = _asked_part(index, evidence.question, evidence.prose, evidence.vector)
    limits = _thresholds(index)
    if not whole.hits or max(h.dense for h in whole.hits) < limits.min_dense_score:
        return Answer(answer=NO_SUPPORT, supported=False)
    return compose_answer(
        whole.question,
        whole.hits,
        index.lexical,
        max_sentences=limits.max_answer_sentences,
        min_relative_score=limits.min_sentence_score,
        min_coverage=limits.min_question_coverage,
        ignore_words=_name_words(evidence) | _asking_words(evidence),
        similarity=whole.similarity,
        context=whole.context,
        parts=[_asked_part(index, p.question, p.prose, p.vector) for p in evidence.parts],
    )


def _asked_part(
    index: AnswerIndex, question: str, found: Sequence[ScoredChunk], vector: np.ndarray | None
) -> AskedPart:
    """A question with the passages an answer may quote: its hits, the rest of the best one's
    document, and each sentence's closeness to it."""
    # Exports repeat their definitions in every year's file: one passage of each text is enough.
    prose = list({hit.chunk.text: hit for hit in reversed(found)}.values())[::-1]
    context = _document_context(index, question, prose)
    similarity = _sentence_similarity(index, vector, [*prose[:PASSAGES_CONSIDERED], *context])
    return AskedPart(question, prose, context, similarity)


def _thresholds(index: AnswerIndex) -> AnswerThresholds:
    return index.settings.answer_thresholds(index.embedder.min_dense_score)


def _sentence_similarity(
    index: AnswerIndex, vector: np.ndarray | None, hits: Sequence[ScoredChunk]
) -> Callable[[str], float | None] | None:
    """Cosine similarity of a sentence of these passages to the question, from the vectors
    stored at ingest; None for a sentence without one (an index built before they were)."""
    if vector is None:
        return None
    digests = {s: sentence_digest(s) for hit in hits for s in split_sentences(hit.chunk.text)}
    stored = index.catalog.sentence_vectors(digests.values())
    scores = {s: float(stored[d] @ vector) for s, d in digests.items() if d in stored}
    return scores.get


def _document_context(
    index: AnswerIndex, question: str, prose: Sequence[ScoredChunk]
) -> list[ScoredChunk]:
    """The rest of the best passage's document, when the question's form needs a sort of answer
    (an identifier, a date, a place) that often stands apart from the words it shares with the
    question: in a reference line, or a paragraph further down."""
    kind = answer_type(question)
    if kind is None or not kind.required or not prose:
        return []
    best = prose[0].chunk
    # Only the passages the answer is composed from: a lower hit of the same document is context.
    shown = {hit.chunk.chunk_id for hit in prose[:PASSAGES_CONSIDERED]}
    chunks = index.catalog.document_chunks(best.source, DOCUMENT_CONTEXT_CHUNKS)
    return [ScoredChunk(c, 0.0, 0.0, 0.0) for c in chunks if c.chunk_id not in shown]


def _asked_indicator(
    index: AnswerIndex,
    question: str,
    vector: np.ndarray,
    intent: QuestionIntent,
    huvudman_id: str | None,
    prose: Sequence[ScoredChunk],
) -> IndicatorMatch | None:
    """The indicator the question asks a figure (or its packet's definition) for, or None for
    a question about prose."""
    asks_figure = intent.asks_for_value or intent.wants_trend or bool(intent.named_huvudman_ids)
    if not asks_figure and not intent.asks_for_definition:
        return None
    if intent.asks_for_definition:
        # Only a packet's own definition column answers here; an export's definitions are
        # passages, found by the prose search.
        if huvudman_id is None:
            return None
        allowed = index.catalog.indicator_ids(huvudman_id, defined_in_packet=True)
    elif huvudman_id is None:
        allowed = index.catalog.passage_indicator_ids()
    else:
        allowed = index.catalog.indicator_ids(huvudman_id)
    ranked = rank_indicators(index, question, vector, allowed)
    if not ranked:
        return None
    best = ranked[0]
    best_prose = max((h.dense for h in prose), default=0.0)
    limits = _thresholds(index)
    close = best.dense - best_prose >= limits.indicator_dense_margin
    worded = best.overlap >= limits.min_indicator_overlap
    if huvudman_id is None:
        # Unscoped, a match only leads to "choose a huvudman", and with every kommun's tables
        # loaded some indicator is always near: a prose answer needs both signs to lose.
        return best if worded and close else None
    return best if worded or close else None


def _packet_answer(
    index: AnswerIndex,
    question: str,
    indikator_id: str,
    intent: QuestionIntent,
    huvudman_id: str | None,
    names: Mapping[str, str],
    omfattning: str | None = None,
) -> Answer:
    if huvudman_id is None:
        return Answer(
            answer=(
                "Frågan gäller indikatorvärden, och de visas bara när samtalet gäller en viss "
                "huvudman. Välj huvudman och fråga igen."
            ),
            supported=False,
        )
    rows = _indicator_rows(index, indikator_id, huvudman_id)
    if not rows:
        return Answer(
            answer=f"Indikatorpaketet för {names[huvudman_id]} innehåller inte den indikatorn.",
            supported=False,
        )
    if intent.asks_for_definition:
        return define_indicator(rows)
    missing = unmatched_measures(question, rows[0][0], index.lexical.terms)
    if missing:
        return Answer(
            answer=(
                f"Underlaget för {names[huvudman_id]} har ingen indikator för "
                f"{' och '.join(missing)}, så jag avstår från att svara. Den närmaste är "
                f"{rows[0][0].indikator_namn.lower()}, som mäter något annat."
            ),
            supported=False,
        )
    return answer_indicator(rows, intent, omfattning)


def _name_words(evidence: Evidence) -> frozenset[str]:
    """Words of the names the question uses (the scope's and any it names): they scope a
    question but say nothing about its topic. Only those: with every kommun and company loaded,
    "engelska" or "mark" would otherwise never count as a topic again."""
    used = [*evidence.intent.named_huvudman_ids, evidence.huvudman_id]
    names = [evidence.names[h] for h in used if h is not None and h in evidence.names]
    return frozenset(word for name in names for word in name.lower().split())


def _asking_words(evidence: Evidence) -> frozenset[str]:
    """The words that ask for a definition ("hur räknas", "vad betyder"): the definition
    answers them without repeating them."""
    if not evidence.intent.asks_for_definition:
        return frozenset()
    found = DEFINITION_WORDS.findall(evidence.question)
    return frozenset(w for match in found for w in str(match[0]).lower().split())


def _other_huvudman(
    names: Mapping[str, str], others: Sequence[str], huvudman_id: str | None
) -> Answer:
    other_names = " och ".join(names[h] for h in others)
    if huvudman_id is None:
        scope = "Samtalet gäller ingen viss huvudman."
    else:
        scope = f"Samtalet gäller {names[huvudman_id]}."
    return Answer(
        answer=(
            f"{scope} Uppgifter om {other_names} visas bara i ett samtal som gäller den "
            "huvudmannen, så jag svarar inte på det här. Starta ett samtal för rätt huvudman."
        ),
        supported=False,
    )
