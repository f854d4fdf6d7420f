"""Read indicator packets (CSV or XLSX) into `PacketRow`s, following the packet file contract.

The contract is the README's "Indikatorpaket" paragraph (under Kommandoraden). In short: one
row per huvudman x indicator x year; columns matched regardless of case, spaces, hyphens and
Swedish letters; CSV with `;`, `,` or tab, UTF-8 (with or without BOM) or Windows-1252,
preamble rows before the header allowed; XLSX from the sheet `indikatorer` or the first sheet.
Anything unreadable raises `PacketFormatError` with a Swedish message naming the file, the
line and what to do.

Display rule for values (`varde`, `riket`):
- Written numbers keep their digits as written; the decimal mark becomes a comma, thousands groups
  are kept but joined with a normal space, a trailing `%` is dropped (the unit is `procent`):
  `84.1` -> `84,1`, `84,1 %` -> `84,1`, `2<NBSP>800` -> `2 800`, `1,234.5` -> `1 234,5`.
- Numeric XLSX cells use the shortest form that reads back as the stored number, with no grouping:
  209.7 -> `209,7`, 12.0 -> `12`. Cells formatted as percent are shown in percent: 0.841 -> `84,1`.
- Suppression markers (`..`, `.`, `-`, `–`) and empty cells are kept as written, number None.
- Other text that is not a number (e.g. `<5`) is kept as written, number None.
If a value carried a percent sign (or percent format) and the row's `enhet` is empty, `enhet`
becomes `procent` so that the meaning of the `%` is not lost.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from assistant.errors import PacketFormatError
from assistant.types import PacketRow

PACKET_SUFFIXES = frozenset({".csv", ".xlsx"})

SUPPRESSION_MEANINGS: dict[str, str] = {
    "..": "uppgiften saknas eller är för osäker för att redovisas (t.ex. för få elever)",
    ".": "uppgiften kan inte förekomma",
    "-": "inget att redovisa",
    "–": "inget att redovisa",
    "": "uppgift saknas i filen",
    # Skolverket's exports: the share is close to 100 % and withheld so no pupil can be identified.
    "~100": (
        "andelen är nära 100 procent; den exakta andelen redovisas inte för att skydda "
        "enskilda elevers uppgifter"
    ),
}

MAX_SHEET_ROWS = 1_000_000
MAX_CSV_BYTES = 256 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024

_SAVE_HINT = "Spara filen som CSV med semikolon eller som XLSX."

KNOWN_COLUMNS = (
    "huvudman_id",
    "huvudman_namn",
    "skolform",
    "kategori",
    "indikator_id",
    "indikator_namn",
    "enhet",
    "ar",
    "varde",
    "riket",
    "kalla",
    "definition",
)
_KNOWN = frozenset(KNOWN_COLUMNS)
_ALIASES = {
    "huvudmanid": "huvudman_id",
    "huvudmannamn": "huvudman_namn",
    "indikatorid": "indikator_id",
    "indikatornamn": "indikator_namn",
}
_CSV_DELIMITERS = (";", ",", "\t")
_DELIMITER_NAMES = {";": "semikolon", ",": "komma", "\t": "tabb"}
_DETECTION_LINES = 500

_LETTERS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "\ufeff": None})
_SPACES = re.compile(r"[\s\-]+")
_UNDERSCORES = re.compile(r"_+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

# Numbers after spaces (incl. NBSP, narrow NBSP) are made plain and a trailing % is removed.
_PLAIN_NUMBER = re.compile(
    r"^(?P<sign>[-+])?(?:(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:[.,](?P<frac>\d+))?|[.,](?P<lone>\d+))$"
)
_BOTH_MARKS = re.compile(
    r"^(?P<sign>[-+])?(?P<int>\d{1,3}(?:(?P<g>[.,])\d{3})+)(?P<d>[.,])(?P<frac>\d+)$"
)
_PERCENT = re.compile(r"\s*%$")
# Unicode category Cc (C0, DEL, C1) except tab, line feed, form feed and carriage return.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------------------------------------
# Values


def _clean_text(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-").strip()


def _parse_text(text: str) -> tuple[str, float | None, bool]:
    """(display, number, had_percent) for a value written as text."""
    stripped = _clean_text(text)
    if stripped in SUPPRESSION_MEANINGS:
        return stripped, None, False
    had_percent = bool(_PERCENT.search(stripped))
    body = _PERCENT.sub("", stripped) if had_percent else stripped
    body = re.sub(r" +", " ", body)
    match = _PLAIN_NUMBER.match(body)
    if match:
        sign = match["sign"] or ""
        if match["lone"] is not None:
            int_part, frac = "0", match["lone"]
        else:
            int_part, frac = match["int"], match["frac"]
    else:
        both = _BOTH_MARKS.match(body)
        if not both or both["g"] == both["d"]:
            return stripped, None, False
        sign, frac = both["sign"] or "", both["frac"]
        int_part = both["int"].replace(both["g"], " ")
    display = sign + int_part + ("," + frac if frac is not None else "")
    number = float(sign + int_part.replace(" ", "") + ("." + frac if frac is not None else ""))
    return display, number, had_percent


def _format_number(value: int | float | Decimal) -> str:
    """Shortest plain decimal form with a decimal comma; never rounds away a stored digit."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        value = Decimal(repr(value))
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",")


