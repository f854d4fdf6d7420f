"""Skolverket's exports through the real pipeline, index and answerer: series across files,
national values, conflicts, definitions and the brief, on the shared samples."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.ask import ask
from assistant.brief.compose import compose_brief
from assistant.brief.model import IndicatorItem
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from evals.synth_exports import PERSONAL
from tests.samples import SKOLVERKET_SAMPLES

SAMPLES = SKOLVERKET_SAMPLES
MakeIndex = Callable[..., Index]
GROUPS = ["#Heltidstjänster"] * 4 + ["#Tjänstgörande lärare"] * 4
MEASURES = list(PERSONAL.columns)  # the same header as the samples' personalstatistik
NATIONAL = "\n".join(
    [
        "\ufeffStatistik från Skolverket, https://www.skolverket.se",
        "",
        "Grundskola - Personalstatistik med lärarlegitimation och behörighet",
        "Valt läsår: 2024/25",
        "Valt uttag: 2025-02-12",
        "",
        ";;;;;" + ";".join(GROUPS) + ";",
        "Riket;Kommun-kod;Län;Läns-kod;Typ av huvudman;" + ";".join(MEASURES) + ";",
        "Riket;;;;Samtliga;98 000,0;71 500,0;73,0;9 100,0;104 000;82 000;78,8;9 500;",
        "Riket;;;;Kommunal;80 000,0;59 000,0;73,8;7 700,0;85 000;68 000;80,0;8 000;",
        "Riket;;;;Enskild;18 000,0;12 500,0;69,4;1 400,0;19 000;14 000;73,7;1 500;",
        "",
        "",
    ]
)


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    assert SAMPLES.is_dir(), f"the shared samples are missing at {SAMPLES}"
    folder = tmp_path / "statistik"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.md"))
    return folder


@pytest.fixture
def index(exports: Path, make_index: MakeIndex) -> Index:
    built = make_index()
    report = ingest(built, [exports])
    assert not report.skipped, report.skipped
    assert report.files_ingested == 5
    return built


def test_every_kommun_is_a_huvudman_and_nothing_is_embedded_per_value(
    exports: Path, make_index: MakeIndex
) -> None:
    index = make_index()
    report = ingest(index, [exports])
    assert index.catalog.huvudman_names() == {
        "0599": "Sjöby kommun",
        "1499": "Storå kommun",
        "2291": "Norrforsens kommun",
        "2598": "Älvbacka kommun",
    }
    assert report.packet_rows_written == 568
    # One vector per indicator and per definitions passage, not one per value.
    assert report.vectors_embedded < 60


def test_the_answer_quotes_the_kommuns_own_schools_and_labels_the_rest(index: Index) -> None:
    answer = ask(
        index,
        "Hur stor andel av lärarna i kommunens grundskolor hade lärarlegitimation och "
        "behörighet läsåret 2024/25, räknat i heltidstjänster?",
        "2291",
    )
    assert answer.supported, answer.answer
    text = answer.answer
    assert (
        "Norrforsens kommun som huvudman (kommunens egna skolor) var 65,4 procent läsåret 2024/25"
        in text
    )
    assert "73,2 procent för alla skolor i Norrforsens kommun, oavsett huvudman" in text
    assert "73,6 procent för fristående skolor i Norrforsens kommun" in text
    assert "Rikets värde för 2024/25 finns inte i underlaget" in text
    assert answer.citations[0].chunk_id == "rad:personalstatistik-2024-25.csv:12:8"
    assert answer.citations[0].locator == "rad 12, kolumn 8"
    # The citation's title names the table, not every kommun in the file.
    assert answer.citations[0].title == (
        "Skolverkets statistik: Grundskola - Personalstatistik med lärarlegitimation och "
        "behörighet, läsåret 2024/25"
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A count of teachers is people: the export's column of tjänstgörande lärare.
        (
            "Hur många förstelärare fanns det i Sjöby läsåret 2024/25?",
            "förstelärare (tjänstgörande lärare) för Sjöby kommun som huvudman (kommunens egna "
            "skolor) var 5 läsåret 2024/25",
        ),
        (
            "Hur många förstelärare fanns det i Sjöby läsåret 2024/25, räknat i heltidstjänster?",
            "förstelärare (heltidstjänster) för Sjöby kommun som huvudman (kommunens egna "
            "skolor) var 0,0 heltidstjänster läsåret 2024/25",
        ),
    ],
)
def test_a_count_is_of_people_unless_the_question_asks_for_posts(
    index: Index, question: str, expected: str
) -> None:
    answer = ask(index, question, "0599")
    assert expected in " ".join(answer.answer.split()), answer.answer


def test_a_trend_runs_across_the_files_of_two_years(index: Index) -> None:
    answer = ask(
        index,
        "Hur har andelen lärare med lärarlegitimation och behörighet i heltidstjänster utvecklats?",
        "0599",
    )
    assert answer.supported, answer.answer
    assert "56,4 procent (2023/24) och 62,0 procent (2024/25)" in answer.answer
    assert "en ökning med 5,6 procentenheter" in answer.answer
    assert {c.source for c in answer.citations} >= {
        "personalstatistik-2023-24.csv",
        "personalstatistik-2024-25.csv",
    }


def test_the_year_before_and_a_missing_year(index: Index) -> None:
    before = ask(
        index,
        "Vilken andel med lärarlegitimation och behörighet i heltidstjänster 2023/24?",
        "2291",
    )
    assert "83,2 procent läsåret 2023/24" in before.answer, before.answer
    missing = ask(
        index,
        "Vilken andel med lärarlegitimation och behörighet i heltidstjänster 2021/22?",
        "2291",
    )
    assert not missing.supported
    assert "2021/22" in missing.answer and "2023/24, 2024/25" in missing.answer


def test_a_marker_is_explained(index: Index) -> None:
    near = ask(
        index,
        "Hur stor andel av pojkarna i de fristående skolorna var behöriga till yrkesprogram?",
        "2291",
    )
    assert "”~100”" in near.answer and "skydda enskilda elevers" in near.answer, near.answer
    hidden = ask(index, "Hur stor andel fick godkänt i svenska i kommunens skolor 2024/25?", "0599")
    assert "”..”" in hidden.answer and "för få elever" in hidden.answer, hidden.answer


def test_another_kommun_is_refused(index: Index) -> None:
    answer = ask(index, "Hur stor andel av lärarna i Sjöby var behöriga?", "2291")
    assert not answer.supported
    assert "Sjöby kommun" in answer.answer and not answer.citations


def test_a_national_export_supplies_riket(exports: Path, make_index: MakeIndex) -> None:
    (exports / "personalstatistik riket 2024-25.csv").write_text(NATIONAL, encoding="utf-8")
    index = make_index()
    report = ingest(index, [exports])
    assert not report.skipped, report.skipped
    assert "Riket" not in index.catalog.huvudman_names().values()
    answer = ask(
        index,
        "Hur stor andel av lärarna hade lärarlegitimation och behörighet läsåret 2024/25, "
        "räknat i heltidstjänster?",
        "2291",
    )
    # The kommun's own schools are set against the country's kommunal ones, and say so.
    assert "Riket (kommunala skolor) låg på 73,8 procent samma år" in answer.answer, answer.answer
    assert "8,4 procentenheter under riket (kommunala skolor)" in answer.answer
    # The kommun's other rows come with riket's value for the same kind of schools.
    assert "oavsett huvudman (riket 73,0 procent)" in answer.answer
    assert "finns inte i underlaget" not in answer.answer
    # The year without a national export says so.
    older = ask(
        index,
        "Hur stor andel av lärarna hade lärarlegitimation och behörighet läsåret 2023/24, "
        "räknat i heltidstjänster?",
        "2291",
    )
    assert "Rikets värde för 2023/24 finns inte i underlaget" in older.answer, older.answer


def test_reingesting_one_year_replaces_that_year_only(exports: Path, index: Index) -> None:
    path = exports / "personalstatistik-2024-25.csv"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace(";861,1;563,2;65,4;", ";861,1;563,2;66,1;"),
        encoding="utf-8-sig",
    )
    report = ingest(index, [exports])
    assert report.files_ingested == 1 and report.files_unchanged == 4
    answer = ask(
        index,
        "Hur har andelen lärare med lärarlegitimation och behörighet i heltidstjänster utvecklats?",
        "2291",
    )
    assert "83,2 procent (2023/24) och 66,1 procent (2024/25)" in answer.answer, answer.answer


def test_two_files_that_disagree_on_a_year_are_refused(exports: Path, index: Index) -> None:
    before = index.catalog.packet_rows("2291")
    copy = exports / "Personalstatistik 2025 Kommun.csv"
    copy.write_text(
        (exports / "personalstatistik-2024-25.csv")
        .read_text(encoding="utf-8-sig")
        .replace(";861,1;563,2;65,4;", ";861,1;563,2;64,0;"),
        encoding="utf-8-sig",
    )
    report = ingest(index, [exports])
    assert [s.path for s in report.skipped] == [str(copy)]
    reason = report.skipped[0].reason
    assert "personalstatistik-2024-25.csv" in reason and "64,0 mot 65,4" in reason
    assert "inget har ändrats i indexet" in reason
    assert index.catalog.packet_rows("2291") == before
    # The same values in a second download are served once.
    copy.write_text(
        (exports / "personalstatistik-2024-25.csv").read_text(encoding="utf-8-sig"),
        encoding="utf-8-sig",
    )
    report = ingest(index, [exports])
    assert not report.skipped
    assert len(index.catalog.packet_rows("2291")) == len(before)


def test_a_file_that_cannot_be_read_leaves_the_index_untouched(exports: Path, index: Index) -> None:
    before = (index.catalog.packet_rows("2291"), index.catalog.file_hashes())
    (exports / "trasig.csv").write_text(
        "\ufeffStatistik från Skolverket, https://www.skolverket.se\n\nGrundskola - Något\n"
        "Valt läsår: 2024/25\nValt läsår: 2023/24\n\n"
        "Kommun;Kommun-kod;Län;Läns-kod;Typ av huvudman;Andel (%) behöriga;\n"
        "Sjöby;0599;Östergötlands län;05;Kommunal;61,2;\n",
        encoding="utf-8",
    )
    report = ingest(index, [exports])
    assert [s.path.endswith("trasig.csv") for s in report.skipped] == [True]
    assert "blandar år" in report.skipped[0].reason
    assert (index.catalog.packet_rows("2291"), index.catalog.file_hashes()) == before


def test_definition_questions_cite_the_definitions(index: Index) -> None:
    answer = ask(index, "Hur räknas heltidstjänster för lärare i personalstatistiken?", "2291")
    assert answer.supported, answer.answer
    assert "uttryckt i antal heltidstjänster" in answer.answer
    assert all(c.chunk_id.startswith("personalstatistik-") for c in answer.citations)
    meaning = ask(
        index, "Vad betyder antal med lärarlegitimation och behörighet i statistiken?", "2291"
    )
    assert meaning.supported, meaning.answer
    assert any("Begrepp" in c.locator for c in meaning.citations), meaning.citations


def test_the_brief_shows_own_schools_against_all_schools(index: Index) -> None:
    brief = compose_brief(index, "2291")
    items = [i for s in brief.sections for i in s.items if isinstance(i, IndicatorItem)]
    share = next(
        i
        for i in items
        if i.namn.endswith("andel med lärarlegitimation och behörighet (heltidstjänster)")
    )
    assert share.omfattning == "Kommunal"
    assert [(y.ar, y.varde) for y in share.series] == [("2023/24", "83,2"), ("2024/25", "65,4")]
    assert [(c.omfattning, c.varde) for c in share.context] == [
        ("Samtliga", "73,2"),
        ("Enskild", "73,6"),
    ]
    assert share.trend.direction == "minskning"
    assert (
        "Samma år, alla skolor i Norrforsens kommun, oavsett huvudman: 73,2 procent" in share.text
    )
    # A cost table's own year is its latest: no "missing 2024/25" flag for it.
    cost = next(i for i in items if i.namn.endswith("totalt per elev"))
    assert cost.ar == "2024" and not cost.flags
