"""Answer-quality metrics: pure functions over answers, citations and ranked sources.

Nothing here touches an index or a model, so every figure in a report can be recomputed from the
stored answers. Definitions are in evals/README.md; in short:

- retrieval: recall@k, reciprocal rank and nDCG@k of the ranked, de-duplicated sources against
  `expected_sources` (binary relevance);
- fact recall: share of `expected_facts` groups with an alternative in the answer;
- citation precision: share of citations whose source is expected or whose snippet holds an
  expected fact; citation recall: share of answer sentences carrying a correct citation;
- refusal precision/recall, with "refused" (`supported: false`) as the positive class;
- leakage: a `forbidden` string in an answer or snippet, or a citation of another huvudman's
  packet file.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.answer.packet_answer import ROW_PREFIX
from assistant.text.sentences import split_sentences
from evals.devset import normalise

MARKER = re.compile(r"\[(\d+)\]")
MARKERS_ONLY = re.compile(r"^(\s*\[\d+\])+\s*[.!?]?\s*$")

PASS, FAIL, ERROR, SKIPPED = "pass", "fail", "error", "skipped"


# --- retrieval ---------------------------------------------------------------------------------


def dedupe(ranked: Iterable[str]) -> list[str]:
    """Items in order of first appearance."""
    return list(dict.fromkeys(ranked))


def recall_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Share of the relevant items found among the first `k` distinct ranked items."""
    wanted = set(relevant)
    if not wanted:
        raise ValueError("recall needs at least one relevant item")
    return len(wanted & set(dedupe(ranked)[:k])) / len(wanted)


def reciprocal_rank(ranked: Sequence[str], relevant: Iterable[str]) -> float:
    """1 / rank of the first relevant distinct item; 0 when none is ranked."""
    wanted = set(relevant)
    for rank, item in enumerate(dedupe(ranked), start=1):
        if item in wanted:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Normalised discounted cumulative gain with binary relevance over distinct items."""
    wanted = set(relevant)
    if not wanted:
        raise ValueError("nDCG needs at least one relevant item")
    gains = [1.0 if item in wanted else 0.0 for item in dedupe(ranked)[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(wanted), k)))
    return dcg / ideal


# --- answers -----------------------------------------------------------------------------------


def fact_found(text: str, group: Sequence[str]) -> bool:
    normalised = normalise(text)
    return any(normalise(fact) in normalised for fact in group)


def fact_recall(text: str, groups: Sequence[Sequence[str]]) -> float | None:
    """Share of fact groups with at least one alternative in `text`; None without groups."""
    if not groups:
        return None
    return sum(fact_found(text, group) for group in groups) / len(groups)


def citation_is_correct(
    source: str, snippet: str, expected_sources: Iterable[str], facts: Sequence[Sequence[str]]
) -> bool:
    """A citation is correct when its source is expected or its snippet holds an expected fact."""
    if source in set(expected_sources):
        return True
    return any(fact_found(snippet, [fact]) for group in facts for fact in group)


def answer_sentences(answer: str) -> list[str]:
    """The answer's sentences; a fragment of bare markers ("[1].") joins the sentence before."""
    sentences: list[str] = []
    for sentence in split_sentences(answer):
        if sentences and MARKERS_ONLY.match(sentence):
            sentences[-1] = f"{sentences[-1]} {sentence}"
        else:
            sentences.append(sentence)
    return sentences


@dataclass(frozen=True)
class CitationCounts:
    citations: int = 0
    correct: int = 0
    sentences: int = 0
    sentences_cited: int = 0  # carrying any marker
    sentences_supported: int = 0  # carrying a marker of a correct citation


def citation_counts(
    answer: str,
    citations: Sequence[Mapping[str, Any]],
    expected_sources: Sequence[str],
    facts: Sequence[Sequence[str]],
) -> CitationCounts:
    """Citation correctness and per-sentence coverage of one answer."""
    correct = {
        int(c["n"])
        for c in citations
        if citation_is_correct(c["source"], c.get("snippet", ""), expected_sources, facts)
    }
    sentences = answer_sentences(answer)
    marked = [{int(n) for n in MARKER.findall(s)} for s in sentences]
    return CitationCounts(
        citations=len(citations),
        correct=len(correct),
        sentences=len(sentences),
        sentences_cited=sum(bool(m) for m in marked),
        sentences_supported=sum(bool(m & correct) for m in marked),
    )


def leaks(
    huvudman_id: str | None,
    texts: Iterable[str],
    citations: Iterable[Mapping[str, Any]],
    forbidden: Iterable[str],
    packet_owners: Mapping[str, Iterable[str]],
) -> list[str]:
    """Every way an exchange showed data outside its scope, described; empty when none."""
    found = []
    shown = [normalise(t) for t in texts]
    cited = list(citations)
    shown += [normalise(str(c.get("snippet", ""))) for c in cited]
    for value in forbidden:
        if any(normalise(value) in text for text in shown):
            found.append(f"forbidden text {value!r} shown")
    for citation in cited:
        # A packet file's rows belong to their huvudmän; a Skolverket export's definitions
        # passages (same file, not rows) belong to nobody and may be cited in any scope.
        if not str(citation.get("chunk_id", ROW_PREFIX)).startswith(ROW_PREFIX):
            continue
        owners = set(packet_owners.get(citation["source"], ()))
        if owners and huvudman_id not in owners:
            found.append(
                f"cites {citation['source']} ({', '.join(sorted(owners))}) "
                f"in a conversation scoped to {huvudman_id or 'no huvudman'}"
            )
    return dedupe(found)