_FORMAT_DECIMALS = re.compile(r"0[.,](0+)")


def _shown(value: int | float, number_format: str) -> str | None:
    """A number as an Excel number format shows it ("0.0" → 77,0; "#,##0" → 1 046), or None
    for a format that fixes no decimals ("General")."""
    decimals = _FORMAT_DECIMALS.search(number_format)
    grouped = "#,##" in number_format
    if decimals is None and not grouped and "0" not in number_format:
        return None
    places = len(decimals[1]) if decimals else 0
    text = f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"
    return text.replace(",", " ").replace(".", ",")


def parse_cell(
    value: object, percent_format: bool = False, number_format: str | None = None
) -> tuple[str, float | None, bool]:
    """(display, number, had_percent) for a CSV text or an XLSX cell value.

    With `number_format` a number is shown as the sheet shows it (Skolverket's Excel files
    keep "77,0" as the number 77 formatted with one decimal)."""
    if value is None:
        return "", None, False
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, bool):
        return str(value), None, False
    if isinstance(value, int | float):
        if percent_format:
            scaled = Decimal(repr(value) if isinstance(value, float) else value) * 100
            return _format_number(scaled), float(scaled), True
        shown = _shown(value, number_format) if number_format else None
        return shown or _format_number(value), float(value), False
    return cell_text(value), None, False


def parse_number(text: str) -> float | None:
    """The number a written value means, or None for markers, empty cells and non-numbers.

    Accepts decimal comma or point, thousands groups separated by space or NBSP and a trailing
    `%`: `"84,1 %"` -> 84.1, `"2\u00a0800"` -> 2800.0, `".."` -> None.
    """
    return _parse_text(text)[1]


def display_value(value: str | int | float | None) -> tuple[str, float | None]:
    """(display form, number) for a written or stored value, following the module's display rule.

    `"84.1"` -> `("84,1", 84.1)`, `"2 800"` -> `("2 800", 2800.0)`, `209.7` -> `("209,7", 209.7)`,
    `12.0` -> `("12", 12.0)`, `".."` -> `("..", None)`, `None` -> `("", None)`.
    """
    display, number, _ = parse_cell(value)
    return display, number


def normalise_column_name(name: str) -> str:
    """`Huvudman-ID` -> `huvudman_id`, `År` -> `ar`, ` Värde ` -> `varde`."""
    text = name.strip().lower().translate(_LETTERS).strip()
    text = _UNDERSCORES.sub("_", _SPACES.sub("_", text)).strip("_")
    return _ALIASES.get(text, text)


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NOT_SLUG.sub("_", ascii_only).strip("_")[:80] or "indikator"


