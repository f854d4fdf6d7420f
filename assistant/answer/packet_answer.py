"""Answers about one huvudman's indicator, read from the packet table and quoted exactly."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from assistant.answer.citations import CitationBook
from assistant.answer.question import QuestionIntent, year_matches
from assistant.ingest.packets import SUPPRESSION_MEANINGS
from assistant.types import Answer, Chunk, PacketRow

DIFFERENCE_UNITS = {"procent": "procentenheter"}


def row_chunk(row: PacketRow, source: str, title: str) -> Chunk:
    """A packet row as a citable passage; its id names the file and the line."""
    return Chunk(
        chunk_id=f"rad:{source}:{row.line}",
        source=source,
        title=title,
        doc_type="indikatorpaket",
        locator=f"rad {row.line}",
        text=describe_row(row),
        huvudman_id=row.huvudman_id,
    )


def describe_row(row: PacketRow) -> str:
    """The row in words, exactly as stored: the snippet users see for a packet citation."""
    text = f"{row.indikator_namn}, {row.huvudman_namn or row.huvudman_id}, {row.ar}: "
    text += with_unit(row.varde, row.enhet) if row.varde_num is not None else f"”{row.varde}”"
    if row.riket:
        text += f" (riket {with_unit(row.riket, row.enhet)})"
    if row.kalla:
        text += f". Källa: {row.kalla}"
    return text + "."


def with_unit(value: str, unit: str) -> str:
    # "antal" says nothing a reader needs after a count; other units are read aloud as written.
    return value if unit in ("", "antal") else f"{value} {unit}"


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


def _comparison(row: PacketRow, who: str) -> str | None:
    if row.varde_num is None or row.riket_num is None:
        return None
    result = difference(row.varde, row.riket)
    if result is None:
        return None
    amount, sign = result
    riket = with_unit(row.riket, row.enhet)
    if sign == 0:
        return f"Riket låg på {riket} samma år, alltså samma nivå som {who}"
    unit = _diff_unit(row.enhet)
    where = "över" if sign > 0 else "under"
    return f"Riket låg på {riket} samma år; {who} låg {amount} {unit} {where} riket".replace(
        "  ", " "
    )


def _suppressed(row: PacketRow, who: str) -> str:
    meaning = SUPPRESSION_MEANINGS.get(row.varde, "värdet är inte ett tal")
    marker = f"anger ”{row.varde}”, vilket betyder att" if row.varde else "saknar värde, alltså"
    return (
        f"För {row.ar} redovisas inget värde för {row.indikator_namn.lower()} hos {who}: "
        f"paketet {marker} {meaning}"
    )


def answer_indicator(evidence: Sequence[tuple[PacketRow, Chunk]], intent: QuestionIntent) -> Answer:
    """Value, national comparison and (when asked) the trend for one indicator's rows.

    `evidence` pairs each row with the passage that cites it.
    """
    book = CitationBook()
    passage = {id(row): chunk for row, chunk in evidence}
    rows = sorted((row for row, _ in evidence), key=lambda r: r.ar)
    who = rows[0].huvudman_namn or rows[0].huvudman_id
    name = rows[0].indikator_namn
    asked = list(intent.years)
    if asked:
        chosen = [r for r in rows if any(year_matches(y, r.ar) for y in asked)]
        if intent.wants_trend and chosen:
            # "mellan 2022 och 2024" means every year in between; one year means up to it.
            start = chosen[0].ar if len(chosen) > 1 else rows[0].ar
            chosen = [r for r in rows if start <= r.ar <= chosen[-1].ar]
        missing = [y for y in asked if not any(year_matches(y, r.ar) for r in rows)]
        if missing:
            years = ", ".join(r.ar for r in rows)
            return Answer(
                answer=(
                    f"Paketet för {who} har inget värde för {' och '.join(missing)} för "
                    f"{name.lower()}. Paketet innehåller åren {years}."
                ),
                supported=False,
            )
    else:
        chosen = rows if intent.wants_trend else rows[-1:]

    sentences: list[str] = []
    if intent.wants_trend and len(chosen) > 1:
        marks = "".join(book.cite(passage[id(r)]) for r in chosen)
        series = [
            f"{with_unit(r.varde, r.enhet) if r.varde_num is not None else '”' + r.varde + '”'}"
            f" ({r.ar})"
            for r in chosen
        ]
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
    else:
        for row in chosen:
            mark = book.cite(passage[id(row)])
            if row.varde_num is None:
                sentences.append(f"{_suppressed(row, who)} {mark}.")
                if row.riket:
                    sentences.append(
                        f"Riket låg på {with_unit(row.riket, row.enhet)} {row.ar} {mark}."
                    )
                continue
            value = with_unit(row.varde, row.enhet)
            sentences.append(f"{name} för {who} var {value} {row.ar} {mark}.")
            comparison = _comparison(row, who)
            if comparison:
                sentences.append(f"{comparison} {mark}.")
    return Answer(answer=" ".join(sentences), supported=True, citations=book.citations())
