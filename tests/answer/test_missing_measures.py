"""A packet answer never gives another measure's value: the question's measure, share and count
must be the indicator's own."""

from __future__ import annotations

import pytest

from assistant.index.lexical import LexicalIndex
from assistant.retrieve.indicators import named_measures, unmatched_measures
from assistant.types import PacketRow

TERMS = LexicalIndex([], []).terms


def row(name: str, enhet: str, definition: str = "") -> PacketRow:
    return PacketRow(
        huvudman_id="0917",
        indikator_id="x",
        indikator_namn=name,
        enhet=enhet,
        ar="2024",
        varde="1",
        definition=definition,
        line=2,
    )


COST = row("Kostnader per kommun: totalt per elev", "kronor")
EXAM = row("Andel gymnasieelever med examen inom 4 år", "procent")
FIRST_TEACHERS = row("Personalstatistik: förstelärare (tjänstgörande lärare)", "antal")
CERTIFIED = row("Andel lärare med legitimation och behörighet i minst ett ämne", "procent")
ALL_SUBJECTS = row("Andel elever i årskurs 9 som uppnått kunskapskraven i alla ämnen", "procent")
MATHS = row("Betyg årskurs 9: Andel elever med lägst E, Matematik", "procent")
VOCATIONAL = row("Andel elever i årskurs 9 behöriga till yrkesprogram", "procent")
# As Skolverket's export "Behörighet till gymnasiet" names the programmes.
PER_TEACHER = row("Antal elever per lärare (heltidstjänster), grundskola", "antal")
SPORTS_6 = row("Betyg årskurs 6: Andel elever med lägst E, Idrott och hälsa", "procent")
SCIENCE = row("Andel elever (%) behöriga till Naturvetenskapligt och tekniskt program", "procent")


@pytest.mark.parametrize(
    ("question", "indicator", "missing"),
    [
        # "skolskjutsen" and "skolskjuts" stem apart ("skolskjuts", "skolskjut").
        ("Vad kostade skolskjutsen per elev i Bokö 2024?", COST, ["skolskjuts"]),
        ("Hur stor andel av eleverna tog examen inom tre år?", EXAM, ["tre år"]),
        ("Hur stor andel av lärarna var förstelärare 2024?", FIRST_TEACHERS, ["andelen i procent"]),
        # A share of teachers is not any share of teachers: the certified ones are others.
        ("Hur stor andel av lärarna var förstelärare 2024?", CERTIFIED, ["förstelärare"]),
        ("Hur stor andel av eleverna har utländsk bakgrund?", VOCATIONAL, ["utländsk bakgrund"]),
        # A subject or a programme narrows the measure: all subjects, or vocational, is another.
        ("Hur många av niorna fick godkänt i matte 2024?", ALL_SUBJECTS, ["matematik"]),
        (
            "Hur stor andel var behöriga till naturvetenskapsprogrammet 2024?",
            VOCATIONAL,
            ["naturvetenskapsprogrammet"],
        ),
        # The subject matches and the year does not: it is that pair there is no indicator for.
        (
            "Hur stor andel i årskurs 9 fick godkänt i idrott och hälsa 2024?",
            SPORTS_6,
            ["idrott i årskurs 9"],
        ),
    ],
)
def test_a_measure_the_indicator_does_not_have_is_named(
    question: str, indicator: PacketRow, missing: list[str]
) -> None:
    assert unmatched_measures(question, indicator, TERMS) == missing


@pytest.mark.parametrize(
    ("question", "indicator"),
    [
        ("Hur stor andel av eleverna tog examen inom fyra år 2024?", EXAM),
        ("Hur stor andel tog examen inom 4 år läsåret 2023/24?", EXAM),
        ("Hur många förstelärare fanns det 2024?", FIRST_TEACHERS),
        ("Vad kostade grundskolan per elev 2024?", COST),
        ("Hur många av niorna fick godkänt i matte 2024?", MATHS),
        ("Hur stor andel var behöriga till naturvetenskapsprogrammet 2024?", SCIENCE),
        ("Hur stor andel var behöriga till yrkesprogram 2024?", VOCATIONAL),
        # "Hur många fler elever" counts pupils, against the national value.
        ("Hur många fler elever per lärare har kommunen jämfört med riket?", PER_TEACHER),
    ],
)
def test_the_indicators_own_measure_is_answered(question: str, indicator: PacketRow) -> None:
    assert unmatched_measures(question, indicator, TERMS) == []


def test_measures_are_named_in_any_form_of_the_word() -> None:
    assert named_measures("Vad svarade eleverna i elevenkäten om tryggheten?", TERMS) == [
        "trygghet",
        "elevenkät",
    ]