def cell_text(value: object) -> str:
    """A text column's cell as text: CSV text stripped, XLSX numbers without a trailing `.0`."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return _format_number(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# Header and rows, shared by CSV and XLSX


@dataclass
class RawRow:
    line: int
    values: Sequence[object]
    percent: Sequence[bool] = ()
    formats: Sequence[str | None] = ()  # XLSX number formats, e.g. "0.0" or "#,##0"

    def is_blank(self) -> bool:
        return all(cell_text(v) == "" for v in self.values)


def _missing_required(names: Iterable[str]) -> list[str]:
    present = set(names)
    missing = ["huvudman_id"] if "huvudman_id" not in present else []
    if "indikator_namn" not in present and "indikator_id" not in present:
        missing.append("indikator_namn eller indikator_id")
    return missing + [c for c in ("ar", "varde") if c not in present]


def _header_names(row: RawRow) -> list[str]:
    return [normalise_column_name(cell_text(v)) for v in row.values]


def _find_header(rows: Sequence[RawRow]) -> int | None:
    for index, row in enumerate(rows):
        if not row.is_blank() and not _missing_required(_header_names(row)):
            return index
    return None


def _no_header_error(name: str, rows: Sequence[RawRow], how: str = "") -> PacketFormatError:
    candidates = [r for r in rows if not r.is_blank()][:50]
    if not candidates:
        return PacketFormatError(f"{name}: filen innehåller inga rader. {_SAVE_HINT}")
    best = max(candidates, key=lambda r: len(_KNOWN.intersection(_header_names(r))))
    if not _KNOWN.intersection(_header_names(best)):
        best = candidates[0]
    found = [t for t in (cell_text(v) for v in best.values) if t]
    missing = _missing_required(_header_names(best))
    return PacketFormatError(
        f"{name}: hittade ingen rubrikrad med alla obligatoriska kolumner{how}. "
        f"Saknas: {', '.join(missing)}. "
        f"Kolumner som hittades (rad {best.line}): {', '.join(found) or '(inga)'}. "
        "Lägg till de saknade kolumnerna i rubrikraden (huvudman_id, indikator_namn eller "
        f"indikator_id, ar, varde). {_SAVE_HINT}"
    )


def _build_rows(
    name: str, rows: Sequence[RawRow], header_index: int, *, strict_width: bool
) -> list[PacketRow]:
    """Rows under the header as `PacketRow`s. With `strict_width` (CSV) a row with more non-empty
    fields than the header is an error; otherwise (XLSX) such cells are kept as `kolumn N`."""
    header = rows[header_index]
    header_texts = [cell_text(v) for v in header.values]
    columns: dict[str, int] = {}
    extras: list[tuple[str, int]] = []
    unnamed: set[str] = set()
    used_extra: set[str] = set()
    for index, (text, norm) in enumerate(zip(header_texts, _header_names(header), strict=True)):
        if norm in _KNOWN and norm not in columns:
            columns[norm] = index
            continue
        key = text or f"kolumn {index + 1}"
        if not text:
            unnamed.add(key)
        base, n = key, 2
        while key in used_extra:
            key, n = f"{base} ({n})", n + 1
        used_extra.add(key)
        extras.append((key, index))
    width = len(header.values)

    result: list[PacketRow] = []
    for row in rows[header_index + 1 :]:
        if row.is_blank():
            continue
        values = list(row.values)
        percent = list(row.percent) + [False] * (len(values) - len(row.percent))
        if len(values) > width and all(cell_text(v) == "" for v in values[width:]):
            values, percent = values[:width], percent[:width]
        if len(values) > width and not strict_width:
            row_extras = list(extras)
            for index in range(width, len(values)):
                key = f"kolumn {index + 1}"
                if key not in used_extra:
                    row_extras.append((key, index))
                    unnamed.add(key)
            result.append(_build_row(name, row.line, values, percent, columns, row_extras, unnamed))
            continue
        if len(values) > width:
            raise PacketFormatError(
                f"{name}: rad {row.line} har {len(values)} fält men rubrikraden (rad "
                f"{header.line}) har {width}. Ett värde med decimalkomma eller en text med "
                "avgränsaren i sig måste stå inom citattecken. " + _SAVE_HINT
            )
        result.append(_build_row(name, row.line, values, percent, columns, extras, unnamed))
    if not result:
        raise PacketFormatError(
            f"{name}: filen har en rubrikrad (rad {header.line}) men inga datarader. "
            "Lägg till minst en rad med värden under rubrikraden och läs in filen igen."
        )
    return result


def _build_row(
    name: str,
    line: int,
    values: Sequence[object],
    percent: Sequence[bool],
    columns: dict[str, int],
    extras: Sequence[tuple[str, int]],
    unnamed: set[str],
) -> PacketRow:
    def text(column: str) -> str:
        index = columns.get(column)
        return cell_text(values[index]) if index is not None and index < len(values) else ""

    def number(column: str) -> tuple[str, float | None, bool]:
        index = columns.get(column)
        if index is None or index >= len(values):
            return "", None, False
        return parse_cell(values[index], percent[index])

    def empty(column: str) -> PacketFormatError:
        return PacketFormatError(
            f"{name}: rad {line}: kolumnen {column} är tom. Fyll i {column} på raden eller ta "
            "bort raden, och läs in filen igen."
        )

    huvudman_id = text("huvudman_id")
    if not huvudman_id:
        raise empty("huvudman_id")
    indikator_id, indikator_namn = text("indikator_id"), text("indikator_namn")
    if not indikator_id and not indikator_namn:
        raise empty("indikator_namn" if "indikator_namn" in columns else "indikator_id")
    ar = text("ar")
    if not ar:
        raise empty("ar")
    varde, varde_num, varde_pct = number("varde")
    riket, riket_num, riket_pct = number("riket")
    enhet = text("enhet")
    if not enhet and (varde_pct or riket_pct):
        enhet = "procent"
    extra = {key: cell_text(values[i]) if i < len(values) else "" for key, i in extras}
    return PacketRow(
        huvudman_id=huvudman_id,
        huvudman_namn=text("huvudman_namn"),
        skolform=text("skolform"),
        kategori=text("kategori"),
        indikator_id=indikator_id or _slug(indikator_namn),
        indikator_namn=indikator_namn or indikator_id,
        enhet=enhet,
        ar=ar,
        varde=varde,
        varde_num=varde_num,
        riket=riket,
        riket_num=riket_num,
        kalla=text("kalla"),
        definition=text("definition"),
        line=line,
        extra={k: v for k, v in extra.items() if v or k not in unnamed},
    )


# ---------------------------------------------------------------------------------------------
# CSV


def _decode(name: str, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel "Unicode text" exports
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PacketFormatError(
                f"{name}: filen ser ut att vara UTF-16 men kunde inte avkodas. {_SAVE_HINT}"
            ) from exc
    not_text = PacketFormatError(
        f"{name}: filen ser inte ut att vara en textfil (den innehåller binära data). "
        f"Är den en CSV-fil? {_SAVE_HINT}"
    )
    if b"\x00" in raw:
        raise not_text
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    if _CONTROL_CHARS.search(text):
        raise not_text
    return text


def _csv_rows(text: str, delimiter: str, max_lines: int | None = None) -> list[RawRow]:
    lines: Iterable[str] = io.StringIO(text, newline="")
    if max_lines is not None:
        lines = itertools.islice(lines, max_lines)
    reader = csv.reader(lines, delimiter=delimiter)
    rows: list[RawRow] = []
    previous = 0
    for fields in reader:
        rows.append(RawRow(previous + 1, fields))
        previous = reader.line_num
    return rows


def _choose_delimiter(text: str) -> str | None:
    """The delimiter whose split gives a header with the required columns and the most rows with
    the header's field count. Commas inside `;`-separated text therefore cannot fool it."""
    best: tuple[int, int] | None = None
    chosen: str | None = None
    for order, delimiter in enumerate(_CSV_DELIMITERS):
        try:
            rows = _csv_rows(text, delimiter, _DETECTION_LINES)
        except csv.Error:
            continue
        header_index = _find_header(rows)
        if header_index is None:
            continue
        width = len(rows[header_index].values)
        data = [r for r in rows[header_index + 1 :] if not r.is_blank()]
        consistent = sum(1 for r in data if len(r.values) == width)
        score = (consistent, -order)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _sniff(text: str) -> str:
    sample = "".join(itertools.islice(io.StringIO(text, newline=""), 50))
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(_CSV_DELIMITERS)).delimiter
    except csv.Error:
        return ";"


