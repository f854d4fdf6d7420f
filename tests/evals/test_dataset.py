"""The Swedish gold set: well formed, large and varied, grounded in the corpus, apart from dev."""

from __future__ import annotations

import re

import pytest

from assistant.settings import PROJECT_ROOT
from evals.devset import DEV_SET, item_turns, load_items, schema_problems
from evals.harness import GOLD_SET, corpus_owners, grounding_problems, select, validate

GOLD = load_items(GOLD_SET)
CORPUS = PROJECT_ROOT / "corpus"
GATE_TAG = "snabb"


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_gold_set_is_valid_large_and_varied() -> None:
    validate(GOLD)
    assert len(GOLD) >= 80
    tags = {tag for item in GOLD for tag in item["tags"]}
    wanted = {"fakta", "siffra", "trend", "riket", "undertryckt", "parafras", "uppfoljning"}
    assert wanted | {"obesvarbar", "annan_huvudman", "paket"} <= tags
    assert sum(len(item_turns(i)) > 1 for i in GOLD) >= 5
    assert sum(bool(i["forbidden"]) for i in GOLD) >= 10


def test_every_fact_is_literally_in_its_source() -> None:
    from evals.harness import source_texts

    texts = source_texts(CORPUS)
    owners = corpus_owners(CORPUS)
    problems = [f"{i['id']}: {p}" for i in GOLD for p in grounding_problems(i, texts, owners)]
    assert problems == []


def test_gold_set_is_distinct_from_the_dev_set() -> None:
    dev = [" ".join(item_turns(i)) for i in load_items(DEV_SET)]
    for item in GOLD:
        question = words(" ".join(item_turns(item)))
        for other in dev:
            shared = len(question & words(other)) / len(question | words(other))
            assert shared < 0.75, (item["id"], other)


def test_gate_subset_is_large_enough() -> None:
    assert len(select(GOLD, tags=[GATE_TAG])) >= 20


def test_schema_problems_are_named() -> None:
    bad = {
        "id": "x",
        "question": "q",
        "turns": ["a"],
        "huvudman_id": 1,
        "answerable": "ja",
        "expected_facts": [],
        "expected_sources": [],
        "forbidden": [],
        "tags": [],
    }
    problems = schema_problems(bad)
    assert any("exactly one" in p for p in problems)
    with pytest.raises(ValueError, match="x"):
        validate([bad])


def test_select_spreads_a_subset() -> None:
    items = [{"id": str(i), "tags": ["a" if i % 2 else "b"]} for i in range(10)]
    assert [i["id"] for i in select(items, subset=5)] == ["0", "2", "4", "6", "8"]
    assert [i["id"] for i in select(items, tags=["a"], subset=2)] == ["1", "5"]
