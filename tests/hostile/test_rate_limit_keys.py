"""The rate limit is keyed by the client's address (and key), cannot be rotated away, and forgets
clients whose bucket has refilled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import api.limits
from api.limits import RateLimiter
from assistant.index.store import Index
from evals.serving import running_server
from tests.hostile.conftest import copy_index

KEY = "delad-widgetnyckel"
QUESTION = {"message": "Vad är ett analysunderlag?"}


def serve(root: Path, index: Index, env: dict[str, str]) -> Iterator[str]:
    copy_index(index, root / "index")
    with running_server(root, {"DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "3", **env}) as base:
        yield base


@pytest.fixture(scope="module")
def open_server(tmp_path_factory: pytest.TempPathFactory, corpus_index: Index) -> Iterator[str]:
    yield from serve(tmp_path_factory.mktemp("limit-open"), corpus_index, {})


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory: pytest.TempPathFactory, corpus_index: Index) -> Iterator[str]:
    yield from serve(
        tmp_path_factory.mktemp("limit-keyed"), corpus_index, {"DIALOGSTOD_API_KEYS": KEY}
    )


def client_from(address: str, base: str) -> httpx.Client:
    """A client whose requests come from another loopback address (127.0.0.0/8)."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=base, transport=transport, timeout=60)


def test_a_rotated_key_header_does_not_refill_the_bucket(open_server: str) -> None:
    with httpx.Client(base_url=open_server, timeout=60) as http:
        codes = [
            http.post("/api/chat", json=QUESTION, headers={"X-API-Key": f"k{n}"}).status_code
            for n in range(4)
        ]
    assert codes == [200, 200, 200, 429]


def test_with_keys_each_address_has_its_own_bucket(keyed_server: str) -> None:
    headers = {"X-API-Key": KEY}
    with (
        client_from("127.0.0.1", keyed_server) as first,
        client_from("127.0.0.2", keyed_server) as second,
    ):
        assert [
            first.post("/api/chat", json=QUESTION, headers=headers).status_code for _ in range(4)
        ] == [
            200,
            200,
            200,
            429,
        ]
        # The same widget key from another user's address is not throttled by the first user.
        assert second.post("/api/chat", json=QUESTION, headers=headers).status_code == 200


def test_refilled_buckets_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(api.limits.time, "monotonic", lambda: clock[0])
    limiter = RateLimiter(per_minute=2)
    for n in range(500):
        assert limiter.acquire(f"10.{n}") is None
    assert len(limiter.buckets) == 500
    clock[0] += 61  # every bucket has refilled
    assert limiter.acquire("ny") is None
    assert set(limiter.buckets) == {"ny"}