def read_text(path: Path) -> str:
    """A CSV file's text, decoded (UTF-8 with or without BOM, UTF-16, Windows-1252), not empty."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise PacketFormatError(
                f"{name}: filen är för stor ({size // (1024 * 1024)} MB, gränsen är "
                f"{MAX_CSV_BYTES // (1024 * 1024)} MB). Dela upp den i flera filer."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise _os_error(name, exc) from exc
    text = _decode(name, raw)
    if not text.strip():
        raise PacketFormatError(
            f"{name}: filen är tom. Exportera indikatorerna på nytt och läs in filen igen. "
            + _SAVE_HINT
        )
    return text


def _csv_packet(name: str, text: str) -> list[PacketRow]:
    delimiter = _choose_delimiter(text)
    if delimiter is None:
        guess = _sniff(text)
        raise _no_header_error(
            name,
            _safe_csv_rows(name, text, guess),
            f" (avgränsare tolkad som {_DELIMITER_NAMES[guess]})",
        )
    rows = _safe_csv_rows(name, text, delimiter)
    header_index = _find_header(rows)
    if header_index is None:  # pragma: no cover - the detection found one in the same text
        raise _no_header_error(name, rows)
    width = len(rows[header_index].values)
    for row in rows[header_index + 1 :]:
        if not row.is_blank() and len(row.values) < width:
            raise PacketFormatError(
                f"{name}: rad {row.line} har {len(row.values)} fält men rubrikraden (rad "
                f"{rows[header_index].line}) har {width} (avgränsare: "
                f"{_DELIMITER_NAMES[delimiter]}). Komplettera raden eller ta bort den, och "
                "kontrollera att den inte har brutits av. " + _SAVE_HINT
            )
    return _build_rows(name, rows, header_index, strict_width=True)


def _safe_csv_rows(name: str, text: str, delimiter: str) -> list[RawRow]:
    try:
        return _csv_rows(text, delimiter)
    except csv.Error as exc:
        raise PacketFormatError(
            f"{name}: filen kunde inte tolkas som CSV ({exc}). Kontrollera citattecknen. "
            + _SAVE_HINT
        ) from exc


# ---------------------------------------------------------------------------------------------
# XLSX


def _is_percent_format(number_format: object) -> bool:
    return isinstance(number_format, str) and "%" in number_format


def _xlsx_rows(path: Path) -> tuple[str, list[RawRow]]:
    """(sheet name, its rows) of the sheet `indikatorer` or the first sheet; never all blank."""
    name = path.name
    corrupt = (
        f"{name}: filen kunde inte öppnas som en Excel-arbetsbok (XLSX); den kan vara skadad "
        "eller ha fel filändelse. Öppna den i Excel och spara den som XLSX, eller spara den som "
        "CSV med semikolon."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except OSError as exc:
        raise _os_error(name, exc) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise PacketFormatError(corrupt) from exc
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise PacketFormatError(
            f"{name}: arbetsboken är för stor uppackad ({total // (1024 * 1024)} MB). "
            "Spara bara bladet med indikatorerna, eller dela upp filen."
        )

    import openpyxl  # local: keeps importing this module cheap

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise PacketFormatError(corrupt) from exc
    try:
        return _sheet_rows(name, workbook, corrupt)
    finally:
        workbook.close()


def _sheet_rows(name: str, workbook: object, corrupt: str) -> tuple[str, list[RawRow]]:
    sheetnames: list[str] = list(getattr(workbook, "sheetnames", []))
    if not sheetnames:
        raise PacketFormatError(f"{name}: arbetsboken har inga blad. {_SAVE_HINT}")
    title = next((s for s in sheetnames if s.strip().lower() == "indikatorer"), sheetnames[0])
    sheet = workbook[title]  # type: ignore[index]
    max_row = getattr(sheet, "max_row", None)
    if isinstance(max_row, int) and max_row > MAX_SHEET_ROWS:
        raise _too_many_rows(name, title, max_row)
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # the stored dimension may be wrong; read what is there

    rows: list[RawRow] = []
    try:
        for number, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
            if number > MAX_SHEET_ROWS:
                raise _too_many_rows(name, title, number)
            # Tuples: a sheet may have a million rows, and a list costs more than a tuple.
            values = tuple(getattr(c, "value", None) for c in cells)
            formats = tuple(getattr(c, "number_format", None) for c in cells)
            percent = tuple(
                _is_percent_format(f) and isinstance(v, int | float)
                for v, f in zip(values, formats, strict=True)
            )
            rows.append(RawRow(number, values, percent, formats))
    except PacketFormatError:
        raise
    except Exception as exc:  # broken sheet XML
        raise PacketFormatError(corrupt) from exc

    if all(r.is_blank() for r in rows):
        raise PacketFormatError(
            f"{name}: bladet '{title}' är tomt. Lägg indikatorerna på det första bladet eller på "
            "ett blad som heter indikatorer."
        )
    return title, rows


def _too_many_rows(name: str, title: str, rows: int) -> PacketFormatError:
    limit = f"{MAX_SHEET_ROWS:,}".replace(",", " ")
    return PacketFormatError(
        f"{name}: bladet '{title}' har minst {rows} rader; gränsen är {limit} rader. "
        "Dela upp filen i flera mindre filer."
    )


# ---------------------------------------------------------------------------------------------
# Entry point


def _os_error(name: str, exc: OSError) -> PacketFormatError:
    return PacketFormatError(
        f"{name}: filen kunde inte läsas ({exc.strerror or exc}). Kontrollera att filen finns och "
        "att du har behörighet att läsa den."
    )


@dataclass
class Table:
    """A CSV or XLSX file's cells as read, before anyone decides what layout it has."""

    name: str  # the file name, for messages
    rows: list[RawRow]  # CSV split on `;` (the Swedish default); XLSX: the sheet's rows
    text: str | None = None  # a CSV file's text, for readers that detect their own delimiter
    sheet: str | None = None  # an XLSX file's sheet name