# --- aggregation -------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float | None:
    """Linear-interpolated percentile (share in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def refusal_scores(pairs: Iterable[tuple[bool, bool]]) -> tuple[float | None, float | None]:
    """(precision, recall) of refusing, from (answerable, supported) pairs."""
    refused_right = refused = unanswerable = 0
    for answerable, supported in pairs:
        refused += not supported
        unanswerable += not answerable
        refused_right += (not supported) and (not answerable)
    return ratio(refused_right, refused), ratio(refused_right, unanswerable)


@dataclass
class ItemScore:
    """What one item scored; the unit every summary is built from."""

    tags: tuple[str, ...]
    answerable: bool
    status: str  # pass | fail | error | skipped
    supported: bool | None = None
    fact_recall: float | None = None
    citations: CitationCounts = field(default_factory=CitationCounts)
    leaks: int = 0
    recall_at_k: float | None = None
    mrr: float | None = None
    ndcg_at_k: float | None = None
    latencies_ms: list[float] = field(default_factory=list)


SUMMARY_KEYS = (
    "items",
    "evaluated",
    "skipped",
    "errors",
    "pass_rate",
    "fact_recall",
    "citation_precision",
    "citation_recall",
    "cited_sentence_rate",
    "refusal_precision",
    "refusal_recall",
    "leakage",
    "retrieval_items",
    "recall_at_k",
    "mrr",
    "ndcg_at_k",
    "latency_p50_ms",
    "latency_p95_ms",
)
# Metrics where a higher value is better; leakage and latency are better lower.
HIGHER_IS_BETTER = frozenset(
    {
        "pass_rate",
        "fact_recall",
        "citation_precision",
        "citation_recall",
        "cited_sentence_rate",
        "refusal_precision",
        "refusal_recall",
        "recall_at_k",
        "mrr",
        "ndcg_at_k",
    }
)
LOWER_IS_BETTER = frozenset({"leakage", "latency_p50_ms", "latency_p95_ms"})


def summarise(scores: Sequence[ItemScore]) -> dict[str, float | int | None]:
    """Every metric over `scores`; skipped items are counted but not scored."""
    done = [s for s in scores if s.status != SKIPPED]
    answered = [s for s in done if s.status != ERROR and s.supported is not None]
    supported = [s for s in answered if s.supported]
    counts = [s.citations for s in supported]
    retrieval = [s for s in done if s.recall_at_k is not None]
    latencies = [ms for s in done for ms in s.latencies_ms]
    precision, recall = refusal_scores((s.answerable, bool(s.supported)) for s in answered)
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    return {
        "items": len(scores),
        "evaluated": len(done),
        "skipped": len(scores) - len(done),
        "errors": sum(s.status == ERROR for s in done),
        "pass_rate": ratio(sum(s.status == PASS for s in done), len(done)),
        "fact_recall": mean(s.fact_recall for s in done if s.answerable),
        "citation_precision": ratio(
            sum(c.correct for c in counts), sum(c.citations for c in counts)
        ),
        "citation_recall": ratio(
            sum(c.sentences_supported for c in counts), sum(c.sentences for c in counts)
        ),
        "cited_sentence_rate": ratio(
            sum(c.sentences_cited for c in counts), sum(c.sentences for c in counts)
        ),
        "refusal_precision": precision,
        "refusal_recall": recall,
        "leakage": sum(s.leaks > 0 for s in done),
        "retrieval_items": len(retrieval),
        "recall_at_k": mean(s.recall_at_k for s in retrieval),
        "mrr": mean(s.mrr for s in retrieval),
        "ndcg_at_k": mean(s.ndcg_at_k for s in retrieval),
        "latency_p50_ms": None if p50 is None else round(p50, 2),
        "latency_p95_ms": None if p95 is None else round(p95, 2),
    }


# Who wrote an answer (`Answer.mode`), in the order reports list them.
ANSWER_MODES = ("generated", "extractive_fallback", "extractive")


def mode_counts(modes: Iterable[str]) -> dict[str, int]:
    """How many answers each answerer wrote: every known mode, then any other in name order."""
    counts = Counter(modes)
    known = {mode: counts.pop(mode, 0) for mode in ANSWER_MODES}
    return known | dict(sorted(counts.items()))


def summarise_by_tag(scores: Sequence[ItemScore]) -> dict[str, dict[str, float | int | None]]:
    tags = sorted({tag for s in scores for tag in s.tags})
    return {tag: summarise([s for s in scores if tag in s.tags]) for tag in tags}


def deltas(
    current: Mapping[str, float | int | None], reference: Mapping[str, float | int | None]
) -> dict[str, float | None]:
    """current − reference for every numeric metric both have."""
    out: dict[str, float | None] = {}
    for key in SUMMARY_KEYS:
        a, b = current.get(key), reference.get(key)
        out[key] = None if a is None or b is None else round(float(a) - float(b), 6)
    return out
