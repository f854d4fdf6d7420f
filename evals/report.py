"""The evaluation report: `report.json` (stable schema) and a self-contained `report.html`.

The HTML has no external assets: inline CSS and inline SVG charts (per-tag bars, a latency
histogram), the baseline and embedding-model comparisons and a per-question table. With a
previous report to compare with, the questions that got worse are listed first. The page is
written by templates/report.html.j2, which escapes every value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from assistant.text.html import template_environment
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
# The charts' geometry as plain strings; templates/charts.html.j2 draws them.

BAR_COLOURS = ("#1f6f8b", "#d08c2f", "#6a994e", "#9c4f96")


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    colour: str
    title: str
    value_x: str
    value_y: str
    value: str
    drawn: ClassVar[bool] = True


@dataclass(frozen=True)
class Gap:
    """A dash where the bar of a missing value would start."""

    x: str
    y: str
    drawn: ClassVar[bool] = False


@dataclass(frozen=True)
class BarGroup:
    label_x: str
    label_y: str
    label: str
    bars: list[Bar | Gap]


@dataclass(frozen=True)
class BarChart:
    title: str
    width: str
    height: str
    legend: list[tuple[str, str, str, str]]  # (square's x, name's x, colour, name)
    ticks: list[tuple[str, str, str, str]]  # (x, grid line's bottom, label's y, label)
    groups: list[BarGroup]


def bar_chart(
    title: str, rows: Sequence[tuple[str, Sequence[float | None]]], series: Sequence[str]
) -> BarChart:
    """Horizontal grouped bars of shares (0..1): one group per row, one bar per series."""
    bar, gap, label_w, width = 13, 10, 150, 360
    group_h = bar * len(series) + gap
    height = 40 + group_h * len(rows) + 24
    groups = []
    for r, (label, values) in enumerate(rows):
        y0 = 42 + r * group_h
        bars: list[Bar | Gap] = []
        for s, value in enumerate(values):
            y = y0 + s * bar
            if value is None:
                bars.append(Gap(str(label_w + 4), str(y + bar - 3)))
                continue
            w = max(value * width, 1)
            bars.append(
                Bar(
                    x=str(label_w),
                    y=str(y),
                    width=f"{w:.1f}",
                    height=str(bar - 2),
                    colour=BAR_COLOURS[s],
                    title=f"{label}, {series[s]}: {_number(100 * value, 1)} %",
                    value_x=f"{label_w + w + 4:.1f}",
                    value_y=str(y + bar - 3),
                    value=_number(100 * value, 0),
                )
            )
        groups.append(BarGroup(str(label_w - 6), str(y0 + group_h / 2), label, bars))
    return BarChart(
        title=title,
        width=str(label_w + width + 70),
        height=str(height),
        legend=[
            (str(label_w + i * 130), str(label_w + i * 130 + 14), BAR_COLOURS[i], name)
            for i, name in enumerate(series)
        ],
        ticks=[
            (str(label_w + tick * width), str(height - 20), str(height - 6), f"{int(tick * 100)} %")
            for tick in (0.0, 0.5, 1.0)
        ],
        groups=groups,
    )


@dataclass(frozen=True)
class HistogramMark:
    """A percentile's line and its label."""

    x: str
    label_x: str
    label_y: str
    anchor: str
    label: str


@dataclass(frozen=True)
class HistogramPlot:
    width: str
    height: str
    bars: list[tuple[str, str, str, str, str]]  # (x, y, width, height, title)
    left: str
    right: str
    base: str  # the axis' y
    ticks: list[tuple[str, str, str]]  # (x, y, label)
    peak_x: str
    peak: str
    marks: list[HistogramMark]


@dataclass(frozen=True)
class Histogram:
    title: str
    plot: HistogramPlot | None  # None: no measurements


def histogram(title: str, values: Sequence[float], marks: Mapping[str, float | None]) -> Histogram:
    """A latency histogram (ms) with vertical lines at the marked percentiles."""
    if not values:
        return Histogram(title, None)
    width, height, left, bottom = 560, 220, 40, 30
    top = max(values)
    bins = 20
    step = max(top / bins, 1e-9)
    counts = [0] * bins
    for v in values:
        counts[min(int(v / step), bins - 1)] += 1
    peak = max(counts)
    plot_w, plot_h = width - left - 40, height - bottom - 30
    bw = plot_w / bins
    bars = []
    for i, count in enumerate(counts):
        h = plot_h * count / peak
        x = left + i * bw
        bars.append(
            (
                f"{x + 1:.1f}",
                f"{30 + plot_h - h:.1f}",
                f"{bw - 2:.1f}",
                f"{h:.1f}",
                f"{_number(i * step, 0)}–{_number((i + 1) * step, 0)} ms: {count}",
            )
        )
    base = 30 + plot_h
    lines = []
    for row, (name, value) in enumerate(marks.items()):
        if value is None:
            continue
        x = left + plot_w * min(value / top, 1)
        # Labels near the right edge go on the left of their line.
        side = (x - 3, "end") if x > left + 0.7 * plot_w else (x + 3, "start")
        lines.append(
            HistogramMark(
                x=f"{x:.1f}",
                label_x=f"{side[0]:.1f}",
                label_y=str(42 + 13 * row),
                anchor=side[1],
                label=f"{name} {_number(value, 0)} ms",
            )
        )
    plot = HistogramPlot(
        width=str(width),
        height=str(height),
        bars=bars,
        left=str(left),
        right=str(left + plot_w),
        base=str(base),
        ticks=[
            (f"{left + tick * plot_w:.1f}", str(base + 16), f"{_number(tick * top, 0)} ms")
            for tick in (0, 0.5, 1)
        ],
        peak_x=str(left - 6),
        peak=str(peak),
        marks=lines,
    )
    return Histogram(title, plot)


