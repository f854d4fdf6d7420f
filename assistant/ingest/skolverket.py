"""Read Skolverket's statistics exports: one table and school year, every kommun, CSV or XLSX.

The layout (README, "Skolverkets statistik"): a preamble with the table title and `Valt läsår` or
`Valt år`, notes, an optional group-header row (`;;;;;#Heltidstjänster;…`), the header
`Kommun;Kommun-kod;Län;Läns-kod;Typ av huvudman;…`, one row per kommun x type of huvudman
(x a dimension such as `Kön` or a subject), and after a blank line a definitions section.
Measures are columns, or the years are (*över tid* tables, newest first).

Every value becomes a `PacketRow` of its kommun (id `Kommun-kod`, four digits), with the row's
`Typ av huvudman` in `omfattning`, the table in `tabell` and the cell in `line`/`kolumn`. Rows
whose first cell is `Riket` (an export at level Riket) are national values. The year comes from
the preamble or the year columns, never from the file name: real file names disagree with it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.errors import PacketFormatError
from assistant.ingest.packets import (
    SUPPRESSION_MEANINGS,
    RawRow,
    Table,
    cell_text,
    normalise_column_name,
    parse_cell,
)
from assistant.types import DOC_STATISTICS_DEFINITION, Document, PacketRow, Section

EXPORT_MARK = "statistik från skolverket"
TYPE_COLUMN = "typ_av_huvudman"
CODE_COLUMNS = frozenset({"kommun_kod", "kommunkod"})
NATIONAL = "riket"
_YEAR_HEADER = re.compile(r"^(?:19|20)\d{2}(?:/\d{2})?$")
_CHOSEN = re.compile(r"^valt\s+(?:läsår|år)\s*:\s*(\S.*?)\s*$", re.IGNORECASE)
_EXTRACT = re.compile(r"^valt\s+uttag\s*:\s*(\S.*?)\s*$", re.IGNORECASE)
_DEFINITIONS_HEADING = re.compile(r"^rapportbeskrivning\b", re.IGNORECASE)
_SERIES_START = re.compile(r",\s*fr\.?\s*o\.?\s*m\.?\s*\d{4}\s*$", re.IGNORECASE)
_PERCENT_MARK = re.compile(r"\s*\(%\)|\s*%")
_RESPEKTIVE = re.compile(r"\brespektive\s+\w+", re.IGNORECASE)
_THOUSANDS = re.compile(r"\btkr\b|\btusen(?:tals)? kronor\b")
# Abbreviations in Skolverket's column headers, written out so that questions find them.
_ABBREVIATIONS = {"yrkesprog.": "yrkesprogram", "gymn.": "gymnasie", "st.": "stycken"}
_HINT = (
    "Ladda ner tabellen på nytt från Skolverkets statistiksök på nivå Kommun (eller Riket) "
    "som CSV eller Excel, och läs in filen utan att ändra den."
)

# Who a row of each type of huvudman covers, as answers and the brief say it ({namn}: the kommun).
OMFATTNING_WHO = {
    "Kommunal": "{namn} som huvudman (kommunens egna skolor)",
    "Samtliga": "alla skolor i {namn}, oavsett huvudman",
    "Enskild": "fristående skolor i {namn} (enskilda huvudmän)",
    "Statlig": "statliga skolor i {namn}",
}
# Riket's value for the same kind of schools: a kommun's own schools are set against the
# country's kommunal ones.
NATIONAL_WHO = {
    "Kommunal": "riket (kommunala skolor)",
    "Enskild": "riket (fristående skolor)",
    "Statlig": "riket (statliga skolor)",
}
# The kommun itself as huvudman comes first; the other rows are context for it.
OMFATTNING_ORDER = ("Kommunal", "Samtliga", "Enskild", "Statlig")


def covered_by(omfattning: str, namn: str) -> str:
    """Whom a value covers: "alla skolor i Norrforsens kommun, oavsett huvudman"."""
    if not omfattning:
        return namn
    template = OMFATTNING_WHO.get(omfattning, "{namn} (" + omfattning.lower() + ")")
    return template.format(namn=namn)


class ExportValues(Collection[PacketRow]):
    """An export's values, made from its table lines each time they are read.

    A sheet of 200,000 lines holds 600,000 values; as `PacketRow` objects that is over a
    gigabyte, so they are built line by line while the catalogue writes them."""

    def __init__(
        self, lines: Sequence[RawRow], values_of: Callable[[RawRow], list[PacketRow]], per_line: int
    ) -> None:
        self._lines = lines
        self._values_of = values_of
        self._count = len(lines) * per_line  # every line holds the same cells

    def __iter__(self) -> Iterator[PacketRow]:
        for line in self._lines:
            yield from self._values_of(line)

    def __len__(self) -> int:
        return self._count

    def __contains__(self, item: object) -> bool:
        return any(row == item for row in self)


@dataclass
class Export:
    """One export as read: its table, year, values and the text that explains them."""

    title: str
    year: str  # as the preamble says it: "2024/25", or "2024" for cost tables
    years: list[str]  # every year the values belong to (several in an över tid table)
    rows: ExportValues  # the kommuner's values
    national: ExportValues  # values at level Riket (huvudman_id "")
    notes: list[str] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)  # (begrepp or "", text)

    def document(self, source: str) -> Document | None:
        """The notes and definitions as a citable document, or None when the file has none."""
        sections = [Section(text=note, heading_path=["Anmärkningar"]) for note in self.notes]
        for term, text in self.definitions:
            if term:
                sections.append(Section(text=f"{term}: {text}", heading_path=["Begrepp"]))
            else:
                sections.append(
                    Section(text=text, heading_path=["Rapportbeskrivning och definitioner"])
                )
        if not sections:
            return None
        # No year in the title: the same definitions in every year's file are then the same
        # passage text, embedded once.
        return Document(
            source=source,
            title=f"{self.title}: definitioner och anmärkningar",
            doc_type=DOC_STATISTICS_DEFINITION,
            sections=sections,
        )


def is_export(table: Table) -> bool:
    """True when the cells are laid out as a Skolverket export (decided by content, not name)."""
    if _find_header(table.rows) is not None:
        return True
    return any(
        _line_text(row).lower().startswith(EXPORT_MARK) for row in table.rows[:10] if row.values
    )


def kommun_name(name: str) -> str:
    """ "Härnösand" → "Härnösands kommun", "Ale" → "Ale kommun", "Gotland" → "Region Gotland"."""
    name = name.strip()
    if name == "Gotland":
        return "Region Gotland"
    genitive = "" if name[-1:].lower() in "aeiouyåäösxz" else "s"
    return f"{name}{genitive} kommun"


def read_export(table: Table) -> Export:
    """The export's values and texts; `PacketFormatError` in Swedish when its table is unclear."""
    name, rows = table.name, table.rows
    header_index = _find_header(rows)
    if header_index is None:
        raise PacketFormatError(
            f"{name}: filen ser ut som en export från Skolverkets statistik, men tabellen "
            "hittades inte: ingen rubrikrad med Kommun, Kommun-kod och Typ av huvudman. " + _HINT
        )
    header = rows[header_index]
    names = [normalise_column_name(cell_text(v)) for v in header.values]
    group_row = _group_row(rows, header_index)
    preamble = [r for r in rows[:header_index] if r is not group_row and not r.is_blank()]
    title, chosen, extract, notes = _read_preamble(name, preamble)
    data, after = _split_table(rows, header_index)
    if not data:
        raise PacketFormatError(
            f"{name}: tabellen har en rubrikrad (rad {header.line}) men inga rader under den. "
            + _HINT
        )
    layout = _Layout.of(name, header, names, group_row, data)
    definitions = _read_definitions(after)
    if layout.year_columns:
        years = [y for _, y in layout.year_columns]
        if chosen and chosen[0] not in years:
            raise _mixed_years(name, [chosen[0], *years])
        year = chosen[0] if chosen else years[0]
    elif not chosen:
        raise PacketFormatError(
            f"{name}: filen säger inte vilket läsår eller år värdena gäller (raden "
            "”Valt läsår:” eller ”Valt år:” saknas). Året tas aldrig från filnamnet. " + _HINT
        )
    else:
        year, years = chosen[0], [chosen[0]]
    if len(set(chosen)) > 1:
        raise _mixed_years(name, chosen)
    context = _Context(title, extract, tuple(definitions))
    kommun_lines: list[RawRow] = []
    national_lines: list[RawRow] = []
    for row in data:
        values = _row_values(name, row, layout)
        layout.check(name, row.line, values)  # every line is checked now, its values built later
        target = national_lines if cell_text(values[0]).lower() == NATIONAL else kommun_lines
        target.append(row)
    if not kommun_lines and not national_lines:
        raise PacketFormatError(f"{name}: tabellen har inga värden att läsa in. " + _HINT)

    def values_of(row: RawRow) -> list[PacketRow]:
        return layout.packet_rows(name, row, _row_values(name, row, layout), year, context)

    per_line = len(layout.year_columns or layout.measures)
    kommun_rows = ExportValues(kommun_lines, values_of, per_line)
    national = ExportValues(national_lines, values_of, per_line)
    return Export(title, year, years, kommun_rows, national, notes, definitions)


