"""The CI gate: the gold set's fast subset (tag `snabb`) against the real index, with floors.

Measured on the 30-item subset (e5-small, in process): pass rate 0.900, fact recall 1.000,
citation precision 0.917, citation recall 0.912, refusal precision 1.000, refusal recall 0.500,
leakage 0, recall@4 1.000, MRR 1.000, nDCG@4 0.997. Each floor sits a little below its
measured value, so one more wrong item fails the build. Latency is not gated here: on a shared
2-core runner p95 moved between 0.2 and 3.4 s with the load (`make bench` measures it).
"""

from __future__ import annotations

from assistant.index.store import Index
from evals.devset import load_items
from evals.harness import GOLD_SET, InProcessBackend, evaluate, select
from evals.metrics import summarise

GATE_TAG = "snabb"
FLOORS = {
    "pass_rate": 0.86,
    "fact_recall": 0.95,
    "citation_precision": 0.88,
    "citation_recall": 0.88,
    "refusal_precision": 0.95,
    "refusal_recall": 0.45,
    "recall_at_k": 0.95,
    "mrr": 0.95,
    "ndcg_at_k": 0.95,
}
CEILINGS = {"leakage": 0, "errors": 0}


def test_fast_subset_meets_the_floors(corpus_index: Index) -> None:
    items = select(load_items(GOLD_SET), tags=[GATE_TAG])
    assert len(items) >= 20
    results = evaluate(InProcessBackend(corpus_index), items)
    summary = summarise([r.score for r in results])
    failing = {r.item["id"]: r.problems for r in results if r.status not in ("pass", "skipped")}
    low = {k: summary[k] for k, floor in FLOORS.items() if (summary[k] or 0.0) < floor}
    high = {k: summary[k] for k, ceiling in CEILINGS.items() if (summary[k] or 0) > ceiling}
    assert summary["evaluated"] >= 20
    assert not low and not high, f"below floor {low}, above ceiling {high}; failing {failing}"
