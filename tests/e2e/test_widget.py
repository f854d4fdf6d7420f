"""The chat widget on the demo page, end to end: asking, citations, keyboard, errors, a11y."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, Route, expect

from tests.browser import assert_accessible
from tests.e2e.conftest import (
    ALERT,
    ANSWER,
    CITE_DIALOG,
    INPUT,
    LAUNCHER,
    LIVE,
    PANEL,
    Intranet,
    ask,
    choose_huvudman,
    focused,
    open_widget,
    screenshot,
    watch_live_region,
)

MERIT_QUESTION = "Vilket meritvärde hade eleverna i årskurs 9 2024?"
GENERAL_QUESTION = "Vilka tre delar består en kvalitetsdialog av?"


def test_closed_widget_on_the_demo_page(page: Page, server: str) -> None:
    page.goto(f"{server}/")

    launcher = page.locator(LAUNCHER)
    expect(launcher).to_have_text("Fråga Dialogstöd")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(page.locator(PANEL)).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Förbered kvalitetsdialogen")
    assert page.locator("script[src='/widget.js'][data-api='']").count() == 1
    screenshot(page, "01-closed")
    assert_accessible(page, "closed")


def test_streamed_cited_answer(page: Page, server: str) -> None:
    open_widget(page, server)
    expect(page.locator(".scope")).to_contain_text("Allmänt underlag")
    choose_huvudman(page, "Norrforsens")
    expect(page.locator(".scope")).to_contain_text("Norrforsens kommun (0917)")
    expect(page.locator(".starter")).to_have_count(3)
    screenshot(page, "02-open-empty")
    assert_accessible(page, "open and empty")

    watch_live_region(page)
    with page.expect_response(re.compile(r"/api/chat/stream$")) as streamed:
        ask(page, MERIT_QUESTION)
    response = streamed.value
    assert response.headers["content-type"].startswith("text/event-stream")
    assert json.loads(response.request.post_data or "{}")["huvudman_id"] == "0917"

    answer = page.locator(ANSWER).last
    expect(answer).to_contain_text("209,7")
    expect(answer).not_to_have_class(re.compile("unsupported"))
    expect(answer.locator(".cite-ref")).to_have_count(2)
    expect(answer.locator(".cite-ref").first).to_have_text("Källa [1]")  # "Källa " is sr-only
    expect(answer.locator(".slist li")).to_have_count(1)
    expect(answer.locator(".slist")).to_contain_text("Indikatorpaket: Norrforsens kommun")
    expect(answer.locator(".slist")).to_contain_text("rad 4")
    expect(page.locator(INPUT)).to_have_value("")
    expect(page.locator(".msg.user")).to_contain_text(MERIT_QUESTION)
    # The finished answer is announced once, not token by token.
    page.wait_for_function("() => window.__announced.length > 0")
    page.wait_for_timeout(300)
    announced = page.evaluate("() => window.__announced")
    assert len(announced) == 1, announced
    assert announced[0].startswith("Svar: Genomsnittligt meritvärde")
    assert "[1]" not in announced[0]
    screenshot(page, "03-answered")
    assert_accessible(page, "answered")


def test_citation_panel_and_context(page: Page, server: str) -> None:
    open_widget(page, server)
    choose_huvudman(page, "0917")
    ask(page, MERIT_QUESTION)

    page.locator(".cite-ref").first.click()
    dialog = page.locator(CITE_DIALOG)
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("role", "dialog")
    expect(dialog.locator("h3")).to_have_text("Källa [1]")
    expect(dialog.locator(".cite-title")).to_have_text("Indikatorpaket: Norrforsens kommun")
    expect(dialog.locator(".meta")).to_contain_text("rad 4")
    expect(dialog.locator(".snippet")).to_contain_text("209,7")
    assert focused(page)["id"] == "ds-cite-h"
    expect(page.locator(".log")).to_have_attribute("inert", "")

    with page.expect_response(re.compile(r"/api/sources/")) as context_response:
        dialog.get_by_role("button", name="Visa sammanhang").click()
    assert context_response.value.status == 200
    assert "conversation_id=" in context_response.value.url
    expect(dialog.locator("mark")).to_contain_text("209,7")
    expect(dialog.locator(".around").first).to_contain_text("218,3")  # 2023, the row before
    screenshot(page, "04-citation-panel")
    assert_accessible(page, "citation panel open")

    dialog.get_by_role("button", name="Stäng källan").click()
    expect(dialog).to_be_hidden()
    assert "cite-ref" in focused(page)["cls"]

    # The source list under the answer opens the same panel.
    page.locator(".source").first.click()
    expect(dialog.locator(".cite-title")).to_have_text("Indikatorpaket: Norrforsens kommun")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert "source" in focused(page)["cls"]


def test_keyboard_only_flow(page: Page, server: str) -> None:
    page.goto(f"{server}/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if "launcher" in focused(page)["cls"]:
            break
    assert "launcher" in focused(page)["cls"], "Tab never reached the launcher"
    assert focused(page)["outline"] != "none", "the launcher's focus is not visible"

    page.keyboard.press("Enter")
    expect(page.locator(PANEL)).to_be_visible()
    assert focused(page)["id"] == "ds-input"
    page.keyboard.type(GENERAL_QUESTION)
    page.keyboard.press("Enter")
    expect(page.locator(ANSWER)).to_contain_text("tre delar")
    assert focused(page)["id"] == "ds-input"

    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if "cite-ref" in focused(page)["cls"]:
            break
    now = focused(page)
    assert "cite-ref" in now["cls"], now
    assert now["outline"] != "none" and now["outlineWidth"] != "0px", "citation focus not visible"

    page.keyboard.press("Enter")
    expect(page.locator(CITE_DIALOG)).to_be_visible()
    assert focused(page)["id"] == "ds-cite-h"
    # Focus stays inside the open citation panel.
    seen = set()
    for _ in range(6):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state["inside"], state
        seen.add(state["text"])
    assert "Visa sammanhang" in seen and "Stängkällan" in {s.replace(" ", "") for s in seen}
    while focused(page)["text"] != "Visa sammanhang":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(CITE_DIALOG).locator("mark")).to_be_visible()

    page.keyboard.press("Escape")
    expect(page.locator(CITE_DIALOG)).to_be_hidden()
    assert "cite-ref" in focused(page)["cls"]
    page.keyboard.press("Escape")
    expect(page.locator(PANEL)).to_be_hidden()
    assert "launcher" in focused(page)["cls"]
    expect(page.locator(LAUNCHER)).to_have_attribute("aria-expanded", "false")


def test_unsupported_answer_looks_different(page: Page, server: str) -> None:
    open_widget(page, server)
    ask(page, "Vilken färg har en giraff på månen?")

    answer = page.locator(ANSWER).last
    expect(answer).to_have_class(re.compile("unsupported"))
    expect(answer.locator(".badge")).to_have_text("!Inget stöd i underlaget")
    expect(answer.locator(".badge")).to_be_visible()
    expect(answer).to_contain_text("Jag hittar inget i underlaget")
    expect(answer.locator(".sources")).to_have_count(0)
    expect(answer.locator(".cite-ref")).to_have_count(0)
    screenshot(page, "05-unsupported")
    assert_accessible(page, "unsupported answer")


def test_conversation_survives_reload_and_can_be_restarted(page: Page, server: str) -> None:
    open_widget(page, server)
    choose_huvudman(page, "Norr")
    ask(page, MERIT_QUESTION)
    page.locator(INPUT).fill("ett utkast")

    page.reload()
    expect(page.locator(PANEL)).to_be_visible()  # it was open
    expect(page.locator(".scope")).to_contain_text("Norrforsens kommun (0917)")
    expect(page.locator(ANSWER)).to_contain_text("209,7")
    expect(page.locator(INPUT)).to_have_value("ett utkast")

    stored = page.evaluate("() => JSON.stringify(sessionStorage)")
    conversation_id = json.loads(next(iter(json.loads(stored).values())))["conversationId"]
    assert conversation_id
    with page.expect_request(re.compile(r"/api/chat/stream$")) as follow_up:
        ask(page, "Hur har det utvecklats?")
    assert json.loads(follow_up.value.post_data or "{}")["conversation_id"] == conversation_id
    expect(page.locator(ANSWER)).to_have_count(2)

    page.get_by_role("button", name="Nytt samtal").click()
    expect(page.locator(".msg")).to_have_count(0)
    expect(page.locator(".starter")).to_have_count(3)
    expect(page.locator(".scope")).to_contain_text("Norrforsens kommun (0917)")
    with page.expect_request(re.compile(r"/api/chat/stream$")) as fresh:
        page.locator(".starter").first.click()
    assert json.loads(fresh.value.post_data or "{}")["conversation_id"] is None
    expect(page.locator(ANSWER)).to_contain_text("209,7")


def test_copy_answer(page: Page, server: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_widget(page, server)
    ask(page, GENERAL_QUESTION)

    page.get_by_role("button", name="Kopiera svaret").click()
    expect(page.get_by_role("button", name="Kopierat")).to_be_visible()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "tre delar" in copied and "Källor:\n[1]" in copied


def test_rate_limited(page: Page, server: str) -> None:
    def limited(route: Route) -> None:
        route.fulfill(
            status=429,
            headers={"Retry-After": "7", "Content-Type": "application/json"},
            body=json.dumps(
                {"error": {"code": "rate_limited", "message": "För många frågor på kort tid."}}
            ),
        )

    page.route("**/api/chat/stream", limited)
    open_widget(page, server)
    page.locator(INPUT).fill(GENERAL_QUESTION)
    page.locator(INPUT).press("Enter")

    alert = page.locator(ALERT)
    expect(alert).to_be_visible()
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("Vänta 7 sekunder")
    expect(page.locator(INPUT)).to_have_value(GENERAL_QUESTION)
    expect(page.locator(".msg")).to_have_count(0)
    screenshot(page, "06-error-rate-limited")
    assert_accessible(page, "error shown")


def test_server_error_and_too_long_message(page: Page, server: str) -> None:
    page.route(
        "**/api/chat/stream",
        lambda route: route.fulfill(status=502, body="<html>Bad gateway</html>"),
    )
    open_widget(page, server)
    page.locator(INPUT).fill(GENERAL_QUESTION)
    page.locator(INPUT).press("Enter")
    expect(page.locator(ALERT)).to_contain_text("Något gick fel på servern")
    expect(page.locator(INPUT)).to_have_value(GENERAL_QUESTION)

    long_question = "Hur följer huvudmannen upp undervisningen? " * 50
    page.locator(INPUT).fill(long_question)
    expect(page.locator(".count")).to_contain_text("av 2\u00a0000 tecken")
    page.locator(INPUT).press("Enter")
    expect(page.locator(ALERT)).to_contain_text("Frågan är för lång")
    expect(page.locator(INPUT)).to_have_value(long_question)


def test_stream_error_event(page: Page, server: str) -> None:
    body = (
        'event: meta\ndata: {"conversation_id": "c1"}\n\n'
        'event: delta\ndata: {"text": "Del av "}\n\n'
        'event: error\ndata: {"code": "server_error", "message": "Ett oväntat fel uppstod."}\n\n'
    )
    page.route(
        "**/api/chat/stream",
        lambda route: route.fulfill(
            status=200, headers={"Content-Type": "text/event-stream"}, body=body
        ),
    )
    open_widget(page, server)
    page.locator(INPUT).fill(GENERAL_QUESTION)
    page.locator(INPUT).press("Enter")
    expect(page.locator(ALERT)).to_contain_text("Ett oväntat fel uppstod.")
    expect(page.locator(INPUT)).to_have_value(GENERAL_QUESTION)
    expect(page.locator(".msg")).to_have_count(0)


def test_narrow_screen_and_zoom(page: Page, server: str) -> None:
    for name, size in (("320px", (320, 640)), ("zoom-200", (640, 400))):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        open_widget(page, server)
        if name == "320px":
            ask(page, GENERAL_QUESTION)
        page.wait_for_function(
            "() => document.querySelector('[data-dialogstod]').shadowRoot"
            ".querySelector('#ds-panel').getAnimations().length === 0"
        )
        box = page.locator(PANEL).bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= size[0] + 0.5, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= size[1] + 0.5, box
        overflow = page.evaluate(
            """() => {
                const root = document.querySelector('[data-dialogstod]').shadowRoot;
                const panel = root.querySelector('#ds-panel');
                return [...panel.querySelectorAll('*')].filter(
                    (n) => n.getBoundingClientRect().right > panel.getBoundingClientRect().right + 1
                ).map((n) => n.className);
            }"""
        )
        assert overflow == [], overflow
        expect(page.locator(INPUT)).to_be_in_viewport()
        expect(page.get_by_role("button", name="Skicka")).to_be_in_viewport()
        screenshot(page, f"07-{name}")
        assert_accessible(page, name)
        page.keyboard.press("Escape")
        page.evaluate("() => sessionStorage.clear()")


def test_reduced_motion(page: Page, server: str) -> None:
    page.emulate_media(reduced_motion="reduce")
    open_widget(page, server)
    animation = page.evaluate(
        """() => getComputedStyle(document.querySelector('[data-dialogstod]')
            .shadowRoot.querySelector('#ds-panel')).animationName"""
    )
    assert animation == "none"


def test_fixed_huvudman_inline_with_api_key(page: Page, server: str) -> None:
    html = """<!doctype html><html lang="sv"><head><meta charset="utf-8">
        <title>Inbäddad</title></head><body><main><h1>Norrforsen</h1>
        <div id="chatt"></div></main>
        <script src="/widget.js" data-api="" data-huvudman="0917" data-inline="#chatt"
          data-title="Fråga om Norrforsen" data-api-key="demo-nyckel" defer></script>
        </body></html>"""
    page.route("**/inbaddad", lambda route: route.fulfill(content_type="text/html", body=html))
    page.goto(f"{server}/inbaddad")

    expect(page.locator(LAUNCHER)).to_have_count(0)
    panel = page.locator(PANEL)
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("role", "region")
    expect(page.locator("#chatt " + PANEL)).to_have_count(1)
    expect(page.locator(".title")).to_have_text("Fråga om Norrforsen")
    expect(page.locator(".scope")).to_contain_text("0917")
    expect(page.locator(".scope .link")).to_have_count(0)  # the scope is fixed
    with page.expect_request(re.compile(r"/api/chat/stream$")) as sent:
        ask(page, MERIT_QUESTION)
    assert sent.value.headers.get("x-api-key") == "demo-nyckel"
    assert json.loads(sent.value.post_data or "{}")["huvudman_id"] == "0917"
    expect(page.locator(ANSWER)).to_contain_text("209,7")
    expect(page.locator(".scope")).to_contain_text("Norrforsens kommun (0917)")
    page.keyboard.press("Escape")
    expect(panel).to_be_visible()  # inline panels do not close
    assert_accessible(page, "inline")


def test_huvudman_picker_is_searchable(page: Page, server: str) -> None:
    open_widget(page, server)
    page.locator(".scope .link").click()
    search = page.locator("#ds-search")
    expect(search).to_be_focused()
    listed = page.request.get(f"{server}/api/huvudman").json()["total"]
    assert 3 <= listed <= 20  # the demo corpus: all of them fit in the picker
    expect(page.locator(".pick")).to_have_count(1 + listed)  # "Ingen huvudman" + every one
    search.fill("sjovik")  # without the diaeresis
    expect(page.locator(".pick")).to_have_count(1)
    expect(page.locator(".pick")).to_contain_text("Sjöviks kommun")
    search.press("Enter")
    expect(page.locator(".scope")).to_contain_text("Sjöviks kommun (2795)")
    assert focused(page)["id"] == "ds-input"
    expect(page.locator(LIVE)).to_contain_text("Avgränsning: Sjöviks kommun (2795)")


def test_embedded_from_another_origin(page: Page, server: str, intranet: Intranet) -> None:
    """An intranet on another origin embeds the widget from the Dialogstöd host, with data-open."""
    intranet.html = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8">
        <title>Intranätet</title></head><body><main><h1>Intranätet</h1>
        <p><a href="#">En länk</a></p></main>
        <script src="{server}/widget.js" data-api="{server}/" data-open defer></script>
        </body></html>"""
    page.goto(f"{intranet.origin}/")

    expect(page.locator(PANEL)).to_be_visible()  # data-open
    assert not focused(page)["inside"]  # opening at load does not steal focus
    choose_huvudman(page, "Lärkträdet")
    ask(page, MERIT_QUESTION)
    expect(page.locator(ANSWER)).to_contain_text("Lärkträdets Skolor AB")
    page.locator(".cite-ref").first.click()
    page.get_by_role("button", name="Visa sammanhang").click()
    expect(page.locator(CITE_DIALOG).locator("mark")).to_be_visible()

    # Retry-After is readable across origins (the server exposes it).
    page.route(
        f"{server}/api/chat/stream",
        lambda route: route.fulfill(
            status=429,
            headers={
                "Retry-After": "12",
                "Access-Control-Allow-Origin": intranet.origin,
                "Access-Control-Expose-Headers": "Retry-After",
            },
            json={"error": {"code": "rate_limited", "message": "För många frågor."}},
        ),
    )
    page.keyboard.press("Escape")
    page.locator(INPUT).fill(GENERAL_QUESTION)
    page.locator(INPUT).press("Enter")
    expect(page.locator(ALERT)).to_contain_text("Vänta 12 sekunder")


def test_forgotten_conversation_is_started_again(page: Page, server: str) -> None:
    """A server that no longer knows the stored conversation (e.g. restarted): ask anew."""
    open_widget(page, server)
    ask(page, GENERAL_QUESTION)
    sent: list[dict[str, object]] = []

    def forget_once(route: Route) -> None:
        sent.append(json.loads(route.request.post_data or "{}"))
        if len(sent) == 1:
            route.fulfill(
                status=404,
                json={"error": {"code": "unknown_conversation", "message": "Samtalet finns inte."}},
            )
        else:
            route.continue_()

    page.route("**/api/chat/stream", forget_once)
    ask(page, "Vad innebär systematiskt kvalitetsarbete?")

    assert sent[0]["conversation_id"] and sent[1]["conversation_id"] is None
    expect(page.locator(ANSWER)).to_have_count(2)
    expect(page.locator(ALERT)).to_be_hidden()
