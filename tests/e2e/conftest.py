"""Browser tests of the chat widget: real headless Chromium against a real `dialogstod serve`."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from assistant.settings import PROJECT_ROOT
from evals.serving import free_port, running_server

SHOTS = PROJECT_ROOT / "test-output" / "widget"
TIMEOUT_MS = 30_000

# The widget's parts, found through its open shadow root (Playwright's CSS pierces it).
HOST = "[data-dialogstod]"
LAUNCHER = ".launcher"
PANEL = "#ds-panel"
INPUT = "#ds-input"
ANSWER = ".msg.bot:not([aria-busy])"
CITE_DIALOG = ".cite"
ALERT = ".alert"
LIVE = "[role=status][aria-live]"
API_KEY = "demo-nyckel"
KEYED_PACKET = "norrforsen-2022-2024.csv"
MESSAGE_LIMIT = 300  # `limited_server`'s DIALOGSTOD_MAX_MESSAGE_CHARS, not the default 2000
SMALL_DOCUMENT = "# Regionkontor\n\nDet första gemensamma regionkontoret öppnade i Härnösand.\n"


IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"
# Code spans keep the markup as text in the Markdown reader (raw HTML would be dropped).
HOSTILE_DOCUMENT = f"""# Rutin för skolskjuts `{IMG}`

## Beställning av skolskjuts

Skolskjuts beställs senast på fredagen veckan före med blanketten `{IMG}` på kommunens webbplats.

Bussen för skolskjuts avgår från torget `{SCRIPT}` varje skoldag klockan sju på morgonen.
"""


class Intranet(ThreadingHTTPServer):
    """Another origin that embeds the widget: a real loopback server (Chromium blocks pages that
    are not on the loopback address space from calling the API there), serving `html` at /."""

    html = ""

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class IntranetPage(BaseHTTPRequestHandler):
    server: Intranet

    def do_GET(self) -> None:
        body = self.server.html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def intranet() -> Iterator[Intranet]:
    site = Intranet(("127.0.0.1", free_port()), IntranetPage)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield site
    site.shutdown()
    site.server_close()


@dataclass
class Server:
    base: str
    stop: Callable[[], None]


@pytest.fixture(scope="session")
def servers(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    intranet: Intranet,
) -> Iterator[dict[str, Server]]:
    """The servers the collected tests need, started side by side (each start loads a model).

    `server` serves the demo corpus and lets the intranet's origin call it (CORS);
    `hostile_server` and `stoppable_server` serve a one-file corpus with markup in it, the
    latter for a test that stops it; `keyed_server` serves one packet and requires an API key;
    `limited_server` serves one document and accepts questions of at most `MESSAGE_LIMIT`
    characters.
    """
    used = {name for item in request.session.items for name in getattr(item, "fixturenames", [])}
    hostile = tmp_path_factory.mktemp("hostile-corpus")
    (hostile / "skolskjuts.md").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    hostile_env = {"DIALOGSTOD_CORPUS_DIR": str(hostile)}
    keyed = tmp_path_factory.mktemp("keyed-corpus")
    shutil.copy(PROJECT_ROOT / "corpus" / "indikatorer" / KEYED_PACKET, keyed / KEYED_PACKET)
    keyed_env = {"DIALOGSTOD_CORPUS_DIR": str(keyed), "DIALOGSTOD_API_KEYS": API_KEY}
    small = tmp_path_factory.mktemp("small-corpus")
    (small / "regionkontor.md").write_text(SMALL_DOCUMENT, encoding="utf-8")
    limited_env = {
        "DIALOGSTOD_CORPUS_DIR": str(small),
        "DIALOGSTOD_MAX_MESSAGE_CHARS": str(MESSAGE_LIMIT),
    }
    wanted = {
        name: env
        for name, env in (
            ("server", {"DIALOGSTOD_CORS_ORIGINS": intranet.origin}),
            ("hostile_server", hostile_env),
            ("stoppable_server", hostile_env),
            ("keyed_server", keyed_env),
            ("limited_server", limited_env),
        )
        if name in used
    }
    stacks = {name: ExitStack() for name in wanted}

    def start(name: str) -> str:
        root = tmp_path_factory.mktemp(name.replace("_", "-"))
        return str(stacks[name].enter_context(running_server(root, wanted[name])))

    started: dict[str, Server] = {}
    try:
        # Two at a time: the small servers start while the demo corpus is being embedded.
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {name: pool.submit(start, name) for name in wanted}
            for name, future in futures.items():
                started[name] = Server(future.result(), stacks[name].close)
        yield started
    finally:
        for stack in stacks.values():
            stack.close()


@pytest.fixture(scope="session")
def server(servers: dict[str, Server]) -> str:
    """`dialogstod serve` over the demo corpus, shared by all widget tests that only read."""
    return servers["server"].base


@pytest.fixture(scope="session")
def hostile_server(servers: dict[str, Server]) -> str:
    """A server whose only document has `<img onerror>` and `<script>` in its text."""
    return servers["hostile_server"].base


@pytest.fixture(scope="session")
def stoppable_server(servers: dict[str, Server]) -> Server:
    """A server of its own for the test that stops it."""
    return servers["stoppable_server"]


@pytest.fixture(scope="session")
def keyed_server(servers: dict[str, Server]) -> str:
    """A server that answers only requests with `API_KEY`; its corpus is one demo packet."""
    return servers["keyed_server"].base


@pytest.fixture(scope="session")
def limited_server(servers: dict[str, Server]) -> str:
    """A server whose message limit is `MESSAGE_LIMIT` characters."""
    return servers["limited_server"].base


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context (own sessionStorage) per test, at a desktop size."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE")
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


def screenshot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def focused(page: Page) -> dict[str, Any]:
    """What has focus: inside the widget's shadow root when focus is there."""
    return page.evaluate(
        """() => {
            const host = document.querySelector('[data-dialogstod]');
            let node = document.activeElement;
            const inside = host && node === host;
            if (inside) node = host.shadowRoot.activeElement;
            if (!node) return {inside: false, tag: null, cls: '', text: '', outline: 'none'};
            const style = getComputedStyle(node);
            return {inside, tag: node.tagName.toLowerCase(), cls: String(node.className || ''),
                    id: node.id || '', text: (node.textContent || '').trim(),
                    outline: style.outlineStyle, outlineWidth: style.outlineWidth};
        }"""
    )


def open_widget(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    page.locator(LAUNCHER).click()
    page.locator(INPUT).wait_for(state="visible")


def choose_huvudman(page: Page, query: str) -> None:
    page.locator(".scope .link").click()
    page.locator("#ds-search").fill(query)
    page.locator(".pick").first.wait_for()
    page.locator(".pick", has_text=query).first.click()


def ask(page: Page, question: str) -> None:
    answers = page.locator(ANSWER).count()
    page.locator(INPUT).fill(question)
    page.locator(INPUT).press("Enter")
    page.locator(ANSWER).nth(answers).wait_for()


def watch_live_region(page: Page) -> None:
    """Record every non-empty text the widget's live region gets, in window.__announced."""
    page.evaluate(
        """() => {
            window.__announced = [];
            const live = document.querySelector('[data-dialogstod]').shadowRoot
                .querySelector('[role=status][aria-live]');
            new MutationObserver(() => {
                const text = live.textContent.trim();
                if (text) window.__announced.push(text);
            }).observe(live, {childList: true, characterData: true, subtree: true});
        }"""
    )