# --- report.html -------------------------------------------------------------------------------
# Python formats every figure and word as plain strings; templates/report.html.j2 lays them out
# and escapes each one.

_TEMPLATES = template_environment("evals")


@dataclass(frozen=True)
class Table:
    """Figures per run or model: a column of labels, then one column each."""

    corner: str  # the label column's header
    columns: list[tuple[str, str]]  # (header, its tooltip or "")
    rows: list[tuple[str, list[tuple[str, str]]]]  # (label, cells as (text, CSS class or ""))


def _summary_table(report: Mapping[str, Any]) -> Table:
    columns = summary_columns(report)
    return Table(
        "Mått",
        [(c.title, "") for c in columns],
        [(LABELS[key], [c.cells[key] for c in columns]) for key in SUMMARY_KEYS],
    )


def _tag_table(by_tag: Mapping[str, Mapping[str, Any]]) -> Table:
    keys = ("evaluated", *QUALITY_KEYS, "latency_p95_ms")
    return Table(
        "Tagg",
        [(SHORT_LABELS[k], LABELS[k]) for k in keys],
        [(tag, [(fmt(k, summary[k]), "") for k in keys]) for tag, summary in by_tag.items()],
    )


def _models_table(models: Sequence[Mapping[str, Any]]) -> Table:
    keys = (*QUALITY_KEYS, "latency_p50_ms", "latency_p95_ms")
    rows = [(LABELS[key], [(fmt(key, m["summary"][key]), "") for m in models]) for key in keys]
    seconds = [
        ("–" if m.get("index_seconds") is None else f"{_number(m['index_seconds'], 1)} s", "")
        for m in models
    ]
    rows.append(("Inläsning av korpusen", seconds))
    return Table(
        "Mått",
        [(f"{m['model']}{' (standard)' if m.get('default') else ''}", "") for m in models],
        rows,
    )


@dataclass(frozen=True)
class OtherRun:
    """Another run's verdict and the start of its answer, for the row of the same question."""

    status: str
    status_label: str
    mode: str  # "" when not worth showing
    said: str


@dataclass(frozen=True)
class QuestionRow:
    id: str
    tags: list[str]
    turns: list[str]  # numbered when there are several
    scope: str
    answer: str
    unsupported: bool
    citations: list[tuple[str, str]]  # (snippet, "[n] source, locator")
    status: str
    status_label: str
    problems: str
    others: list[OtherRun | None]
    change: tuple[str, str] | None  # (text, CSS class) when compared with a previous run
    latency: str
    regressed: bool


@dataclass(frozen=True)
class Questions:
    widths: list[int]  # per column, in %
    others: list[str]  # the other runs' headers
    compare: bool
    rows: list[QuestionRow]


def _other_run(other: Mapping[str, Any] | None, show_mode: bool) -> OtherRun | None:
    if not other:
        return None
    said = str(other["answer"] or "")
    mode = other.get("mode")
    return OtherRun(
        status=other["status"],
        status_label=STATUS_LABELS[other["status"]],
        mode=MODE_LABELS.get(mode, mode) if show_mode and mode else "",
        said=said if len(said) <= 160 else said[:157] + "…",
    )


def _questions(report: Mapping[str, Any]) -> Questions:
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
    rows = []
    for item in items:
        turns = item["turns"]
        change = None
        if compare:
            found = regressed.get(item["id"]) or improved.get(item["id"])
            text = "; ".join(found["reasons"]) if found else ""
            change = (text, "worse" if item["id"] in regressed else "better" if found else "")
        latency = sum(item["latencies_ms"]) if item["latencies_ms"] else None
        rows.append(
            QuestionRow(
                id=item["id"],
                tags=list(item["tags"]),
                turns=turns if len(turns) == 1 else [f"{i + 1}. {t}" for i, t in enumerate(turns)],
                scope=item["huvudman_id"] or "ingen huvudman",
                answer=item["answer"] or "",
                unsupported=item["supported"] is False,
                citations=[
                    (c.get("snippet", ""), f"[{c['n']}] {c['source']}, {c.get('locator', '')}")
                    for c in item["citations"]
                ],
                status=item["status"],
                status_label=STATUS_LABELS[item["status"]],
                problems="; ".join(item["problems"]) or (item.get("skip_reason") or ""),
                others=[_other_run(run.get(item["id"]), mode) for _, run, mode in others],
                change=change,
                latency=fmt("latency_ms", latency),
                regressed=item["id"] in regressed,
            )
        )
    return Questions(
        widths=[7, 16, 33, 18] + [17] * len(others) + ([12] if compare else []) + [7],
        others=[title for title, _, _ in others],
        compare=bool(compare),
        rows=rows,
    )


