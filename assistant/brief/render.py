"""The brief as Markdown, or as one self-contained printable HTML page with a chart per indicator.

The HTML needs nothing from the network: styles are inline and each chart is inline SVG. Charts
show the huvudman against riket without relying on colour: the huvudman is a solid line with
round markers, riket a dashed line with square markers, every point carries its value as text,
and a table under each chart holds the same numbers with their citations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
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

CSS = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #c9c9c9; --own: #0b4f8a; --riket: #444;
  --flag-bg: #fff1e0; --flag-ink: #6b3200; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.page { max-width: 1100px; margin: 0 auto; padding: 24px 28px 40px; }
h1 { font-size: 1.6rem; margin: 0 0 6px; }
h2 { font-size: 1.2rem; margin: 28px 0 8px; padding-bottom: 4px;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 1rem; margin: 0 0 6px; }
p { margin: 0 0 8px; }
.meta { color: var(--muted); font-size: .9rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 14px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px;
  break-inside: avoid; }
.card p.text { font-size: .9rem; }
.badges { margin: 0 0 6px; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 6px; }
.badge { background: var(--flag-bg); color: var(--flag-ink); border: 1px solid var(--flag-ink);
  border-radius: 4px; padding: 1px 6px; font-size: .8rem; font-weight: 600; }
.ok { color: var(--muted); font-size: .8rem; }
figure { margin: 6px 0; }
figure svg.chart { width: 100%; height: auto; max-width: 360px; display: block; }
figcaption { font-size: .8rem; color: var(--muted); }
figcaption span { display: block; }
figcaption svg { vertical-align: middle; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; font-size: .82rem; margin-top: 4px; }
th, td { border-bottom: 1px solid var(--line); padding: 2px 6px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
caption { text-align: left; font-size: .8rem; color: var(--muted); padding-bottom: 2px; }
ul.flags, ol.plain { padding-left: 1.2rem; }
ul.flags li, ol.plain li { margin-bottom: 8px; }
.rule { color: var(--muted); font-size: .88rem; }
.factor { margin-bottom: 12px; break-inside: avoid; }
.factor .for { color: var(--muted); font-size: .88rem; }
dl.rules dt { font-weight: 600; }
dl.rules dd { margin: 0 0 6px 0; }
ol.sources { font-size: .85rem; padding-left: 1.6rem; }
ol.sources li:target { background: #fff6bf; }
a { color: #0a4a80; }
a.ref { text-decoration: none; font-size: .85em; }
footer { margin-top: 28px; color: var(--muted); font-size: .8rem; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10pt; }
  .page { max-width: none; padding: 0; }
  .cards { grid-template-columns: repeat(2, 1fr); gap: 8px; }
  h2 { break-after: avoid; }
  a { color: inherit; }
}
"""

WIDTH, HEIGHT = 340, 152
LEFT, RIGHT, TOP, BOTTOM = 30, 30, 24, 46


def _html_text(text: str) -> str:
    """Escaped text whose [n] markers link to the source list."""
    return _MARKER.sub(
        lambda m: f'<a class="ref" href="#kalla-{m.group(1)}">[{m.group(1)}]</a>', escape(text)
    )


def _dom_id(*parts: str) -> str:
    return "-".join(_NOT_ID.sub("-", part).strip("-") for part in parts)


def render_html(brief: Brief) -> str:
    body: list[str] = [
        '<div class="page">',
        "<header>",
        f"<h1>{escape(brief.title)}</h1>",
        f"<p>{_html_text(brief.intro)}</p>",
        f'<p class="meta">Huvudman-id {escape(brief.huvudman_id)} · år {escape(_years(brief))}'
        f" · marginal för ”Sämre än riket”: {escape(_percent(brief.marginal_procent))}"
        " av rikets värde</p>",
        "</header>",
        "<main>",
    ]
    for section in brief.sections:
        heading_id = _dom_id("avsnitt", section.id)
        body.append(f'<section aria-labelledby="{heading_id}">')
        body.append(f'<h2 id="{heading_id}">{escape(section.heading)}</h2>')
        if section.intro:
            body.append(f"<p>{_html_text(section.intro)}</p>")
        body.append(_html_items(brief, section))
        body.append("</section>")
    body.append('<section aria-labelledby="avsnitt-regler">')
    body.append('<h2 id="avsnitt-regler">Så sätts flaggorna</h2><dl class="rules">')
    for rule in brief.rules:
        body.append(f"<dt>{escape(rule.name)}</dt><dd>{escape(rule.description)}</dd>")
    body.append("</dl></section>")
    body.append('<section aria-labelledby="avsnitt-kallor">')
    body.append('<h2 id="avsnitt-kallor">Källor</h2><ol class="sources">')
    for c in brief.citations:
        body.append(f'<li id="kalla-{c.n}" value="{c.n}">{escape(_where(c))}</li>')
    body.append("</ol></section>")
    body.append("</main>")
    body.append(
        "<footer>Sammanställt av Dialogstöd ur indikatorpaketet och underlaget, utan "
        "språkmodell. Samma paket och underlag ger alltid samma dialogunderlag.</footer>"
    )
    body.append("</div>")
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(brief.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _percent(value: float) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text} %"


