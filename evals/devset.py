"""The dev set: load its items and check an answer against one; also `python -m evals.devset`.

Each JSONL item: `id`, `question` (or `turns` for a multi-turn item), `huvudman_id`,
`answerable`, `expected_facts` (groups of alternatives), `expected_sources` (file names),
`forbidden` (strings that must not appear), `tags`. The schema is documented in evals/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.answer.citations import cited_numbers
from assistant.ask import ask, retrieve
from assistant.index.embeddings import load_embedder
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.logs import configure_logging
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import Answer

DEV_SET = PROJECT_ROOT / "evals" / "datasets" / "dev.jsonl"
PACKET_SUFFIXES = (".csv", ".xlsx")


def load_items(path: Path = DEV_SET) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


REQUIRED_KEYS = (
    "id",
    "huvudman_id",
    "answerable",
    "expected_facts",
    "expected_sources",
    "forbidden",
    "tags",
)


def item_turns(item: dict[str, Any]) -> list[str]:
    """The messages of an item in order: its `turns`, or its single `question`."""
    turns = item.get("turns")
    return list(turns) if turns else [item["question"]]


def schema_problems(item: dict[str, Any]) -> list[str]:
    """What is wrong with the shape of one dataset item; an empty list when it is valid."""
    problems = [f"missing {key!r}" for key in REQUIRED_KEYS if key not in item]
    if ("question" in item) == ("turns" in item):
        problems.append("needs exactly one of 'question' and 'turns'")
    if "question" in item and not (isinstance(item["question"], str) and item["question"]):
        problems.append("'question' must be a non-empty string")
    turns = item.get("turns")
    if "turns" in item and not (
        isinstance(turns, list) and turns and all(isinstance(t, str) and t for t in turns)
    ):
        problems.append("'turns' must be a non-empty list of non-empty strings")
    if problems:
        return problems
    if not isinstance(item["huvudman_id"], str | None):
        problems.append("'huvudman_id' must be a string or null")
    if not isinstance(item["answerable"], bool):
        problems.append("'answerable' must be true or false")
    groups = item["expected_facts"]
    if not (
        isinstance(groups, list)
        and all(
            isinstance(g, list) and g and all(isinstance(f, str) and f for f in g) for g in groups
        )
    ):
        problems.append("'expected_facts' must be a list of non-empty lists of strings")
    for key in ("expected_sources", "forbidden", "tags"):
        values = item[key]
        if not (isinstance(values, list) and all(isinstance(v, str) and v for v in values)):
            problems.append(f"{key!r} must be a list of non-empty strings")
    if item["answerable"] is True and not groups:
        problems.append("an answerable item needs expected_facts")
    if item["answerable"] is False and (groups or item["expected_sources"]):
        problems.append("an unanswerable item has no expected_facts or expected_sources")
    if not item["tags"]:
        problems.append("every item needs at least one tag")
    return problems


def normalise(text: str) -> str:
    """Lower case; numbers compared without thousands spaces and with a decimal comma."""
    text = re.sub(r"(?<=\d)[ \u00a0](?=\d{3}\b)", "", text.lower())
    return re.sub(r"(?<=\d)\.(?=\d)", ",", text)


def check_answer(item: dict[str, Any], answer: Answer) -> list[str]:
    """What is wrong with `answer` for `item`; an empty list when it is right."""
    problems = []
    if answer.supported != item["answerable"]:
        problems.append(f"supported={answer.supported}, expected {item['answerable']}")
    numbers = {c.n for c in answer.citations}
    if cited_numbers(answer.answer) != numbers:
        problems.append(f"markers {sorted(cited_numbers(answer.answer))} != citations {numbers}")
    text = normalise(answer.answer)
    if item["answerable"]:
        for group in item["expected_facts"]:
            if not any(normalise(fact) in text for fact in group):
                problems.append(f"missing fact {group}")
        sources = {c.source for c in answer.citations}
        if item["expected_sources"] and not sources & set(item["expected_sources"]):
            problems.append(f"cited {sorted(sources)}, expected one of {item['expected_sources']}")
    elif answer.citations:
        problems.append("an unsupported answer carries citations")
    for forbidden in item.get("forbidden", []):
        if normalise(forbidden) in text:
            problems.append(f"forbidden text {forbidden!r} in the answer")
    return problems


def retrieval_hit(index: Index, item: dict[str, Any]) -> bool | None:
    """Whether retrieval found an expected source (prose in top k, or the packet indicator)."""
    expected = set(item["expected_sources"])
    if not item["answerable"] or not expected:
        return None
    if all(source.endswith(PACKET_SUFFIXES) for source in expected):
        return retrieve(index, item["question"], item["huvudman_id"]).indicator is not None
    evidence = retrieve(index, item["question"], item["huvudman_id"])
    return any(hit.chunk.source in expected for hit in evidence.prose)


FUSION_WEIGHTS = [(1.0, 0.0), (0.0, 1.0), (1.0, 0.5), (1.0, 1.0), (0.5, 1.0), (1.0, 2.0)]


def source_mrr(index: Index, items: list[dict[str, Any]]) -> tuple[float, float]:
    """Mean reciprocal rank and recall@k of the first expected prose source."""
    reciprocal, found, scored = 0.0, 0, 0
    for item in items:
        expected = set(item["expected_sources"])
        if not item["answerable"] or not expected or retrieval_hit(index, item) is None:
            continue
        if all(source.endswith(PACKET_SUFFIXES) for source in expected):
            continue
        scored += 1
        prose = retrieve(index, item["question"], item["huvudman_id"]).prose
        ranks = [r for r, hit in enumerate(prose, start=1) if hit.chunk.source in expected]
        if ranks:
            found += 1
            reciprocal += 1 / ranks[0]
    return reciprocal / scored, found / scored


def sweep_fusion(index: Index, items: list[dict[str, Any]]) -> None:
    """Prose retrieval and answer quality for each (dense, lexical) fusion weight pair."""
    for dense, lexical in FUSION_WEIGHTS:
        index.settings = index.settings.model_copy(
            update={"dense_weight": dense, "lexical_weight": lexical}
        )
        mrr, recall = source_mrr(index, items)
        correct = sum(
            not check_answer(item, ask(index, item["question"], item["huvudman_id"]))
            for item in items
        )
        print(
            f"dense {dense:3.1f} lexical {lexical:3.1f}: MRR {mrr:.3f}, "
            f"recall@{index.settings.top_k} {recall:.3f}, {correct}/{len(items)} answers correct"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the dev set against a fresh index.")
    parser.add_argument("--model", default="e5-small", help="Embedding model.")
    parser.add_argument("--verbose", action="store_true", help="Print every failing item.")
    parser.add_argument(
        "--sweep-fusion", action="store_true", help="Compare rank-fusion weight pairs instead."
    )
    args = parser.parse_args()
    configure_logging("WARNING")
    items = load_items()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp), embedding_model=args.model)
        index = Index(settings, embedder=load_embedder(args.model))
        ingest(index, [settings.corpus_dir])
        if args.sweep_fusion:
            sweep_fusion(index, items)
            index.close()
            return
        passed, hits, scored, seconds = 0, 0, 0, 0.0
        for item in items:
            started = time.perf_counter()
            problems = check_answer(item, ask(index, item["question"], item["huvudman_id"]))
            seconds += time.perf_counter() - started
            passed += not problems
            hit = retrieval_hit(index, item)
            if hit is not None:
                scored += 1
                hits += hit
            if problems and args.verbose:
                print(f"{item['id']}: {'; '.join(problems)}")
        index.close()
    print(
        f"{args.model}: {passed}/{len(items)} dev items correct; retrieval found an expected "
        f"source for {hits}/{scored} answerable items; mean {1000 * seconds / len(items):.0f} ms"
    )


if __name__ == "__main__":
    main()
