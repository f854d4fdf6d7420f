"""Skolverket's statistics exports, read from the shared samples and from crafted variants."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from assistant.errors import PacketFormatError
from assistant.ingest.packets import load_table
from assistant.ingest.skolverket import Export, is_export, kommun_name, read_export
from assistant.settings import PROJECT_ROOT
from assistant.types import PacketRow
from tests.samples import SKOLVERKET_SAMPLES

SAMPLES = SKOLVERKET_SAMPLES
PERSONAL = "personalstatistik-2024-25.csv"


@pytest.fixture(scope="module")
def samples() -> Path:
    assert SAMPLES.is_dir(), f"the shared samples are missing at {SAMPLES}"
    return SAMPLES


def read(path: Path) -> Export:
    table = load_table(path)
    assert is_export(table), path.name
    return read_export(table)


def one(rows: list[PacketRow], **wanted: str) -> PacketRow:
    found = [r for r in rows if all(str(getattr(r, k)) == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, [(r.indikator_namn, r.omfattning, r.ar) for r in found])
    return found[0]


def test_every_sample_is_read_with_its_table_and_year(samples: Path) -> None:
    years = {}
    for path in sorted(samples.glob("*.csv")):
        export = read(path)
        assert export.rows, path.name
        assert export.title.startswith("Grundskola - ")
        years[path.name] = export.year
    assert years == {
        "amnesbetyg-over-tid-ak9.csv": "2024/25",
        "behorighet-gymnasiet-2024-25.csv": "2024/25",
        "kostnader-per-kommun-2024.csv": "2024",
        "personalstatistik-2023-24.csv": "2023/24",
        "personalstatistik-2024-25.csv": "2024/25",
    }


def test_the_kommun_is_the_huvudman_and_the_rows_say_which_schools(samples: Path) -> None:
    rows = read(samples / PERSONAL).rows
    share = "andel med lärarlegitimation och behörighet (heltidstjänster)"
    own = one(
        rows,
        huvudman_id="0599",
        omfattning="Kommunal",
        indikator_namn=(f"Personalstatistik med lärarlegitimation och behörighet: {share}"),
    )
    assert (own.huvudman_namn, own.ar, own.varde, own.enhet) == (
        "Sjöby kommun",
        "2024/25",
        "62,0",
        "procent",
    )
    assert (own.line, own.kolumn) == (15, 8)  # the cell, so a citation can point at it
    assert {r.omfattning for r in rows if r.huvudman_id == "2291"} == {
        "Samtliga",
        "Kommunal",
        "Enskild",
    }
    # Sjöby has no independent schools, so no Enskild row.
    assert {r.omfattning for r in rows if r.huvudman_id == "0599"} == {"Samtliga", "Kommunal"}


def test_the_group_header_tells_the_two_totals_apart(samples: Path) -> None:
    rows = read(samples / "personalstatistik-2023-24.csv").rows
    totals = [
        r
        for r in rows
        if r.huvudman_id == "2598"
        and r.omfattning == "Kommunal"
        and "totalt antal" in r.indikator_namn
    ]
    assert [(r.indikator_namn.split(": ")[1], r.varde, r.enhet) for r in totals] == [
        ("totalt antal (heltidstjänster)", "1 004,8", "heltidstjänster"),
        ("totalt antal (tjänstgörande lärare)", "1 125", "antal"),
    ]
    assert totals[0].varde_num == 1004.8
    assert totals[0].definition.startswith("Antal anställda lärare")


def test_markers_are_kept_and_a_whole_row_of_markers_is_read(samples: Path) -> None:
    rows = read(samples / PERSONAL).rows
    hidden = [r for r in rows if r.huvudman_id == "2598" and r.omfattning == "Enskild"]
    assert len(hidden) == 8 and {r.varde for r in hidden} == {".."}
    assert all(r.varde_num is None for r in hidden)
    rows = read(samples / "behorighet-gymnasiet-2024-25.csv").rows
    near = one(
        rows,
        huvudman_id="2291",
        omfattning="Enskild",
        dimension="Pojkar",
        indikator_namn="Behörighet till gymnasieskolan: andel elever behöriga till "
        "yrkesprogram, pojkar",
    )
    assert (near.varde, near.varde_num) == ("~100", None)


def test_a_dimension_column_makes_one_indicator_per_value(samples: Path) -> None:
    rows = read(samples / "behorighet-gymnasiet-2024-25.csv").rows
    names = {r.indikator_namn for r in rows if "yrkesprogram" in r.indikator_namn}
    assert names == {
        "Behörighet till gymnasieskolan: andel elever behöriga till yrkesprogram",
        "Behörighet till gymnasieskolan: andel elever behöriga till yrkesprogram, flickor",
        "Behörighet till gymnasieskolan: andel elever behöriga till yrkesprogram, pojkar",
    }
    total = one(
        rows,
        huvudman_id="1499",
        omfattning="Kommunal",
        dimension="",
        indikator_namn="Behörighet till gymnasieskolan: andel elever behöriga till yrkesprogram",
    )
    assert total.varde == "62,9"


def test_years_as_columns_make_a_series_in_one_file(samples: Path) -> None:
    export = read(samples / "amnesbetyg-over-tid-ak9.csv")
    assert export.years[0] == "2024/25" and export.years[-1] == "2015/16"
    maths = [
        r
        for r in export.rows
        if r.huvudman_id == "0599" and r.omfattning == "Kommunal" and r.dimension == "Matematik"
    ]
    assert [r.ar for r in maths][:2] == ["2024/25", "2023/24"]
    assert [r.varde for r in maths][:3] == ["92,3", "90,4", "80,1"]
    assert maths[0].indikator_namn.endswith("andel elever som fått godkänt betyg i matematik")
    assert len({r.indikator_id for r in maths}) == 1


def test_units_come_from_the_header_and_the_definitions(samples: Path) -> None:
    rows = read(samples / "kostnader-per-kommun-2024.csv").rows
    units = {r.indikator_namn.split(": ")[1]: r.enhet for r in rows if r.huvudman_id == "2291"}
    # "Totalt" is a sum in an unstated unit: no unit is invented for it.
    assert units == {
        "genomsnittligt elevantal": "antal",
        "totalt": "",
        "undervisning": "",
        "totalt per elev": "kronor",
        "undervisning per elev": "kronor",
    }
    assert {r.omfattning for r in rows} == {"Kommunal"}
    assert one(rows, huvudman_id="2291", kolumn="7").varde == "101143"


def test_a_total_in_thousands_of_kronor_says_so(tmp_path: Path) -> None:
    path = crafted(
        tmp_path,
        "Grundskola - Kostnader per kommun\nValt år: 2024\n\n"
        "Kommun;Kommunkod;Län;Läns-kod;Typ av huvudman;Totalt;Totalt per elev;\n"
        "Sjöby;0599;Östergötlands län;05;Kommunal;153011;17 200;\n\n"
        "Totalt;Totala kostnader för valt år, i tusentals kronor.;\n",
    )
    assert [r.enhet for r in read(path).rows] == ["tusen kronor", "kronor"]


def test_notes_and_definitions_become_a_document(samples: Path) -> None:
    export = read(samples / PERSONAL)
    doc = export.document(PERSONAL)
    assert doc is not None
    assert doc.title == (
        "Grundskola - Personalstatistik med lärarlegitimation och behörighet: definitioner och "
        "anmärkningar"
    )
    texts = {tuple(s.heading_path): s.text for s in doc.sections}
    assert "färre än 3 st heltidstjänster" in texts[("Anmärkningar",)]
    assert "15 oktober" in texts[("Rapportbeskrivning och definitioner",)]
    begrepp = [s.text for s in doc.sections if s.heading_path == ["Begrepp"]]
    assert begrepp[0].startswith("Heltidstjänster, Totalt antal: Antal anställda lärare")


def test_the_year_comes_from_the_file_never_its_name(samples: Path, tmp_path: Path) -> None:
    misnamed = tmp_path / "Personalstatistik samtliga elever 2024 Kommun.csv"
    shutil.copy(samples / "personalstatistik-2023-24.csv", misnamed)
    assert {r.ar for r in read(misnamed).rows} == {"2023/24"}


def test_kommun_names_read_as_swedish() -> None:
    assert kommun_name("Härnösand") == "Härnösands kommun"
    assert kommun_name("Ale") == "Ale kommun"
    assert kommun_name("Kramfors") == "Kramfors kommun"
    assert kommun_name("Gotland") == "Region Gotland"


def write_xlsx(path: Path, csv_path: Path, *, numbers: bool) -> None:
    """The CSV as Skolverket's Excel download has it: one sheet, preamble in column A."""
    book = openpyxl.Workbook()
    sheet = book.active
    text = csv_path.read_text(encoding="utf-8-sig")
    for line in text.splitlines():
        cells: list[object] = line.split(";")
        if numbers:
            cells = [_number(c) for c in cells]
        sheet.append(cells)
    if numbers:  # as Skolverket's sheets show them: one decimal
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0"
    book.save(path)


