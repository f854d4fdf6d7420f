"""Answers about one huvudman's indicator, read from the packet table and quoted exactly."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from assistant.answer.citations import CitationBook
from assistant.answer.compose import with_marker
from assistant.answer.question import QuestionIntent, year_matches
from assistant.ingest.packets import SUPPRESSION_MEANINGS
from assistant.ingest.skolverket import NATIONAL_WHO, OMFATTNING_ORDER, covered_by
from assistant.text.sentences import split_sentences
from assistant.types import DOC_PACKET, Answer, Chunk, PacketRow

SCHOOL_YEAR = re.compile(r"(?:19|20)\d{2}/\d{2}")
DIFFERENCE_UNITS = {"procent": "procentenheter"}


ROW_PREFIX = "rad:"
# "rad:{source}:{line}", and ":{column}" for an export's cell; at most 9 digits each, so an
# absurd number is simply not found instead of overflowing SQLite.
_ROW_ID = re.compile(r"^rad:(?P<source>.+?):(?P<line>\d{1,9})(?::(?P<kolumn>\d{1,9}))?$")


def row_chunk_id(source: str, row: PacketRow) -> str:
    cell = f":{row.kolumn}" if row.kolumn else ""
    return f"{ROW_PREFIX}{source}:{row.line}{cell}"


def parse_row_id(chunk_id: str) -> tuple[str, int, int] | None:
    """(source, line, column) of a packet row's citation id, or None if it is not one."""
    match = _ROW_ID.match(chunk_id)
    if match is None:
        return None
    return match["source"], int(match["line"]), int(match["kolumn"] or 0)


def row_locator(row: PacketRow) -> str:
    return f"rad {row.line}, kolumn {row.kolumn}" if row.kolumn else f"rad {row.line}"


def row_chunk(row: PacketRow, source: str, title: str) -> Chunk:
    """A packet row as a citable passage; its id names the file, the line and the column.

    Its title names the row's own huvudman (or an export's table), never the other huvudmän of
    the file: a national file would put 2,800 names in every citation and prompt."""
    own = title if row.tabell else f"Indikatorpaket: {row.huvudman_namn or row.huvudman_id}"
    return Chunk(
        chunk_id=row_chunk_id(source, row),
        source=source,
        title=own,
        doc_type=DOC_PACKET,
        locator=row_locator(row),
        text=describe_row(row),
        huvudman_id=row.huvudman_id,
    )


def who_of(row: PacketRow) -> str:
    """Whom the row's value covers: the huvudman, or which of a kommun's schools."""
    return covered_by(row.omfattning, row.huvudman_namn or row.huvudman_id)


def value_text(row: PacketRow) -> str:
    return with_unit(row.varde, row.enhet) if row.varde_num is not None else f"”{row.varde}”"


def describe_row(row: PacketRow) -> str:
    """The row in words, exactly as stored: the snippet users see for a packet citation."""
    text = f"{row.indikator_namn}, {who_of(row)}, {row.ar}: {value_text(row)}"
    if row.riket:
        text += f" (riket {with_unit(row.riket, row.enhet)})"
    if row.kalla:
        text += f". Källa: {row.kalla}"
    if row.extra.get("riket_kalla"):
        text += f". Rikets värde: {row.extra['riket_kalla']}"
    return text + "."


def with_unit(value: str, unit: str) -> str:
    # "antal" says nothing a reader needs after a count; other units are read aloud as written.
    return value if unit in ("", "antal") else f"{value} {unit}"


def when(ar: str) -> str:
    """The period after a value: a school year reads "läsåret 2024/25", so that a count without
    a unit does not run into it ("var 5 2024/25"); a calendar year stands as it is."""
    return f"läsåret {ar}" if SCHOOL_YEAR.fullmatch(ar) else ar


