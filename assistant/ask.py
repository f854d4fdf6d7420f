"""The path a question takes: scope check → hybrid search → packet table or prose → cited answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import structlog

from assistant.answer.compose import NO_SUPPORT, compose_answer
from assistant.answer.packet_answer import answer_indicator, row_chunk
from assistant.answer.question import QuestionIntent, read_intent
from assistant.errors import UnknownHuvudmanError
from assistant.index.store import Index
from assistant.retrieve.hybrid import ScoredChunk, search
from assistant.retrieve.indicators import IndicatorMatch, rank_indicators
from assistant.types import Answer

log = structlog.get_logger(__name__)

INDICATOR = frozenset({"indikator"})


def ask(index: Index, question: str, huvudman_id: str | None = None) -> Answer:
    names = index.catalog.huvudman_names()
    if huvudman_id is not None and huvudman_id not in names:
        raise UnknownHuvudmanError(huvudman_id)
    intent = read_intent(question, names)
    others = [h for h in intent.named_huvudman_ids if h != huvudman_id]
    if others:
        return _other_huvudman(names, others, huvudman_id)

    vector = index.embedder.embed_query(question)
    prose = search(
        index, question, huvudman_id=huvudman_id, query_vector=vector, exclude_doc_types=INDICATOR
    )
    indicator = _asked_indicator(index, question, vector, intent, huvudman_id, prose)
    if indicator is not None:
        return _packet_answer(index, indicator.indikator_id, intent, huvudman_id, names)
    if not prose or max(h.dense for h in prose) < index.settings.min_dense_score:
        return Answer(answer=NO_SUPPORT, supported=False)
    return compose_answer(
        question,
        prose,
        index.lexical,
        max_sentences=index.settings.max_answer_sentences,
        min_overlap=index.settings.min_sentence_overlap,
        min_coverage=index.settings.min_question_coverage,
        ignore_words=_name_words(names),
    )


def _asked_indicator(
    index: Index,
    question: str,
    vector: np.ndarray,
    intent: QuestionIntent,
    huvudman_id: str | None,
    prose: Sequence[ScoredChunk],
) -> IndicatorMatch | None:
    """The indicator the question asks a figure for, or None for a question about prose."""
    asks_figure = intent.asks_for_value or intent.wants_trend or bool(intent.named_huvudman_ids)
    if not asks_figure:
        return None
    if huvudman_id is None:
        allowed = {cid.split(":")[1] for cid in index.catalog.chunk_ids("indikatorer")}
    else:
        allowed = {row.indikator_id for _, _, row in index.catalog.packet_rows(huvudman_id)}
    ranked = rank_indicators(index, question, vector, allowed)
    if not ranked:
        return None
    best = ranked[0]
    best_prose = max((h.dense for h in prose), default=0.0)
    settings = index.settings
    close = best.dense - best_prose >= settings.indicator_dense_margin
    if best.overlap >= settings.min_indicator_overlap or close:
        return best
    return None


def _packet_answer(
    index: Index,
    indikator_id: str,
    intent: QuestionIntent,
    huvudman_id: str | None,
    names: Mapping[str, str],
) -> Answer:
    if huvudman_id is None:
        return Answer(
            answer=(
                "Frågan gäller indikatorvärden, och de visas bara när samtalet gäller en viss "
                "huvudman. Välj huvudman och fråga igen."
            ),
            supported=False,
        )
    found = index.catalog.packet_rows(huvudman_id, indikator_id)
    if not found:
        return Answer(
            answer=f"Indikatorpaketet för {names[huvudman_id]} innehåller inte den indikatorn.",
            supported=False,
        )
    evidence = [(row, row_chunk(row, source, title)) for source, title, row in found]
    return answer_indicator(evidence, intent)


def _name_words(names: Mapping[str, str]) -> frozenset[str]:
    """Words of huvudmän's names: they scope a question but say nothing about its topic."""
    return frozenset(word for name in names.values() for word in name.lower().split())


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