@dataclass(frozen=True)
class Comparison:
    previous: str
    previous_generated_at: str
    improvements: int
    regressions: list[tuple[str, str]]  # (id, reasons)


@dataclass(frozen=True)
class GeneratedRun:
    description: str
    modes: str | None
    by_tag: Table


@dataclass(frozen=True)
class Baseline:
    description: str
    built: str  # how many passages it embedded, and how fast; "" when unknown


@dataclass(frozen=True)
class ReportView:
    generated_at: str
    dataset: str
    selected: str
    total: str
    description: str
    k: str
    command: str
    compare: Comparison | None
    notes: list[str]
    cards: list[tuple[str, str]]  # (figure, label)
    summary: Table
    modes: str | None
    bar_charts: list[BarChart]
    histograms: list[Histogram]
    by_tag: Table
    generated: GeneratedRun | None
    baseline: Baseline | None
    models: Table | None
    questions: Questions


CARD_KEYS = (
    "pass_rate",
    "fact_recall",
    "citation_precision",
    "refusal_recall",
    "leakage",
    "latency_p95_ms",
)


def _view(report: Mapping[str, Any]) -> ReportView:
    """What report.html shows, as plain strings, tables and charts."""
    config, dataset, system = report["config"], report["dataset"], report["system"]
    baseline = report["baseline"]
    generated = report.get("generated")
    compare = report["compare"]
    runs = [
        (name, section)
        for name, section in (
            ("Extraktivt" if generated else "Dialogstöd", system),
            ("Genererat", generated),
            ("Baslinje", baseline),
        )
        if section
    ]
    series = [name for name, _ in runs]

    def tag_rows(key: str) -> list[tuple[str, list[float | None]]]:
        return [
            (tag, [section["by_tag"].get(tag, {}).get(key) for _, section in runs])
            for tag in system["by_tag"]
        ]

    def latency_chart(name: str, section: Mapping[str, Any]) -> Histogram:
        s = section["summary"]
        return histogram(
            f"Svarstid per fråga ({name})",
            [ms for item in section["items"] for ms in item["latencies_ms"]],
            {"p50": s["latency_p50_ms"], "p95": s["latency_p95_ms"]},
        )

    built = ""
    if baseline and baseline.get("chunks") is not None:
        built = (
            f" {baseline['chunks']} avsnitt, inbäddade på "
            f"{_number(baseline.get('build_seconds') or 0.0, 1)} s."
        )
    return ReportView(
        generated_at=str(report["generated_at"]),
        dataset=str(dataset["name"]),
        selected=str(dataset["selected"]),
        total=str(dataset["items"]),
        description=str(system["description"]),
        k=str(config.get("k")),
        command=str(config.get("command", "")),
        compare=Comparison(
            previous=str(compare["previous"]),
            previous_generated_at=str(compare["previous_generated_at"]),
            improvements=len(compare["improvements"]),
            regressions=[(r["id"], "; ".join(r["reasons"])) for r in compare["regressions"]],
        )
        if compare
        else None,
        notes=[str(note) for note in report["notes"]],
        cards=[(fmt(key, system["summary"][key]), LABELS[key]) for key in CARD_KEYS],
        summary=_summary_table(report),
        # Over HTTP the server decides whether a model writes the answers; its modes show here.
        modes=mode_summary(system.get("modes", {})),
        bar_charts=[
            bar_chart("Helt rätta svar per tagg", tag_rows("pass_rate"), series),
            bar_chart("Faktaträff per tagg", tag_rows("fact_recall"), series),
        ],
        histograms=[latency_chart(series[0], system)]
        + ([latency_chart("Genererat", generated)] if generated else []),
        by_tag=_tag_table(system["by_tag"]),
        generated=GeneratedRun(
            str(generated["description"]),
            mode_summary(generated["modes"]),
            _tag_table(generated["by_tag"]),
        )
        if generated
        else None,
        baseline=Baseline(str(baseline["description"]), built) if baseline else None,
        models=_models_table(report["models"]) if report["models"] else None,
        questions=_questions(report),
    )


def render_html(report: Mapping[str, Any]) -> str:
    return _TEMPLATES.get_template("report.html.j2").render(view=_view(report))


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