# ---------------------------------------------------------------------------------------------
# Finding the parts


def _line_text(row: RawRow) -> str:
    return " ".join(t for t in (cell_text(v) for v in row.values) if t)


def _find_header(rows: Sequence[RawRow]) -> int | None:
    for index, row in enumerate(rows[:200]):
        names = [normalise_column_name(cell_text(v)) for v in row.values]
        if TYPE_COLUMN in names and (CODE_COLUMNS.intersection(names) or names[0] == NATIONAL):
            return index
    return None


def _group_row(rows: Sequence[RawRow], header_index: int) -> RawRow | None:
    """The row of `#Group` cells right above the header, if there is one."""
    if header_index == 0:
        return None
    above = rows[header_index - 1]
    texts = [t for t in (cell_text(v) for v in above.values) if t]
    return above if texts and all(t.startswith("#") for t in texts) else None


def _read_preamble(name: str, preamble: Sequence[RawRow]) -> tuple[str, list[str], str, list[str]]:
    """(title, chosen years, extract date, notes) from the lines above the table."""
    title, extract = "", ""
    chosen: list[str] = []
    notes: list[str] = []
    for row in preamble:
        text = _line_text(row)
        if text.lower().startswith(EXPORT_MARK):
            continue
        if match := _CHOSEN.match(text):
            chosen.append(match[1])
        elif match := _EXTRACT.match(text):
            extract = match[1]
        elif not title:
            title = text
        else:
            notes.append(text)
    if not title:
        raise PacketFormatError(
            f"{name}: filen saknar tabellens rubrik ovanför tabellen (t.ex. ”Grundskola - "
            "Personalstatistik …”), så värdena kan inte knytas till en tabell. " + _HINT
        )
    return title, chosen, extract, notes