def load_table(path: Path) -> Table:
    """Read a CSV or XLSX file's cells; `PacketFormatError` if it is neither or is unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = read_text(path)
        return Table(path.name, _safe_csv_rows(path.name, text, ";"), text=text)
    if suffix == ".xlsx":
        sheet, rows = _xlsx_rows(path)
        return Table(path.name, rows, sheet=sheet)
    raise PacketFormatError(
        f"{path.name}: filtypen {suffix or '(ingen filändelse)'} kan inte läsas som "
        f"indikatorpaket. {_SAVE_HINT}"
    )


def packet_rows(table: Table) -> list[PacketRow]:
    """A long-format packet's rows (one row per huvudman x indicator x year), in file order."""
    if table.text is not None:
        return _csv_packet(table.name, table.text)
    header_index = _find_header(table.rows)
    if header_index is None:
        raise _no_header_error(table.name, table.rows, f" på bladet '{table.sheet}'")
    return _build_rows(table.name, table.rows, header_index, strict_width=False)


def read_packet(path: Path) -> list[PacketRow]:
    """Read a long-format indicator packet (CSV or XLSX) into rows, in file order; never empty.

    Raises `PacketFormatError` with a Swedish message naming the file (and line) and what to do.
    """
    return packet_rows(load_table(path))
