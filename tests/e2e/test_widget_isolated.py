"""Widget tests that need a server of their own: a hostile document, and a server that stops."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser import assert_accessible
from tests.e2e.conftest import (
    ALERT,
    ANSWER,
    CITE_DIALOG,
    IMG,
    INPUT,
    SCRIPT,
    Server,
    ask,
    open_widget,
    screenshot,
)

QUESTION = "Hur beställs skolskjuts?"


def xss_fired(page: Page) -> object:
    return page.evaluate("() => window.__xss")


def markup_elements(page: Page) -> int:
    return int(
        page.evaluate(
            """() => document.querySelectorAll('img').length
                + document.querySelector('[data-dialogstod]').shadowRoot
                    .querySelectorAll('img, script').length"""
        )
    )


def test_hostile_document_is_rendered_as_text(page: Page, hostile_server: str) -> None:
    open_widget(page, hostile_server)
    ask(page, QUESTION)

    answer = page.locator(ANSWER).last
    expect(answer).not_to_have_class("msg bot unsupported")
    expect(answer).to_contain_text(IMG)
    expect(answer.locator(".slist")).to_contain_text(f"Rutin för skolskjuts {IMG}")

    answer.locator(".cite-ref").first.click()
    dialog = page.locator(CITE_DIALOG)
    expect(dialog.locator(".snippet")).to_contain_text(IMG)
    dialog.get_by_role("button", name="Visa sammanhang").click()
    expect(dialog.locator(".ctx")).to_contain_text(SCRIPT)
    page.wait_for_timeout(300)  # time for an injected handler to have run, had there been one

    assert xss_fired(page) is None
    assert markup_elements(page) == 0
    screenshot(page, "08-hostile-document")

    page.reload()  # the stored conversation is rendered as text too
    expect(page.locator(ANSWER).last).to_contain_text(IMG)
    assert xss_fired(page) is None
    assert markup_elements(page) == 0


def test_server_stopped(page: Page, stoppable_server: Server) -> None:
    open_widget(page, stoppable_server.base)
    stoppable_server.stop()
    page.locator(INPUT).fill(QUESTION)
    page.locator(INPUT).press("Enter")

    alert = page.locator(ALERT)
    expect(alert).to_contain_text("Kunde inte nå servern")
    expect(alert).to_contain_text("Din fråga finns kvar i rutan.")
    expect(page.locator(INPUT)).to_have_value(QUESTION)
    expect(page.locator(".msg")).to_have_count(0)
    screenshot(page, "09-error-offline")
    assert_accessible(page, "offline error")
