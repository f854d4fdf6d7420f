"""The development set over press releases and saved web pages (`evals/prosa/`): each failure
class of answers on real prose, against the demo corpus plus those texts. The held-out part
(`heldout.jsonl`) is never run here: it is only scored by `dialogstod eval`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from assistant.ask import ask
from assistant.index.embeddings import Embedder
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.settings import PROJECT_ROOT, Settings
from evals.devset import check_answer, load_items
from evals.harness import (
    PROSE_DEV,
    PROSE_HELD_OUT,
    PROSE_TEXTS,
    corpus_owners,
    grounding_problems,
    source_texts,
)
from tests.dev_items import item_params

ITEMS = load_items(PROSE_DEV)
CLASSES = {"granne", "referens", "lista", "obesvarbar", "matt_saknas", "vardagligt", "routning"}

# Items the offline answerer gets wrong today, each with why. strict: a fix must remove the entry.
KNOWN_FAILURES = {
    "prosa-dev-016": "'vad mer än … ingår' is not read as a question for a list",
    "prosa-dev-018": "a plan by year spread over list items under another heading",
    "prosa-dev-044": "cites the Luleå release, which names Malmö but not the year it opened",
    "prosa-dev-045": "a yes/no question in two parts; quotes the three parts of a dialogue",
    "prosa-dev-064": "'behöriga lärare' among the staff table's columns picks förstelärare",
    "prosa-dev-069": "asks for both identifiers; one reference line is quoted, or none",
    "prosa-dev-074": "'vad ställs underlaget mot' quotes who makes it, not what it is set against",
    "prosa-dev-079": "'året efter Härnösand, Malmö och Luleå' needs the year those opened first",
    "prosa-dev-099": "factors an indicator sheds light on: their names are headings of other files",
    "prosa-dev-114": "'vad kännetecknar' is not read as a question for a list over two sections",
    "prosa-dev-118": "naming the page by its subject ('nyheten om utvärderingen') does not steer",
    "prosa-dev-109": "'vilka universitet … vid namn' is answered by a sentence naming none",
    "prosa-dev-110": "a number of all huvudmän answers how many were in the first group",
    "prosa-dev-131": "the paragraph with the examples of delmål is not among the passages found",
    "prosa-dev-132": "'slutsatserna i slutrapporten' is answered by what says it is not out yet",
    "prosa-dev-151": "'vilket diarienummer har beslutet' after a sentence of context finds no line",
}


@pytest.fixture(scope="module")
def prose_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Index]:
    settings = Settings(index_dir=tmp_path_factory.mktemp("prose-index"))
    index = Index(settings, embedder=embedder)
    report = ingest(index, [PROJECT_ROOT / "corpus", PROSE_TEXTS])
    assert not report.skipped, report.skipped
    yield index
    index.close()


@pytest.mark.parametrize("item", item_params(ITEMS, KNOWN_FAILURES))
def test_prose_dev_item(item: dict[str, Any], prose_index: Index) -> None:
    answer = ask(prose_index, item["question"], item["huvudman_id"])
    assert check_answer(item, answer) == [], answer.answer


@pytest.mark.parametrize("path", [PROSE_DEV, PROSE_HELD_OUT], ids=["dev", "heldout"])
def test_prose_sets_cover_every_class_and_are_grounded(path: Any) -> None:
    items = load_items(path)
    assert len(items) >= 40
    assert {tag for item in items for tag in item["tags"]} >= CLASSES
    texts = {**source_texts(PROJECT_ROOT / "corpus"), **source_texts(PROSE_TEXTS)}
    owners = corpus_owners(PROJECT_ROOT / "corpus")
    problems = [f"{i['id']}: {p}" for i in items for p in grounding_problems(i, texts, owners)]
    assert problems == []