def _html_items(brief: Brief, section: Section) -> str:
    items = section.items
    if not items:
        return ""
    if section.id == "indikatorer":
        cards = [_indicator_card(brief, i) for i in items if isinstance(i, IndicatorItem)]
        return '<div class="cards">' + "".join(cards) + "</div>"
    if section.id == "flaggor":
        rows = []
        for item in items:
            if not isinstance(item, FlagItem):
                continue
            factors = [
                f'<a href="#{_dom_id(factor)}">{escape(name)}</a>'
                for factor, name in zip(
                    item.factors, _factor_names(brief, item.factors), strict=False
                )
            ]
            tail = f" Framgångsfaktorer: {', '.join(factors)}." if factors else ""
            rows.append(
                f'<li><span class="badge">⚑ {escape(item.rule_name)}</span> '
                f"{_html_text(item.text)} "
                f'<span class="rule">Regel: {escape(item.rule_text)}</span>{tail}</li>'
            )
        return '<ul class="flags">' + "".join(rows) + "</ul>"
    if section.id == "framgangsfaktorer":
        blocks = []
        for item in items:
            if not isinstance(item, FactorItem):
                continue
            indicators = ", ".join(escape(n) for n in _flagged_indicators(brief, item.flags))
            blocks.append(
                f'<div class="factor" id="{_dom_id(item.id)}"><h3>{escape(item.name)}</h3>'
                f"<p>{_html_text(item.text)}</p>"
                f'<p class="for">Hör till: {indicators}.</p></div>'
            )
        return "".join(blocks)
    if section.id == "fragor":
        rows = []
        for item in items:
            if not isinstance(item, QuestionItem):
                continue
            factor = _factor_names(brief, [item.factor])
            note = f' <span class="rule">({escape(factor[0])})</span>' if factor else ""
            rows.append(f"<li>{_html_text(item.text)}{note}</li>")
        return '<ol class="plain">' + "".join(rows) + "</ol>"
    rows = [
        f'<li value="{item.part}"><strong>{escape(item.name)}.</strong> '
        f"{_html_text(item.text)}</li>"
        for item in items
        if isinstance(item, DialoguePartItem)
    ]
    return '<ol class="plain">' + "".join(rows) + "</ol>"


def _indicator_card(brief: Brief, item: IndicatorItem) -> str:
    card_id = _dom_id("indikator", item.indikator_id)
    names = _flag_names(brief, item.flags)
    badges = (
        '<ul class="badges" aria-label="Flaggor">'
        + "".join(f'<li class="badge">⚑ {escape(n)}</li>' for n in names)
        + "</ul>"
        if names
        else '<p class="ok">Ingen flagga.</p>'
    )
    unit = f" ({escape(item.enhet)})" if item.enhet else ""
    who = escape(brief.huvudman_namn)
    rows = "".join(
        f'<tr><th scope="row">{escape(v.ar)}</th><td>{escape(v.varde) or "–"}</td>'
        f"<td>{escape(v.riket) or '–'}</td>"
        f'<td><a class="ref" href="#kalla-{v.citation}">[{v.citation}]</a></td></tr>'
        for v in item.series
    )
    table = (
        f"<table><caption>Värden{unit} ur paketet</caption>"
        f'<thead><tr><th scope="col">År</th><th scope="col">{who}</th>'
        f'<th scope="col">Riket</th><th scope="col">Källa</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return (
        f'<article class="card" aria-labelledby="{card_id}">'
        f'<h3 id="{card_id}">{escape(item.namn)}</h3>{badges}'
        f'<p class="text">{_html_text(item.text)}</p>'
        f"{_chart(brief.huvudman_namn, item, card_id)}{table}</article>"
    )


# --- the chart ------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


OWN_COLOUR, RIKET_COLOUR = "#0b4f8a", "#444"


