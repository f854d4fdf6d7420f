"""The report: valid JSON with a stable schema, self-contained HTML, regressions listed first."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser
from typer.testing import CliRunner

from assistant.index.store import Index
from dialogstod.cli import app
from evals.metrics import SUMMARY_KEYS
from evals.report import SCHEMA_VERSION, build_report, compare_items, render_html, screenshot

ITEMS = [
    {
        "id": "r-1",
        "question": "Vilket meritvärde hade eleverna i årskurs 9 i Norrforsen 2024?",
        "huvudman_id": "0917",
        "answerable": True,
        "expected_facts": [["209,7"]],
        "expected_sources": ["norrforsen-2022-2024.csv"],
        "forbidden": [],
        "tags": ["paket"],
    },
    {  # deliberately wrong expectation: this item always fails
        "id": "r-2",
        "question": "Vilket meritvärde hade eleverna i årskurs 9 i Norrforsen 2023?",
        "huvudman_id": "0917",
        "answerable": True,
        "expected_facts": [["999,9"]],
        "expected_sources": ["norrforsen-2022-2024.csv"],
        "forbidden": [],
        "tags": ["paket"],
    },
    {
        "id": "r-3",
        "question": "Vilket meritvärde hade Sjöviks kommun 2024?",
        "huvudman_id": "0917",
        "answerable": False,
        "expected_facts": [],
        "expected_sources": [],
        "forbidden": ["203,4"],
        "tags": ["annan_huvudman"],
    },
]


def run_eval(index_dir: Path, dataset: Path, out: Path, *extra: str) -> Any:
    args = ["eval", "--index", str(index_dir), "--dataset", str(dataset), "--out", str(out)]
    args += ["--no-baseline", "--no-models", "--no-screenshot", *extra]
    return CliRunner().invoke(app, args)


def test_report_files_are_written_valid_and_compare_lists_regressions_first(
    corpus_index: Index, tmp_path: Path
) -> None:
    dataset = tmp_path / "small.jsonl"
    dataset.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n")
    first = run_eval(corpus_index.settings.index_dir, dataset, tmp_path / "first")
    assert first.exit_code == 0, first.output
    report = json.loads((tmp_path / "first" / "report.json").read_text())
    assert report["schema_version"] == SCHEMA_VERSION
    assert set(report) >= {"config", "dataset", "system", "baseline", "models", "compare"}
    assert list(report["system"]["summary"]) == list(SUMMARY_KEYS)
    statuses = {i["id"]: i["status"] for i in report["system"]["items"]}
    assert statuses == {"r-1": "pass", "r-2": "fail", "r-3": "pass"}
    assert set(report["system"]["by_tag"]) == {"paket", "annan_huvudman"}
    page = (tmp_path / "first" / "report.html").read_text()
    assert "<svg" in page and "r-2" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no external assets
    assert "Svarskvalitet" in first.output  # the summary table

    # Pretend r-2 passed last time: it is now a regression, listed first.
    for item in report["system"]["items"]:
        if item["id"] == "r-2":
            item.update(status="pass", problems=[], fact_recall=1.0)
    previous = tmp_path / "previous.json"
    previous.write_text(json.dumps(report))
    second = run_eval(
        corpus_index.settings.index_dir,
        dataset,
        tmp_path / "second",
        "--compare",
        str(previous),
        "--fail-on-regression",
    )
    assert second.exit_code == 1, second.output
    again = json.loads((tmp_path / "second" / "report.json").read_text())
    assert [r["id"] for r in again["compare"]["regressions"]] == ["r-2"]
    page = (tmp_path / "second" / "report.html").read_text()
    table = page[page.index("<h2>Frågor</h2>") :]
    rows = re.findall(r"<tr[^>]*><td>(r-\d)", table)
    assert rows[0] == "r-2"
    assert page.index("Försämringar mot förra körningen") < page.index("<h2>Sammanfattning</h2>")


def test_html_escapes_questions_answers_and_sources() -> None:
    """What a dataset or an answer says is data, never markup, in report.html."""
    hostile = "<script>alert(1)</script> & co"
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    summary = dict.fromkeys(SUMMARY_KEYS, 0.0)
    item = {
        "id": "x-1",
        "tags": ["paket"],
        "huvudman_id": "0917",
        "turns": [f"Vad gör {hostile}?"],
        "status": "pass",
        "problems": [],
        "skip_reason": None,
        "answer": f"Svaret om {hostile} [1]",
        "supported": True,
        "mode": "extractive",
        "citations": [{"n": 1, "source": "a & b.csv", "locator": "rad 2", "snippet": hostile}],
        "leaks": [],
        "fact_recall": 1.0,
        "latencies_ms": [12.0],
    }
    system = {
        "description": "Dialogstöd",
        "summary": summary,
        "by_tag": {"paket": summary},
        "items": [item],
        "modes": {"extractive": 1},
    }
    report = build_report(
        config={"k": 5, "command": "dialogstod eval"},
        dataset={"name": "liten", "selected": 1, "items": 1},
        system=system,
    )

    page = render_html(report)

    assert "<script" not in page
    assert f"Vad gör {escaped}?" in page
    assert f"Svaret om {escaped} [1]" in page
    assert f'title="{escaped}">[1] a &amp; b.csv, rad 2</li>' in page


def test_compare_items_directions() -> None:
    before = [
        {"id": "a", "status": "pass", "fact_recall": 1.0, "leaks": []},
        {"id": "b", "status": "fail", "fact_recall": 0.0, "leaks": []},
        {"id": "c", "status": "pass", "fact_recall": None, "leaks": []},
        {"id": "d", "status": "skipped", "fact_recall": None, "leaks": []},
    ]
    after = [
        {"id": "a", "status": "fail", "fact_recall": 0.5, "leaks": []},
        {"id": "b", "status": "pass", "fact_recall": 1.0, "leaks": []},
        {"id": "c", "status": "pass", "fact_recall": None, "leaks": ["x"]},
        {"id": "d", "status": "fail", "fact_recall": None, "leaks": []},
        {"id": "e", "status": "fail", "fact_recall": None, "leaks": []},
    ]
    regressions, improvements = compare_items(after, before)
    assert [r["id"] for r in regressions] == ["a", "c"]
    assert regressions[1]["reasons"] == ["ny läcka"]
    assert [r["id"] for r in improvements] == ["b"]


def test_screenshot_of_a_report(tmp_path: Path, browser: Browser) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        "<!doctype html><html><body><h1>Rapport</h1><svg width=10 height=10>"
        "<rect width=10 height=10 /></svg></body></html>"
    )
    png = screenshot(page, browser=browser)
    assert png == tmp_path / "report.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
