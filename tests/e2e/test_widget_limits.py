"""The widget's message limit comes from the server (GET /api/health), not from the script."""

from __future__ import annotations

import re

from playwright.sync_api import Page, Request, expect

from tests.e2e.conftest import ALERT, INPUT, LAUNCHER, MESSAGE_LIMIT

HEALTH = re.compile(r"/api/health$")
STREAM = re.compile(r"/api/chat/stream$")
QUESTION = "Var öppnade det första gemensamma regionkontoret? "


def question_of(length: int) -> str:
    """A question of exactly `length` characters, none of them trimmed away as spaces."""
    words = (QUESTION * (length // len(QUESTION) + 1))[: length - 1].rstrip()
    return words + "?" * (length - len(words))


def open_after_health(page: Page, base: str) -> None:
    """Opens the widget once its one health request has been answered."""
    with page.expect_response(HEALTH) as health:
        page.goto(f"{base}/")
    assert health.value.json()["limits"] == {"max_message_chars": MESSAGE_LIMIT}
    page.locator(LAUNCHER).click()
    page.locator(INPUT).wait_for(state="visible")


def test_widget_uses_the_server_limit(page: Page, limited_server: str) -> None:
    sent: list[Request] = []

    def record(request: Request) -> None:
        if STREAM.search(request.url):
            sent.append(request)

    page.on("request", record)
    open_after_health(page, limited_server)

    count = page.locator(".count")
    page.locator(INPUT).fill(question_of(MESSAGE_LIMIT + 1))
    expect(count).to_have_text(f"{MESSAGE_LIMIT + 1} av {MESSAGE_LIMIT} tecken.")
    expect(count).to_have_class(re.compile(r"\bover\b"))
    page.locator(INPUT).press("Enter")
    expect(page.locator(ALERT)).to_contain_text(f"högst {MESSAGE_LIMIT} tecken")
    assert not sent, "a question over the server's limit was sent"

    # Back within the limit the alert goes, and the question is sent and accepted.
    page.locator(INPUT).fill(question_of(MESSAGE_LIMIT))
    expect(page.locator(ALERT)).to_be_hidden()
    expect(count).not_to_have_class(re.compile(r"\bover\b"))
    with page.expect_response(STREAM) as streamed:
        page.locator(INPUT).press("Enter")
    assert streamed.value.status == 200
    expect(page.locator(".msg.bot:not([aria-busy])")).to_have_count(1)
    expect(page.locator(ALERT)).to_be_hidden()


def test_widget_falls_back_to_2000_without_health(page: Page, limited_server: str) -> None:
    page.route(HEALTH, lambda route: route.abort())
    page.goto(f"{limited_server}/")
    page.locator(LAUNCHER).click()
    page.locator(INPUT).fill("x" * 1900)
    expect(page.locator(".count")).to_have_text("1\u00a0900 av 2\u00a0000 tecken.")
    # The server still holds its own limit, and the widget says so in Swedish.
    page.locator(INPUT).press("Enter")
    expect(page.locator(ALERT)).to_contain_text("Frågan är för lång")
    expect(page.locator(INPUT)).to_have_value("x" * 1900)