def _number(cell: object) -> object:
    text = str(cell).replace(" ", "")
    try:
        return (
            int(text)
            if text.isdigit() and not text.startswith("0")
            else float(text.replace(",", "."))
        )
    except ValueError:
        return cell


@pytest.mark.parametrize("numbers", [True, False], ids=["number-cells", "text-cells"])
def test_the_excel_download_gives_the_same_values(
    samples: Path, tmp_path: Path, numbers: bool
) -> None:
    source = samples / "behorighet-gymnasiet-2024-25.csv"
    xlsx = tmp_path / "behorighet.xlsx"
    write_xlsx(xlsx, source, numbers=numbers)
    from_csv = {(r.huvudman_id, r.indikator_id, r.omfattning): r.varde for r in read(source).rows}
    from_xlsx = {(r.huvudman_id, r.indikator_id, r.omfattning): r.varde for r in read(xlsx).rows}
    assert from_xlsx == from_csv


def test_a_code_cell_that_lost_its_leading_zero_gets_it_back(samples: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "kostnader.xlsx"
    write_xlsx(xlsx, samples / "kostnader-per-kommun-2024.csv", numbers=False)
    book = openpyxl.load_workbook(xlsx)
    sheet = book.active
    for row in sheet.iter_rows():
        if row[1].value == "0599":
            row[1].value = 599
    book.save(xlsx)
    assert "0599" in {r.huvudman_id for r in read(xlsx).rows}


def test_a_riket_export_gives_national_values(tmp_path: Path) -> None:
    path = tmp_path / "riket.csv"
    path.write_text(
        "\ufeffStatistik från Skolverket, https://www.skolverket.se\n\n"
        "Grundskola - Kostnader per kommun\nValt år: 2024\n\n"
        "Riket;Kommunkod;Län;Läns-kod;Typ av huvudman;Genomsnittligt elevantal;Totalt per elev;\n"
        "Riket;;;;Kommunal;812 004;15 900;\n\n",
        encoding="utf-8",
    )
    export = read(path)
    assert list(export.rows) == []
    assert [(r.huvudman_namn, r.varde, r.enhet) for r in export.national] == [
        ("Riket", "812 004", "antal"),
        ("Riket", "15 900", "kronor"),
    ]


def crafted(tmp_path: Path, body: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text("\ufeffStatistik från Skolverket, https://www.skolverket.se\n\n" + body)
    return path


HEADER = "Kommun;Kommun-kod;Län;Läns-kod;Typ av huvudman;Andel (%) behöriga;\n"
ROW = "Sjöby;0599;Östergötlands län;05;Kommunal;61,2;\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "Grundskola - Något\nValt läsår: 2024/25\n\nKommun;Värde;\nSjöby;3;\n",
            "tabellen hittades inte",
        ),
        (
            "Grundskola - Något\nValt läsår: 2024/25\n\n"
            "Kommun;Kommun-kod;Län;Läns-kod;Typ av huvudman;\n"
            "Sjöby;0599;Östergötlands län;05;Kommunal;\n",
            "känns inte igen",
        ),
        (
            "Grundskola - Något\nValt läsår: 2024/25\nValt läsår: 2023/24\n\n" + HEADER + ROW,
            "blandar år",
        ),
        ("Grundskola - Något\n\n" + HEADER + ROW, "Året tas aldrig från filnamnet"),
        ("Grundskola - Något\nValt läsår: 2024/25\n\n" + HEADER, "inga rader"),
        (
            "Grundskola - Något\nValt läsår: 2024/25\n\n"
            + HEADER
            + "Sjöby;599x;Östergötlands län;05;Kommunal;61,2;\n",
            "inte fyra siffror",
        ),
        (
            "Grundskola - Något\nValt läsår: 2024/25\n\n"
            + HEADER
            + "Sjöby;0599;Östergötlands län;05;Kommunal;61,2;7;8;\n",
            "fler värden än rubrikraden",
        ),
        (
            "Grundskola - Något\nValt läsår: 2024/25\n\n"
            "Kommun;Kommun-kod;Län;Läns-kod;Typ av huvudman;Andel;2024/25;\n"
            "Sjöby;0599;Östergötlands län;05;Kommunal;61,2;60,1;\n",
            "både år och mått",
        ),
    ],
    ids=[
        "no-table",
        "no-measures",
        "two-years",
        "no-year",
        "no-rows",
        "bad-code",
        "too-wide",
        "years-and-measures",
    ],
)
def test_an_unreadable_export_gets_a_named_reason(tmp_path: Path, body: str, message: str) -> None:
    path = crafted(tmp_path, body)
    with pytest.raises(PacketFormatError, match=message) as caught:
        read(path) if is_export(load_table(path)) else pytest.fail("not seen as an export")
    assert str(caught.value).startswith("export.csv: ")


def test_a_long_format_packet_is_not_taken_for_an_export() -> None:
    table = load_table(PROJECT_ROOT / "corpus" / "indikatorer" / "norrforsen-2022-2024.csv")
    assert not is_export(table)
