"""Invented Skolverket statistics exports (`evals.synth_exports`): the samples' exact layout."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from evals.synth_exports import (
    DEMO_CODES,
    DEMO_LASAR,
    DEMO_SEED,
    DEMO_TABLES,
    DEMO_XLSX,
    LASAR,
    NATIONAL_KOMMUNER,
    REAL_KOMMUNER,
    RESERVED_CODES,
    RESERVED_KEYS,
    TABLES,
    count_values,
    demo_kommuner,
    kommuner,
    national_kommuner,
    table_rows,
    write_export_set,
    write_national_set,
)
from evals.synth_exports import kommuner as invent_kommuner

DEMO_DIR = Path(__file__).resolve().parents[2] / "corpus" / "statistik"
BOM = b"\xef\xbb\xbf"
PREAMBLE_FIRST = "Statistik från Skolverket, https://www.skolverket.se"


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_national_set(tmp_path_factory.mktemp("national"))


@pytest.fixture(scope="module")
def small_set(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every table for 12 kommuner and all three läsår, betyg årskurs 6 2023/24 as XLSX."""
    folder = tmp_path_factory.mktemp("small")
    return write_export_set(folder, invent_kommuner(12, seed=5), LASAR, 5)


def _file(files: list[Path], name: str) -> Path:
    matches = [p for p in files if p.name == name]
    assert len(matches) == 1, (name, [p.name for p in files])
    return matches[0]


def _lines(path: Path) -> list[str]:
    data = path.read_bytes()
    assert data.startswith(BOM), path.name
    return data[len(BOM) :].decode("utf-8").split("\n")[:-1]


