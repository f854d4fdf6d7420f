"""Invented indicator packets for scale tests: thousands of huvudmän, every accepted packet form.

Everything here is made up (names, ids and values) and every file says so. The indicators, their
names, units, definitions and the national values (`riket`) are read from the demo packets'
source (`corpus/_build/sources/indikatorpaket.json`), so an index holding both still has exactly
six indicator passages.

The generator is pure and seeded: the same arguments give the same files, byte for byte.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import json
import random
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.ingest.packets import KNOWN_COLUMNS
from assistant.settings import PROJECT_ROOT

FORMATS = ("csv", "xlsx", "mixed")
YEARS = ("2022", "2023", "2024")
INVENTED = "Påhittade värden (syntetiska, skapade av dialogstod synth-packets)"
# The demo packets' names, kept out of the invented ones so questions about them stay unambiguous.
RESERVED_IDS = frozenset({"0917", "2795", "9001"})
RESERVED_KEYS = ("norrfors", "sjövik", "lärkträd")
# Real municipalities that the name parts below could spell; invented names must not be real.
REAL_NAMES = frozenset(
    {
        *("norrköping", "söderköping", "nyköping", "linköping", "västervik", "östersund"),
        *("söderhamn", "sandviken", "ljusdal", "eksjö", "ljungby", "hammarö", "nybro"),
        *("storfors", "österåker", "mjölby", "kopparberg"),
    }
)
_TRIPLE = re.compile(r"(.)\1\1")  # "Norrryd": not how Swedish spells it
_FIXED_DATE = dt.datetime(2025, 1, 15)
# The demo packets' one source: `corpus/_build` writes the packets from it.
DEMO_SOURCE = PROJECT_ROOT / "corpus" / "_build" / "sources" / "indikatorpaket.json"


@dataclass(frozen=True)
class DemoIndicator:
    """An indicator as the demo packets' source lists it."""

    id: str
    namn: str
    enhet: str
    kategori: str
    skolform: str
    kalla: str
    definition: str


