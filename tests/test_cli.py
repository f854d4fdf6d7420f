"""The `dialogstod` command through typer's CliRunner, on real indexes in tmp_path."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import structlog
from structlog._config import BoundLoggerLazyProxy
from typer.testing import CliRunner, Result

import assistant.index.store as store_module
from assistant.answer.compose import NO_SUPPORT
from assistant.index.embeddings import Embedder
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.settings import Settings
from dialogstod.cli import app
from tests.test_pipeline import SKOLPLAN, write
from tests.test_pipeline import UPPFOLJNING_TEXT as UPPFOLJNING

HEADER = "huvudman_id;huvudman_namn;skolform;indikator_id;indikator_namn;enhet;ar;varde;riket"
MERIT = "grundskola;meritvarde_ak9;Genomsnittligt meritvärde i årskurs 9;poäng"
EKBACKA = f"""{HEADER}
1234;Ekbacka kommun;{MERIT};2023;212,4;228,6
1234;Ekbacka kommun;{MERIT};2024;209,7;227,3
"""
BJORKVIK = f"""{HEADER}
0561;Björkviks kommun;{MERIT};2024;233,5;227,3
"""
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
# Wide enough that rich never wraps a table row or a message.
WIDE = {"COLUMNS": "400"}


def good_docs(root: Path) -> Path:
    write(root / "skolplan.md", SKOLPLAN)
    write(root / "ekbacka.csv", EKBACKA)
    return root


def snapshot(index_dir: Path, embedder: Embedder) -> dict[str, Any]:
    index = Index(Settings(index_dir=index_dir), embedder=embedder)
    try:
        with index.catalog.connection() as db:
            rows = db.exec_driver_sql(
                "SELECT source, line, row FROM packet_rows ORDER BY source, line"
            ).all()
        return {
            "files": index.catalog.file_hashes(),
            "chunks": [(c.chunk_id, c.text) for c in index.catalog.all_chunks()],
            "rows": [tuple(row) for row in rows],
            "vectors": sorted(index.vectors.ids()),
        }
    finally:
        index.close()


def forget_logging_setup(root_handlers: list[logging.Handler], root_level: int) -> None:
    """Undo what `configure_logging` did, so the next invocation logs to its own stderr.

    structlog caches loggers bound to the stderr of the first invocation (which CliRunner closes
    afterwards); see test_two_commands_in_one_process for that bug.
    """
    structlog.reset_defaults()
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in ("assistant", "api"):
            proxy = getattr(module, "log", None)
            if isinstance(proxy, BoundLoggerLazyProxy):
                vars(proxy).pop("bind", None)
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if handler not in root_handlers:
            root.removeHandler(handler)
    root.setLevel(root_level)


Invoke = Callable[..., Result]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, embedder: Embedder) -> Iterator[Invoke]:
    """Runs `dialogstod ARGS…`; the real e5 model is loaded once per session, not per command."""

    def load(name: str) -> Embedder:
        assert name == "e5-small"
        return embedder

    monkeypatch.setattr(store_module, "load_embedder", load)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level

    def invoke(*args: object, env: dict[str, str] | None = None, reset: bool = True) -> Result:
        try:
            return CliRunner().invoke(app, [str(a) for a in args], env={**WIDE, **(env or {})})
        finally:
            if reset:
                forget_logging_setup(handlers, level)

    yield invoke
    forget_logging_setup(handlers, level)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """An index of a small plan and two huvudmän's packets (built once, only read)."""
    root = tmp_path_factory.mktemp("cli-small")
    docs = good_docs(root / "docs")
    write(docs / "bjorkvik.csv", BJORKVIK)
    index = Index(Settings(index_dir=root / "index"), embedder=embedder)
    report = ingest(index, [docs])
    assert report.files_ingested == 3
    index.close()
    return root / "index"


def table_rows(output: str) -> list[list[str]]:
    """The header and body rows of a rich table, cells stripped."""
    return [
        [cell.strip() for cell in re.split("[│┃]", line.strip())[1:-1]]
        for line in output.splitlines()
        if line.startswith(("│", "┃"))
    ]


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- ingest -------------------------------------------------------------------------------------


