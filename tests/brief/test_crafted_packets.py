"""Crafted packets ingested for real: each flag rule fires where it should and nowhere else."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog
from typer.testing import CliRunner

from assistant.brief.compose import compose_brief
from assistant.brief.model import FactorItem, QuestionItem
from assistant.brief.render import render_html, render_markdown
from assistant.index.embeddings import Embedder
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.settings import Settings
from dialogstod.cli import app
from tests.brief.conftest import (
    BuildIndex,
    assert_citations_consistent,
    numbers_in,
    packet_csv,
    write_sources,
)

# Far below riket and falling; more students per teacher every year; last value suppressed;
# and no row at all for 2024 for one indicator.
TRIGGERS = packet_csv(
    "1001",
    "Flaggbo kommun",
    [
        ("meritvarde_ak9", "2022", "230,0", "228,0"),
        ("meritvarde_ak9", "2023", "225,0", "228,0"),
        ("meritvarde_ak9", "2024", "220,0", "228,0"),
        ("elever_per_larare", "2022", "12,0", "12,0"),
        ("elever_per_larare", "2023", "12,5", "12,0"),
        ("elever_per_larare", "2024", "13,0", "12,0"),
        ("gymnasieexamen_4ar", "2022", "80,0", "79,0"),
        ("gymnasieexamen_4ar", "2023", "81,0", "79,0"),
        ("gymnasieexamen_4ar", "2024", "..", "79,0"),
        ("uppnatt_alla_amnen_ak9", "2022", "75,0", "74,0"),
        ("uppnatt_alla_amnen_ak9", "2023", "76,0", "74,0"),
    ],
)
# Each indicator just short of a rule: a gap exactly at the margin (4,6 of 230,0), a fall that
# is not two years long, a lower-is-better value below riket and falling, suppressed values
# only in earlier years.
NO_TRIGGERS = packet_csv(
    "1002",
    "Lugnvik kommun",
    [
        ("meritvarde_ak9", "2022", "220,0", "230,0"),
        ("meritvarde_ak9", "2023", "226,0", "230,0"),
        ("meritvarde_ak9", "2024", "225,4", "230,0"),
        ("elever_per_larare", "2022", "13,0", "12,0"),
        ("elever_per_larare", "2023", "12,5", "12,0"),
        ("elever_per_larare", "2024", "12,2", "12,0"),
        ("gymnasieexamen_4ar", "2022", "..", "79,0"),
        ("gymnasieexamen_4ar", "2023", ".", "79,0"),
        ("gymnasieexamen_4ar", "2024", "79,0", "79,1"),
        ("uppnatt_alla_amnen_ak9", "2022", "77,0", "74,0"),
        ("uppnatt_alla_amnen_ak9", "2023", "76,0", "74,0"),
        ("uppnatt_alla_amnen_ak9", "2024", "76,0", "74,0"),
    ],
)
FACTOR_DOCS = (
    "framgangsfaktorer/undervisningens-utveckling.md",
    "framgangsfaktorer/gemensam-lagesbild.md",
)


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Index]:
    """Both crafted packets and two success-factor documents, ingested once for this module."""
    folder = tmp_path_factory.mktemp("crafted")
    write_sources(
        folder / "underlag", {"flaggbo.csv": TRIGGERS, "lugnvik.csv": NO_TRIGGERS}, FACTOR_DOCS
    )
    index = Index(Settings(index_dir=folder / "index"), embedder=embedder)
    report = ingest(index, [folder / "underlag"])
    assert not report.skipped and report.packet_rows_written == 23
    yield index
    index.close()


def test_each_rule_fires_on_the_triggering_packet(crafted: Index) -> None:
    brief = compose_brief(crafted, "1001")

    assert [(f.rule, f.indikator_id) for f in brief.flags] == [
        ("samre_an_riket", "meritvarde_ak9"),
        ("forsamring_tva_ar", "meritvarde_ak9"),
        ("samre_an_riket", "elever_per_larare"),
        ("forsamring_tva_ar", "elever_per_larare"),
        ("saknat_varde", "gymnasieexamen_4ar"),
        ("saknat_varde", "uppnatt_alla_amnen_ak9"),
    ]
    flags = {f.id: f for f in brief.flags}
    merit = flags["flagga:samre_an_riket:meritvarde_ak9"]
    assert "220,0 poäng mot rikets 228,0 poäng, 8,0 poäng under riket" in merit.text
    assert "(4,56 poäng)" in merit.rule_text
    missing_row = flags["flagga:saknat_varde:uppnatt_alla_amnen_ak9"]
    assert "paketet har ingen rad för 2024; senaste året med en rad är 2023" in missing_row.text
    suppressed = flags["flagga:saknat_varde:gymnasieexamen_4ar"]
    assert "paketet anger ”..”, vilket betyder att uppgiften saknas" in suppressed.text
    assert_citations_consistent(brief)


def test_no_rule_fires_on_the_packet_just_short_of_each_rule(crafted: Index) -> None:
    brief = compose_brief(crafted, "1002")

    assert brief.flags == []
    assert "Ingen regel slog till" in brief.section("flaggor").intro
    assert brief.section("framgangsfaktorer").items == []
    assert brief.section("fragor").items == []
    merit = next(i for i in brief.indicators if i.indikator_id == "meritvarde_ak9")
    assert "ligger 4,6 poäng under riket" in merit.text  # exactly 2 % of 230,0: no flag


def test_flags_bring_factors_that_are_in_the_index_only(crafted: Index) -> None:
    brief = compose_brief(crafted, "1001")
    factors = [i for i in brief.section("framgangsfaktorer").items if isinstance(i, FactorItem)]
    questions = [i for i in brief.section("fragor").items if isinstance(i, QuestionItem)]

    # Only two of the mapped documents were ingested; the others are left out, not invented.
    assert [f.source for f in factors] == [
        "undervisningens-utveckling.md",
        "gemensam-lagesbild.md",
    ]
    flags = {f.id: f for f in brief.flags}
    assert flags["flagga:saknat_varde:gymnasieexamen_4ar"].factors == [
        "faktor:gemensam-lagesbild.md"
    ]
    assert flags["flagga:samre_an_riket:meritvarde_ak9"].factors == [
        "faktor:undervisningens-utveckling.md"
    ]
    assert [q.factor for q in questions] == [
        "faktor:undervisningens-utveckling.md",
        "faktor:undervisningens-utveckling.md",
        "faktor:gemensam-lagesbild.md",
        "faktor:gemensam-lagesbild.md",
    ]
    # No dialogue description in this index: the brief says so instead of making one up.
    assert brief.section("dialogen").items == []
    assert "beskriver inte" in brief.section("dialogen").intro


def test_crafted_briefs_keep_to_their_own_huvudman(crafted: Index) -> None:
    own = {"1001": TRIGGERS, "1002": NO_TRIGGERS}
    for huvudman_id, other in (("1001", "1002"), ("1002", "1001")):
        brief = compose_brief(crafted, huvudman_id)
        foreign = numbers_in(own[other]) - numbers_in(own[huvudman_id])
        foreign = {n for n in foreign if "," in n}  # values, not years or ids
        assert foreign
        for text in (render_markdown(brief), render_html(brief), brief.model_dump_json()):
            assert not numbers_in(text) & foreign


def test_packet_with_suppressed_values(packet_index: BuildIndex) -> None:
    rows = [
        ("meritvarde_ak9", "2023", "..", "228,6"),
        ("meritvarde_ak9", "2024", ".", "227,3"),
        ("uppnatt_alla_amnen_ak9", "2023", "71,0", ".."),
        ("uppnatt_alla_amnen_ak9", "2024", "-", ""),
        ("elever_per_larare", "2023", "12,0", "12,2"),
        ("elever_per_larare", "2024", "<5", "11,9"),
        ("gymnasieexamen_4ar", "2023", "70,0", "79,4"),
        ("gymnasieexamen_4ar", "2024", "", "79,1"),
    ]
    index = packet_index({"prickby.csv": packet_csv("1003", "Prickby kommun", rows)})
    brief = compose_brief(index, "1003")
    items = {i.indikator_id: i for i in brief.indicators}

    assert [(f.rule, f.indikator_id) for f in brief.flags] == [
        ("saknat_varde", "meritvarde_ak9"),
        ("saknat_varde", "uppnatt_alla_amnen_ak9"),
        ("saknat_varde", "elever_per_larare"),
        ("saknat_varde", "gymnasieexamen_4ar"),
    ]
    assert "paketet anger ”.”, vilket betyder att uppgiften kan inte förekomma" in (
        items["meritvarde_ak9"].text
    )
    assert "Färre än två år har ett talvärde" in items["meritvarde_ak9"].text
    assert "”-”, vilket betyder att inget att redovisa" in items["uppnatt_alla_amnen_ak9"].text
    assert "”<5”, vilket betyder att värdet inte är ett tal" in items["elever_per_larare"].text
    assert "2024: paketet saknar värde" in items["gymnasieexamen_4ar"].text
    assert all(i.comparison is None and i.trend.direction == "okänd" for i in items.values())
    assert_citations_consistent(brief)
    html = render_html(brief)
    assert html.count('<svg class="chart"') == 4
    assert "Ofylld ring på axeln: värde saknas" in html
    assert "”&lt;5”" in html


# --- the command ----------------------------------------------------------------------------


def reset_logging(handlers: list[logging.Handler], level: int) -> None:
    """Undo the CLI's logging setup: its loggers are bound to CliRunner's closed stderr."""
    structlog.reset_defaults()
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def test_brief_command(crafted: Index, tmp_path: Path) -> None:
    index_dir = crafted.settings.index_dir
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level

    def run(*args: str) -> tuple[int, str, str]:
        try:
            result = CliRunner().invoke(app, ["brief", *args, "--index", str(index_dir)])
        finally:
            reset_logging(handlers, level)
        return result.exit_code, result.stdout, result.stderr

    code, stdout, _ = run("--huvudman", "1001")
    assert code == 0
    assert stdout == render_markdown(compose_brief(crafted, "1001"))

    page = tmp_path / "underlag.html"
    code, stdout, stderr = run("--huvudman", "1001", "--format", "html", "--out", str(page))
    assert code == 0 and stdout == ""
    assert page.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "Skrev dialogunderlaget" in stderr

    code, stdout, _ = run("--huvudman", "1002", "--marginal", "0")
    assert code == 0 and "Sämre än riket" in stdout.split("## Flaggor")[1].split("## ")[0]

    code, _, stderr = run("--huvudman", "9999")
    assert code == 1 and "Huvudmannen '9999' finns inte" in stderr
    code, _, stderr = run("--huvudman", "1001", "--format", "pdf")
    assert code == 1 and "Okänt format 'pdf'" in stderr
