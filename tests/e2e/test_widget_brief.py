"""The widget's "Förbered dialog": the brief for the scoped huvudman, and asking about its items."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Locator, Page, Route, expect

from tests.browser import assert_accessible
from tests.e2e.conftest import (
    ALERT,
    ANSWER,
    API_KEY,
    CITE_DIALOG,
    LIVE,
    choose_huvudman,
    focused,
    open_widget,
    screenshot,
)

BRIEF = ".brief"
BRIEF_BUTTON = "Förbered dialog"
BACK = "Tillbaka till samtalet"
STREAM = re.compile(r"/api/chat/stream$")


def brief_json(page: Page, base: str, huvudman_id: str) -> dict[str, Any]:
    response = page.request.get(f"{base}/api/huvudman/{huvudman_id}/brief?format=json")
    assert response.ok, response.status
    return dict(response.json())


def items(brief: dict[str, Any], section_id: str) -> list[dict[str, Any]]:
    return next(s["items"] for s in brief["sections"] if s["id"] == section_id)


def with_unit(value: str, unit: str) -> str:
    return value if unit in ("", "antal") else f"{value} {unit}"


def card(page: Page, heading: str) -> Locator:
    return page.locator(f"{BRIEF} .card").filter(
        has=page.get_by_role("heading", name=heading, exact=True)
    )


def open_brief(page: Page, base: str, query: str = "Norrforsens") -> Locator:
    open_widget(page, base)
    choose_huvudman(page, query)
    page.get_by_role("button", name=BRIEF_BUTTON).click()
    view = page.locator(BRIEF)
    expect(view.locator(".card").first).to_be_visible()
    return view


def test_button_only_when_scoped(page: Page, server: str) -> None:
    open_widget(page, server)
    expect(page.locator(".scope")).to_contain_text("Allmänt underlag")
    expect(page.get_by_role("button", name=BRIEF_BUTTON)).to_have_count(0)  # hidden: not in a11y

    choose_huvudman(page, "Norrforsens")
    button = page.get_by_role("button", name=BRIEF_BUTTON)
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-haspopup", "dialog")

    choose_huvudman(page, "Ingen huvudman")
    expect(page.locator(".scope")).to_contain_text("Allmänt underlag")
    expect(page.get_by_role("button", name=BRIEF_BUTTON)).to_have_count(0)


def test_brief_shows_the_packet_numbers_exactly(page: Page, server: str) -> None:
    expected = brief_json(page, server, "0917")
    held: list[Route] = []
    page.route(re.compile(r"/api/huvudman/0917/brief\?format=json$"), lambda r: held.append(r))
    open_widget(page, server)
    choose_huvudman(page, "Norrforsens")
    page.get_by_role("button", name=BRIEF_BUTTON).click()

    # Loading: busy, announced, focus on the view's heading.
    view = page.locator(BRIEF)
    expect(view).to_be_visible()
    expect(view).to_have_attribute("role", "dialog")
    expect(view).to_have_attribute("aria-modal", "true")
    expect(view.locator(".sheet-body")).to_have_attribute("aria-busy", "true")
    expect(view).to_contain_text("Hämtar förberedelsen …")
    expect(page.locator(LIVE)).to_have_text("Hämtar förberedelsen …")
    assert focused(page)["id"] == "ds-brief-h"
    assert len(held) == 1
    held[0].continue_()

    expect(view.locator("h3")).to_have_text(expected["title"])
    expect(view.locator(".sheet-body")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".log")).to_have_attribute("inert", "")
    assert focused(page)["id"] == "ds-brief-h"
    shown = ("indikatorer", "framgangsfaktorer", "dialogen")  # flags and questions sit in cards
    expect(view.locator("h4")).to_have_text(
        [s["heading"] for s in expected["sections"] if s["id"] in shown]
    )

    indicators = items(expected, "indikatorer")
    expect(view.locator(".card h5").first).to_have_text(indicators[0]["namn"])
    for item in indicators:
        values = card(page, item["namn"]).locator("dd")
        unit = item["enhet"]
        expect(values.nth(0)).to_contain_text(f"{with_unit(item['varde'], unit)} ({item['ar']})")
        expect(values.nth(1)).to_have_text(with_unit(item["riket"], unit))
        comparison = item["comparison"]
        gap = f"{comparison['difference']} {comparison['unit']}".strip()
        expect(values.nth(2)).to_have_text(f"{gap} {comparison['position']} riket")
        trend = item["trend"]
        change = f"{trend['change']} {trend['unit']}".strip()
        expect(values.nth(3)).to_contain_text(
            f"{trend['direction']} med {change} {trend['from_year']}–{trend['to_year']}"
        )
        for year in item["series"]:
            expect(values.nth(3)).to_contain_text(
                f"{with_unit(year['varde'], unit)} ({year['ar']}) Källa [{year['citation']}]"
            )
    # A value whose trailing zero a number conversion would drop.
    teachers = card(page, indicators[3]["namn"])
    assert indicators[3]["varde"] == "71,0"
    expect(teachers.locator("dd").first).to_contain_text("71,0 procent (2024)")

    # Flags with their rule text, the factors' sentences and the suggested questions.
    merit = card(page, indicators[0]["namn"])
    expect(merit).to_have_class(re.compile("flagged"))
    expect(merit.locator(".badge")).to_have_text("!2 flaggor")  # text, not colour alone
    for flag in items(expected, "flaggor"):
        flagged = card(page, flag["indikator_namn"])
        expect(flagged).to_contain_text(f"{flag['rule_name']}. {flag['rule_text']}")
    unflagged = card(page, "Andel elever i årskurs 9 behöriga till yrkesprogram")
    expect(unflagged.locator(".badge")).to_have_count(0)
    for factor in items(expected, "framgangsfaktorer"):
        for sentence in factor["sentences"]:
            expect(card(page, factor["name"])).to_contain_text(sentence["text"])
    questions = items(expected, "fragor")
    for question in questions:  # the text ends "… [n]?", so match it without its "?"
        expect(view.locator("li p", has_text=question["question"][:-1]).first).to_be_visible()
    asks = view.get_by_role("button", name=re.compile("^Fråga om detta"))
    flags = items(expected, "flaggor")
    expect(asks).to_have_count(len(indicators) + len(flags) + len(questions))

    # Citations open the existing citation panel; closing it returns to the [n] in the brief.
    latest = merit.locator("dd").first.locator(".cite-ref")
    first_number = indicators[0]["series"][-1]["citation"]
    expect(latest).to_have_text(f"Källa [{first_number}]")
    latest.click()
    dialog = page.locator(CITE_DIALOG)
    expect(dialog.locator("h3")).to_have_text(f"Källa [{first_number}]")
    expect(dialog.locator(".cite-title")).to_have_text("Indikatorpaket: Norrforsens kommun")
    expect(dialog.locator(".snippet")).to_contain_text(indicators[0]["varde"])
    expect(view).to_have_attribute("inert", "")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(view).to_be_visible()
    assert "cite-ref" in focused(page)["cls"]

    # The printable brief, in a new tab, announced as such.
    link = view.get_by_role("link", name=re.compile("öppnas i ny flik"))
    expect(link).to_have_attribute("target", "_blank")
    href = link.get_attribute("href") or ""
    assert href.endswith("/api/huvudman/0917/brief?format=html"), href
    printable = page.request.get(f"{server}{href}" if href.startswith("/") else href)
    assert printable.ok and printable.headers["content-type"].startswith("text/html")

    view.locator("h4").first.evaluate("(node) => node.scrollIntoView()")
    screenshot(page, "10-brief")
    assert_accessible(page, "brief open")


def test_printable_brief_with_an_api_key(page: Page, keyed_server: str) -> None:
    """A link cannot send the key, so the widget fetches the printable brief with it and opens
    what it got; the same address without the key is refused."""
    html = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8">
        <title>Inbäddad</title></head><body><main><h1>Norrforsen</h1></main>
        <script src="/widget.js" data-api="" data-huvudman="0917" data-open
          data-api-key="{API_KEY}" defer></script></body></html>"""
    page.route("**/inbaddad", lambda route: route.fulfill(content_type="text/html", body=html))
    page.goto(f"{keyed_server}/inbaddad")
    page.get_by_role("button", name=BRIEF_BUTTON).click()
    view = page.locator(BRIEF)
    expect(view.locator(".card").first).to_be_visible()
    link = view.get_by_role("link", name=re.compile("öppnas i ny flik"))
    href = link.get_attribute("href") or ""
    refused = page.request.get(f"{keyed_server}{href}" if href.startswith("/") else href)
    assert refused.status == 401, refused.status

    with (
        page.context.expect_event("request", lambda r: "/brief?format=html" in r.url) as sent,
        page.context.expect_page() as opened,
    ):
        link.click()
    assert sent.value.headers.get("x-api-key") == API_KEY
    printable = opened.value
    expect(printable.locator("h1")).to_contain_text("Norrforsens kommun")
    expect(printable.locator("body")).to_contain_text("209,7")
    expect(page.locator(LIVE)).not_to_contain_text("kunde inte hämtas")


