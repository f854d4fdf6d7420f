"""A message that asks two things is answered part by part, each from its own search."""

from __future__ import annotations

from assistant.answer.compose import NO_SUPPORT, AskedPart, compose_answer
from assistant.index.lexical import LexicalIndex
from tests.answer.passages import passage as hit

OPENING = (
    "Kontoret i Luleå öppnade den 21 december 2022 efter flera års planering. "
    "Luleåkontoret är det fjärde gemensamma kontoret för de två myndigheterna."
)
STAFF = (
    "På kontoret i Luleå arbetar dialogledare, specialpedagoger och rådgivare. "
    "Dialogledarna i Luleå möter huvudmännen i de fyra nordligaste länen."
)
BUDGET = "Kontorets budget i Luleå beslutas av myndigheterna i samband med årets planering."
LIMITS = {"max_sentences": 4, "min_relative_score": 0.4, "min_coverage": 0.3}


LEXICAL = LexicalIndex(["opening", "staff", "budget"], [OPENING, STAFF, BUDGET])


def test_each_part_adds_the_sentences_its_own_search_found() -> None:
    question = "När öppnade kontoret i Luleå, och vilka arbetar på kontoret i Luleå?"
    whole = [hit("opening", OPENING)]
    parts = [
        AskedPart("När öppnade kontoret i Luleå?", whole),
        AskedPart("vilka arbetar på kontoret i Luleå?", [hit("staff", STAFF)]),
    ]
    alone = compose_answer(question, whole, LEXICAL, **LIMITS)
    assert "specialpedagoger" not in alone.answer
    answer = compose_answer(question, whole, LEXICAL, parts=parts, **LIMITS)
    assert answer.supported
    assert "21 december 2022 efter flera års planering [1]" in answer.answer
    assert "specialpedagoger och rådgivare [2]" in answer.answer
    assert [c.source for c in answer.citations] == ["opening.md", "staff.md"]


def test_a_part_the_material_does_not_answer_is_named_or_refuses_the_whole() -> None:
    question = "När öppnade kontoret i Luleå, och hur stor budget har kontoret?"
    whole = [hit("opening", OPENING), hit("budget", BUDGET)]
    budget = AskedPart("hur stor budget har kontoret?", [hit("budget", BUDGET)])
    parts = [AskedPart("När öppnade kontoret i Luleå?", whole[:1]), budget]
    answer = compose_answer(question, whole, LEXICAL, parts=parts, **LIMITS)
    # The whole is answered (when, and a sentence on the budget), but no figure for the budget
    # is: the answer says so.
    assert answer.supported
    assert answer.answer.endswith(
        "Underlaget svarar inte på den här delen av frågan: ”hur stor budget har kontoret?”"
    )
    # Without a whole answer, each part must be answered, or none is.
    refused = compose_answer(question, [hit("budget", BUDGET)], LEXICAL, parts=parts, **LIMITS)
    assert refused.answer == NO_SUPPORT and not refused.supported
