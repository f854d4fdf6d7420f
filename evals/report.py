"""The evaluation report: `report.json` (stable schema) and a self-contained `report.html`.

The HTML has no external assets: inline CSS and inline SVG charts (per-tag bars, a latency
histogram), the baseline and embedding-model comparisons and a per-question table. With a
previous report to compare with, the questions that got worse are listed first.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.metrics import (
    ERROR,
    FAIL,
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    PASS,
    SKIPPED,
    SUMMARY_KEYS,
    deltas,
)
from evals.serving import launch_chromium

SCHEMA_VERSION = 1
STATUS_RANK = {PASS: 2, FAIL: 1, ERROR: 0}

LABELS = {
    "items": "Frågor",
    "evaluated": "Utvärderade",
    "skipped": "Överhoppade",
    "errors": "Fel",
    "pass_rate": "Helt rätta svar",
    "fact_recall": "Faktaträff (fact recall)",
    "citation_precision": "Källprecision",
    "citation_recall": "Meningar med rätt källa (citation recall)",
    "cited_sentence_rate": "Meningar med källhänvisning",
    "refusal_precision": "Avböjanden: precision",
    "refusal_recall": "Avböjanden: recall",
    "leakage": "Läckor (frågor)",
    "retrieval_items": "Frågor med sökmått",
    "recall_at_k": "Sökning: recall@k",
    "mrr": "Sökning: MRR",
    "ndcg_at_k": "Sökning: nDCG@k",
    "latency_p50_ms": "Svarstid p50",
    "latency_p95_ms": "Svarstid p95",
}
SHORT_LABELS = {
    "evaluated": "Frågor",
    "pass_rate": "Rätt",
    "fact_recall": "Faktaträff",
    "citation_precision": "Källprecision",
    "citation_recall": "Källrecall",
    "refusal_precision": "Avböj. P",
    "refusal_recall": "Avböj. R",
    "leakage": "Läckor",
    "recall_at_k": "Recall@k",
    "mrr": "MRR",
    "ndcg_at_k": "nDCG@k",
    "latency_p95_ms": "p95",
}
# Ranking scores are shown as decimals; every other higher-is-better metric is a share.
SCORES = frozenset({"mrr", "ndcg_at_k"})
PERCENT = HIGHER_IS_BETTER - SCORES
# The quality metrics every comparison table shows, before its own counts and latencies.
QUALITY_KEYS = (
    "pass_rate",
    "fact_recall",
    "citation_precision",
    "citation_recall",
    "refusal_precision",
    "refusal_recall",
    "leakage",
    "recall_at_k",
    "mrr",
    "ndcg_at_k",
)
MODE_LABELS = {
    "generated": "genererat",
    "extractive_fallback": "extraktivt som reserv",
    "extractive": "extraktivt",
}
STATUS_LABELS = {PASS: "rätt", FAIL: "fel", ERROR: "körfel", SKIPPED: "överhoppad"}


# --- comparing with a previous report ----------------------------------------------------------


def load_previous(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(
            f"{path} has schema_version {data.get('schema_version')!r}; "
            f"this version reads {SCHEMA_VERSION}"
        )
    return data


def _worse_reasons(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    reasons = []
    if STATUS_RANK[after["status"]] < STATUS_RANK[before["status"]]:
        reasons.append(f"{STATUS_LABELS[before['status']]} → {STATUS_LABELS[after['status']]}")
    if len(after.get("leaks", [])) > len(before.get("leaks", [])):
        reasons.append("ny läcka")
    b, a = before.get("fact_recall"), after.get("fact_recall")
    if a is not None and b is not None and a < b:
        reasons.append(f"faktaträff {_number(b, 2)} → {_number(a, 2)}")
    return reasons


def compare_items(
    current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(regressions, improvements) between two runs' per-question results, matched by id."""
    before = {item["id"]: item for item in previous}
    regressions, improvements = [], []
    for item in current:
        old = before.get(item["id"])
        if old is None or SKIPPED in (item["status"], old["status"]):
            continue
        entry = {"id": item["id"], "before": old["status"], "after": item["status"]}
        worse = _worse_reasons(old, item)
        better = _worse_reasons(item, old)
        if worse:
            regressions.append({**entry, "reasons": worse})
        elif better:
            improvements.append({**entry, "reasons": better})
    return regressions, improvements


