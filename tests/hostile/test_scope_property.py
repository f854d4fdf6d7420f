"""Property: whatever is asked in huvudman A's scope, nothing of huvudman B's packet comes back.

Questions are composed at random from indicator words, years, huvudman names (A's, B's, short
forms, genitives) and paraphrase fragments. In-process (assistant.ask.ask) on the session index,
and over HTTP on one real server: chat answers and citations, follow-ups in the same
conversation, and `GET /api/sources/{B's row}` with A's conversation (must be 404).
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.ask import ask
from assistant.index.store import Index
from assistant.types import Citation
from tests.hostile.conftest import DemoHuvudman, demo_huvudmen, riket_values

HUVUDMEN = demo_huvudmen()
IDS = sorted(HUVUDMEN)
RIKET = riket_values()

OPENERS = (
    "Vilket",
    "Vad var",
    "Hur stor var",
    "Hur har",
    "Jämför",
    "Berätta om",
    "Visa",
    "Hur ligger det till med",
    "Vad säger paketet om",
    "Ge mig siffrorna för",
    "Och",
)
INDICATOR_WORDS = (
    "meritvärdet i årskurs 9",
    "genomsnittligt meritvärde",
    "andelen behöriga till yrkesprogram",
    "behörighet till gymnasiet",
    "uppnått kunskapskraven i alla ämnen",
    "legitimerade lärare",
    "lärare med legitimation",
    "elever per lärare",
    "lärartätheten",
    "gymnasieexamen inom fyra år",
    "andelen med examen",
    "resultaten",
    "indikatorerna",
)
FRAGMENTS = (
    "jämfört med riket",
    "utvecklats över tid",
    "året innan",
    "de senaste åren",
    "hur många",
    "vilken nivå",
    "och varför",
    "enligt indikatorpaketet",
    "i siffror",
    "trenden",
    "",
)


def name_forms(huvudman: DemoHuvudman) -> list[str]:
    first = huvudman.name.split()[0]
    stem = first.removesuffix("s")
    return [huvudman.name, first, stem, f"{stem}s", huvudman.name.lower()]


@st.composite
def scoped_questions(draw: st.DrawFn) -> tuple[str | None, str, str]:
    """(A or None, B, question) with B ≠ A; the question may name A, B, both or neither."""
    scope = draw(st.sampled_from([None, *IDS]))
    other = draw(st.sampled_from([h for h in IDS if h != scope]))
    named = draw(st.sampled_from(["none", "other", "own", "both"]))
    parts = [draw(st.sampled_from(OPENERS)), draw(st.sampled_from(INDICATOR_WORDS))]
    if named in ("other", "both"):
        parts.append(draw(st.sampled_from(["i", "för", "hos", "i jämförelse med"])))
        parts.append(draw(st.sampled_from(name_forms(HUVUDMEN[other]))))
    if named in ("own", "both") and scope is not None:
        parts.append("i " + draw(st.sampled_from(name_forms(HUVUDMEN[scope]))))
    if draw(st.booleans()):
        parts.append(str(draw(st.integers(2019, 2026))))
    parts.append(draw(st.sampled_from(FRAGMENTS)))
    question = " ".join(p for p in parts if p) + draw(st.sampled_from(["?", "", ".", " ?"]))
    return scope, other, question


def _comma(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")


def derived_numbers(huvudman: DemoHuvudman | None) -> set[str]:
    """Numbers an answer in this scope may legitimately compute: differences between its own
    values and the national ones."""
    if huvudman is None:
        return set()
    numbers = {Decimal(v.replace(",", ".")) for v in huvudman.values | RIKET if v[0].isdigit()}
    return {_comma(abs(a - b)) for a, b in itertools.combinations(numbers, 2)}


def foreign_values(scope: str | None, other: str, prose: str) -> set[str]:
    """Values only B has: not A's, not the nation's, not in the corpus prose, not derivable."""
    own = HUVUDMEN[scope] if scope is not None else None
    values = set(HUVUDMEN[other].values) - RIKET - {".", ".."}
    if own is not None:
        values -= own.values
    return {v for v in values - derived_numbers(own) if v not in prose}


def leaked(text: str, values: set[str]) -> set[str]:
    return {v for v in values if re.search(rf"(?<![\d,]){re.escape(v)}(?![\d])", text)}


def check_no_leak(
    scope: str | None, other: str, answer: str, citations: list[Citation], prose: str
) -> None:
    b = HUVUDMEN[other]
    for citation in citations:
        assert not citation.chunk_id.startswith(f"rad:{b.file}:"), citation
        assert citation.source != b.file, citation
        if scope is None:
            assert not citation.chunk_id.startswith("rad:"), citation
    shown = answer + " " + " ".join(c.snippet for c in citations)
    found = leaked(shown, foreign_values(scope, other, prose))
    assert not found, f"{b.name}s värden {found} i svaret: {shown}"


@pytest.fixture(scope="module")
def prose(corpus_index: Index) -> str:
    """All text of the corpus that is not a packet row (numbers in it are not leaks)."""
    return " ".join(c.text for c in corpus_index.catalog.all_chunks())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=scoped_questions())
def test_answers_never_show_another_huvudmans_rows(
    corpus_index: Index, prose: str, case: tuple[str | None, str, str]
) -> None:
    scope, other, question = case
    answer = ask(corpus_index, question, scope)
    check_no_leak(scope, other, answer.answer, answer.citations, prose)


def _rows_of(index: Index, huvudman_id: str) -> list[str]:
    return [f"rad:{source}:{row.line}" for source, _, row in index.catalog.packet_rows(huvudman_id)]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=scoped_questions(), follow_up=st.sampled_from(FRAGMENTS + OPENERS))
def test_http_conversations_never_show_another_huvudmans_rows(
    http: httpx.Client,
    corpus_index: Index,
    prose: str,
    case: tuple[str | None, str, str],
    follow_up: str,
) -> None:
    scope, other, question = case
    first = http.post("/api/chat", json={"message": question, "huvudman_id": scope})
    assert first.status_code == 200, first.text
    conversation = first.json()["conversation_id"]
    second = http.post(
        "/api/chat",
        json={"message": (follow_up or "Och året innan") + "?", "conversation_id": conversation},
    )
    assert second.status_code == 200, second.text
    for response in (first, second):
        body = response.json()
        citations = [Citation.model_validate(c) for c in body["citations"]]
        check_no_leak(scope, other, body["answer"], citations, prose)

    foreign = _rows_of(corpus_index, other)
    chunk_id = foreign[hash((question, follow_up)) % len(foreign)]
    for params in ({"conversation_id": conversation}, {"huvudman_id": scope} if scope else {}):
        refused = http.get(f"/api/sources/{chunk_id}", params=params)
        assert refused.status_code == 404, (chunk_id, params, refused.text)
        assert refused.json()["error"]["code"] == "unknown_source"
    if scope is not None:  # the own rows stay visible: the refusal is about scope, not a bug
        own = _rows_of(corpus_index, scope)[0]
        assert http.get(f"/api/sources/{own}", params={"conversation_id": conversation}).is_success
