"""The widget's scope picker over some 300 huvudmän: real Chromium against a real server.

It asks the server for 20 matches at a time and never renders everyone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Page, Request, expect

from evals.serving import running_server
from tests.api.many_huvudman import TOTAL, all_names, many_huvudman_corpus
from tests.browser import assert_accessible
from tests.e2e.conftest import ANSWER, INPUT, ask, focused, open_widget

PICKS = ".pick"
LIST = "#ds-plist"
COUNT = "#ds-picker p[aria-live]"
MERIT_QUESTION = "Vilket meritvärde hade eleverna i årskurs 9 2024?"
KOMMUN = "Månehyttan kommun"  # one of the invented huvudmän


@pytest.fixture(scope="module")
def many_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("widget-many-huvudman")
    env = {"DIALOGSTOD_CORPUS_DIR": str(many_huvudman_corpus(root))}
    with running_server(root, env) as base:
        yield base


def searches(page: Page) -> list[dict[str, list[str]]]:
    """The query of every scope list request the page makes, from now on."""
    seen: list[dict[str, list[str]]] = []

    def record(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.path == "/api/huvudman":
            seen.append(parse_qs(parts.query))

    page.on("request", record)
    return seen


def test_typing_finds_one_of_300_and_scopes_the_conversation(page: Page, many_server: str) -> None:
    kommun_id = next(i for i, name in all_names().items() if name == KOMMUN)
    asked = searches(page)
    open_widget(page, many_server)
    page.locator(".scope .link").click()
    search = page.locator("#ds-search")
    expect(search).to_be_focused()
    # "Ingen huvudman" and the first 20 of everyone, and how many more there are.
    expect(page.locator(PICKS)).to_have_count(21)
    expect(page.locator(PICKS).first).to_contain_text("Ingen huvudman – bara allmänt underlag")
    expect(page.locator(LIST)).to_contain_text(
        f"och {TOTAL - 20} till – skriv en del av namnet eller koden"
    )

    many = httpx.get(f"{many_server}/api/huvudman", params={"q": "skol", "limit": 1}).json()
    assert many["total"] > 200
    page.keyboard.type("skol")
    expect(page.locator(LIST)).to_contain_text(
        f"och {many['total'] - 20} till – skriv fler bokstäver"
    )
    expect(page.locator(PICKS)).to_have_count(20)
    expect(page.locator(COUNT)).to_have_text(
        f"{many['total']} träffar, de 20 första visas. Skriv fler bokstäver för att se färre."
    )
    assert_accessible(page, "scope picker open, many matches")

    search.fill("")
    before = len(asked)
    typed = "månehytt"
    page.keyboard.type(typed)
    expect(page.locator(PICKS)).to_have_count(1)
    expect(page.locator(PICKS)).to_contain_text(f"{KOMMUN}{kommun_id}")
    expect(page.locator(COUNT)).to_have_text("1 träff")
    assert_accessible(page, "scope picker open, one match")
    # Debounced: fewer requests than keystrokes; and never more than 20 asked for.
    assert 1 <= len(asked) - before < len(typed), asked[before:]
    assert all(query["limit"] == ["20"] for query in asked), asked
    assert asked[-1]["q"] == [typed]

    page.keyboard.press("ArrowDown")
    assert focused(page)["text"].startswith(KOMMUN)
    page.keyboard.press("Enter")
    expect(page.locator(".scope")).to_contain_text(f"{KOMMUN} ({kommun_id})")
    assert focused(page)["id"] == "ds-input"

    with page.expect_request(re.compile(r"/api/chat/stream$")) as sent:
        ask(page, MERIT_QUESTION)
    assert json.loads(sent.value.post_data or "{}")["huvudman_id"] == kommun_id
    answer = page.locator(ANSWER).last
    expect(answer).to_contain_text(KOMMUN)
    expect(answer).not_to_have_class(re.compile("unsupported"))


def test_enter_picks_the_best_match_for_everything_typed(page: Page, many_server: str) -> None:
    open_widget(page, many_server)
    page.locator(".scope .link").click()
    expect(page.locator(PICKS)).to_have_count(21)
    # Enter straight after typing, before the search has been sent: not the older list's first.
    page.keyboard.type("härn")
    page.keyboard.press("Enter")
    expect(page.locator(".scope")).to_contain_text("Härnövikens kommun (2901)")
    assert focused(page)["id"] == INPUT.lstrip("#")

    # An answer that holds every match is narrowed in the page, without asking again.
    page.locator(".scope .link").click()
    page.keyboard.type("harn")
    expect(page.locator(PICKS)).to_have_count(4)
    expect(page.locator(PICKS).first).to_contain_text("Harnvikens skola AB")
    asked = searches(page)
    page.keyboard.type("ö")
    expect(page.locator(PICKS)).to_have_count(2)
    expect(page.locator(PICKS).first).to_contain_text("Härnövikens kommun")
    page.keyboard.press("Backspace")
    expect(page.locator(PICKS)).to_have_count(4)
    page.wait_for_timeout(400)  # a debounced search would have been sent by now
    assert asked == []

    # Tab leaves the search box for the matches; Escape closes and returns to the button.
    page.keyboard.press("Tab")
    assert focused(page)["text"].startswith("Harnvikens skola AB")
    page.keyboard.press("Escape")
    expect(page.locator("#ds-picker")).to_be_hidden()
    assert focused(page)["text"].startswith("Byt")