def _split_table(rows: Sequence[RawRow], header_index: int) -> tuple[list[RawRow], list[RawRow]]:
    """(data rows up to the first blank line, the rows after it)."""
    data: list[RawRow] = []
    for position in range(header_index + 1, len(rows)):
        if rows[position].is_blank():
            return data, list(rows[position + 1 :])
        data.append(rows[position])
    return data, []


def _read_definitions(rows: Sequence[RawRow]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for row in rows:
        texts = [t for t in (cell_text(v) for v in row.values) if t]
        if not texts or _DEFINITIONS_HEADING.match(texts[0]) or texts == ["Begrepp", "Förklaring"]:
            continue  # headings of the section, not text
        found.append((texts[0], " ".join(texts[1:])) if len(texts) > 1 else ("", texts[0]))
    return found


def _mixed_years(name: str, years: Sequence[str]) -> PacketFormatError:
    listed = ", ".join(dict.fromkeys(years))
    return PacketFormatError(
        f"{name}: filen blandar år ({listed}) på ett sätt som inte går att tolka: en export "
        "gäller ett valt läsår (eller år), eller visar åren som kolumner. Ladda ner ett läsår i "
        "taget, eller tabellen ”över tid”, och läs in filerna var för sig."
    )


# ---------------------------------------------------------------------------------------------
# Columns and values


@dataclass(frozen=True)
class _Context:
    title: str
    extract: str
    definitions: tuple[tuple[str, str], ...]


@dataclass
class _Layout:
    """Which column holds what: identity, type of huvudman, dimensions, measures or years."""

    width: int
    code: int | None
    type_column: int
    dimensions: list[tuple[int, str]]  # (column, header)
    measures: list[tuple[int, str, str]]  # (column, header, group without '#')
    year_columns: list[tuple[int, str]]  # (column, year)

    @classmethod
    def of(
        cls,
        name: str,
        header: RawRow,
        names: list[str],
        group_row: RawRow | None,
        data: Sequence[RawRow],
    ) -> _Layout:
        texts = [cell_text(v) for v in header.values]
        width = max((i + 1 for i, t in enumerate(texts) if t), default=0)
        type_column = names.index(TYPE_COLUMN)
        code = next((i for i, n in enumerate(names) if n in CODE_COLUMNS), None)
        groups = [cell_text(v).lstrip("#").strip() for v in group_row.values] if group_row else []
        dimensions: list[tuple[int, str]] = []
        measures: list[tuple[int, str, str]] = []
        year_columns: list[tuple[int, str]] = []
        for column in range(type_column + 1, width):
            text = texts[column]
            if not text:
                continue
            if _YEAR_HEADER.match(text):
                year_columns.append((column, text))
            elif names[column] == "kon" or _is_text_column(data, column):
                dimensions.append((column, text))
            else:
                group = groups[column] if column < len(groups) else ""
                measures.append((column, text, group))
        if year_columns and not dimensions and len(measures) == 1:
            if any(_cell(row, measures[0][0]) for row in data):
                raise PacketFormatError(
                    f"{name}: rubrikraden (rad {header.line}) har både år och mått som "
                    "kolumner, en uppställning som inte känns igen. " + _HINT
                )
            # An över tid table names its measure in the column before the years.
            dimensions, measures = [(measures[0][0], measures[0][1])], []
        if not year_columns and not measures:
            raise PacketFormatError(
                f"{name}: rubrikraden (rad {header.line}) har inga kolumner med värden efter "
                "”Typ av huvudman”, så tabellens uppställning känns inte igen. " + _HINT
            )
        if year_columns and measures:
            raise PacketFormatError(
                f"{name}: rubrikraden (rad {header.line}) har både år och mått som kolumner, "
                "en uppställning som inte känns igen. " + _HINT
            )
        return cls(width, code, type_column, dimensions, measures, year_columns)

    def check(self, name: str, line: int, values: Sequence[object]) -> None:
        """Raise for a line whose kommun code or type of huvudman cannot be read."""
        if cell_text(values[0]).lower() != NATIONAL:
            _code(name, line, values, self.code)
        if not cell_text(values[self.type_column]):
            raise PacketFormatError(
                f"{name}: rad {line}: kolumnen Typ av huvudman är tom. " + _HINT
            )

    def packet_rows(
        self, name: str, row: RawRow, values: Sequence[object], year: str, context: _Context
    ) -> list[PacketRow]:
        line = row.line
        national = cell_text(values[0]).lower() == NATIONAL
        kommun = cell_text(values[0])
        code = "" if national else _code(name, line, values, self.code)
        omfattning = cell_text(values[self.type_column])
        dims = [cell_text(values[c]) for c, _ in self.dimensions]
        cells: list[tuple[int, str, str, str]] = []  # (column, measure, group, year)
        if self.year_columns:
            measure = self.dimensions[-1][1]
            cells = [(c, measure, "", y) for c, y in self.year_columns]
        else:
            cells = [(c, m, g, year) for c, m, g in self.measures]
        rows = []
        who = "Riket" if national else kommun_name(kommun)
        for column, measure, group, ar in cells:
            shown = row.formats[column] if column < len(row.formats) else None
            varde, number, had_percent = parse_cell(values[column], False, shown)
            template = _indicator_row(context, measure, group, tuple(dims))
            cell: dict[str, object] = {
                "huvudman_id": code,
                "huvudman_namn": who,
                "ar": ar,
                "varde": varde,
                "varde_num": number,
                "line": line,
                "kolumn": column + 1,
                "omfattning": omfattning,
            }
            if had_percent and not template.enhet:
                cell["enhet"] = "procent"
            rows.append(template.model_copy(update=cell))
        return rows


@lru_cache(maxsize=4096)
def _indicator_row(context: _Context, measure: str, group: str, dims: tuple[str, ...]) -> PacketRow:
    """What every value of one indicator shares, as a row to copy: worked out once, not for
    each of 100,000 cells (copies are not validated again; every field here already was)."""
    indicator = _indicator(context.title, measure, group, dims)
    extract = f" (uttag {context.extract})" if context.extract else ""
    return PacketRow(
        huvudman_id="",
        indikator_id=indicator.id,
        indikator_namn=indicator.name,
        skolform=_skolform(context.title),
        kategori=_topic(context.title),
        enhet=_unit(context, measure, group),
        ar="",
        varde="",
        kalla=f"Skolverket, {context.title}{extract}",
        definition=_definition(context.definitions, measure, group),
        line=0,
        tabell=context.title,
        dimension=indicator.dimension,
    )


def _cell(row: RawRow, column: int) -> str:
    return cell_text(row.values[column]) if column < len(row.values) else ""


def _is_text_column(data: Sequence[RawRow], column: int) -> bool:
    """A dimension column: every cell is a word, not a number or a marker."""
    seen = False
    for row in data:
        if column >= len(row.values):
            continue
        text = cell_text(row.values[column])
        if not text:
            continue
        display, number, _ = parse_cell(row.values[column])
        if number is not None or display in SUPPRESSION_MEANINGS:
            return False
        seen = True
    return seen


def _row_values(name: str, row: RawRow, layout: _Layout) -> list[object]:
    values = list(row.values)
    extra = [v for v in values[layout.width :] if cell_text(v)]
    if extra:
        raise PacketFormatError(
            f"{name}: rad {row.line} har fler värden än rubrikraden har kolumner. " + _HINT
        )
    if len(values) < layout.width:
        raise PacketFormatError(
            f"{name}: rad {row.line} har {len(values)} fält men rubrikraden har "
            f"{layout.width}. Raden kan ha brutits av. " + _HINT
        )
    return values[: layout.width]


def _code(name: str, line: int, values: Sequence[object], column: int | None) -> str:
    text = cell_text(values[column]) if column is not None else ""
    if not text.isdigit():
        raise PacketFormatError(
            f"{name}: rad {line}: kommunkoden ”{text}” är inte fyra siffror. " + _HINT
        )
    return text.zfill(4)  # an Excel number cell loses the leading zero of 0482


@dataclass(frozen=True)
class _Indicator:
    id: str
    name: str
    dimension: str


def _topic(title: str) -> str:
    """ "Grundskola - Behörighet till gymnasieskolan, fr.o.m. 2011" → "Behörighet till
    gymnasieskolan": the series start is a note on the table, not part of what is measured."""
    topic = title.split(" - ", 1)[1] if " - " in title else title
    return _SERIES_START.sub("", topic).strip()


def _skolform(title: str) -> str:
    return title.split(" - ", 1)[0].strip().lower() if " - " in title else ""


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text  # an abbreviation such as "NO-ämnen"
    return text[:1].lower() + text[1:]


def _indicator(title: str, measure: str, group: str, dims: Sequence[str]) -> _Indicator:
    """Table + measure (+ group) + dimension values, named as one reads it:
    "Behörighet till gymnasieskolan: andel elever behöriga till yrkesprog., flickor"."""
    # "Samtliga" in a dimension column is the total, which is the table's plain measure.
    values = [d for d in dims if d and d.lower() != "samtliga"]
    words = _PERCENT_MARK.sub("", measure).split()
    what = " ".join(_ABBREVIATIONS.get(w.lower(), w) for w in words)
    qualifiers: list[str] = []
    for value in values:
        if _RESPEKTIVE.search(what):
            what = _RESPEKTIVE.sub(value.lower(), what, count=1)
        else:
            qualifiers.append(value.lower())
    text = _lower_first(what) + (f" ({group.lower()})" if group else "")
    text += "".join(f", {q}" for q in qualifiers)
    key = "\n".join([title, group, measure, *values])
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    slug = re.sub(r"[^a-z0-9]+", "_", normalise_column_name(_topic(title)))[:40].strip("_")
    return _Indicator(f"sv_{slug}_{digest}", f"{_topic(title)}: {text}", " / ".join(values))


def _definition(definitions: Sequence[tuple[str, str]], measure: str, group: str) -> str:
    """The definitions section's explanation of a measure ("Heltidstjänster, Totalt antal")."""
    wanted = {measure.lower(), f"{group}, {measure}".lower()} if group else {measure.lower()}
    return next((text for term, text in definitions if term.lower() in wanted), "")


def _unit(context: _Context, measure: str, group: str) -> str:
    """The unit as the header (or the measure's definition) says it; "" when nothing does."""
    text = measure.lower()
    definition = _definition(context.definitions, measure, group).lower()
    if "%" in text or text.startswith("andel"):
        return "procent"
    if _THOUSANDS.search(text) or _THOUSANDS.search(definition):
        return "tusen kronor"
    if "kronor" in text or "kronor" in definition:
        return "kronor"
    if "kostnad" in context.title.lower() and "per elev" in text:
        return "kronor"  # a cost per pupil is in kronor in every cost table
    if "meritvärde" in text or "poäng" in text:
        return "poäng"
    if group.lower() == "heltidstjänster":
        return "heltidstjänster"
    if text.startswith(("antal", "totalt antal")) or "elevantal" in text or group:
        return "antal"
    return ""
