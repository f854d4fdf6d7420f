"""A short soak: the mixed traffic of `make soak` against the shared server, with no errors."""

from __future__ import annotations

from evals.soak import soak
from tests.hostile.conftest import ADMIN_TOKEN


def test_mixed_traffic_runs_without_errors(hostile_server: str) -> None:
    figures = soak(hostile_server, seconds=40, clients=3, token=ADMIN_TOKEN)
    kinds = figures["kinds"]
    assert isinstance(kinds, dict)
    assert figures["errors"] == 0, kinds
    # Every kind of work ran, and an ingest round is three recorded steps.
    assert all(part["requests"] > 0 for part in kinds.values()), kinds
    assert kinds["ingest"]["requests"] % 3 == 0, kinds