def decimal_of(value: str) -> Decimal | None:
    try:
        return Decimal(value.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None


def difference(a: str, b: str) -> tuple[str, int] | None:
    """|a − b| in Swedish form with the precision of the inputs, and the sign of a − b."""
    da, db = decimal_of(a), decimal_of(b)
    if da is None or db is None:
        return None
    diff = da - db
    places = max(-int(da.as_tuple().exponent), -int(db.as_tuple().exponent), 0)
    text = f"{abs(diff):.{places}f}".replace(".", ",")
    return text, (diff > 0) - (diff < 0)


def _diff_unit(unit: str) -> str:
    return DIFFERENCE_UNITS.get(unit, "" if unit == "antal" else unit)


# Units of totals: the country's total is no level for a kommun to be above or below.
TOTAL_UNITS = frozenset({"antal", "heltidstjänster", "tusen kronor", ""})


def comparable(row: PacketRow) -> bool:
    """Whether the row's value can be set against riket's: shares, points and costs per pupil
    can; an export's counts and totals cannot ("elever per lärare" is a ratio, so it can)."""
    return not row.tabell or row.enhet not in TOTAL_UNITS or " per " in row.indikator_namn


def difference_to_riket(row: PacketRow) -> tuple[str, int] | None:
    """`difference` of the row's value and riket's, or None when either is missing or the two
    cannot be set against each other (`comparable`)."""
    if row.varde_num is None or row.riket_num is None or not comparable(row):
        return None
    return difference(row.varde, row.riket)


def national_who(row: PacketRow) -> str:
    """Whose national value the row carries: for a value from a Riket export, the same kind
    of schools as the row's."""
    return NATIONAL_WHO.get(row.omfattning, "riket") if row.extra.get("riket_kalla") else "riket"


def _comparison(row: PacketRow, who: str) -> str | None:
    result = difference_to_riket(row)
    if result is None:
        return None
    amount, sign = result
    riket = with_unit(row.riket, row.enhet)
    national = national_who(row)
    if sign == 0:
        return f"{national.capitalize()} låg på {riket} samma år, alltså samma nivå som {who}"
    unit = _diff_unit(row.enhet)
    where = "över" if sign > 0 else "under"
    above = f"{who} låg {amount} {unit} {where} {national}".replace("  ", " ")
    return f"{national.capitalize()} låg på {riket} samma år; {above}"


def _suppressed(row: PacketRow, who: str) -> str:
    meaning = SUPPRESSION_MEANINGS.get(row.varde, "värdet är inte ett tal")
    if row.varde.startswith("~"):
        return (
            f"För {when(row.ar)} anges {row.indikator_namn.lower()} för {who} som ”{row.varde}”, "
            f"vilket betyder att {meaning}"
        )
    marker = f"anger ”{row.varde}”, vilket betyder att" if row.varde else "saknar värde, alltså"
    material = "underlaget" if row.tabell else "paketet"
    return (
        f"För {when(row.ar)} redovisas inget värde för {row.indikator_namn.lower()} hos {who}: "
        f"{material} {marker} {meaning}"
    )


# Words that ask for one kind of a kommun's schools in Skolverket's statistics.
_ASKED_OMFATTNING = (
    ("Enskild", re.compile(r"\b(fristående|friskol\w*|enskild\w*)", re.IGNORECASE)),
    ("Statlig", re.compile(r"\bstatlig\w*", re.IGNORECASE)),
    (
        "Samtliga",
        re.compile(r"\b(alla skolor|samtliga|oavsett huvudman|hela kommunen)", re.IGNORECASE),
    ),
    ("Kommunal", re.compile(r"\b(kommunal\w*|kommunens egna)", re.IGNORECASE)),
)


def asked_omfattning(question: str) -> str | None:
    """Which schools of a kommun the question asks about, if it says so."""
    return next((o for o, words in _ASKED_OMFATTNING if words.search(question)), None)


def _primary(rows: Sequence[PacketRow], asked: str | None) -> str:
    """The omfattning an answer leads with: the asked one, else the kommun as huvudman."""
    present = {r.omfattning for r in rows}
    if asked in present:
        return asked
    return next((o for o in OMFATTNING_ORDER if o in present), min(present))


def define_indicator(evidence: Sequence[tuple[PacketRow, Chunk]]) -> Answer:
    """How the packet defines an indicator, quoted from its latest row's definition column;
    every sentence of the definition carries the row's citation."""
    row, chunk = max(evidence, key=lambda pair: pair[0].ar)
    mark = CitationBook()
    number = mark.cite(chunk)
    sentences = [f"Paketet definierar {row.indikator_namn.lower()} så här {number}."]
    sentences += [with_marker(sentence, number) for sentence in split_sentences(row.definition)]
    if row.enhet:
        sentences.append(f"Enheten är {row.enhet} {number}.")
    return Answer(answer=" ".join(sentences), supported=True, citations=mark.citations())


def answer_indicator(
    evidence: Sequence[tuple[PacketRow, Chunk]],
    intent: QuestionIntent,
    omfattning: str | None = None,
) -> Answer:
    """Value, national comparison and (when asked) the trend for one indicator's rows.

    `evidence` pairs each row with the passage that cites it. Rows of a Skolverket export come
    for several kinds of schools (`omfattning`): the answer leads with the asked one, or the
    kommun's own schools, and gives the others for the same year as labelled context.
    """
    book = CitationBook()
    passage = {id(row): chunk for row, chunk in evidence}
    every = sorted((row for row, _ in evidence), key=lambda r: r.ar)
    primary = _primary(every, omfattning)
    rows = [r for r in every if r.omfattning == primary]
    who = who_of(rows[0])
    name = rows[0].indikator_namn
    noun = "Underlaget" if primary else "Paketet"
    asked = list(intent.years)
    if asked:
        chosen = [r for r in rows if any(year_matches(y, r.ar) for y in asked)]
        if intent.wants_trend and chosen:
            # "mellan 2022 och 2024" means every year in between; one year means up to it, or
            # from it on ("sedan 2022").
            start, end = chosen[0].ar, chosen[-1].ar
            if len(chosen) == 1:
                start, end = (start, rows[-1].ar) if intent.years_from else (rows[0].ar, end)
            chosen = [r for r in rows if start <= r.ar <= end]
        missing = [y for y in asked if not any(year_matches(y, r.ar) for r in rows)]
        if missing:
            years = ", ".join(dict.fromkeys(r.ar for r in rows))
            return Answer(
                answer=(
                    f"{noun} för {who} har inget värde för {' och '.join(missing)} för "
                    f"{name.lower()}. {noun} innehåller åren {years}."
                ),
                supported=False,
            )
    else:
        chosen = rows if intent.wants_trend else rows[-1:]

    sentences: list[str] = []
    if intent.wants_trend and len(chosen) > 1:
        marks = "".join(book.cite(passage[id(r)]) for r in chosen)
        series = [f"{value_text(r)} ({r.ar})" for r in chosen]
        listed = ", ".join(series[:-1]) + " och " + series[-1]
        sentences.append(f"{name} för {who}: {listed} {marks}.")
        numeric = [r for r in chosen if r.varde_num is not None]
        if len(numeric) >= 2:
            first, last = numeric[0], numeric[-1]
            result = difference(last.varde, first.varde)
            if result is not None:
                amount, sign = result
                change = {1: "en ökning", -1: "en minskning", 0: "ingen förändring"}[sign]
                unit = _diff_unit(first.enhet)
                by = f" med {amount} {unit}".rstrip() if sign else ""
                marks = book.cite(passage[id(first)]) + book.cite(passage[id(last)])
                sentences.append(f"Från {first.ar} till {last.ar} är det {change}{by} {marks}.")
        latest = chosen[-1]
        comparison = _comparison(latest, who)
        if comparison:
            sentences.append(
                f"{comparison.replace('samma år', f'{latest.ar}')} "
                f"{book.cite(passage[id(latest)])}."
            )
        chosen = [latest]  # context rows are given for the latest year
    else:
        for row in chosen:
            mark = book.cite(passage[id(row)])
            if row.varde_num is None:
                sentences.append(f"{_suppressed(row, who)} {mark}.")
                if row.riket:
                    sentences.append(
                        f"Riket låg på {with_unit(row.riket, row.enhet)} {when(row.ar)} {mark}."
                    )
                continue
            sentences.append(f"{name} för {who} var {value_text(row)} {when(row.ar)} {mark}.")
            comparison = _comparison(row, who)
            if comparison:
                sentences.append(f"{comparison} {mark}.")
    if primary:
        sentences += _export_context(every, chosen, primary, book, passage)
    return Answer(answer=" ".join(sentences), supported=True, citations=book.citations())


def _export_context(
    every: Sequence[PacketRow],
    chosen: Sequence[PacketRow],
    primary: str,
    book: CitationBook,
    passage: dict[int, Chunk],
) -> list[str]:
    """The same year's values for a kommun's other kinds of schools, and whether the national
    value is in the material (never computed from kommun rows: Skolverket's is weighted)."""
    sentences = []
    for row in chosen:
        if not row.riket:
            sentences.append(
                f"Rikets värde för {row.ar} finns inte i underlaget {book.cite(passage[id(row)])}; "
                "läs in samma tabell exporterad på nivå Riket för att kunna jämföra."
            )
        others = sorted(
            (r for r in every if r.ar == row.ar and r.omfattning != primary),
            key=lambda r: (
                OMFATTNING_ORDER.index(r.omfattning)
                if r.omfattning in OMFATTNING_ORDER
                else len(OMFATTNING_ORDER)
            ),
        )
        for other in others:
            mark = book.cite(passage[id(other)])
            if other.varde_num is None:
                sentences.append(f"{_suppressed(other, who_of(other))} {mark}.")
            else:
                national = f" ({national_who(other)} {with_unit(other.riket, other.enhet)})"
                sentences.append(
                    f"Samma år var värdet {value_text(other)} för {who_of(other)}"
                    f"{national if other.riket and comparable(other) else ''} {mark}."
                )
    return sentences
