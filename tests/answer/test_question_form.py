"""The form of a question: the sort of answer it needs, and the words it is about."""

from __future__ import annotations

import pytest

from assistant.answer.question_form import answer_type, focus_words


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Var invigdes det första kontoret?", "plats"),
        ("Vilket diarienummer har uppdraget?", "beteckning"),
        ("När startade dialogerna?", "tid"),
        ("Vem utvärderar satsningen?", "aktor"),
        ("Hur många huvudmän finns det?", "antal"),
        ("Varför valdes just de orterna?", "skal"),
        ("Vad betyder likvärdighet?", None),
    ],
)
def test_answer_type(question: str, kind: str | None) -> None:
    found = answer_type(question)
    assert (found.name if found else None) == kind


def test_carriers() -> None:
    place = answer_type("Var ligger kontoret?")
    assert place is not None
    assert place.carried_by("Kontoret ligger i Härnösand.")
    assert not place.carried_by("Kontoret invigdes i dag.")
    actor = answer_type("Vem samordnar uppdraget?")
    assert actor is not None
    assert actor.carried_by("Skolverket samordnar arbetet.")
    assert not actor.carried_by("Det görs varje år.")


def test_focus_words() -> None:
    assert focus_words("Hur stor budget har regionkontoren?") == ["budget"]
    assert focus_words("Hur många dialoger hölls i region Norr 2023?") == [
        "dialoger",
        "Norr",
        "2023",
    ]
    assert focus_words("Vilken stad fick det första kontoret?") == []
    assert focus_words("Vem var ordförande i referensgruppen?") == ["ordförande"]


def test_a_count_must_count_the_asked_thing() -> None:
    count = answer_type("Hur många huvudmän planerades?")
    assert count is not None
    assert ["huvudmän"] in [w[:1] for w in count.counted_words("Omkring 600 huvudmän bjöds in.")]
    assert not count.carried_by("Dialogerna startade i oktober 2022.")  # a year is no count