# --- report.json -------------------------------------------------------------------------------


def build_report(
    *,
    config: Mapping[str, Any],
    dataset: Mapping[str, Any],
    system: Mapping[str, Any],
    baseline: Mapping[str, Any] | None = None,
    generated: Mapping[str, Any] | None = None,
    models: Sequence[Mapping[str, Any]] = (),
    previous: Mapping[str, Any] | None = None,
    previous_path: str | None = None,
    notes: Sequence[str] = (),
    judges: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The report as one JSON-ready dict (schema_version 1).

    `system` is Dialogstöd as configured without a language model; `generated`, when a model was
    asked, is the same questions on the same index with the model writing the answers.
    """
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": dict(config),
        "dataset": dict(dataset),
        "metrics": list(SUMMARY_KEYS),
        "system": dict(system),
        "baseline": dict(baseline) if baseline else None,
        "baseline_deltas": deltas(system["summary"], baseline["summary"]) if baseline else None,
        "generated": dict(generated) if generated else None,
        "generated_deltas": (
            deltas(generated["summary"], system["summary"]) if generated else None
        ),
        "models": [dict(m) for m in models],
        "compare": None,
        "judges": [dict(j) for j in judges],
        "notes": list(notes),
    }
    if previous is not None:
        regressions, improvements = compare_items(system["items"], previous["system"]["items"])
        report["compare"] = {
            "previous": previous_path,
            "previous_generated_at": previous.get("generated_at"),
            "regressions": regressions,
            "improvements": improvements,
            "summary_deltas": deltas(system["summary"], previous["system"]["summary"]),
        }
    return report


def write_report(report: Mapping[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "report.json", out_dir / "report.html"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    html_path.write_text(render_html(report), encoding="utf-8")
    return json_path, html_path


# --- formatting --------------------------------------------------------------------------------


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _figure(key: str, value: float, percent_unit: str) -> str:
    if key in PERCENT:
        return f"{_number(100 * value, 1)} {percent_unit}"
    if key in SCORES:
        return _number(value, 3)
    if key.endswith("_ms"):
        return f"{_number(value, 0)} ms"
    return str(int(value))


def fmt(key: str, value: float | int | None) -> str:
    return "–" if value is None else _figure(key, value, "%")


def fmt_delta(key: str, value: float | None) -> tuple[str, str]:
    """The delta as text and a CSS class: better, worse or same."""
    if value is None:
        return "–", "same"
    # A difference of two shares is in percentage points, not percent.
    text = _figure(key, value, "p.e.")
    if value > 0:
        text = "+" + text
    css = "same"
    if abs(value) > 1e-9 and (key in HIGHER_IS_BETTER or key in LOWER_IS_BETTER):
        css = "better" if (value > 0) == (key in HIGHER_IS_BETTER) else "worse"
    return text, css


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class SummaryColumn:
    """One column of the summary table, the same in report.html and on the console."""

    title: str  # report.html
    short: str  # the console table
    cells: dict[str, tuple[str, str]]  # metric → (text, CSS class: better, worse, same or "")


def _values(summary: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    return {key: (fmt(key, summary[key]), "") for key in SUMMARY_KEYS}


def _changes(changes: Mapping[str, float | None]) -> dict[str, tuple[str, str]]:
    return {key: fmt_delta(key, changes[key]) for key in SUMMARY_KEYS}


def summary_columns(report: Mapping[str, Any]) -> list[SummaryColumn]:
    """Dialogstöd, then the generated run, the baseline and the previous run when present."""
    generated = report.get("generated")  # absent in reports written before generated runs
    baseline = report["baseline"]
    compare = report["compare"]
    columns = [
        SummaryColumn(
            "Dialogstöd, extraktivt" if generated else "Dialogstöd",
            "Extraktivt" if generated else "Dialogstöd",
            _values(report["system"]["summary"]),
        )
    ]
    if generated:
        columns += [
            SummaryColumn("Dialogstöd, genererat", "Genererat", _values(generated["summary"])),
            SummaryColumn(
                "Δ genererat − extraktivt", "Δ gen.", _changes(report["generated_deltas"])
            ),
        ]
    if baseline:
        columns += [
            SummaryColumn("Baslinje (LangChain)", "Baslinje", _values(baseline["summary"])),
            SummaryColumn("Δ mot baslinjen", "Δ", _changes(report["baseline_deltas"])),
        ]
    if compare:
        columns.append(
            SummaryColumn("Δ mot förra körningen", "Δ förra", _changes(compare["summary_deltas"]))
        )
    return columns


def mode_summary(modes: Mapping[str, int]) -> str | None:
    """How many answers each answerer wrote, as one line; None when no model was involved."""
    total = sum(modes.values())
    if not total or total == modes.get("extractive", 0):
        return None
    parts = [
        f"{MODE_LABELS.get(mode, mode)} {count} ({_number(100 * count / total, 1)} %)"
        for mode, count in modes.items()
    ]
    return f"Svarens läge ({total} svar): " + ", ".join(parts)


# --- charts (inline SVG) -----------------------------------------------------------------------


def bar_chart(
    title: str, rows: Sequence[tuple[str, Sequence[float | None]]], series: Sequence[str]
) -> str:
    """Horizontal grouped bars of shares (0..1): one group per row, one bar per series."""
    colours = ["#1f6f8b", "#d08c2f", "#6a994e", "#9c4f96"]
    bar, gap, label_w, width = 13, 10, 150, 360
    group_h = bar * len(series) + gap
    height = 40 + group_h * len(rows) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(title)}" '
        f'width="{label_w + width + 70}" height="{height}" class="chart">',
        f'<text x="0" y="16" class="chart-title">{esc(title)}</text>',
    ]
    for i, name in enumerate(series):
        x = label_w + i * 130
        parts.append(f'<rect x="{x}" y="24" width="10" height="10" fill="{colours[i]}"/>')
        parts.append(f'<text x="{x + 14}" y="33" class="legend">{esc(name)}</text>')
    for tick in (0.0, 0.5, 1.0):
        tx = label_w + tick * width
        parts.append(
            f'<line x1="{tx}" y1="40" x2="{tx}" y2="{height - 20}" class="grid"/>'
            f'<text x="{tx}" y="{height - 6}" class="tick" text-anchor="middle">'
            f"{int(tick * 100)} %</text>"
        )
    for r, (label, values) in enumerate(rows):
        y0 = 42 + r * group_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y0 + group_h / 2}" text-anchor="end" '
            f'class="label">{esc(label)}</text>'
        )
        for s, value in enumerate(values):
            y = y0 + s * bar
            if value is None:
                parts.append(f'<text x="{label_w + 4}" y="{y + bar - 3}" class="tick">–</text>')
                continue
            w = max(value * width, 1)
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar - 2}" '
                f'fill="{colours[s]}"><title>{esc(label)}, {esc(series[s])}: '
                f"{_number(100 * value, 1)} %</title></rect>"
                f'<text x="{label_w + w + 4:.1f}" y="{y + bar - 3}" class="value">'
                f"{_number(100 * value, 0)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, values: Sequence[float], marks: Mapping[str, float | None]) -> str:
    """A latency histogram (ms) with vertical lines at the marked percentiles."""
    width, height, left, bottom = 560, 220, 40, 30
    if not values:
        return f"<p>{esc(title)}: inga mätvärden.</p>"
    top = max(values)
    bins = 20
    step = max(top / bins, 1e-9)
    counts = [0] * bins
    for v in values:
        counts[min(int(v / step), bins - 1)] += 1
    peak = max(counts)
    plot_w, plot_h = width - left - 40, height - bottom - 30
    bw = plot_w / bins
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(title)}" '
        f'width="{width}" height="{height}" class="chart">',
        f'<text x="0" y="16" class="chart-title">{esc(title)}</text>',
    ]
    for i, count in enumerate(counts):
        h = plot_h * count / peak
        x = left + i * bw
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{30 + plot_h - h:.1f}" width="{bw - 2:.1f}" '
            f'height="{h:.1f}" fill="#1f6f8b"><title>{_number(i * step, 0)}–'
            f"{_number((i + 1) * step, 0)} ms: {count}</title></rect>"
        )
    base = 30 + plot_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" class="axis"/>')
    for tick in (0, 0.5, 1):
        x = left + tick * plot_w
        parts.append(
            f'<text x="{x:.1f}" y="{base + 16}" class="tick" text-anchor="middle">'
            f"{_number(tick * top, 0)} ms</text>"
        )
    parts.append(f'<text x="{left - 6}" y="{34}" class="tick" text-anchor="end">{peak}</text>')
    for row, (name, value) in enumerate(marks.items()):
        if value is None:
            continue
        x = left + plot_w * min(value / top, 1)
        # Labels near the right edge go on the left of their line.
        side = (x - 3, "end") if x > left + 0.7 * plot_w else (x + 3, "start")
        parts.append(
            f'<line x1="{x:.1f}" y1="30" x2="{x:.1f}" y2="{base}" class="mark"/>'
            f'<text x="{side[0]:.1f}" y="{42 + 13 * row}" text-anchor="{side[1]}" '
            f'class="mark-label">{esc(name)} {_number(value, 0)} ms</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- report.html -------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2327;
background:#f6f7f9;line-height:1.45}
main{max-width:1280px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.2rem;margin:28px 0 10px}
.meta{color:#50575e;font-size:.9rem}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #dcdcde;border-radius:8px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:1.5rem}.card span{color:#50575e;font-size:.85rem}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.88rem}
th,td{border:1px solid #dcdcde;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef0f2}td.num,th.num{text-align:right;white-space:nowrap}
.better{color:#0a6b2d;font-weight:600}.worse{color:#b32d2e;font-weight:600}
.status{font-weight:600;white-space:nowrap}.status.pass{color:#0a6b2d}.status.fail{color:#b32d2e}
.status.error{color:#8a2424}.status.skipped{color:#6c7781}
.charts{display:flex;flex-wrap:wrap;gap:24px;background:#fff;border:1px solid #dcdcde;
border-radius:8px;padding:14px}
.chart text{font-size:11px;fill:#1d2327}.chart .chart-title{font-size:13px;font-weight:600}
.chart .grid{stroke:#dcdcde}.chart .axis{stroke:#50575e}.chart .mark{stroke:#b32d2e;
stroke-dasharray:4 3}.chart .mark-label{fill:#b32d2e}.chart .tick{fill:#50575e}
.regressions{background:#fcf0f1;border:1px solid #b32d2e;border-radius:8px;padding:8px 14px}
.regressions h2{margin-top:6px}
.note{background:#fff8e5;border:1px solid #dba617;border-radius:8px;padding:8px 14px}
.cites{margin:0;padding-left:18px;font-size:.82rem;color:#50575e}
.problems{color:#b32d2e;font-size:.82rem;margin:4px 0 0}
.tag{display:inline-block;background:#eef0f2;border-radius:4px;padding:0 5px;margin:1px;
font-size:.78rem}
tr.regressed td{background:#fcf0f1}
.scroll{overflow-x:auto}table.questions{table-layout:fixed;min-width:1000px}.cites{list-style:none}
.other{color:#50575e;font-size:.8rem;margin:4px 0 0}
"""


def _summary_table(report: Mapping[str, Any]) -> str:
    columns = summary_columns(report)
    head = "<tr><th>Mått</th>" + "".join(f"<th class=num>{esc(c.title)}</th>" for c in columns)
    rows = [head + "</tr>"]
    for key in SUMMARY_KEYS:
        cells = "".join(
            f'<td class="num {c.cells[key][1]}">{c.cells[key][0]}</td>' for c in columns
        )
        rows.append(f"<tr><td>{esc(LABELS[key])}</td>{cells}</tr>")
    return '<div class="scroll"><table>' + "".join(rows) + "</table></div>"


def _tag_table(by_tag: Mapping[str, Mapping[str, Any]]) -> str:
    keys = ("evaluated", *QUALITY_KEYS, "latency_p95_ms")
    head = "<tr><th>Tagg</th>" + "".join(
        f'<th class=num title="{esc(LABELS[k])}">{esc(SHORT_LABELS[k])}</th>' for k in keys
    )
    rows = [head + "</tr>"]
    for tag, summary in by_tag.items():
        cells = "".join(f"<td class=num>{fmt(k, summary[k])}</td>" for k in keys)
        rows.append(f"<tr><td>{esc(tag)}</td>{cells}</tr>")
    return '<div class="scroll"><table>' + "".join(rows) + "</table></div>"


def _models_table(models: Sequence[Mapping[str, Any]]) -> str:
    keys = (*QUALITY_KEYS, "latency_p50_ms", "latency_p95_ms")
    head = "<tr><th>Mått</th>" + "".join(
        f"<th class=num>{esc(m['model'])}{' (standard)' if m.get('default') else ''}</th>"
        for m in models
    )
    rows = [head + "</tr>"]
    for key in keys:
        cells = "".join(f"<td class=num>{fmt(key, m['summary'][key])}</td>" for m in models)
        rows.append(f"<tr><td>{esc(LABELS[key])}</td>{cells}</tr>")
    seconds = "".join(
        "<td class=num>"
        + ("–" if m.get("index_seconds") is None else f"{_number(m['index_seconds'], 1)} s")
        + "</td>"
        for m in models
    )
    rows.append(f"<tr><td>Inläsning av korpusen</td>{seconds}</tr>")
    return '<div class="scroll"><table>' + "".join(rows) + "</table></div>"


def _citations(citations: Sequence[Mapping[str, Any]]) -> str:
    if not citations:
        return ""
    items = "".join(
        f'<li title="{esc(c.get("snippet", ""))}">[{esc(c["n"])}] {esc(c["source"])}, '
        f"{esc(c.get('locator', ''))}</li>"
        for c in citations
    )
    return f'<ul class="cites">{items}</ul>'


def _other_cell(other: Mapping[str, Any] | None, show_mode: bool) -> str:
    """Another run's verdict and the start of its answer, for the row of the same question."""
    if not other:
        return "<td>–</td>"
    said = str(other["answer"] or "")
    said = said if len(said) <= 160 else said[:157] + "…"
    mode = other.get("mode")
    label = f" <small>({esc(MODE_LABELS.get(mode, mode))})</small>" if show_mode and mode else ""
    return (
        f'<td class=other-run><span class="status {other["status"]}">'
        f"{STATUS_LABELS[other['status']]}</span>{label}"
        f'<p class="other">{esc(said)}</p></td>'
    )


def _question_rows(report: Mapping[str, Any]) -> str:
    items = list(report["system"]["items"])
    # (header, that run's items by id, whether its answers' mode is worth showing)
    others = [
        (title, {i["id"]: i for i in report[key]["items"]}, key == "generated")
        for key, title in (("generated", "Genererat"), ("baseline", "Baslinjen"))
        if report.get(key)
    ]
    compare = report["compare"]
    regressed = {r["id"]: r for r in compare["regressions"]} if compare else {}
    improved = {r["id"]: r for r in compare["improvements"]} if compare else {}
    order = {PASS: 3, SKIPPED: 4, FAIL: 1, ERROR: 0}
    items.sort(key=lambda i: (i["id"] not in regressed, order[i["status"]], i["id"]))
    head = "<tr><th>Id</th><th>Fråga</th><th>Svar och källor</th><th>Bedömning</th>"
    head += "".join(f"<th>{title}</th>" for title, _, _ in others)
    if compare:
        head += "<th>Mot förra körningen</th>"
    rows = [head + "<th class=num>Tid</th></tr>"]
    for item in items:
        tags = "".join(f'<span class="tag">{esc(t)}</span>' for t in item["tags"])
        scope = item["huvudman_id"] or "ingen huvudman"
        question = "<br>".join(f"{i + 1}. {esc(t)}" for i, t in enumerate(item["turns"]))
        if len(item["turns"]) == 1:
            question = esc(item["turns"][0])
        answer = esc(item["answer"] or "")
        if item["supported"] is False:
            answer = f"<i>(inget stöd)</i> {answer}"
        problems = "; ".join(item["problems"]) or (item.get("skip_reason") or "")
        verdict = (
            f'<span class="status {item["status"]}">{STATUS_LABELS[item["status"]]}</span>'
            + (f'<p class="problems">{esc(problems)}</p>' if problems else "")
        )
        cells = (
            f"<td>{esc(item['id'])}<br>{tags}</td>"
            f"<td>{question}<br><small>Huvudman: {esc(scope)}</small></td>"
            f"<td class=answer>{answer}{_citations(item['citations'])}</td>"
            f"<td class=verdict>{verdict}</td>"
        )
        cells += "".join(_other_cell(run.get(item["id"]), mode) for _, run, mode in others)
        if compare:
            change = regressed.get(item["id"]) or improved.get(item["id"])
            text = "; ".join(change["reasons"]) if change else ""
            css = "worse" if item["id"] in regressed else "better" if change else ""
            cells += f'<td class="{css}">{esc(text)}</td>'
        latency = sum(item["latencies_ms"]) if item["latencies_ms"] else None
        cells += f"<td class=num>{fmt('latency_ms', latency)}</td>"
        css_row = ' class="regressed"' if item["id"] in regressed else ""
        rows.append(f"<tr{css_row}>{cells}</tr>")
    widths = [7, 16, 33, 18] + [17] * len(others) + ([12] if compare else []) + [7]
    columns = "".join(f'<col style="width:{w}%">' for w in widths)
    return (
        f'<div class="scroll"><table class="questions"><colgroup>{columns}</colgroup>'
        + "".join(rows)
        + "</table></div>"
    )


def render_html(report: Mapping[str, Any]) -> str:
    config, dataset, system = report["config"], report["dataset"], report["system"]
    summary = system["summary"]
    baseline = report["baseline"]
    generated = report.get("generated")
    compare = report["compare"]
    k = config.get("k")
    cards = "".join(
        f"<div class=card><b>{fmt(key, summary[key])}</b><span>{esc(LABELS[key])}</span></div>"
        for key in ("pass_rate", "fact_recall", "citation_precision", "refusal_recall")
    )
    cards += (
        f"<div class=card><b>{fmt('leakage', summary['leakage'])}</b>"
        f"<span>{esc(LABELS['leakage'])}</span></div>"
        f"<div class=card><b>{fmt('latency_p95_ms', summary['latency_p95_ms'])}</b>"
        f"<span>{esc(LABELS['latency_p95_ms'])}</span></div>"
    )
    parts = [
        "<!doctype html><html lang=sv><head><meta charset=utf-8>",
        "<meta name=viewport content='width=device-width, initial-scale=1'>",
        "<title>Dialogstöd – utvärdering av svarskvalitet</title>",
        f"<style>{CSS}</style></head><body><main>",
        "<h1>Dialogstöd – utvärdering av svarskvalitet</h1>",
        f"<p class=meta>{esc(report['generated_at'])} · datamängd {esc(dataset['name'])} "
        f"({dataset['selected']} av {dataset['items']} frågor) · {esc(system['description'])}"
        f" · k = {esc(k)}<br>Kommando: <code>{esc(config.get('command', ''))}</code></p>",
    ]
    if compare:
        regressions = compare["regressions"]
        listing = "".join(
            f"<li><b>{esc(r['id'])}</b>: {esc('; '.join(r['reasons']))}</li>" for r in regressions
        )
        parts.append(
            f"<section class=regressions><h2>Försämringar mot förra körningen "
            f"({len(regressions)})</h2><p class=meta>Jämfört med "
            f"{esc(compare['previous'])} ({esc(compare['previous_generated_at'])}); "
            f"{len(compare['improvements'])} frågor blev bättre.</p>"
            + (f"<ul>{listing}</ul>" if listing else "<p>Inga försämringar.</p>")
            + "</section>"
        )
    for note in report["notes"]:
        parts.append(f"<p class=note>{esc(note)}</p>")
    parts.append(f"<div class=cards>{cards}</div>")
    parts.append("<h2>Sammanfattning</h2>" + _summary_table(report))
    # Over HTTP the server decides whether a model writes the answers; its modes show here.
    modes = mode_summary(system.get("modes", {}))
    if modes:
        parts.append(f"<p class=meta>{esc(modes)}</p>")
    by_tag = system["by_tag"]
    runs = [
        (name, section)
        for name, section in (
            ("Extraktivt" if generated else "Dialogstöd", system),
            ("Genererat", generated),
            ("Baslinje", baseline),
        )
        if section
    ]

    def tag_rows(key: str) -> list[tuple[str, list[float | None]]]:
        return [
            (tag, [section["by_tag"].get(tag, {}).get(key) for _, section in runs])
            for tag in by_tag
        ]

    def latency_chart(name: str, section: Mapping[str, Any]) -> str:
        s = section["summary"]
        return histogram(
            f"Svarstid per fråga ({name})",
            [ms for item in section["items"] for ms in item["latencies_ms"]],
            {"p50": s["latency_p50_ms"], "p95": s["latency_p95_ms"]},
        )

    series = [name for name, _ in runs]
    parts.append(
        "<h2>Per tagg</h2><div class=charts>"
        + bar_chart("Helt rätta svar per tagg", tag_rows("pass_rate"), series)
        + bar_chart("Faktaträff per tagg", tag_rows("fact_recall"), series)
        + latency_chart(series[0], system)
        + (latency_chart("Genererat", generated) if generated else "")
        + "</div>"
    )
    if generated:
        parts.append("<p class=meta>Extraktivt läge:</p>")
    parts.append(_tag_table(by_tag))
    if generated:
        parts.append(
            f"<h2>Genererat läge</h2><p class=meta>{esc(generated['description'])}. Samma "
            "frågor och samma index som den extraktiva körningen; Δ i tabellen ovan är "
            "genererat minus extraktivt. Ett genererat svar visas bara om varje mening har en "
            "källa, varje siffra står i det citerade avsnittet och orden har stöd där; annars, "
            "eller om modellen inte svarar i tid, visas det extraktiva svaret som reserv. Frågor "
            "utan stöd i materialet når aldrig modellen och förblir extraktiva.</p>"
        )
        modes = mode_summary(generated["modes"])
        if modes:
            parts.append(f"<p class=meta>{esc(modes)}</p>")
        parts.append(_tag_table(generated["by_tag"]))
    if baseline:
        built = ""
        if baseline.get("chunks") is not None:
            built = (
                f" {baseline['chunks']} avsnitt, inbäddade på "
                f"{_number(baseline.get('build_seconds') or 0.0, 1)} s."
            )
        parts.append(
            f"<h2>Baslinjen</h2><p class=meta>{esc(baseline['description'])}.{esc(built)} "
            "Samma datamängd; Δ i tabellen ovan är Dialogstöd minus baslinjen "
            "(p.e. = procentenheter).</p>"
        )
    if report["models"]:
        parts.append(
            "<h2>Inbäddningsmodeller</h2><p class=meta>Samma frågor, Dialogstöd i processen "
            "med ett nytt index av demokorpusen per modell.</p>" + _models_table(report["models"])
        )
    parts.append("<h2>Frågor</h2>")
    if compare:
        parts.append("<p class=meta>Försämrade frågor står först.</p>")
    parts.append(_question_rows(report))
    parts.append("</main></body></html>")
    return "\n".join(parts)


# --- screenshot --------------------------------------------------------------------------------


def screenshot(html_path: Path, png_path: Path | None = None, browser: Any = None) -> Path:
    """Render the report in headless Chromium and save a full-page PNG next to it.

    `browser` is a Playwright Browser to reuse (Playwright allows one sync driver per thread);
    without one, Debian's Chromium is started for this picture alone.
    """
    png_path = png_path or html_path.with_suffix(".png")
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = launch_chromium(playwright)
            try:
                return screenshot(html_path, png_path, own)
            finally:
                own.close()
    page = browser.new_page(viewport={"width": 1360, "height": 900})
    try:
        page.goto(html_path.resolve().as_uri())
        page.screenshot(path=str(png_path), full_page=True)
    finally:
        page.close()
    return png_path
