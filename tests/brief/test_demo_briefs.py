"""Briefs for the three demo huvudmän over the real corpus index: golden, cited, exact, scoped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.answer.packet_answer import describe_row
from assistant.brief.compose import compose_brief, load_config
from assistant.brief.model import FactorItem, QuestionItem
from assistant.brief.render import render_html, render_markdown
from assistant.errors import UnknownHuvudmanError
from assistant.index.store import Index
from tests.brief.conftest import assert_citations_consistent, demo_values, numbers_in

GOLDEN = Path(__file__).parent / "golden"
# Set BRIEF_GOLDEN_UPDATE=1 to rewrite the golden files deliberately; review the diff after.
UPDATE = os.environ.get("BRIEF_GOLDEN_UPDATE") == "1"
DEMO = ("0917", "2795", "9001")


def test_golden_brief_for_norrforsen(demo_index: Index) -> None:
    markdown = render_markdown(compose_brief(demo_index, "0917"))
    golden = GOLDEN / "0917.md"
    if UPDATE:
        golden.write_text(markdown, encoding="utf-8")
    assert markdown == golden.read_text(encoding="utf-8"), "regenerate with BRIEF_GOLDEN_UPDATE=1"


def test_same_index_same_brief(demo_index: Index) -> None:
    first = compose_brief(demo_index, "9001")
    second = compose_brief(demo_index, "9001")

    assert first.model_dump_json() == second.model_dump_json()
    assert render_html(first) == render_html(second)


def test_html_escapes_what_the_packets_and_documents_say(demo_index: Index) -> None:
    """Names and texts are data, never markup: the page escapes them wherever they appear."""
    hostile = "<script>alert(1)</script> & Söner"
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Söner"
    brief = compose_brief(demo_index, "0917").model_copy(update={"huvudman_namn": hostile})
    question = next(i for i in brief.section("fragor").items if isinstance(i, QuestionItem))
    question.text = f"Vad gör {hostile}? [1]"

    html = render_html(brief)

    assert "<script" not in html
    # The name heads each indicator's table and is in its chart's title, description and legend.
    assert html.count(escaped) >= 4 * len(brief.indicators)
    assert f'Vad gör {escaped}? <a class="ref" href="#kalla-1">[1]</a>' in html


@pytest.mark.parametrize("huvudman_id", DEMO)
def test_numbers_are_the_packet_rows_and_cited_to_them(demo_index: Index, huvudman_id: str) -> None:
    brief = compose_brief(demo_index, huvudman_id)
    entries = demo_index.catalog.packet_rows(huvudman_id)
    by_chunk = {f"rad:{src}:{row.line}": row for src, _, row in entries}
    citations = {c.n: c for c in brief.citations}

    assert_citations_consistent(brief)
    assert len(brief.indicators) == len({row.indikator_id for _, _, row in entries}) == 6
    for item in brief.indicators:
        for value in item.series:
            cited = citations[value.citation]
            row = by_chunk[cited.chunk_id]  # a packet row of this huvudman, by file and line
            assert cited.locator == f"rad {row.line}"
            assert cited.snippet == describe_row(row)
            assert (row.indikator_id, row.ar) == (item.indikator_id, value.ar)
            assert (value.varde, value.riket) == (row.varde, row.riket)
            assert value.varde in item.text
        latest = item.series[-1]
        assert (item.ar, item.varde, item.riket) == (latest.ar, latest.varde, latest.riket)


def test_norrforsen_flags_and_their_rules(demo_index: Index) -> None:
    brief = compose_brief(demo_index, "0917")

    assert [(f.rule, f.indikator_id) for f in brief.flags] == [
        ("samre_an_riket", "meritvarde_ak9"),
        ("forsamring_tva_ar", "meritvarde_ak9"),
        ("samre_an_riket", "uppnatt_alla_amnen_ak9"),
        ("forsamring_tva_ar", "uppnatt_alla_amnen_ak9"),
        ("samre_an_riket", "elever_per_larare"),
        ("forsamring_tva_ar", "elever_per_larare"),
        ("samre_an_riket", "gymnasieexamen_4ar"),
    ]
    merit = brief.flags[0]
    assert "209,7 poäng mot rikets 227,3 poäng, 17,6 poäng under riket [3]" in merit.text
    assert "2 % av rikets värde (4,546 poäng)" in merit.rule_text
    teachers = next(f for f in brief.flags if f.id == "flagga:samre_an_riket:elever_per_larare")
    assert "13,1 mot rikets 11,9, 1,2 över riket" in teachers.text
    assert "indikatorn är ett lägre värde bättre" in teachers.rule_text
    assert [r.id for r in brief.rules] == ["samre_an_riket", "forsamring_tva_ar", "saknat_varde"]


def test_each_flag_brings_mapped_factors_with_cited_sentences_and_questions(
    demo_index: Index,
) -> None:
    brief = compose_brief(demo_index, "0917")
    config = load_config()
    chunks = {c.chunk_id: c for c in demo_index.catalog.all_chunks()}
    citations = {c.n: c for c in brief.citations}
    factors = [i for i in brief.section("framgangsfaktorer").items if isinstance(i, FactorItem)]
    questions = [i for i in brief.section("fragor").items if isinstance(i, QuestionItem)]

    for flag in brief.flags:
        mapped = config.factors_by_indicator[flag.indikator_id]
        assert flag.factors == [f"faktor:{source}" for source in mapped]
    assert {f.id for f in factors} == {factor for flag in brief.flags for factor in flag.factors}
    for factor in factors:
        assert factor.sentences
        for sentence in factor.sentences:
            chunk = chunks[citations[sentence.citation].chunk_id]
            assert chunk.source == factor.source
            assert chunk.heading_path[-1] == "Vad det innebär"
            assert sentence.text in chunk.text
    assert len(questions) == 2 * len(factors)
    for question in questions:
        chunk = chunks[citations[question.citations[0]].chunk_id]
        assert chunk.heading_path[-1] == "Frågor att ställa i dialogen"
        assert question.question.endswith("?") and question.question in chunk.text


def test_dialogue_recap_has_three_cited_parts(demo_index: Index) -> None:
    brief = compose_brief(demo_index, "2795")
    section = brief.section("dialogen")
    citations = {c.n: c for c in brief.citations}

    assert "tre delar" in section.intro
    assert [(i.part, i.name) for i in section.items] == [  # type: ignore[union-attr]
        (1, "Digital gruppintroduktion"),
        (2, "Själva dialogen"),
        (3, "Digitalt återkopplingsmöte"),
    ]
    for item in section.items:
        assert citations[item.citations[0]].source == "kvalitetsdialogens-genomforande.md"


def test_suppressed_latest_value_in_the_xlsx_packet(demo_index: Index) -> None:
    brief = compose_brief(demo_index, "9001")
    exam = next(i for i in brief.indicators if i.indikator_id == "gymnasieexamen_4ar")
    flag = next(f for f in brief.flags if f.indikator_id == "gymnasieexamen_4ar")

    assert [v.varde for v in exam.series] == [".", "86,2", ".."]
    assert exam.comparison is None and exam.trend.direction == "okänd"
    assert flag.rule == "saknat_varde"
    assert "paketet anger ”..”, vilket betyder att uppgiften saknas" in flag.text
    # The rule's own factor (the shared picture of the situation) comes first.
    assert flag.factors[0] == "faktor:gemensam-lagesbild.md"
    assert not any(
        f.rule == "samre_an_riket" and f.indikator_id == "gymnasieexamen_4ar" for f in brief.flags
    )


def test_margin_is_a_parameter(demo_index: Index) -> None:
    def below(margin: float) -> list[str]:
        brief = compose_brief(demo_index, "0917", marginal_procent=margin)
        return [f.indikator_id for f in brief.flags if f.rule == "samre_an_riket"]

    assert "behorighet_yrkesprogram" not in below(2.0)  # 0,6 under riket 83,7
    assert "behorighet_yrkesprogram" in below(0.0)
    assert below(20.0) == []
    assert compose_brief(demo_index, "0917", marginal_procent=0.5).marginal_procent == 0.5


@pytest.mark.parametrize("huvudman_id", DEMO)
def test_brief_never_contains_another_huvudmans_numbers(
    demo_index: Index, huvudman_id: str
) -> None:
    values = demo_values()
    own = values[huvudman_id] | values["riket"]
    others = set().union(*(values[h] for h in DEMO if h != huvudman_id)) - own
    others = {v for v in others if any(ch.isdigit() for ch in v)}
    brief = compose_brief(demo_index, huvudman_id)

    for text in (render_markdown(brief), render_html(brief), brief.model_dump_json()):
        assert not numbers_in(text) & others
    numeric = {v.varde_num for i in brief.indicators for v in i.series} - {None}
    foreign = {float(v.replace(",", ".")) for v in others}
    assert not numeric & foreign
    assert all(
        c.chunk_id.startswith("rad:") is False or c.snippet.count(brief.huvudman_namn)
        for c in brief.citations
    )


def test_unknown_huvudman(demo_index: Index) -> None:
    with pytest.raises(UnknownHuvudmanError):
        compose_brief(demo_index, "123")
