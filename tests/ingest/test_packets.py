"""Tests for the indicator-packet reader: every bad input named in the packet contract, and more."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl
import pytest

from assistant.errors import PacketFormatError, UnreadableFileError
from assistant.ingest.packets import (
    PACKET_SUFFIXES,
    SUPPRESSION_MEANINGS,
    display_value,
    normalise_column_name,
    parse_number,
    read_packet,
)

FULL_HEADER = (
    "huvudman_id;huvudman_namn;skolform;kategori;indikator_id;indikator_namn;enhet;ar;varde;"
    "riket;kalla;definition"
)
MERIT = "Genomsnittligt meritvärde i årskurs 9 (17 ämnen)"


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def write_text(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(tmp_path, name, text.encode(encoding))


def write_xlsx(
    tmp_path: Path,
    name: str,
    rows: list[list[object]],
    *,
    title: str = "Blad1",
    formats: dict[str, str] | None = None,
    other_sheets: dict[str, list[list[object]]] | None = None,
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for coordinate, number_format in (formats or {}).items():
        sheet[coordinate].number_format = number_format
    for sheet_title, sheet_rows in (other_sheets or {}).items():
        other = workbook.create_sheet(sheet_title, 0)
        for row in sheet_rows:
            other.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def read_error(path: Path) -> str:
    with pytest.raises(PacketFormatError) as info:
        read_packet(path)
    message = str(info.value)
    assert message.startswith(f"{path.name}: "), message
    return message


# ---------------------------------------------------------------------------------------------
# The contract's bad inputs


def test_semicolon_file_whose_text_fields_contain_commas(tmp_path: Path) -> None:
    # Every line has the same number of commas (3) and of semicolons (5), so a frequency-based
    # guess prefers the comma; the stdlib Sniffer falls for it, the reader must not.
    text = (
        "huvudman_id;huvudman_namn;indikator_namn;ar;varde;Kommentar (kort, fri text, valfri, ej)\n"
        "2281;Sundsvalls kommun, BUF;Andel behöriga, yrkesprogram;2024;84,1;x\n"
        "2281;Sundsvalls kommun, BUF;Andel behöriga, yrkesprogram;2023;83,9;y\n"
    )
    assert csv.Sniffer().sniff(text, delimiters=";,\t").delimiter == ","
    rows = read_packet(write_text(tmp_path, "trap.csv", text))
    assert [(r.huvudman_namn, r.indikator_namn, r.ar, r.varde, r.varde_num) for r in rows] == [
        ("Sundsvalls kommun, BUF", "Andel behöriga, yrkesprogram", "2024", "84,1", 84.1),
        ("Sundsvalls kommun, BUF", "Andel behöriga, yrkesprogram", "2023", "83,9", 83.9),
    ]
    assert rows[0].extra == {"Kommentar (kort, fri text, valfri, ej)": "x"}
    assert [r.line for r in rows] == [2, 3]


def test_bom_and_semicolon(tmp_path: Path) -> None:
    text = (
        f"{FULL_HEADER}\n"
        f"2281;Sundsvalls kommun;grundskola;Resultat;meritvarde_ak9;{MERIT};poäng;2024;"
        "209,7;220,5;Skolverket;\n"
    )
    path = write_bytes(tmp_path, "bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    [row] = read_packet(path)
    assert row.huvudman_id == "2281"
    assert row.huvudman_namn == "Sundsvalls kommun"
    assert row.indikator_id == "meritvarde_ak9"
    assert row.indikator_namn == MERIT
    assert row.enhet == "poäng"
    assert (row.varde, row.varde_num, row.riket, row.riket_num) == ("209,7", 209.7, "220,5", 220.5)
    assert row.kalla == "Skolverket"
    assert row.definition == ""
    assert row.extra == {}
    assert row.line == 2


def test_cp1252_swedish_letters(tmp_path: Path) -> None:
    text = (
        "huvudman_id;huvudman_namn;skolform;kategori;indikator_namn;enhet;år;värde\n"
        "1234;Sjöviks kommun;förskola;Förutsättningar;Andel förskollärare;procent;2024;41,5\n"
        "1234;Sjöviks kommun;gymnasieskola;Lärare;Andel lärare med legitimation;procent;2024;..\n"
    )
    path = write_text(tmp_path, "ansi.csv", text, encoding="cp1252")
    rows = read_packet(path)
    assert [r.huvudman_namn for r in rows] == ["Sjöviks kommun", "Sjöviks kommun"]
    assert [r.skolform for r in rows] == ["förskola", "gymnasieskola"]
    assert [r.kategori for r in rows] == ["Förutsättningar", "Lärare"]
    assert rows[0].indikator_namn == "Andel förskollärare"
    assert rows[0].indikator_id == "andel_forskollarare"
    for row in rows:
        assert "Ã" not in row.model_dump_json()
        assert "\ufffd" not in row.model_dump_json()


def test_header_with_ar_and_varde_in_swedish_letters_and_derived_indicator_id(
    tmp_path: Path,
) -> None:
    text = (
        " Huvudman-ID ;Huvudman namn;Indikator namn;År;Värde;RIKET;Källa\n"
        f"2281;Sundsvalls kommun;{MERIT};2023/24;209,7;220,5;Skolverket\n"
    )
    [row] = read_packet(write_text(tmp_path, "svenska.csv", text))
    assert row.huvudman_id == "2281"
    assert row.huvudman_namn == "Sundsvalls kommun"
    assert row.indikator_namn == MERIT
    assert row.indikator_id == "genomsnittligt_meritvarde_i_arskurs_9_17_amnen"
    assert row.ar == "2023/24"
    assert (row.varde, row.varde_num) == ("209,7", 209.7)
    assert (row.riket, row.riket_num) == ("220,5", 220.5)
    assert row.kalla == "Skolverket"
    assert row.extra == {}


def test_indicator_name_taken_from_id_when_only_id_column(tmp_path: Path) -> None:
    text = "huvudman_id;indikator_id;ar;varde\n2281;meritvarde_ak9;2024;209,7\n"
    [row] = read_packet(write_text(tmp_path, "id.csv", text))
    assert (row.indikator_id, row.indikator_namn) == ("meritvarde_ak9", "meritvarde_ak9")


def test_suppression_markers_are_kept_with_no_number(tmp_path: Path) -> None:
    text = (
        "huvudman_id;indikator_namn;ar;varde;riket\n"
        "2281;A;2020;..;84,0\n"
        "2281;A;2021;.;.\n"
        "2281;A;2022;-;\n"
        "2281;A;2023;–;..\n"
        "2281;A;2024;;\n"
    )
    rows = read_packet(write_text(tmp_path, "prickar.csv", text))
    assert [(r.ar, r.varde, r.varde_num, r.riket, r.riket_num) for r in rows] == [
        ("2020", "..", None, "84,0", 84.0),
        ("2021", ".", None, ".", None),
        ("2022", "-", None, "", None),
        ("2023", "–", None, "..", None),
        ("2024", "", None, "", None),
    ]
    assert [SUPPRESSION_MEANINGS[r.varde] for r in rows] == [
        "uppgiften saknas eller är för osäker för att redovisas (t.ex. för få elever)",
        "uppgiften kan inte förekomma",
        "inget att redovisa",
        "inget att redovisa",
        "uppgift saknas i filen",
    ]
    assert [r.line for r in rows] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("data", [b"", b"   \r\n\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    message = read_error(write_bytes(tmp_path, "tom.csv", data))
    assert "filen är tom" in message
    assert "Spara filen som CSV med semikolon eller som XLSX" in message


def test_header_only_file(tmp_path: Path) -> None:
    message = read_error(write_text(tmp_path, "bara_rubrik.csv", FULL_HEADER + "\n;;;;\n\n"))
    assert "rubrikrad (rad 1) men inga datarader" in message


def test_header_only_file_after_preamble(tmp_path: Path) -> None:
    text = "Indikatorer för Sundsvall\n\n" + FULL_HEADER + "\n"
    message = read_error(write_text(tmp_path, "bara_rubrik.csv", text))
    assert "rubrikrad (rad 3) men inga datarader" in message


def test_binary_png_renamed_csv(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    message = read_error(write_bytes(tmp_path, "bild.csv", png))
    assert "ser inte ut att vara en textfil" in message


def test_binary_without_nul_bytes_renamed_csv(tmp_path: Path) -> None:
    data = bytes(range(1, 32)) * 4 + b"huvudman_id;ar;varde\n"
    message = read_error(write_bytes(tmp_path, "data.csv", data))
    assert "ser inte ut att vara en textfil" in message


def test_row_with_too_few_fields_names_the_line(tmp_path: Path) -> None:
    text = (
        "Källa: Skolverket\n"
        "huvudman_id;indikator_namn;ar;varde;riket\n"
        "2281;A;2023;83,9;84,0\n"
        "\n"
        "2281;A;2024\n"
        "2281;A;2022;83,0;84,0\n"
    )
    message = read_error(write_text(tmp_path, "kort.csv", text))
    assert "rad 5 har 3 fält men rubrikraden (rad 2) har 5" in message


def test_row_with_too_many_fields_names_the_line(tmp_path: Path) -> None:
    # A comma-separated file with an unquoted decimal comma: the value splits in two.
    text = 'huvudman_id,indikator_namn,ar,varde\n2281,A,2023,"83,9"\n2281,A,2024,84,1\n'
    message = read_error(write_text(tmp_path, "lang.csv", text))
    assert "rad 3 har 5 fält men rubrikraden (rad 1) har 4" in message
    assert "citattecken" in message


def test_trailing_empty_fields_are_not_an_error(tmp_path: Path) -> None:
    text = "huvudman_id;indikator_namn;ar;varde\n2281;A;2024;84,1;;\n"
    [row] = read_packet(write_text(tmp_path, "extra_semikolon.csv", text))
    assert (row.varde, row.extra) == ("84,1", {})


def test_xlsx_header_on_row_3_with_mixed_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        "paket.xlsx",
        [
            ["Indikatorer, Sundsvalls kommun"],
            [],
            ["Huvudman-ID", "Huvudman namn", "Indikator namn", "Enhet", "År", "Värde", "Riket"],
            ["0917", "Sjöviks kommun", MERIT, "poäng", 2024, 209.7, "220,5"],
            [2281, "Sundsvalls kommun", "Antal elever", "antal", 2024.0, 12.0, None],
            [2281, "Sundsvalls kommun", "Andel behöriga", "procent", "2023/24", "84,1 %", 85],
            [2281, "Sundsvalls kommun", "Andel behöriga", "procent", 2022, "..", "."],
            [2281, "Sundsvalls kommun", "Invånare", "antal", 2022, "2\u00a0800", 1 / 3],
        ],
    )
    rows = read_packet(path)
    got = [(r.line, r.huvudman_id, r.ar, r.varde, r.varde_num, r.riket, r.riket_num) for r in rows]
    assert got == [
        (4, "0917", "2024", "209,7", 209.7, "220,5", 220.5),
        (5, "2281", "2024", "12", 12.0, "", None),
        (6, "2281", "2023/24", "84,1", 84.1, "85", 85.0),
        (7, "2281", "2022", "..", None, ".", None),
        (8, "2281", "2022", "2 800", 2800.0, "0,3333333333333333", 1 / 3),
    ]
    assert rows[0].huvudman_namn == "Sjöviks kommun"
    assert rows[0].indikator_namn == MERIT
    assert rows[0].enhet == "poäng"


def test_xlsx_prefers_sheet_named_indikatorer(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        "flera_blad.xlsx",
        [["Huvudman_id", "Indikator_id", "Ar", "Varde"], ["2281", "x", "2024", 1.5]],
        title="Indikatorer",
        other_sheets={"Info": [["Om filen"], ["Skapad 2024-10-01"]]},
    )
    [row] = read_packet(path)
    assert (row.indikator_id, row.varde, row.varde_num, row.line) == ("x", "1,5", 1.5, 2)


def test_xlsx_percent_formatted_cell_is_shown_in_percent(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        "procent.xlsx",
        [
            ["huvudman_id", "indikator_namn", "ar", "varde", "riket"],
            ["2281", "A", 2024, 0.841, 0.9],
        ],
        formats={"D2": "0.0%", "E2": "0%"},
    )
    [row] = read_packet(path)
    assert (row.varde, row.varde_num, row.riket, row.riket_num) == ("84,1", 84.1, "90", 90.0)
    assert row.enhet == "procent"


def test_xlsx_cells_beyond_the_header_are_kept(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        "bred.xlsx",
        [["huvudman_id", "indikator_namn", "ar", "varde"], ["2281", "A", 2024, 3, None, "not"]],
    )
    [row] = read_packet(path)
    assert row.extra == {"kolumn 6": "not"}


def test_xlsx_without_header_lists_missing_and_found(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, "fel.xlsx", [["Rubrik"], ["Huvudman", "År", "Värde"], [1, 2, 3]])
    message = read_error(path)
    assert "Saknas: huvudman_id, indikator_namn eller indikator_id" in message
    assert "Kolumner som hittades (rad 2): Huvudman, År, Värde" in message
    assert "bladet 'Blad1'" in message


def test_xlsx_header_only(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path, "rubrik.xlsx", [[], ["huvudman_id", "indikator_namn", "ar", "varde"]]
    )
    message = read_error(path)
    assert "rubrikrad (rad 2) men inga datarader" in message


def test_xlsx_empty_workbook(tmp_path: Path) -> None:
    message = read_error(write_xlsx(tmp_path, "tom.xlsx", []))
    assert "bladet 'Blad1' är tomt" in message


def test_xlsx_with_too_many_rows_is_refused(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["huvudman_id", "indikator_namn", "ar", "varde"])
    sheet.cell(row=1_000_001, column=1, value="2281")
    path = tmp_path / "stor.xlsx"
    workbook.save(path)
    message = read_error(path)
    assert "har minst 1000001 rader; gränsen är 1 000 000 rader" in message


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 this is not really a zip archive",
        b"huvudman_id;indikator_namn;ar;varde\n2281;A;2024;1\n",
        bytes(range(256)) * 8,
    ],
    ids=["broken-zip", "csv-renamed", "random-bytes"],
)
def test_corrupt_xlsx(tmp_path: Path, data: bytes) -> None:
    message = read_error(write_bytes(tmp_path, "trasig.xlsx", data))
    assert "kunde inte öppnas som en Excel-arbetsbok (XLSX)" in message


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "arkiv.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hej")
    message = read_error(path)
    assert "kunde inte öppnas som en Excel-arbetsbok (XLSX)" in message


def test_huvudman_id_with_leading_zero_is_kept(tmp_path: Path) -> None:
    text = "huvudman_id;indikator_namn;ar;varde\n0917;A;2024;5\n00123;A;2024;6\n"
    rows = read_packet(write_text(tmp_path, "nollor.csv", text))
    assert [r.huvudman_id for r in rows] == ["0917", "00123"]


# ---------------------------------------------------------------------------------------------
# Other physical forms


def test_comma_delimited_with_quoted_decimal_comma(tmp_path: Path) -> None:
    text = (
        "huvudman_id,huvudman_namn,indikator_namn,ar,varde,riket\n"
        '2281,"Sundsvalls kommun, BUF",Andel,2024,"84,1",84.5\n'
    )
    [row] = read_packet(write_text(tmp_path, "komma.csv", text))
    assert row.huvudman_namn == "Sundsvalls kommun, BUF"
    assert (row.varde, row.varde_num, row.riket, row.riket_num) == ("84,1", 84.1, "84,5", 84.5)


def test_tab_delimited(tmp_path: Path) -> None:
    text = "huvudman_id\tindikator_namn\tar\tvarde\n2281\tAndel; behöriga\t2024\t84,1\n"
    [row] = read_packet(write_text(tmp_path, "tabb.csv", text))
    assert (row.indikator_namn, row.varde, row.varde_num) == ("Andel; behöriga", "84,1", 84.1)


def test_decimal_point_percent_and_nbsp_thousands(tmp_path: Path) -> None:
    text = (
        "huvudman_id;indikator_namn;ar;varde;riket\n"
        "2281;A;2024;84.1;84,1 %\n"
        "2281;B;2024;2\u00a0800;12 345,5\n"
    )
    rows = read_packet(write_text(tmp_path, "tal.csv", text))
    assert [(r.varde, r.varde_num, r.riket, r.riket_num, r.enhet) for r in rows] == [
        ("84,1", 84.1, "84,1", 84.1, "procent"),
        ("2 800", 2800.0, "12 345,5", 12345.5, ""),
    ]


def test_percent_does_not_override_a_given_unit(tmp_path: Path) -> None:
    text = "huvudman_id;indikator_namn;enhet;ar;varde\n2281;A;procentenheter;2024;3,5 %\n"
    [row] = read_packet(write_text(tmp_path, "enhet.csv", text))
    assert (row.enhet, row.varde) == ("procentenheter", "3,5")


def test_crlf_line_endings_and_preamble(tmp_path: Path) -> None:
    text = (
        "Indikatorpaket Sundsvall\r\n"
        "Uttaget 2024-10-01\r\n"
        "\r\n"
        "huvudman_id;indikator_namn;ar;varde;definition\r\n"
        '2281;A;2023;83,9;"Andel elever\r\nsom är behöriga"\r\n'
        "2281;A;2024;84,1;\r\n"
    )
    rows = read_packet(write_text(tmp_path, "crlf.csv", text))
    assert [(r.line, r.ar, r.varde) for r in rows] == [(5, "2023", "83,9"), (7, "2024", "84,1")]
    assert rows[0].definition == "Andel elever\r\nsom är behöriga"
    assert all("\r" not in r.varde and "\r" not in r.ar for r in rows)


def test_utf8_without_bom(tmp_path: Path) -> None:
    text = "huvudman_id;huvudman_namn;indikator_namn;ar;varde\n2281;Älvdalens kommun;Ö;2024;1\n"
    [row] = read_packet(write_text(tmp_path, "utf8.csv", text))
    assert (row.huvudman_namn, row.indikator_namn, row.indikator_id) == (
        "Älvdalens kommun",
        "Ö",
        "o",
    )


def test_missing_required_column_lists_missing_and_found(tmp_path: Path) -> None:
    text = "Rapport\nhuvudman_id;Huvudman namn;Indikator;År\n2281;Sundsvall;A;2024\n"
    message = read_error(write_text(tmp_path, "saknas.csv", text))
    assert "Saknas: indikator_namn eller indikator_id, varde." in message
    assert "Kolumner som hittades (rad 2): huvudman_id, Huvudman namn, Indikator, År." in message


def test_extra_columns_are_kept_by_original_header(tmp_path: Path) -> None:
    text = (
        "huvudman_id;indikator_namn;ar;varde;Kommentar;Antal elever;;Kommentar\n"
        "2281;A;2024;5;ok;12;;b\n"
    )
    [row] = read_packet(write_text(tmp_path, "extra.csv", text))
    assert row.extra == {"Kommentar": "ok", "Antal elever": "12", "Kommentar (2)": "b"}


def test_empty_required_value_names_the_line(tmp_path: Path) -> None:
    text = "huvudman_id;indikator_namn;ar;varde\n2281;A;2024;5\n;A;2024;6\n"
    message = read_error(write_text(tmp_path, "tomt_id.csv", text))
    assert "rad 3: kolumnen huvudman_id är tom" in message


def test_unsupported_suffix(tmp_path: Path) -> None:
    message = read_error(write_text(tmp_path, "paket.txt", "huvudman_id;ar;varde\n"))
    assert "filtypen .txt kan inte läsas som indikatorpaket" in message


def test_missing_file_is_a_packet_error(tmp_path: Path) -> None:
    with pytest.raises(PacketFormatError, match=r"^finns_inte\.csv: filen kunde inte läsas"):
        read_packet(tmp_path / "finns_inte.csv")


def test_packet_format_error_is_an_unreadable_file_error() -> None:
    assert issubclass(PacketFormatError, UnreadableFileError)
    assert sorted(PACKET_SUFFIXES) == [".csv", ".xlsx"]


# ---------------------------------------------------------------------------------------------
# Small pure functions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("84,1", 84.1),
        ("84.1", 84.1),
        ("84,1 %", 84.1),
        ("84,1%", 84.1),
        ("2 800", 2800.0),
        ("2\u00a0800", 2800.0),
        ("2\u202f800,5", 2800.5),
        ("1 234 567", 1234567.0),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("-3,5", -3.5),
        ("\u22123,5", -3.5),
        ("+2", 2.0),
        (",5", 0.5),
        (" 12 ", 12.0),
        ("0", 0.0),
        ("..", None),
        (".", None),
        ("-", None),
        ("–", None),
        ("", None),
        ("   ", None),
        ("<5", None),
        ("2 80", None),
        ("1.234.567", None),
        ("abc", None),
        ("%", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("84.1", ("84,1", 84.1)),
        ("84,1 %", ("84,1", 84.1)),
        ("84,10", ("84,10", 84.1)),
        ("2\u00a0800", ("2 800", 2800.0)),
        ("2  800", ("2 800", 2800.0)),
        ("1,234.5", ("1 234,5", 1234.5)),
        ("\u22121,5", ("-1,5", -1.5)),
        (209.7, ("209,7", 209.7)),
        (12.0, ("12", 12.0)),
        (12, ("12", 12.0)),
        (-0.0, ("0", -0.0)),
        (1e16, ("10000000000000000", 1e16)),
        (0.1 + 0.2, ("0,30000000000000004", 0.30000000000000004)),
        ("..", ("..", None)),
        (" . ", (".", None)),
        (None, ("", None)),
        ("ej redovisat", ("ej redovisat", None)),
    ],
)
def test_display_value(value: str | int | float | None, expected: tuple[str, float | None]) -> None:
    assert display_value(value) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("År", "ar"),
        ("år", "ar"),
        (" ar ", "ar"),
        ("Värde", "varde"),
        ("VARDE", "varde"),
        ("Huvudman-ID", "huvudman_id"),
        ("huvudman_id", "huvudman_id"),
        ("Huvudman  namn", "huvudman_namn"),
        ("Indikator namn", "indikator_namn"),
        ("Källa", "kalla"),
        ("Definition", "definition"),
        ("\ufeffhuvudman_id", "huvudman_id"),
        ("Antal elever", "antal_elever"),
    ],
)
def test_normalise_column_name(header: str, expected: str) -> None:
    assert normalise_column_name(header) == expected