def read_demo_source() -> dict[str, Any]:
    """The demo packets' source: years, indicators, national values and the huvudmän's values."""
    data: dict[str, Any] = json.loads(DEMO_SOURCE.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Indicator(DemoIndicator):
    """A demo indicator with its national values and how invented values vary around them."""

    riket: tuple[str, ...]  # one per year in YEARS, as in the demo packets
    spread: float  # standard deviation between huvudmän
    low: float
    high: float


# How invented values vary around the national value, per indicator: (spread, low, high).
_VARIATION = {
    "meritvarde_ak9": (16.0, 150.0, 300.0),
    "behorighet_yrkesprogram": (6.5, 40.0, 100.0),
    "uppnatt_alla_amnen_ak9": (8.0, 30.0, 100.0),
    "legitimerade_larare": (9.0, 20.0, 100.0),
    "elever_per_larare": (1.4, 6.0, 22.0),
    "gymnasieexamen_4ar": (7.0, 30.0, 100.0),
}


def _demo_indicators() -> tuple[Indicator, ...]:
    """The demo packets' indicators from their one source, with how invented values vary."""
    demo = read_demo_source()
    found = []
    for item in demo["indikatorer"]:
        if item["id"] not in _VARIATION:
            raise KeyError(f"{item['id']}: add its variation to _VARIATION in {__name__}")
        found.append(
            Indicator(
                **item,
                riket=tuple(demo["riket"][item["id"]][year] for year in YEARS),
                spread=_VARIATION[item["id"]][0],
                low=_VARIATION[item["id"]][1],
                high=_VARIATION[item["id"]][2],
            )
        )
    return tuple(found)


INDICATORS = _demo_indicators()

# Place-name parts; a stem is prefix + suffix ("Västerby", "Ekhult"). None ends in "s", so the
# genitive rule in question parsing never shortens one.
_PREFIXES = (
    "Norr", "Söder", "Väster", "Öster", "Ny", "Gammel", "Stor", "Lill", "Berg", "Dal", "Ek",
    "Björk", "Gran", "Tall", "Sten", "Sand", "Lind", "Ask", "Rön", "Hassel", "Lönn", "Ljung",
    "Kärr", "Hed", "Back", "Bäck", "Strand", "Holm", "Kvarn", "Hammar", "Koppar", "Silver",
    "Järn", "Råg", "Havre", "Korn", "Lin", "Hägg", "Sälg", "Vide", "Al", "Alm", "Bok", "Furu",
    "Mal", "Gädd", "Lax", "Ör", "Måne", "Sol", "Vind", "Dimm", "Frost", "Snö", "Is", "Mjöl",
    "Tjärn", "Myr", "Mörk", "Ljus", "Rosen", "Tran", "Svan", "Örn", "Blå", "Grön", "Vit",
    "Röd", "Kung", "Präst", "Kyrk", "Mölle", "Kvist", "Hjort", "Räv", "Björn", "Varg",
    "Uggle", "Tjäder", "Orre", "Ler", "Grus", "Flin", "Tegel",
)  # fmt: skip
_SUFFIXES = (
    "by", "torp", "hult", "sund", "vik", "fors", "holm", "köping", "tuna", "inge", "arp",
    "rud", "bo", "hamn", "lösa", "berga", "stad", "ryd", "mark", "näset", "vall", "hed",
    "dal", "berg", "åker", "ö", "bro", "kulla", "mo", "sjö", "lund", "strand", "träsk",
    "forsen", "viken", "dala", "boda", "lid", "hög", "gärde", "ängen", "tofta", "slätt",
    "udden", "heden", "myra", "kärr", "hyttan",
)  # fmt: skip
_KOMMUN_FORMS = ("{} kommun", "{} kommun", "{} kommun", "{} stad")
_ENSKILD_FORMS = ("{} Skolor AB", "Friskolor i {} AB", "{} skola AB", "{} Skolor AB")


@dataclass(frozen=True)
class Huvudman:
    id: str
    namn: str
    kommun: bool  # a kommun has both school forms; some enskilda only grundskola


def _stems(rng: random.Random) -> list[str]:
    candidates = sorted({p + s for p in _PREFIXES for s in _SUFFIXES})
    lowered = {c.lower() for c in candidates}
    ordered = sorted(lowered)
    kept = []
    for stem in candidates:
        low = stem.lower()
        if len(low) < 5 or low in REAL_NAMES or _TRIPLE.search(low):
            continue
        if any(low.startswith(k) or k.startswith(low) for k in RESERVED_KEYS):
            continue
        # No stem may be the start of another: a question naming one would name both.
        if any(low[:n] in lowered for n in range(4, len(low))):
            continue
        if any(other.startswith(low) for other in _after(ordered, low)):
            continue
        kept.append(stem)
    rng.shuffle(kept)
    return kept


def _after(ordered: list[str], word: str) -> list[str]:
    """The word that sorts right after `word`: the only one that can start with it if any does."""
    position = bisect.bisect_right(ordered, word)
    return ordered[position : position + 1]


def invent_huvudmen(count: int, seed: int = 1) -> list[Huvudman]:
    """`count` invented huvudmän: about one in ten a kommun (4-digit id, leading zeros kept as
    text), the rest enskilda huvudmän with 10-digit organisation numbers."""
    rng = random.Random(f"huvudman:{seed}")
    stems = _stems(rng)
    if count > len(stems):
        raise ValueError(f"högst {len(stems)} påhittade huvudmän kan skapas (bad om {count})")
    kommun_ids = [f"{n:04d}" for n in range(1, 2600) if f"{n:04d}" not in RESERVED_IDS]
    rng.shuffle(kommun_ids)
    organisation_ids = rng.sample(range(0, 10**6), count)
    result = []
    for n, stem in enumerate(stems[:count]):
        if n % 10 == 0:
            form = rng.choice(_KOMMUN_FORMS)
            result.append(Huvudman(kommun_ids[n // 10], form.format(stem), True))
        else:
            form = rng.choice(_ENSKILD_FORMS)
            prefix = rng.choice(("5560", "5565", "5569", "8020", "7696"))
            result.append(Huvudman(f"{prefix}{organisation_ids[n]:06d}", form.format(stem), False))
    return result


@dataclass(frozen=True)
class Row:
    huvudman: Huvudman
    indicator: Indicator
    year_index: int
    value: float | None  # None: suppressed
    marker: str  # ".." or "." when suppressed


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def invent_rows(huvudmen: Sequence[Huvudman], seed: int = 1) -> Iterator[Row]:
    """Values near the national ones, with a level per huvudman and a drift per indicator."""
    for huvudman in huvudmen:
        rng = random.Random(f"varden:{seed}:{huvudman.id}")
        level = rng.gauss(0.0, 1.0)
        small = not huvudman.kommun and rng.random() < 0.3
        no_gymnasium = not huvudman.kommun and rng.random() < 0.6
        for indicator in INDICATORS:
            sign = -1.0 if indicator.id == "elever_per_larare" else 1.0
            offset = sign * level * indicator.spread * 0.7 + rng.gauss(0, indicator.spread * 0.5)
            drift = rng.gauss(0, indicator.spread * 0.08)
            for year_index, riket in enumerate(indicator.riket):
                if indicator.id == "gymnasieexamen_4ar" and no_gymnasium:
                    yield Row(huvudman, indicator, year_index, None, ".")
                    continue
                if rng.random() < (0.06 if small else 0.01):
                    yield Row(huvudman, indicator, year_index, None, "..")
                    continue
                noise = rng.gauss(0, indicator.spread * 0.12)
                value = _number(riket) + offset + drift * year_index + noise
                value = round(min(indicator.high, max(indicator.low, value)), 1)
                yield Row(huvudman, indicator, year_index, value, "")


# --- Physical forms ---------------------------------------------------------------------------

_HEADER = list(KNOWN_COLUMNS)
# The demo corpus's cp1252 packet uses the same Swedish column names.
SWEDISH_HEADER = [
    "Huvudman-ID",
    "Huvudman namn",
    "Skolform",
    "Kategori",
    "Indikator_id",
    "Indikator namn",
    "Enhet",
    "År",
    "Värde",
    "Riket",
    "Källa",
    "Definition",
]


def _comma(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _fields(row: Row, varde: str, riket: str) -> list[str]:
    ind = row.indicator
    return [
        row.huvudman.id,
        row.huvudman.namn,
        ind.skolform,
        ind.kategori,
        ind.id,
        ind.namn,
        ind.enhet,
        YEARS[row.year_index],
        varde,
        riket,
        ind.kalla,
        ind.definition,
    ]


def _title(huvudmen: Sequence[Huvudman]) -> str:
    return (
        f"Syntetiskt indikatorpaket, {len(huvudmen)} påhittade huvudmän "
        f"({huvudmen[0].id}–{huvudmen[-1].id}), {YEARS[0]}–{YEARS[-1]}"
    )


def _csv_text(rows: Sequence[Sequence[str]], delimiter: str, newline: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerows(rows)
    return buffer.getvalue()


def csv_semicolon_bom(huvudmen: Sequence[Huvudman], rows: Sequence[Row]) -> bytes:
    """UTF-8 with BOM, `;`, CRLF, decimal comma; a column says the values are invented."""
    lines = [[*_HEADER, "anmarkning"]]
    for row in rows:
        varde = row.marker or _comma(row.value or 0.0)
        lines.append([*_fields(row, varde, row.indicator.riket[row.year_index]), INVENTED])
    return _csv_text(lines, ";", "\r\n").encode("utf-8-sig")


def csv_cp1252_preamble(huvudmen: Sequence[Huvudman], rows: Sequence[Row]) -> bytes:
    """Windows-1252, `;`, LF, two preamble rows, Swedish headers, percent with `%`."""
    lines = [
        [f"{_title(huvudmen)} – påhittade värden", "", "", ""],
        ["Uttag 2025-01-15; alla värden i filen är påhittade", "", "", ""],
        SWEDISH_HEADER,
    ]
    for row in rows:
        percent = " %" if row.indicator.enhet == "procent" else ""
        varde = row.marker or _comma(row.value or 0.0) + percent
        riket = row.indicator.riket[row.year_index] + percent
        lines.append(_fields(row, varde, riket))
    return _csv_text(lines, ";", "\n").encode("cp1252")


def csv_comma_point(huvudmen: Sequence[Huvudman], rows: Sequence[Row]) -> bytes:
    """UTF-8 without BOM, `,` with quoted text, decimal point, a title row before the header."""
    lines = [[f"{_title(huvudmen)}. Alla värden är påhittade."], [*_HEADER, "anmarkning"]]
    for row in rows:
        varde = row.marker or f"{row.value:.1f}"
        riket = row.indicator.riket[row.year_index].replace(",", ".")
        lines.append([*_fields(row, varde, riket), INVENTED])
    return _csv_text(lines, ",", "\r\n").encode("utf-8")


def xlsx_sheet(huvudmen: Sequence[Huvudman], rows: Sequence[Row]) -> bytes:
    """Sheet `indikatorer`, header on row 3; points and counts as numbers, percent as text."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "indikatorer"
    sheet["A1"] = _title(huvudmen)
    sheet["A2"] = "Alla värden i filen är påhittade (syntetiska). Uttag 2025-01-15."
    sheet.append([*_HEADER[:7], "år", "värde", "riket", "källa", "definition", "kommentar"])
    for row in rows:
        ind = row.indicator
        numeric = ind.enhet != "procent"
        varde: str | float = row.marker or (
            row.value if numeric and row.value is not None else _comma(row.value or 0.0)
        )
        riket_text = ind.riket[row.year_index]
        riket: str | float = _number(riket_text) if numeric else riket_text
        fields: list[object] = [*_fields(row, "", "")]
        fields[7] = int(YEARS[row.year_index])
        fields[8], fields[9] = varde, riket
        comment = {"..": "För få elever för att redovisa.", ".": "Ingen gymnasieskola."}
        sheet.append([*fields, comment.get(row.marker, "")])
    for cells in sheet.iter_rows(min_row=4, max_col=1):
        cells[0].number_format = "@"  # ids are text: leading zeros matter
    return reproducible_xlsx(
        workbook,
        title="Syntetiskt indikatorpaket (påhittade värden)",
        creator="dialogstod synth-packets",
        when=_FIXED_DATE,
    )


def reproducible_xlsx(workbook: Any, *, title: str, creator: str, when: dt.datetime) -> bytes:
    """An openpyxl workbook as XLSX bytes with fixed metadata and entry dates: equal content
    gives equal bytes, so generated files can be committed and rebuilt."""
    from openpyxl.writer.excel import ExcelWriter

    props = workbook.properties
    props.title, props.creator, props.lastModifiedBy = title, creator, creator
    props.created = props.modified = when
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    return reproducible_zip(raw.getvalue(), stamp)


def reproducible_zip(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The same archive with every entry dated `date_time`, so equal content gives equal bytes
    (used for the demo corpus's DOCX and XLSX files too)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


_CSV_FORMS = (
    ("bom", csv_semicolon_bom),
    ("cp1252", csv_cp1252_preamble),
    ("komma", csv_comma_point),
)


def synth_packets(
    count: int, *, seed: int = 1, fmt: str = "mixed", per_file: int = 100
) -> list[tuple[str, bytes]]:
    """(file name, bytes) of packets for `count` invented huvudmän, `per_file` in each file.

    `csv` rotates through the three CSV forms; `xlsx` writes only workbooks; `mixed` makes
    every seventh file a workbook and the rest CSV.
    """
    if fmt not in FORMATS:
        raise ValueError(f"okänt format '{fmt}'; välj {', '.join(FORMATS)}")
    if count < 1 or per_file < 1:
        raise ValueError("antalet huvudmän och huvudmän per fil måste vara minst 1")
    huvudmen = invent_huvudmen(count, seed)
    rows = list(invent_rows(huvudmen, seed))
    per_huvudman = len(INDICATORS) * len(YEARS)
    files = []
    for number, start in enumerate(range(0, count, per_file), start=1):
        group = huvudmen[start : start + per_file]
        part = rows[start * per_huvudman : (start + len(group)) * per_huvudman]
        if fmt == "xlsx" or (fmt == "mixed" and number % 7 == 0):
            files.append((f"syntetiska-{number:03d}.xlsx", xlsx_sheet(group, part)))
            continue
        label, writer = _CSV_FORMS[(number - 1) % len(_CSV_FORMS)]
        files.append((f"syntetiska-{number:03d}-{label}.csv", writer(group, part)))
    return files


def write_packets(
    out: Path, count: int, *, seed: int = 1, fmt: str = "mixed", per_file: int = 100
) -> list[Path]:
    """Write `synth_packets(...)` into `out` (created if missing); returns the paths."""
    files = synth_packets(count, seed=seed, fmt=fmt, per_file=per_file)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files:
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written
