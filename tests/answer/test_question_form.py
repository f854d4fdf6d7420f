"""The form of a question: the sort of answer it needs, and the words it is about."""

from __future__ import annotations

import pytest

from assistant.answer.question_form import (
    answer_type,
    focus_words,
    question_parts,
    uncovered_focus,
)
from assistant.index.lexical import tokenize, variant_of


def tokenize_set(text: str) -> set[str]:
    return set(tokenize(text))


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
        # A count of items does not hide the form: "vilka sex orter" asks for places.
        ("Vilka sex orter väntar fortfarande på ett kontor?", "plats"),
        ("Vilket datum invigdes kontoret?", "datum"),
        ("Nämn de indikatorer som underlaget innehåller.", "uppraning"),
        ("Vad kännetecknar ett väl fungerande årshjul?", "uppraning"),
    ],
)
def test_answer_type(question: str, kind: str | None) -> None:
    found = answer_type(question)
    assert (found.name if found else None) == kind


def test_a_count_of_items_is_no_word_the_answer_must_hold() -> None:
    assert focus_words("Vilka fyra saker i bakgrunden påverkar förutsättningarna?") == []
    # "Hur många fler huvudmän" counts huvudmän.
    assert focus_words("Hur många fler huvudmän deltog?") == ["huvudmän"]


def test_a_date_is_a_day_not_a_time() -> None:
    date = answer_type("Vilket datum invigdes kontoret?")
    assert date is not None
    assert date.carried_by("Publicerad 2 juni 2022")
    assert not date.carried_by("I dag invigdes kontoret.")


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


def test_a_focus_word_is_covered_by_another_form_of_it() -> None:
    # The stemmer cuts "kompetenser" to "kompetens" but "kompetens" to "kompet".
    assert (
        uncovered_focus(
            "Vilka kompetenser ska finnas?", tokenize_set("social kompetens"), tokenize_set
        )
        == []
    )
    # A compound is about its last part: "förskole" does not cover "förskollärarexamen".
    found = uncovered_focus(
        "Hur stor andel av personalen har förskollärarexamen?",
        tokenize_set("personalen i förskolan"),
        tokenize_set,
    )
    assert found == ["förskollärarexamen"]


def test_words_for_more_or_parts_are_no_focus() -> None:
    assert focus_words("Och vilka fler kontor öppnade samma år?") == []
    assert focus_words("Vilka led ingår i styrkedjan?") == []


def test_variants_are_forms_of_one_word() -> None:
    assert variant_of("kompet", "kompetens")
    assert variant_of("anställ", "anställning")
    assert not variant_of("skol", "skolan")  # too short to tell
    assert not variant_of("förskol", "förskollärarexamen")  # a compound, not an ending


def test_a_message_that_asks_two_things_has_two_parts() -> None:
    assert question_parts(
        "Vilka egenskaper ska dialogerna ha, och vad ska samtalen vila på?", tokenize
    ) == ["Vilka egenskaper ska dialogerna ha?", "vad ska samtalen vila på?"]
    # A part too short to stand alone stays with the one before it.
    assert question_parts("Vilka huvudmän finns i landet, hur många är de?", tokenize) == [
        "Vilka huvudmän finns i landet, hur många är de?"
    ]
    # "och" between two things asked about is not a second question.
    question = "Vad innebär legitimationen för anställning och betygssättning?"
    assert question_parts(question, tokenize) == [question]
