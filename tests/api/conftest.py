"""Servers for the API tests: the demo corpus with documents enabled, and a tiny guarded one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from evals.serving import running_server

ADMIN_TOKEN = "test-admin-token"
API_KEY = "test-api-key"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo corpus, documents enabled, no rate limit."""
    env = {"DIALOGSTOD_ADMIN_TOKEN": ADMIN_TOKEN, "DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "0"}
    with running_server(tmp_path_factory.mktemp("api-full"), env) as base:
        yield base


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as http:
        yield http


def tiny_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "regionkontor.md").write_text(
        "# Regionkontor\n\nDet första gemensamma regionkontoret öppnade i Härnösand.\n",
        encoding="utf-8",
    )
    return corpus


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A one-document server with API keys, CORS, a short message limit and a rate limit."""
    root = tmp_path_factory.mktemp("api-guarded")
    env = {
        "DIALOGSTOD_CORPUS_DIR": str(tiny_corpus(root)),
        "DIALOGSTOD_API_KEYS": f"{API_KEY},annan-nyckel",
        "DIALOGSTOD_CORS_ORIGINS": "https://intranat.example",
        "DIALOGSTOD_MAX_MESSAGE_CHARS": "100",
        "DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "5",
    }
    with running_server(root, env) as base:
        yield base


def assert_error(response: httpx.Response, status: int, code: str, *fragments: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code, body
    message: str = body["error"]["message"]
    for fragment in fragments:
        assert fragment in message, message
    return message