def _legend(who: str, with_missing: bool) -> str:
    own = (
        '<svg width="30" height="12" aria-hidden="true" focusable="false">'
        f'<line x1="1" y1="6" x2="29" y2="6" stroke="{OWN_COLOUR}" stroke-width="2.5"/>'
        f'<circle cx="15" cy="6" r="4" fill="{OWN_COLOUR}"/></svg>'
    )
    riket = (
        '<svg width="30" height="12" aria-hidden="true" focusable="false">'
        f'<line x1="1" y1="6" x2="29" y2="6" stroke="{RIKET_COLOUR}" stroke-width="2" '
        'stroke-dasharray="5 3"/>'
        f'<rect x="11" y="2" width="8" height="8" fill="#fff" stroke="{RIKET_COLOUR}" '
        'stroke-width="2"/></svg>'
    )
    missing = (
        '<svg width="14" height="12" aria-hidden="true" focusable="false">'
        f'<circle cx="7" cy="6" r="4" fill="#fff" stroke="{OWN_COLOUR}" stroke-width="2"/></svg>'
    )
    entries = [
        f"<span>{own}{escape(who)}: heldragen linje, runda punkter</span>",
        f"<span>{riket}Riket: streckad linje, fyrkantiga punkter</span>",
    ]
    if with_missing:
        entries.append(f"<span>{missing}Ofylld ring på axeln: värde saknas</span>")
    return "<figcaption>" + "".join(entries) + "</figcaption>"


def _segments(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive points; a missing value breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _polyline(run: Sequence[tuple[float, float]], style: str) -> str:
    points = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in run)
    return f'<polyline points="{points}" fill="none" {style}/>'


def _chart(who: str, item: IndicatorItem, card_id: str) -> str:
    """The huvudman (solid, round) against riket (dashed, square), every point labelled."""
    series: list[YearValue] = item.series
    numbers = [v for s in series for v in (s.varde_num, s.riket_num) if v is not None]
    title_id, desc_id = f"{card_id}-diagram", f"{card_id}-beskrivning"
    own_desc = ", ".join(f"{s.varde or 'saknas'} ({s.ar})" for s in series)
    riket_desc = ", ".join(f"{s.riket or 'saknas'} ({s.ar})" for s in series)
    title = f"{item.namn}: {who} och riket per år"
    desc = f"{who}: {own_desc}. Riket: {riket_desc}."
    caption = _legend(who, any(s.varde_num is None for s in series))
    if not numbers:
        return f"<figure><p>Inga talvärden att visa.</p>{caption}</figure>"
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

    own = [
        (x_of(i), y_of(s.varde_num)) if s.varde_num is not None else None
        for i, s in enumerate(series)
    ]
    nat = [
        (x_of(i), y_of(s.riket_num)) if s.riket_num is not None else None
        for i, s in enumerate(series)
    ]
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<line x1="{LEFT - 14}" y1="{axis_y}" x2="{WIDTH - RIGHT + 14}" y2="{axis_y}" '
        'stroke="#8a8a8a" stroke-width="1"/>',
    ]
    riket_style = f'stroke="{RIKET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"'
    parts += [_polyline(run, riket_style) for run in _segments(nat)]
    own_style = f'stroke="{OWN_COLOUR}" stroke-width="2.5"'
    parts += [_polyline(run, own_style) for run in _segments(own)]
    for i, s in enumerate(series):
        x = x_of(i)
        parts.append(
            f'<text x="{_fmt(x)}" y="{axis_y + 19}" text-anchor="middle" font-size="11" '
            f'fill="#1a1a1a">{escape(s.ar)}</text>'
        )
        # Of the two values of a year, the higher is labelled above its point, the lower below.
        own_above = s.varde_num is not None and (s.riket_num is None or s.varde_num >= s.riket_num)
        point = nat[i]
        if point is not None:
            nx, ny = point
            parts.append(
                f'<rect x="{_fmt(nx - 4)}" y="{_fmt(ny - 4)}" width="8" height="8" fill="#fff" '
                f'stroke="{RIKET_COLOUR}" stroke-width="2"/>'
            )
            parts.append(_label(nx, ny, s.riket, above=not own_above, colour="#333"))
        point = own[i]
        if point is not None:
            ox, oy = point
            parts.append(f'<circle cx="{_fmt(ox)}" cy="{_fmt(oy)}" r="4.5" fill="{OWN_COLOUR}"/>')
            parts.append(_label(ox, oy, s.varde, above=own_above, colour=OWN_COLOUR, bold=True))
        else:
            parts.append(
                f'<circle cx="{_fmt(x)}" cy="{axis_y}" r="4.5" fill="#fff" '
                f'stroke="{OWN_COLOUR}" stroke-width="2"/>'
            )
            parts.append(
                f'<text x="{_fmt(x + 8)}" y="{axis_y + 4}" font-size="11" '
                f'font-weight="700" fill="{OWN_COLOUR}">'
                f"{escape(f'”{s.varde}”' if s.varde else 'saknas')}</text>"
            )
    parts.append("</svg>")
    return f"<figure>{''.join(parts)}{caption}</figure>"


def _label(x: float, y: float, text: str, *, above: bool, colour: str, bold: bool = False) -> str:
    dy = -9 if above else 17
    weight = ' font-weight="700"' if bold else ""
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y + dy)}" text-anchor="middle" font-size="11"'
        f'{weight} fill="{colour}">{escape(text)}</text>'
    )
