"""The metric functions on hand-made inputs, with the values worked out by hand."""

from __future__ import annotations

import math

import pytest

from evals.metrics import (
    ERROR,
    FAIL,
    PASS,
    SKIPPED,
    CitationCounts,
    ItemScore,
    answer_sentences,
    citation_counts,
    citation_is_correct,
    dedupe,
    deltas,
    fact_recall,
    leaks,
    ndcg_at_k,
    percentile,
    recall_at_k,
    reciprocal_rank,
    refusal_scores,
    summarise,
    summarise_by_tag,
)


def test_ranking_metrics_use_distinct_sources() -> None:
    ranked = ["a.md", "a.md", "b.md", "c.md", "d.md"]
    assert dedupe(ranked) == ["a.md", "b.md", "c.md", "d.md"]
    assert recall_at_k(ranked, ["c.md", "x.md"], 3) == 0.5
    assert recall_at_k(ranked, ["d.md"], 3) == 0.0  # d is 4th distinct source
    assert reciprocal_rank(ranked, ["c.md"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(ranked, ["x.md"]) == 0.0
    assert reciprocal_rank([], ["x.md"]) == 0.0


def test_ndcg_binary_relevance() -> None:
    assert ndcg_at_k(["a", "b"], ["a"], 4) == 1.0
    assert ndcg_at_k(["b", "a"], ["a"], 4) == pytest.approx(1 / math.log2(3))
    # two relevant, found at ranks 1 and 3: (1 + 1/log2(4)) / (1 + 1/log2(3))
    expected = (1 + 1 / 2) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(["a", "x", "b"], ["a", "b"], 4) == pytest.approx(expected)
    assert ndcg_at_k(["x", "y"], ["a"], 2) == 0.0
    with pytest.raises(ValueError):
        ndcg_at_k(["a"], [], 2)


def test_fact_recall_normalises_numbers() -> None:
    text = "Meritvärdet var 209.7 poäng och drygt 2 800 huvudmän finns."
    assert fact_recall(text, [["209,7"], ["2800"], ["saknas", "340"]]) == pytest.approx(2 / 3)
    assert fact_recall(text, []) is None
    assert fact_recall("Värdet är ”..”.", [[".."]]) == 1.0


def test_citation_correct_by_source_or_snippet() -> None:
    facts = [["209,7"]]
    assert citation_is_correct("n.csv", "irrelevant", ["n.csv"], facts)
    assert citation_is_correct("other.md", "värdet 209,7 poäng", ["n.csv"], facts)
    assert not citation_is_correct("other.md", "värdet 218,3 poäng", ["n.csv"], facts)


def test_answer_sentences_keep_a_trailing_marker_with_its_sentence() -> None:
    answer = "Enligt x.md: Första meningen. Andra meningen. [1]"
    assert answer_sentences(answer) == ["Enligt x.md: Första meningen.", "Andra meningen. [1]"]


def test_citation_counts_per_sentence() -> None:
    answer = "Värdet var 209,7 [1]. Riket låg på 227,3 [2]. En mening utan källa."
    citations = [
        {"n": 1, "source": "n.csv", "snippet": "209,7"},
        {"n": 2, "source": "s.csv", "snippet": "fel huvudman"},
    ]
    counts = citation_counts(answer, citations, ["n.csv"], [["209,7"]])
    assert counts == CitationCounts(
        citations=2, correct=1, sentences=3, sentences_cited=2, sentences_supported=1
    )


def test_leaks_forbidden_text_and_other_packets() -> None:
    owners = {"n.csv": {"0917"}, "s.csv": {"2795"}}
    own = [{"n": 1, "source": "n.csv", "snippet": "209,7"}]
    assert leaks("0917", ["Värdet var 209,7 [1]."], own, ["203,4"], owners) == []
    other = [{"n": 1, "source": "s.csv", "snippet": "Sjövik 203,4"}]
    found = leaks("0917", ["Inget svar."], other, ["203.4"], owners)
    assert len(found) == 2
    assert "forbidden" in found[0] and "s.csv" in found[1]
    # Without a huvudman, any packet citation is out of scope.
    assert leaks(None, ["x"], own, [], owners)


def test_refusal_scores() -> None:
    # (answerable, supported): one right refusal, one wrong refusal, one missed refusal.
    pairs = [(False, False), (True, False), (False, True), (True, True)]
    assert refusal_scores(pairs) == (0.5, 0.5)
    assert refusal_scores([(True, True)]) == (None, None)


def test_percentile_interpolates() -> None:
    assert percentile([], 0.5) is None
    assert percentile([10.0], 0.95) == 10.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile(list(map(float, range(101))), 0.95) == pytest.approx(95.0)


def test_summary_overall_and_per_tag() -> None:
    cites = CitationCounts(
        citations=2, correct=1, sentences=2, sentences_cited=2, sentences_supported=1
    )
    scores = [
        ItemScore(("paket",), True, PASS, True, 1.0, cites, 0, 1.0, 1.0, 1.0, [10.0]),
        ItemScore(("paket", "trend"), True, FAIL, True, 0.5, cites, 0, 0.0, 0.0, 0.0, [30.0]),
        ItemScore(
            ("obesvarbar",), False, PASS, False, None, CitationCounts(), 0, latencies_ms=[20.0]
        ),
        ItemScore(
            ("obesvarbar",),
            False,
            FAIL,
            True,
            None,
            CitationCounts(1, 0, 1, 1, 0),
            1,
            latencies_ms=[40.0],
        ),
        ItemScore(("uppfoljning",), True, SKIPPED),
        ItemScore(("paket",), True, ERROR),
    ]
    s = summarise(scores)
    assert (s["items"], s["evaluated"], s["skipped"], s["errors"]) == (6, 5, 1, 1)
    assert s["pass_rate"] == pytest.approx(2 / 5)
    assert s["fact_recall"] == pytest.approx((1.0 + 0.5) / 2)  # the error has no fact recall
    assert s["citation_precision"] == pytest.approx(2 / 5)
    assert s["citation_recall"] == pytest.approx(2 / 5)
    assert s["cited_sentence_rate"] == 1.0
    assert (s["refusal_precision"], s["refusal_recall"]) == (1.0, 0.5)
    assert s["leakage"] == 1
    assert s["retrieval_items"] == 2 and s["recall_at_k"] == 0.5 and s["mrr"] == 0.5
    assert s["latency_p50_ms"] == 25.0
    tags = summarise_by_tag(scores)
    assert set(tags) == {"paket", "trend", "obesvarbar", "uppfoljning"}
    assert tags["paket"]["pass_rate"] == pytest.approx(1 / 3)
    assert tags["uppfoljning"]["evaluated"] == 0 and tags["uppfoljning"]["pass_rate"] is None
    assert tags["obesvarbar"]["refusal_recall"] == 0.5


def test_deltas() -> None:
    d = deltas({"pass_rate": 0.9, "leakage": 0, "mrr": None}, {"pass_rate": 0.5, "leakage": 2})
    assert d["pass_rate"] == pytest.approx(0.4)
    assert d["leakage"] == -2
    assert d["mrr"] is None
