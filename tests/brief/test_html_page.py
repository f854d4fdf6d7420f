"""The printable HTML brief in real headless Chromium: self-contained, charts, links, axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from assistant.brief.compose import compose_brief
from assistant.brief.render import render_html
from assistant.index.store import Index
from assistant.settings import PROJECT_ROOT
from tests.browser import assert_accessible

SHOTS = PROJECT_ROOT / "test-output" / "brief"


def open_brief(browser: Browser, html: str, width: int = 1200) -> tuple[Page, list[str]]:
    """The page with every network request recorded and refused: it must need none."""
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="sv-SE")
    requests: list[str] = []

    def refuse(route: object) -> None:
        requests.append(route.request.url)  # type: ignore[attr-defined]
        route.abort()  # type: ignore[attr-defined]

    page.route("**/*", refuse)
    page.set_content(html, wait_until="load")
    return page, requests


@pytest.mark.parametrize("huvudman_id", ["0917", "9001"])
def test_html_brief_in_chromium(browser: Browser, demo_index: Index, huvudman_id: str) -> None:
    brief = compose_brief(demo_index, huvudman_id)
    html = render_html(brief)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"{huvudman_id}.html").write_text(html, encoding="utf-8")
    page, requests = open_brief(browser, html)
    try:
        page.screenshot(path=str(SHOTS / f"{huvudman_id}.png"), full_page=True)
        assert requests == []
        assert not re.search(r"<link|<script|src=|@import|url\(", html)
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.title() == brief.title
        assert page.locator("h1").inner_text() == brief.title

        charts = page.locator("svg.chart")
        assert charts.count() == len(brief.indicators) == 6
        for item, chart in zip(brief.indicators, charts.all(), strict=True):
            assert chart.get_attribute("role") == "img"
            assert item.namn in chart.locator("title").text_content()  # type: ignore[operator]
            labels = chart.locator("text").all_text_contents()
            for value in item.series:  # every number is written out, not only drawn
                if value.varde_num is not None:
                    assert value.varde in labels
                if value.riket_num is not None:
                    assert value.riket in labels
            # Riket differs from the huvudman by line style and marker shape, not colour only.
            assert chart.locator("polyline[stroke-dasharray]").count() >= 1
            assert chart.locator("polyline:not([stroke-dasharray])").count() >= 1
            assert chart.locator("rect").count() == sum(
                v.riket_num is not None for v in item.series
            )
        tables = page.locator("article.card table")
        assert tables.count() == 6
        assert tables.first.locator("tbody tr").count() == len(brief.indicators[0].series)

        # Every [n] goes to an entry of the source list.
        targets = {a.get_attribute("href") for a in page.locator("a.ref").all()}
        assert targets == {f"#kalla-{c.n}" for c in brief.citations}
        assert page.locator("ol.sources li").count() == len(brief.citations)
        assert page.locator(".badge", has_text="⚑").count() >= len(brief.flags)

        assert_accessible(page, f"brief {huvudman_id}")
    finally:
        page.close()


def test_html_brief_prints_without_overflow(browser: Browser, demo_index: Index) -> None:
    html = render_html(compose_brief(demo_index, "0917"))
    page, _ = open_brief(browser, html, width=794)  # A4 at 96 dpi
    try:
        page.emulate_media(media="print")
        page.screenshot(path=str(SHOTS / "0917-print.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        assert page.locator("article.card").first.evaluate(
            "e => getComputedStyle(e).breakInside"
        ) in ("avoid", "avoid-page")
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF")
    finally:
        page.close()
