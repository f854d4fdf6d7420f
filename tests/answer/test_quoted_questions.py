"""The material's own questions ("Frågor att ställa i dialogen") are quoted only when the lead
asks for questions; otherwise a sentence that asks something states no fact."""

from __future__ import annotations

from functools import partial

import pytest

from assistant.answer.compose import compose_answer
from assistant.answer.question_form import answer_type
from assistant.index.lexical import LexicalIndex
from tests.answer.passages import passage

PROMPTS = (
    "- Hur går en överlämning till när en elev börjar gymnasiet?\n"
    "- Hur når ni vårdnadshavare som sällan hör av sig till skolan?\n"
    "- Vilka andra aktörer samarbetar ni med kring elever med hög frånvaro?"
)
ABOUT = "Samverkan med vårdnadshavare bygger på regelbunden och begriplig information från skolan."
LIMITS = {"max_sentences": 4, "min_relative_score": 0.4, "min_coverage": 0.3}
hit = partial(passage, title="Samverkan")
LEXICAL = LexicalIndex(["prompts", "about"], [PROMPTS, ABOUT])


HITS = [
    hit("prompts", PROMPTS, "Frågor att ställa i dialogen"),
    hit("about", ABOUT, "Vad det innebär"),
]


@pytest.mark.parametrize(
    "question",
    [
        "Vilka frågor kan jag ställa om samverkan med vårdnadshavare?",
        "Vad kan jag fråga huvudmannen om samverkan med vårdnadshavare?",
        "Ge mig frågor att ställa om samverkan med vårdnadshavare.",
    ],
)
def test_a_question_for_questions_is_answered_with_the_materials_own(question: str) -> None:
    kind = answer_type(question)
    assert kind is not None and kind.quotes_questions
    answer = compose_answer(question, HITS, LEXICAL, **LIMITS)
    assert answer.supported
    assert "Hur når ni vårdnadshavare som sällan hör av sig till skolan [1]?" in answer.answer
    assert "Vilka andra aktörer samarbetar ni med kring elever med hög frånvaro [1]?" in (
        answer.answer
    )


def test_other_questions_never_quote_a_question() -> None:
    answer = compose_answer(
        "Hur samverkar skolan med vårdnadshavare som sällan hör av sig?", HITS, LEXICAL, **LIMITS
    )
    assert answer.supported
    assert "?" not in answer.answer
    assert "regelbunden och begriplig information" in answer.answer
