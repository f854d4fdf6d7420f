"""Packet answers from rows: exact values, differences with the inputs' precision, markers."""

from __future__ import annotations

import pytest

from assistant.answer.packet_answer import answer_indicator, describe_row, difference, row_chunk
from assistant.answer.question import read_intent, year_matches
from assistant.types import PacketRow


def row(ar: str, varde: str, riket: str = "227,3", **extra: object) -> PacketRow:
    def number(text: str) -> float | None:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return None

    fields: dict[str, object] = {
        "huvudman_id": "0917",
        "huvudman_namn": "Norrforsens kommun",
        "indikator_id": "meritvarde_ak9",
        "indikator_namn": "Genomsnittligt meritvärde i årskurs 9 (17 ämnen)",
        "enhet": "poäng",
        "ar": ar,
        "varde": varde,
        "varde_num": number(varde),
        "riket": riket,
        "riket_num": number(riket),
        "line": int(ar) - 2019,
        "kalla": "Skolverket",
    }
    fields.update(extra)
    return PacketRow.model_validate(fields)


def evidence(*rows: PacketRow) -> list[tuple[PacketRow, object]]:
    return [(r, row_chunk(r, "norrforsen.csv", "Indikatorpaket: Norrforsens kommun")) for r in rows]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("209,7", "227,3", ("17,6", -1)),
        ("84,1", "83,7", ("0,4", 1)),
        ("12", "12,0", ("0,0", 0)),
        ("2 800", "2 700", ("100", 1)),
        ("..", "1", None),
    ],
)
def test_difference_keeps_the_inputs_precision(
    a: str, b: str, expected: tuple[str, int] | None
) -> None:
    assert difference(a, b) == expected


def test_single_year_answer_quotes_value_unit_year_and_riket() -> None:
    rows = evidence(row("2023", "218,3", "228,6"), row("2024", "209,7"))
    answer = answer_indicator(rows, read_intent("Vilket meritvärde hade eleverna 2024?", {}))  # type: ignore[arg-type]
    assert answer.supported
    assert answer.answer == (
        "Genomsnittligt meritvärde i årskurs 9 (17 ämnen) för Norrforsens kommun var 209,7 poäng "
        "2024 [1]. Riket låg på 227,3 poäng samma år; Norrforsens kommun låg 17,6 poäng under "
        "riket [1]."
    )
    assert [c.locator for c in answer.citations] == ["rad 5"]


def test_trend_lists_every_year_between_the_asked_ones() -> None:
    rows = evidence(row("2022", "224,6", "229,1"), row("2023", "218,3"), row("2024", "209,7"))
    intent = read_intent("Hur har meritvärdet utvecklats mellan 2022 och 2024?", {})
    answer = answer_indicator(rows, intent)  # type: ignore[arg-type]
    assert (
        "224,6 poäng (2022), 218,3 poäng (2023) och 209,7 poäng (2024) [1][2][3]" in answer.answer
    )
    assert "en minskning med 14,9 poäng [1][3]" in answer.answer
    assert len(answer.citations) == 3


@pytest.mark.parametrize(
    "question",
    [
        "Har meritvärdet gått uppåt eller nedåt sedan 2022?",
        "Hur har meritvärdet förändrats från 2022?",
    ],
)
def test_a_trend_since_a_year_runs_from_it_to_the_latest(question: str) -> None:
    rows = evidence(row("2021", "230,0"), row("2022", "224,6"), row("2023", "218,3"))
    answer = answer_indicator([*rows, *evidence(row("2024", "209,7"))], read_intent(question, {}))  # type: ignore[arg-type]
    assert "224,6 poäng (2022), 218,3 poäng (2023) och 209,7 poäng (2024)" in answer.answer
    assert "230,0" not in answer.answer


def test_suppressed_value_is_reported_with_its_meaning() -> None:
    rows = evidence(row("2024", "..", "227,3"))
    answer = answer_indicator(rows, read_intent("Meritvärdet 2024?", {}))  # type: ignore[arg-type]
    assert answer.supported
    assert "”..”" in answer.answer and "för osäker" in answer.answer
    assert "0" not in answer.answer.replace("2024", "")