def test_ingest_prints_summary_and_skipped_files(tmp_path: Path, cli: Invoke) -> None:
    docs = good_docs(tmp_path / "docs")
    write(docs / "tom.txt", b"")
    write(docs / "data.xyz", "Något som inte är ett dokument.")
    index_dir = tmp_path / "index"

    result = cli("ingest", docs, "--index", index_dir)

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Filer: 4 hittade, 2 inlästa, 0 oförändrade, 0 borttagna, 2 överhoppade."
    assert lines[1] == "Avsnitt: 2 skrivna; paketrader: 2; nya vektorer: 3."
    assert "Filer som inte lästes in" in result.stdout
    assert table_rows(result.stdout) == [
        ["Överhoppad fil", "Orsak"],
        [
            str(docs / "data.xyz"),
            "data.xyz: filtypen .xyz stöds inte; stödda typer: .csv, .docx, .htm, .html, "
            ".markdown, .md, .pdf, .txt, .xlsx.",
        ],
        [str(docs / "tom.txt"), "tom.txt: filen är tom; lägg in en fil med innehåll"],
    ]
    assert "Ingen fil kunde läsas in" not in result.stderr
    assert (index_dir / "catalog.sqlite").is_file()

    again = cli("ingest", docs, "--index", index_dir)

    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[:2] == [
        "Filer: 4 hittade, 0 inlästa, 2 oförändrade, 0 borttagna, 2 överhoppade.",
        "Avsnitt: 0 skrivna; paketrader: 0; nya vektorer: 0.",
    ]


def test_ingest_without_problems_prints_no_table(tmp_path: Path, cli: Invoke) -> None:
    result = cli("ingest", good_docs(tmp_path / "docs"), "--index", tmp_path / "index")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Filer: 2 hittade, 2 inlästa, 0 oförändrade, 0 borttagna, 0 överhoppade.",
        "Avsnitt: 2 skrivna; paketrader: 2; nya vektorer: 3.",
    ]


def test_ingest_exits_1_when_every_file_fails(
    tmp_path: Path, cli: Invoke, embedder: Embedder
) -> None:
    index_dir = tmp_path / "index"
    assert cli("ingest", good_docs(tmp_path / "docs"), "--index", index_dir).exit_code == 0
    before = snapshot(index_dir, embedder)
    assert len(before["vectors"]) == 3
    bad = tmp_path / "trasiga"
    write(bad / "tom.txt", b"")
    write(bad / "bild.pdf", PNG_BYTES)

    result = cli("ingest", bad, "--index", index_dir)

    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "Filer: 2 hittade, 0 inlästa, 0 oförändrade, 0 borttagna, 2 överhoppade."
    )
    assert [row[0] for row in table_rows(result.stdout)[1:]] == [
        str(bad / "bild.pdf"),
        str(bad / "tom.txt"),
    ]
    assert "Ingen fil kunde läsas in; indexet är oförändrat." in result.stderr
    assert snapshot(index_dir, embedder) == before


def test_ingest_missing_path(tmp_path: Path, cli: Invoke) -> None:
    missing = tmp_path / "finns-inte"

    result = cli("ingest", missing, "--index", tmp_path / "index")

    assert result.exit_code == 1
    assert one_line(result.stderr) == f"Fel: Hittar inte: {missing}."
    assert result.stdout == ""
    assert not (tmp_path / "index").exists()


# --- ask ----------------------------------------------------------------------------------------


def test_ask_json(small_index: Path, cli: Invoke) -> None:
    result = cli(
        "ask", "Hur ofta följer rektorerna upp resultaten?", "--json", "--index", small_index
    )

    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)  # stdout holds the JSON and nothing else
    assert answer == {
        "answer": UPPFOLJNING.removesuffix(".") + " [1].",
        "supported": True,
        "citations": [
            {
                "n": 1,
                "source": "skolplan.md",
                "title": "Skolplan för Ekbacka",
                "locator": "Avsnitt: Skolplan för Ekbacka > Uppföljning",
                "snippet": UPPFOLJNING,
                "chunk_id": answer["citations"][0]["chunk_id"],
            }
        ],
        "mode": "extractive",
    }
    assert answer["citations"][0]["chunk_id"].startswith("skolplan-md:")


def test_ask_json_packet_value(small_index: Path, cli: Invoke) -> None:
    result = cli(
        "ask",
        "Vilket meritvärde hade eleverna i årskurs 9 2024?",
        "--huvudman",
        "1234",
        "--json",
        "--index",
        small_index,
    )

    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["supported"] is True
    assert answer["answer"] == (
        "Genomsnittligt meritvärde i årskurs 9 för Ekbacka kommun var 209,7 poäng 2024 [1]. "
        "Riket låg på 227,3 poäng samma år; Ekbacka kommun låg 17,6 poäng under riket [1]."
    )
    assert [(c["n"], c["source"], c["locator"], c["chunk_id"]) for c in answer["citations"]] == [
        (1, "ekbacka.csv", "rad 3", "rad:ekbacka.csv:3")
    ]
    assert "233,5" not in result.stdout  # Björkvik's value stays out of Ekbacka's conversation