def test_same_seed_same_bytes_other_seed_other_values(tmp_path: Path) -> None:
    places = invent_kommuner(6, seed=2)
    first = write_export_set(tmp_path / "a", places, LASAR[1:], 3)
    again = write_export_set(tmp_path / "b", places, LASAR[1:], 3)
    other = write_export_set(tmp_path / "c", places, LASAR[1:], 4)
    assert [p.name for p in first] == [p.name for p in again] == [p.name for p in other]
    assert len(first) == len(TABLES) * 2 * 2  # tables × läsår × (Kommun, Riket)
    for a, b, c in zip(first, again, other, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
        if a.name.endswith("Kommun.csv"):
            assert a.read_bytes() != c.read_bytes(), a.name  # another seed, other values
        if a.name.endswith("Riket.csv"):
            assert a.read_bytes() == c.read_bytes(), a.name  # one Sweden, whatever the seed
    assert invent_kommuner(6, seed=2) == places
    assert invent_kommuner(6, seed=9) != places


def test_csv_has_the_exports_byte_conventions(small_set: list[Path]) -> None:
    path = _file(
        small_set, "Personalstatistik med lärarlegitimation och behörighet 2024 Kommun.csv"
    )
    lines = _lines(path)
    assert b"\r\n" not in path.read_bytes()  # LF, as the samples
    assert lines[:5] == [
        PREAMBLE_FIRST,
        "",
        "Grundskola - Personalstatistik med lärarlegitimation och behörighet",
        "Valt läsår: 2024/25",
        "Valt uttag: 2025-02-12",
    ]
    group = next(n for n, line in enumerate(lines) if line.startswith(";;;;;#"))
    assert lines[group] == ";;;;;" + "#Heltidstjänster;" * 4 + "#Tjänstgörande lärare;" * 4
    header = lines[group + 1]
    assert header.startswith("Kommun;Kommun-kod;Län;Läns-kod;Typ av huvudman;Totalt antal;")
    assert header.count("Totalt antal;") == 2
    width = header.count(";")
    end = lines.index("", group)
    data = lines[group + 2 : end]
    assert len(data) >= 24  # 12 kommuner × Samtliga and Kommunal at least
    for line in data:
        assert line.endswith(";") and line.count(";") == width, line
        kommun, code, lan, lans_kod, typ = line.split(";")[:5]
        assert re.fullmatch(r"\d{4}", code) and code[:2] == lans_kod and lan.endswith(" län")
        assert typ in ("Samtliga", "Kommunal", "Enskild", "Statlig") and kommun
    assert all(not line.endswith(";") for line in lines[:group])  # the preamble has none
    assert "Rapportbeskrivning och definitioner etc.  " in lines[end:]
    begrepp = [line for line in lines[end:] if line.count(";") == 2]
    assert begrepp and all(line.endswith(";") for line in begrepp)
    assert begrepp[0].startswith("Heltidstjänster, Totalt antal;Antal anställda lärare")
    riket = _lines(
        _file(small_set, "Personalstatistik med lärarlegitimation och behörighet 2024 Riket.csv")
    )
    grouped = r"^Riket;;;;Samtliga;\d{1,3} \d{3},\d;"  # thousands grouped: 1 004,8
    assert any(re.match(grouped, line) for line in riket)


def test_codes_keep_leading_zeros_and_names_are_invented() -> None:
    places = national_kommuner()
    codes = [k.kod for k in places]
    assert len(places) == NATIONAL_KOMMUNER == len(set(codes))
    assert all(re.fullmatch(r"\d{4}", c) for c in codes)
    assert sum(c.startswith("0") for c in codes) > 50  # län 01-09
    names = [k.namn.lower() for k in places]
    assert len(set(names)) == len(names)
    assert not set(names) & REAL_KOMMUNER
    assert not RESERVED_CODES & set(codes)
    assert not any(n.startswith(key) or key.startswith(n) for n in names for key in RESERVED_KEYS)
    assert any(set(n) & set("åäö") for n in names)
    # No name is the start of another: a question naming one names only that one.
    ordered = sorted(names)
    assert not any(b.startswith(a) for a, b in itertools.pairwise(ordered))
    demo = demo_kommuner()
    assert [k.kod for k in demo] == sorted(DEMO_CODES)
    assert all(k.kod[2] == "9" and k.kod[:2] not in ("01", "12", "14") for k in demo)
    assert not {k.kod for k in demo} & (RESERVED_CODES | set(codes))
    assert not {k.namn.lower() for k in demo} & (set(names) | REAL_KOMMUNER)
    with pytest.raises(ValueError):
        kommuner(2, codes=("0917", "0596"))  # a demo packet's id


def test_markers_missing_rows_and_whole_rows_of_dots(national: list[Path]) -> None:
    cells: set[str] = set()
    whole_rows = 0
    for path in national:
        for row in table_rows(path):
            values = [c for c in row[5:] if not c[:1].isalpha()]
            cells.update(values)
            whole_rows += bool(values) and all(v == ".." for v in values)
    assert {"..", ".", "~100"} <= cells
    assert whole_rows > 10
    personal = _file(
        national, "Personalstatistik med lärarlegitimation och behörighet 2024 Kommun.csv"
    )
    types: dict[str, set[str]] = {}
    for row in table_rows(personal):
        types.setdefault(row[1], set()).add(row[4])
    assert len(types) == NATIONAL_KOMMUNER
    without = [code for code, seen in types.items() if "Enskild" not in seen]
    assert 20 < len(without) < NATIONAL_KOMMUNER - 20  # some kommuner have no independent school
    assert all({"Samtliga", "Kommunal"} <= seen for seen in types.values())


def test_file_names_disagree_with_the_chosen_year(small_set: list[Path]) -> None:
    # Real downloads: "… 2024 Kommun.csv" holds Valt läsår 2023/24.
    behorighet = _lines(_file(small_set, "Behörighet till gymnasieskolan 2024 Kommun.csv"))
    assert behorighet[3] == "Valt läsår: 2023/24"
    elever = _lines(_file(small_set, "Elever per årskurs, samtliga elever 2024 Kommun.csv"))
    assert elever[3] == "Valt läsår: 2023/24"
    personal = _lines(
        _file(small_set, "Personalstatistik med lärarlegitimation och behörighet 2024 Kommun.csv")
    )
    assert personal[3] == "Valt läsår: 2024/25"


def test_cost_table_year_unit_and_crlf(small_set: list[Path]) -> None:
    path = _file(small_set, "Kostnader per kommun 2024 Kommun.csv")
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")  # CRLF throughout, as the doc allows
    lines = data[len(BOM) :].decode("utf-8").split("\r\n")
    assert lines[2:6] == [
        "Grundskola - Kostnader per kommun",
        "Valt år: 2024",
        "Endast kommunal huvudman",
        "",
    ]
    assert lines[6].startswith("Kommun;Kommunkod;Län;Läns-kod;Typ av huvudman;")
    rows = table_rows(path)
    assert len(rows) == 12 and {r[4] for r in rows} == {"Kommunal"}
    totals = [r[6] for r in rows if r[6] != ".."]
    assert totals and all(re.fullmatch(r"\d+", t) for t in totals)  # ungrouped, as the sample
    assert "Totalt per elev;Totala kostnader per elev för valt år, i kronor.;" in lines


def test_over_tid_years_newest_first_and_the_same_in_every_file(small_set: list[Path]) -> None:
    stem = "Jämförelse av ämnesbetyg över tid, årskurs 9"
    newer, older = (_file(small_set, f"{stem} {y} Kommun.csv") for y in (2025, 2024))
    header = next(line for line in _lines(newer) if line.startswith("Kommun;"))
    assert header.endswith(";2024/25;2023/24;2022/23;2021/22;2020/21;2019/20;2018/19;2017/18;"
                           "2016/17;2015/16;")  # fmt: skip
    assert header.startswith("Kommun;Kommunkod;Län;Länskod;Typ av huvudman;Andel (%) elever som")
    rows_new = {tuple(r[:6]): r[6:] for r in table_rows(newer)}
    rows_old = {tuple(r[:6]): r[6:] for r in table_rows(older)}
    assert rows_new.keys() == rows_old.keys() and len(rows_new) == 12 * 2 * 4
    for key, values in rows_new.items():
        assert len(values) == 10
        assert values[1:] == rows_old[key][:9], key  # 2023/24 … 2015/16 in both files


def test_riket_files_have_the_same_columns(small_set: list[Path]) -> None:
    for table in TABLES:
        kommun = [p for p in small_set if p.stem.startswith(table.stem) and "Kommun" in p.name]
        riket = [p for p in small_set if p.stem.startswith(table.stem) and "Riket" in p.name]
        assert len(kommun) == len(riket) == 3, table.key
        for k, r in zip(kommun, riket, strict=True):
            if k.suffix == ".xlsx":
                continue
            k_lines, r_lines = _lines(k), _lines(r)
            k_header = next(line for line in k_lines if line.startswith("Kommun;"))
            r_header = next(line for line in r_lines if line.startswith("Riket;"))
            assert r_header == "Riket;" + k_header.removeprefix("Kommun;")
            rows = table_rows(r)
            assert rows and all(row[:4] == ["Riket", "", "", ""] for row in rows)
            assert any(line.startswith(f"Riket;;;;{table.types[0]};") for line in r_lines)


def test_xlsx_opens_with_preamble_in_column_a_and_mixed_cells(small_set: list[Path]) -> None:
    path = _file(small_set, "Betyg årskurs 6 per ämne 2023 Kommun.xlsx")
    assert not any(p.name == "Betyg årskurs 6 per ämne 2023 Kommun.csv" for p in small_set)
    workbook = load_workbook(path)
    assert len(workbook.worksheets) == 1
    sheet = workbook.worksheets[0]
    column_a = [sheet.cell(row=n, column=1).value for n in range(1, 5)]
    assert column_a == [PREAMBLE_FIRST, None, "Grundskola - Betyg i årskurs 6 per ämne",
                        "Valt läsår: 2023/24"]  # fmt: skip
    rows = list(sheet.iter_rows(values_only=True))
    start = next(n for n, r in enumerate(rows) if r[0] == "Kommun")
    assert rows[start][:6] == ("Kommun", "Kommun-kod", "Län", "Läns-kod", "Typ av huvudman", "Ämne")
    data = [r for r in rows[start + 1 :] if r[0]]
    data = data[: next((n for n, r in enumerate(data) if r[0].startswith("Rapport")), len(data))]
    assert all(isinstance(r[1], str) and re.fullmatch(r"\d{4}", r[1]) for r in data)
    values = [v for r in data for v in r[6:]]
    assert any(isinstance(v, int) for v in values) and any(isinstance(v, float) for v in values)
    texts = {v for v in values if isinstance(v, str)}
    assert any(re.fullmatch(r"\d+,\d", t) for t in texts)  # a number written as text
    assert texts & {"..", ".", "~100"}


def test_count_values_counts_every_value_and_marker(tmp_path: Path) -> None:
    places = invent_kommuner(4, seed=8)
    files = write_export_set(tmp_path, places, ["2024/25"], 8, tables=["kostnader"], riket=False)
    assert [p.name for p in files] == ["Kostnader per kommun 2024 Kommun.csv"]
    assert count_values(files) == 4 * 7  # one Kommunal row of seven values per kommun
    with pytest.raises(ValueError):
        write_export_set(tmp_path, places, ["2024/2025"], 8)
    with pytest.raises(ValueError):
        write_export_set(tmp_path, places, ["2024/25"], 8, tables=["okänd"])


def test_national_set_has_over_100000_values(national: list[Path]) -> None:
    assert len(national) == len(TABLES) * len(LASAR) * 2
    values = count_values(national)
    print(f"national set: {len(national)} files, {values} values and markers")
    assert values > 100_000


def test_demo_corpus_is_the_builders_output(tmp_path: Path) -> None:
    """corpus/statistik holds exactly what corpus/_build/build_statistik.py writes."""
    expected = write_export_set(
        tmp_path, demo_kommuner(), DEMO_LASAR, DEMO_SEED, xlsx_tables=DEMO_XLSX, tables=DEMO_TABLES
    )
    present = sorted(p.name for p in DEMO_DIR.iterdir())
    assert present == sorted([*(p.name for p in expected), "_LASMIG.md"])
    for path in expected:
        assert (DEMO_DIR / path.name).read_bytes() == path.read_bytes(), path.name
    assert sum(p.stat().st_size for p in DEMO_DIR.iterdir()) < 100_000
    assert any(p.suffix == ".xlsx" for p in expected) and any("Riket" in p.name for p in expected)
    readme = (DEMO_DIR / "_LASMIG.md").read_text(encoding="utf-8")
    assert "påhittade" in readme and all(k.namn in readme for k in demo_kommuner())