def test_year_outside_the_packet_is_unsupported_without_citations() -> None:
    rows = evidence(row("2024", "209,7"))
    answer = answer_indicator(rows, read_intent("Vilket meritvärde hade de 2019?", {}))  # type: ignore[arg-type]
    assert not answer.supported
    assert answer.citations == []
    assert "2019" in answer.answer and "2024" in answer.answer


def test_row_description_is_exact() -> None:
    assert describe_row(row("2024", "209,7")) == (
        "Genomsnittligt meritvärde i årskurs 9 (17 ämnen), Norrforsens kommun, 2024: 209,7 poäng "
        "(riket 227,3 poäng). Källa: Skolverket."
    )


def test_year_matching_understands_school_years() -> None:
    assert year_matches("2024", "2023/24")
    assert year_matches("2023/24", "2023/24")
    assert not year_matches("2023", "2023/24")


def test_intent_names_huvudman_by_distinctive_words_only() -> None:
    names = {
        "2795": "Sjöviks kommun",
        "9001": "Lärkträdets Skolor AB",
        "0917": "Norrforsens kommun",
    }
    assert read_intent("Hur går det i Sjöviks skolor?", names).named_huvudman_ids == ("2795",)
    assert read_intent("Hur arbetar kommunen med skolor?", names).named_huvudman_ids == ()
    assert read_intent("Lärkträdet 2024", names).named_huvudman_ids == ("9001",)


def test_intent_reads_an_id_only_after_the_word_huvudman() -> None:
    names = {"2795": "Sjöviks kommun", "2021": "Vansbro-liknande kommun"}
    assert read_intent(
        "Vilket meritvärde hade huvudman 2795 år 2024?", names
    ).named_huvudman_ids == ("2795",)
    assert read_intent("Hur såg det ut 2021?", names).named_huvudman_ids == ()


def test_doing_is_not_a_trend() -> None:
    assert not read_intent("Hur utvecklar lärare undervisningen tillsammans?", {}).wants_trend
    assert read_intent("Hur har meritvärdet utvecklats?", {}).wants_trend
    assert read_intent("Har andelen gått uppåt sedan 2022?", {}).wants_trend


def test_a_row_is_titled_by_its_own_huvudman_not_its_files() -> None:
    file_title = "Indikatorpaket: Norrforsens kommun, Sjöviks kommun"
    own = row_chunk(row("2024", "209,7"), "paket.csv", file_title)
    assert own.title == "Indikatorpaket: Norrforsens kommun"
    other = row("2024", "205,2", huvudman_id="2795", huvudman_namn="Sjöviks kommun")
    assert "Norrforsen" not in row_chunk(other, "paket.csv", file_title).title
    # An export's rows keep the file's title, which names its table.
    table = "Skolverkets statistik: Grundskola - Kostnader per kommun, året 2024"
    export = row("2024", "14 300", tabell="Grundskola - Kostnader per kommun", kolumn=9)
    cited = row_chunk(export, "kostnader.csv", table)
    assert (cited.title, cited.chunk_id, cited.locator) == (
        table,
        "rad:kostnader.csv:5:9",
        "rad 5, kolumn 9",
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vad betyder andel med lärarlegitimation och behörighet?",
        "Hur räknas heltidstjänster i personalstatistiken?",
        "Vad menas med genomsnittlig betygspoäng?",
        "Hur definieras andelen behöriga till yrkesprogram?",
    ],
)
def test_a_definition_question_asks_for_no_figure(question: str) -> None:
    assert read_intent(question, {}).asks_for_definition


def test_a_value_question_is_no_definition_question() -> None:
    intent = read_intent("Hur stor andel av lärarna var behöriga 2024?", {})
    assert intent.asks_for_value and not intent.asks_for_definition


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        # The clause after "alltså" explains a word; the question asks for factors.
        (
            "Vilka faktorer belyses med lärartätheten, alltså hur många elever det går per lärare?",
            False,
        ),
        ("Hur många elever per lärare har Sjövik, alltså hur hög är lärartätheten?", True),
        ("Hur många elever gick alltså ut nian?", True),
    ],
)
def test_an_explaining_clause_asks_for_no_figure(question: str, asks: bool) -> None:
    assert read_intent(question, {}).asks_for_value is asks
