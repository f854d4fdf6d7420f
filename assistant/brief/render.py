"""The brief as Markdown, or as one self-contained printable HTML page with a chart per indicator.

The HTML needs nothing from the network: styles are inline and each chart is inline SVG. Charts
show the huvudman against riket without relying on colour: the huvudman is a solid line with
round markers, riket a dashed line with square markers, every point carries its value as text,
and a table under each chart holds the same numbers with their citations. The page is written
by templates/brief.html.j2, which escapes every value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.brief.model import (
    Brief,
    DialoguePartItem,
    FactorItem,
    FlagItem,
    IndicatorItem,
    QuestionItem,
    Section,
    YearValue,
)
from assistant.text.html import template_environment
from assistant.types import Citation

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")
_MARKER = re.compile(r"\[(\d+)\]")
_NOT_ID = re.compile(r"[^a-zA-Z0-9_-]+")


def render(brief: Brief, fmt: str) -> str:
    if fmt == "md":
        return render_markdown(brief)
    if fmt == "html":
        return render_html(brief)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


# --- shared ---------------------------------------------------------------------------------


def _flag_names(brief: Brief, flag_ids: Sequence[str]) -> list[str]:
    flags = {f.id: f for f in brief.flags}
    return [flags[i].rule_name for i in flag_ids if i in flags]


def _flagged_indicators(brief: Brief, flag_ids: Sequence[str]) -> list[str]:
    flags = {f.id: f for f in brief.flags}
    return list(dict.fromkeys(flags[i].indikator_namn for i in flag_ids if i in flags))


def _factor_names(brief: Brief, factor_ids: Sequence[str]) -> list[str]:
    factors = {
        item.id: item.name
        for item in brief.section("framgangsfaktorer").items
        if isinstance(item, FactorItem)
    }
    return [factors[i] for i in factor_ids if i in factors]


def _where(citation: Citation) -> str:
    """ "Title, place (file)", without repeating the title inside the place."""
    place = citation.locator.replace(f"Avsnitt: {citation.title} > ", "Avsnitt: ")
    place = place.replace(f"Avsnitt: {citation.title}", "inledningen")
    return f"{citation.title}, {place} ({citation.source})" if place else citation.title


def _years(brief: Brief) -> str:
    years = brief.years
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else years[0]


# --- Markdown -------------------------------------------------------------------------------


def render_markdown(brief: Brief) -> str:
    lines = [f"# {brief.title}", "", brief.intro, ""]
    for section in brief.sections:
        lines += [f"## {section.heading}", ""]
        if section.intro:
            lines += [section.intro, ""]
        lines += _markdown_items(brief, section)
    lines += ["## Så sätts flaggorna", ""]
    lines += [f"- **{rule.name}:** {rule.description}" for rule in brief.rules]
    lines += ["", "## Källor", ""]
    lines += [f"{c.n}. {_where(c)}" for c in brief.citations]
    return "\n".join(lines).rstrip() + "\n"


def _markdown_items(brief: Brief, section: Section) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(section.items, 1):
        if isinstance(item, IndicatorItem):
            lines += [f"### {item.namn}", "", item.text, ""]
            if item.flags:
                lines += [f"Flaggor: {', '.join(_flag_names(brief, item.flags))}.", ""]
        elif isinstance(item, FlagItem):
            factors = _factor_names(brief, item.factors)
            tail = f" Framgångsfaktorer: {', '.join(factors)}." if factors else ""
            lines.append(f"- **{item.rule_name}.** {item.text} Regel: {item.rule_text}{tail}")
        elif isinstance(item, FactorItem):
            indicators = _flagged_indicators(brief, item.flags)
            lines += [f"### {item.name}", "", item.text, ""]
            lines += [f"Hör till: {', '.join(indicators)}.", ""]
        elif isinstance(item, QuestionItem):
            factor = _factor_names(brief, [item.factor])
            lines.append(f"{number}. {item.text}" + (f" ({factor[0]})" if factor else ""))
        elif isinstance(item, DialoguePartItem):
            lines.append(f"{item.part}. **{item.name}.** {item.text}")
    if lines and lines[-1] != "":
        lines.append("")
    return lines


# --- HTML -----------------------------------------------------------------------------------
# Python lays out the numbers and words as plain strings; templates/brief.html.j2 writes the page
# and escapes every one of them.

_TEMPLATES = template_environment("assistant.brief")

# Text cut before each [n] marker: (text, n), the last n empty; the template links each n.
Linked = list[tuple[str, str]]


def _linked(text: str) -> Linked:
    pieces = _MARKER.split(text)
    return list(zip(pieces[::2], [*pieces[1::2], ""], strict=True))


def _dom_id(*parts: str) -> str:
    return "-".join(_NOT_ID.sub("-", part).strip("-") for part in parts)


@dataclass(frozen=True)
class TableRow:
    year: str
    value: str
    riket: str
    citation: int


@dataclass(frozen=True)
class Card:
    id: str
    name: str
    flags: list[str]
    text: Linked
    chart: Chart
    unit: str
    who: str
    rows: list[TableRow]


@dataclass(frozen=True)
class Flag:
    rule_name: str
    text: Linked
    rule_text: str
    factors: list[tuple[str, str]]  # (DOM id, name)


@dataclass(frozen=True)
class Factor:
    id: str
    name: str
    text: Linked
    indicators: str


@dataclass(frozen=True)
class Question:
    text: Linked
    factor: str


@dataclass(frozen=True)
class DialoguePart:
    part: int
    name: str
    text: Linked


PageItem = Card | Flag | Factor | Question | DialoguePart


@dataclass(frozen=True)
class SectionView:
    id: str  # the section's id, which picks its layout
    heading_id: str
    heading: str
    intro: Linked
    items: Sequence[PageItem]


@dataclass(frozen=True)
class Page:
    title: str
    intro: Linked
    huvudman_id: str
    years: str
    marginal: str
    sections: list[SectionView]
    rules: list[tuple[str, str]]  # (name, description)
    sources: list[tuple[int, str]]  # (n, where)


def render_html(brief: Brief) -> str:
    return _TEMPLATES.get_template("brief.html.j2").render(page=_page(brief))


def _page(brief: Brief) -> Page:
    """What the HTML page shows, as plain strings."""
    return Page(
        title=brief.title,
        intro=_linked(brief.intro),
        huvudman_id=brief.huvudman_id,
        years=_years(brief),
        marginal=_percent(brief.marginal_procent),
        sections=[
            SectionView(
                id=section.id,
                heading_id=_dom_id("avsnitt", section.id),
                heading=section.heading,
                intro=_linked(section.intro) if section.intro else [],
                items=_html_items(brief, section),
            )
            for section in brief.sections
        ],
        rules=[(rule.name, rule.description) for rule in brief.rules],
        sources=[(c.n, _where(c)) for c in brief.citations],
    )


def _percent(value: float) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text} %"


def _html_items(brief: Brief, section: Section) -> Sequence[PageItem]:
    items = section.items
    if section.id == "indikatorer":
        return [_indicator_card(brief, i) for i in items if isinstance(i, IndicatorItem)]
    if section.id == "flaggor":
        return [
            Flag(
                rule_name=item.rule_name,
                text=_linked(item.text),
                rule_text=item.rule_text,
                factors=[
                    (_dom_id(factor), name)
                    for factor, name in zip(
                        item.factors, _factor_names(brief, item.factors), strict=False
                    )
                ],
            )
            for item in items
            if isinstance(item, FlagItem)
        ]
    if section.id == "framgangsfaktorer":
        return [
            Factor(
                id=_dom_id(item.id),
                name=item.name,
                text=_linked(item.text),
                indicators=", ".join(_flagged_indicators(brief, item.flags)),
            )
            for item in items
            if isinstance(item, FactorItem)
        ]
    if section.id == "fragor":
        return [
            # One name, or none for a factor the brief does not hold.
            Question(text=_linked(item.text), factor="".join(_factor_names(brief, [item.factor])))
            for item in items
            if isinstance(item, QuestionItem)
        ]
    return [
        DialoguePart(part=item.part, name=item.name, text=_linked(item.text))
        for item in items
        if isinstance(item, DialoguePartItem)
    ]


def _indicator_card(brief: Brief, item: IndicatorItem) -> Card:
    card_id = _dom_id("indikator", item.indikator_id)
    return Card(
        id=card_id,
        name=item.namn,
        flags=_flag_names(brief, item.flags),
        text=_linked(item.text),
        chart=_chart(brief.huvudman_namn, item, card_id),
        unit=item.enhet,
        who=brief.huvudman_namn,
        rows=[
            TableRow(year=v.ar, value=v.varde or "–", riket=v.riket or "–", citation=v.citation)
            for v in item.series
        ],
    )


# --- the chart ------------------------------------------------------------------------------

WIDTH, HEIGHT = 340, 152
LEFT, RIGHT, TOP, BOTTOM = 30, 30, 24, 46


@dataclass(frozen=True)
class Mark:
    """A point's marker at (x, y), a circle's centre or a square's corner, and its value's label."""

    x: str
    y: str
    label_x: str
    label_y: str
    label: str


@dataclass(frozen=True)
class ChartYear:
    x: str
    y: str
    year: str
    riket: Mark | None
    own: Mark | None
    missing: Mark | None  # the open ring on the axis when the huvudman has no number


@dataclass(frozen=True)
class Plot:
    view_box: str
    axis_x1: str
    axis_x2: str
    axis_y: str
    riket_lines: list[str]  # polyline points, one per run of years with a value
    own_lines: list[str]
    years: list[ChartYear]


@dataclass(frozen=True)
class Chart:
    title_id: str
    desc_id: str
    title: str
    desc: str
    who: str
    with_missing: bool
    plot: Plot | None  # None: no numbers to draw


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _segments(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive points; a missing value breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _points(run: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in run)


def _chart(who: str, item: IndicatorItem, card_id: str) -> Chart:
    """The huvudman (solid, round) against riket (dashed, square), every point labelled."""
    series: list[YearValue] = item.series
    own_desc = ", ".join(f"{s.varde or 'saknas'} ({s.ar})" for s in series)
    riket_desc = ", ".join(f"{s.riket or 'saknas'} ({s.ar})" for s in series)
    return Chart(
        title_id=f"{card_id}-diagram",
        desc_id=f"{card_id}-beskrivning",
        title=f"{item.namn}: {who} och riket per år",
        desc=f"{who}: {own_desc}. Riket: {riket_desc}.",
        who=who,
        with_missing=any(s.varde_num is None for s in series),
        plot=_plot(series),
    )


def _plot(series: Sequence[YearValue]) -> Plot | None:
    numbers = [v for s in series for v in (s.varde_num, s.riket_num) if v is not None]
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.05 or max(abs(high) * 0.05, 1.0)
    low, high = low - pad, high + pad
    plot_w = WIDTH - LEFT - RIGHT
    plot_bottom = HEIGHT - BOTTOM  # labels below the lowest point still fit above the axis
    axis_y = plot_bottom + 20

    def x_of(i: int) -> float:
        return LEFT + (plot_w / 2 if len(series) == 1 else plot_w * i / (len(series) - 1))

    def y_of(v: float) -> float:
        return TOP + (plot_bottom - TOP) * (high - v) / (high - low)

    def label_y(y: float, above: bool) -> str:
        return _fmt(y + (-9 if above else 17))

    own = [
        (x_of(i), y_of(s.varde_num)) if s.varde_num is not None else None
        for i, s in enumerate(series)
    ]
    nat = [
        (x_of(i), y_of(s.riket_num)) if s.riket_num is not None else None
        for i, s in enumerate(series)
    ]
    years = []
    for i, s in enumerate(series):
        x = x_of(i)
        # Of the two values of a year, the higher is labelled above its point, the lower below.
        own_above = s.varde_num is not None and (s.riket_num is None or s.varde_num >= s.riket_num)
        riket_mark: Mark | None = None
        own_mark: Mark | None = None
        missing: Mark | None = None
        if (point := nat[i]) is not None:
            nx, ny = point  # the square is drawn from its corner
            riket_mark = Mark(
                _fmt(nx - 4), _fmt(ny - 4), _fmt(nx), label_y(ny, not own_above), s.riket
            )
        if (point := own[i]) is not None:
            ox, oy = point
            own_mark = Mark(_fmt(ox), _fmt(oy), _fmt(ox), label_y(oy, own_above), s.varde)
        else:
            missing = Mark(
                _fmt(x),
                str(axis_y),
                _fmt(x + 8),
                str(axis_y + 4),
                f"”{s.varde}”" if s.varde else "saknas",
            )
        years.append(ChartYear(_fmt(x), str(axis_y + 19), s.ar, riket_mark, own_mark, missing))
    return Plot(
        view_box=f"0 0 {WIDTH} {HEIGHT}",
        axis_x1=str(LEFT - 14),
        axis_x2=str(WIDTH - RIGHT + 14),
        axis_y=str(axis_y),
        riket_lines=[_points(run) for run in _segments(nat)],
        own_lines=[_points(run) for run in _segments(own)],
        years=years,
    )
