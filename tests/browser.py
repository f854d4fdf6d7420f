"""Checks for pages rendered in real Chromium: axe-core with the WCAG 2.1 A and AA rules."""

from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page: Page, state: str) -> None:
    """No axe-core violations in this state; on failure the violations are printed."""
    results = Axe().run(page, options=WCAG)
    if results.violations_count:
        print(f"axe violations in state '{state}':\n{results.generate_report()}")
        print(json.dumps(results.response["violations"], indent=1, ensure_ascii=False)[:6000])
    assert results.violations_count == 0, f"{results.violations_count} axe violations: {state}"