def test_ask_plain_text(small_index: Path, cli: Invoke) -> None:
    result = cli("ask", "Hur ofta följer rektorerna upp resultaten?", "--index", small_index)

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        UPPFOLJNING.removesuffix(".") + " [1].",
        "[1] skolplan.md, Avsnitt: Skolplan för Ekbacka > Uppföljning: Skolplan för Ekbacka",
    ]


def test_ask_without_support(small_index: Path, cli: Invoke) -> None:
    result = cli("ask", "Vilken färg har en giraff på månen?", "--json", "--index", small_index)

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "answer": NO_SUPPORT,
        "supported": False,
        "citations": [],
        "mode": "extractive",
    }

    plain = cli("ask", "Vilken färg har en giraff på månen?", "--index", small_index)
    assert plain.stdout.splitlines()[-1] == "(Inget stöd i underlaget.)"


def test_ask_unknown_huvudman(small_index: Path, cli: Invoke) -> None:
    result = cli("ask", "Hur ser meritvärdet ut?", "--huvudman", "9999", "--index", small_index)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert one_line(result.stderr).startswith(
        "Fel: Huvudmannen '9999' finns inte i underlaget. Välj en huvudman som har ett "
        "indikatorpaket"
    )


# --- huvudman -----------------------------------------------------------------------------------


def test_huvudman_lists_ids(small_index: Path, cli: Invoke) -> None:
    result = cli("huvudman", env={"DIALOGSTOD_INDEX_DIR": str(small_index)})

    assert result.exit_code == 0, result.output
    assert table_rows(result.stdout) == [
        ["Id", "Namn"],
        ["0561", "Björkviks kommun"],
        ["1234", "Ekbacka kommun"],
    ]


def test_two_commands_in_one_process(tmp_path: Path, cli: Invoke) -> None:
    docs = good_docs(tmp_path / "docs")
    first = cli("ingest", docs, "--index", tmp_path / "index", reset=False)
    assert first.exit_code == 0, first.output

    write(docs / "skolplan.md", SKOLPLAN.replace("varje termin", "varje månad"))
    second = cli("ingest", docs, "--index", tmp_path / "index", reset=False)

    assert second.exit_code == 0, repr(second.exception)


def test_prune_removes_a_deleted_file(tmp_path: Path, cli: Invoke, embedder: Embedder) -> None:
    docs = good_docs(tmp_path / "docs")
    index_dir = tmp_path / "index"
    assert cli("ingest", docs, "--index", index_dir).exit_code == 0
    (docs / "ekbacka.csv").unlink()

    kept = cli("ingest", docs, "--index", index_dir)
    assert kept.stdout.splitlines()[0] == (
        "Filer: 1 hittade, 0 inlästa, 1 oförändrade, 0 borttagna, 0 överhoppade."
    )
    assert snapshot(index_dir, embedder)["files"].keys() == {"ekbacka.csv", "skolplan.md"}

    pruned = cli("ingest", docs, "--index", index_dir, "--prune")

    assert pruned.exit_code == 0, pruned.output
    assert pruned.stdout.splitlines()[0] == (
        "Filer: 1 hittade, 0 inlästa, 1 oförändrade, 1 borttagna, 0 överhoppade."
    )
    after = snapshot(index_dir, embedder)
    assert after["files"].keys() == {"skolplan.md"}
    assert after["rows"] == []
    assert len(after["vectors"]) == 2
    assert table_rows(cli("huvudman", "--index", index_dir).stdout) == [["Id", "Namn"]]


def test_prune_keeps_files_that_still_exist(
    tmp_path: Path, cli: Invoke, embedder: Embedder
) -> None:
    plan = write(tmp_path / "dokument" / "skolplan.md", SKOLPLAN)
    write(tmp_path / "paket" / "ekbacka.csv", EKBACKA)
    index_dir = tmp_path / "index"
    assert cli("ingest", plan.parent, tmp_path / "paket", "--index", index_dir).exit_code == 0

    result = cli("ingest", plan.parent, "--index", index_dir, "--prune")

    assert result.exit_code == 0, result.output
    assert snapshot(index_dir, embedder)["files"].keys() == {"ekbacka.csv", "skolplan.md"}