def test_brief_by_keyboard_only(page: Page, server: str) -> None:
    page.goto(f"{server}/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if "launcher" in focused(page)["cls"]:
            break
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "ds-input"
    for _ in range(10):  # back to "Välj huvudman"
        page.keyboard.press("Shift+Tab")
        if focused(page)["text"] == "Välj huvudman":
            break
    page.keyboard.press("Enter")
    page.keyboard.type("Norrforsens")
    page.locator(".pick", has_text="Norrforsens").wait_for()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "ds-input"

    def tab_to(text: str, backwards: bool = False) -> dict[str, Any]:
        for _ in range(60):
            page.keyboard.press("Shift+Tab" if backwards else "Tab")
            now = focused(page)
            if now["text"].startswith(text):
                return now
        raise AssertionError(f"Tab never reached {text!r}")

    button = tab_to(BRIEF_BUTTON, backwards=True)
    assert button["outline"] != "none", "the button's focus is not visible"
    page.keyboard.press("Enter")
    view = page.locator(BRIEF)
    expect(view.locator(".card").first).to_be_visible()
    assert focused(page)["id"] == "ds-brief-h"

    # Focus stays in the view: Shift+Tab from the heading wraps to its last control, Tab back.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["inside"]
    expect(view.locator(":focus")).to_have_count(1)
    page.keyboard.press("Tab")
    assert focused(page)["text"] == BACK
    ask = tab_to("Fråga om detta")
    assert ask["outline"] != "none" and ask["outlineWidth"] != "0px", "focus not visible"

    page.keyboard.press("Escape")
    expect(view).to_be_hidden()
    assert focused(page)["text"] == BRIEF_BUTTON

    page.keyboard.press("Enter")
    expect(view.locator(".card").first).to_be_visible()
    assert focused(page)["id"] == "ds-brief-h"
    back = tab_to(BACK)
    assert back["tag"] == "button"
    page.keyboard.press("Enter")
    expect(view).to_be_hidden()
    assert focused(page)["text"] == BRIEF_BUTTON

    # Enter on "Fråga om detta" asks in the conversation.
    page.keyboard.press("Enter")
    expect(view.locator(".card").first).to_be_visible()
    tab_to("Fråga om detta")
    with page.expect_request(STREAM) as sent:
        page.keyboard.press("Enter")
    expect(view).to_be_hidden()
    assert json.loads(sent.value.post_data or "{}")["message"].startswith("Hur har ")
    expect(page.locator(ANSWER)).to_have_count(1)
    assert focused(page)["id"] == "ds-input"


def test_ask_about_items(page: Page, server: str) -> None:
    expected = brief_json(page, server, "0917")
    indicator = items(expected, "indikatorer")[0]
    question = items(expected, "fragor")[0]
    view = open_brief(page, server)

    with page.expect_request(STREAM) as first:
        card(page, indicator["namn"]).get_by_role(
            "button", name=f"Fråga om detta: {indicator['namn']}", exact=True
        ).click()
    body = json.loads(first.value.post_data or "{}")
    assert body["message"] == (
        "Hur har genomsnittligt meritvärde i årskurs 9 (17 ämnen) utvecklats för "
        "Norrforsens kommun jämfört med riket?"
    )
    assert body["huvudman_id"] == "0917"
    expect(view).to_be_hidden()
    expect(page.locator(".msg.user")).to_have_text(f"Du: {body['message']}")
    answer = page.locator(ANSWER).last
    expect(answer).to_contain_text(indicator["varde"])
    expect(answer).not_to_have_class(re.compile("unsupported"))
    expect(answer.locator(".cite-ref").first).to_be_visible()
    expect(answer.locator(".slist")).to_contain_text("Indikatorpaket: Norrforsens kommun")

    # A suggested question is sent as it stands, in the same conversation.
    page.get_by_role("button", name=BRIEF_BUTTON).click()
    expect(view.locator(".card").first).to_be_visible()
    with page.expect_request(STREAM) as second:
        view.get_by_role("button", name=f"Fråga om detta: {question['question']}").first.click()
    follow_up = json.loads(second.value.post_data or "{}")
    assert follow_up["message"] == question["question"]
    assert follow_up["conversation_id"]
    expect(page.locator(ANSWER)).to_have_count(2)
    expect(page.locator(ANSWER).last.locator(".cite-ref").first).to_be_visible()
    assert focused(page)["id"] == "ds-input"
    screenshot(page, "11-brief-follow-up")
    assert_accessible(page, "answer to a brief item")


def test_brief_errors(page: Page, server: str) -> None:
    # An unknown huvudman on a page that fixes the scope: the server's 404, said in Swedish.
    html = """<!doctype html><html lang="sv"><head><meta charset="utf-8">
        <title>Okänd</title></head><body><main><h1>Okänd huvudman</h1><div id="chatt"></div>
        </main><script src="/widget.js" data-api="" data-huvudman="9999" data-inline="#chatt"
        defer></script></body></html>"""
    page.route("**/okand", lambda route: route.fulfill(content_type="text/html", body=html))
    page.goto(f"{server}/okand")
    button = page.get_by_role("button", name=BRIEF_BUTTON)
    with page.expect_response(re.compile(r"/brief\?format=json$")) as response:
        button.click()
    assert response.value.status == 404
    alert = page.locator(ALERT)
    expect(alert).to_contain_text("Förberedelsen kunde inte hämtas.")
    expect(alert).to_contain_text("Huvudmannen finns inte i underlaget.")
    expect(page.locator(BRIEF)).to_be_hidden()
    assert focused(page)["text"] == BRIEF_BUTTON

    # The network fails.
    page.route("**/api/huvudman/*/brief*", lambda route: route.abort())
    page.evaluate("() => sessionStorage.clear()")
    open_widget(page, server)
    choose_huvudman(page, "Norrforsens")
    page.get_by_role("button", name=BRIEF_BUTTON).click()
    expect(alert).to_contain_text("Förberedelsen kunde inte hämtas. Kunde inte nå servern.")
    expect(page.locator(BRIEF)).to_be_hidden()
    assert focused(page)["text"] == BRIEF_BUTTON
    assert_accessible(page, "brief could not be fetched")
