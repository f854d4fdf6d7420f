"""`dialogstod eval` with a language model: the extractive and generated runs side by side.

The model is the scripted OpenAI-compatible fake, playing replies written for a tiny corpus: one
good reply, one that is grounded but leaves a fact out (shown, so the generated run scores
lower), and one with a number no passage holds (rejected, so the extractive answer is shown).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from assistant.index.embeddings import Embedder
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.settings import PROJECT_ROOT, Settings
from dialogstod.cli import app
from evals.harness import ApiBackend, evaluate
from evals.metrics import mode_counts
from tests.llm.fake_openai import passage_with, running_fake

DOCUMENTS = {
    "regionkontor.md": "# Regionkontor\n\nKontoret i Luleå öppnade den 21 december 2022.\n",
    "dialog.md": "# Kvalitetsdialogen\n\nVarje kvalitetsdialog har tre delar: en "
    "gruppintroduktion, själva dialogen och ett återkopplingsmöte.\n",
}
REPLIES = {
    # question word → the model's reply; [n] is looked up in the prompt
    "Luleå": lambda p: (
        f"Kontoret i Luleå öppnade den 21 december 2022 [{passage_with(p, 'Luleå')}]."
    ),
    "delar": lambda p: (
        f"Varje kvalitetsdialog har en gruppintroduktion [{passage_with(p, 'delar')}]."
    ),
    "meritvärde": lambda _: "Meritvärdet i årskurs 9 var 999,9 poäng 2024 [1].",
}


def item(id_: str, question: str, facts: list[list[str]], sources: list[str], **extra: Any) -> dict:
    return {
        "id": id_,
        "question": question,
        "huvudman_id": None,
        "answerable": True,
        "expected_facts": facts,
        "expected_sources": sources,
        "forbidden": [],
        "tags": ["generering"],
        **extra,
    }


ITEMS = [
    item("g-good", "När öppnade kontoret i Luleå?", [["21 december 2022"]], ["regionkontor.md"]),
    item(
        "g-partial",
        "Vilka delar har en kvalitetsdialog?",
        [["gruppintroduktion"], ["återkopplingsmöte"]],
        ["dialog.md"],
    ),
    item(
        "g-bad-number",
        "Vilket meritvärde hade eleverna i årskurs 9 2024?",
        [["209,7"]],
        ["norrforsen-2022-2024.csv"],
        huvudman_id="0917",
    ),
    item(
        "g-unanswerable",
        "Vad kostar en förskoleplats i Stockholm?",
        [],
        [],
        answerable=False,
        tags=["obesvarbar"],
    ),
]


@pytest.fixture(scope="module")
def fake() -> Iterator[str]:
    with running_fake(REPLIES) as (url, _):
        yield url


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("generated-eval")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    shutil.copy(PROJECT_ROOT / "corpus" / "indikatorer" / "norrforsen-2022-2024.csv", corpus)
    index = Index(Settings(index_dir=root / "index"), embedder=embedder)
    try:
        report = ingest(index, [corpus])
        assert not report.skipped, report.skipped
    finally:
        index.close()
    yield root / "index"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "generated.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n")
    return path


def run_eval(index_dir: Path, dataset: Path, out: Path, *extra: str) -> tuple[Any, dict]:
    args = ["eval", "--index", str(index_dir), "--dataset", str(dataset), "--out", str(out)]
    args += ["--no-baseline", "--no-models", "--no-screenshot", *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result, json.loads((out / "report.json").read_text())


def configure_model(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("DIALOGSTOD_GENERATOR", "openai")
    monkeypatch.setenv("DIALOGSTOD_LLM_BASE_URL", url)
    monkeypatch.setenv("DIALOGSTOD_LLM_MODEL", "fake")
    monkeypatch.setenv("DIALOGSTOD_LLM_TIMEOUT_SECONDS", "5")
    monkeypatch.setenv("COLUMNS", "200")  # the console table unwrapped


def modes_by_item(section: dict) -> dict[str, list[str]]:
    return {i["id"]: [e["mode"] for e in i["exchanges"]] for i in section["items"]}


def test_eval_runs_extractive_and_generated_side_by_side(
    small_index: Path,
    dataset: Path,
    fake: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure_model(monkeypatch, fake)
    result, report = run_eval(small_index, dataset, tmp_path / "out")
    system, generated = report["system"], report["generated"]
    assert generated is not None
    assert set(generated) == set(system)  # the same shape, rendered by the same code
    assert report["config"]["generator"] == "openai:fake"

    assert modes_by_item(system) == {i["id"]: ["extractive"] for i in ITEMS}
    assert modes_by_item(generated) == {
        "g-good": ["generated"],
        "g-partial": ["generated"],
        "g-bad-number": ["extractive_fallback"],  # 999,9 is in no passage
        "g-unanswerable": ["extractive"],  # no support: the model is never asked
    }
    assert generated["modes"] == {"generated": 2, "extractive_fallback": 1, "extractive": 1}
    assert system["modes"] == {"generated": 0, "extractive_fallback": 0, "extractive": 4}

    by_id = {i["id"]: i for i in generated["items"]}
    assert by_id["g-good"]["answer"] == "Kontoret i Luleå öppnade den 21 december 2022 [1]."
    assert "209,7" in by_id["g-bad-number"]["answer"]  # the extractive answer, not the model's
    assert "999,9" not in by_id["g-bad-number"]["answer"]

    # The extractive answer quotes the whole sentence; the generated one drops a fact.
    assert {i["id"]: i["status"] for i in system["items"]} == {i["id"]: "pass" for i in ITEMS}
    assert by_id["g-partial"]["status"] == "fail"
    assert system["summary"]["pass_rate"] == 1.0
    assert generated["summary"]["pass_rate"] == 0.75
    assert generated["summary"]["fact_recall"] == pytest.approx((1 + 0.5 + 1) / 3)
    assert report["generated_deltas"]["pass_rate"] == pytest.approx(-0.25)
    assert generated["summary"]["leakage"] == system["summary"]["leakage"] == 0

    page = (tmp_path / "out" / "report.html").read_text()
    assert "<th class=num>Dialogstöd, genererat</th>" in page
    assert "<h2>Genererat läge</h2>" in page
    assert "<th>Genererat</th>" in page  # the per-question column
    assert "extraktivt som reserv" in page
    header = next(line for line in result.output.splitlines() if "Extraktivt" in line)
    assert header.index("Extraktivt") < header.index("Genererat") < header.index("Δ gen.")
    assert "Genererat: Svarens läge (4 svar): genererat 2 (50,0 %)" in result.output


@pytest.mark.parametrize("skip_flag", [False, True], ids=["no-endpoint", "no-generated-flag"])
def test_without_a_model_the_report_has_no_generated_run(
    small_index: Path,
    dataset: Path,
    fake: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    skip_flag: bool,
) -> None:
    if skip_flag:
        configure_model(monkeypatch, fake)
    else:
        monkeypatch.setenv("DIALOGSTOD_GENERATOR", "extractive")
        monkeypatch.setenv("COLUMNS", "200")
    result, report = run_eval(
        small_index, dataset, tmp_path / "out", *(["--no-generated"] if skip_flag else [])
    )
    assert report["generated"] is None and report["generated_deltas"] is None
    assert report["config"]["generator"] is None
    reason = "--no-generated" if skip_flag else "ingen språkmodell är konfigurerad"
    assert any(n.startswith("Genererat läge kördes inte") and reason in n for n in report["notes"])
    assert "Δ gen." not in result.output and "Extraktivt" not in result.output
    page = (tmp_path / "out" / "report.html").read_text()
    assert "<th class=num>Dialogstöd</th>" in page and "Genererat läge</h2>" not in page


def test_api_backend_records_the_servers_mode() -> None:
    replies = iter(["generated", "extractive_fallback"])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "answer": "Kontoret i Luleå öppnade den 21 december 2022 [1].",
                "supported": True,
                "citations": [
                    {
                        "n": 1,
                        "source": "regionkontor.md",
                        "title": "Regionkontor",
                        "locator": "Regionkontor",
                        "snippet": "Kontoret i Luleå öppnade den 21 december 2022.",
                        "chunk_id": "regionkontor.md:0",
                    }
                ],
                "conversation_id": "samtal-1",
                "mode": next(replies),
            },
        )

    client = httpx.Client(transport=httpx.MockTransport(handler))
    backend = ApiBackend("http://eval.test", client=client, corpus_dir=PROJECT_ROOT / "corpus")
    results = evaluate(backend, [ITEMS[0], {**ITEMS[0], "id": "g-again"}])
    assert [r.to_json()["mode"] for r in results] == ["generated", "extractive_fallback"]
    assert [r.to_json()["exchanges"][0]["mode"] for r in results] == [
        "generated",
        "extractive_fallback",
    ]
    modes = mode_counts(e.answer.mode for r in results for e in r.run.exchanges)
    assert modes == {"generated": 1, "extractive_fallback": 1, "extractive": 0}
