"""schemathesis against the served OpenAPI schema: no server errors, every response as documented.

The shared demo server, first without the admin token (document upload and removal refused),
then the document operations with it (what they upload is removed again). Every operation gets a
few valid and a few invalid requests (bounded).

schemathesis' pytest plugin does not run under pytest 9 (it sets `Function._nodeid`), so the
cases are drawn from its per-operation Hypothesis strategies directly; every response is checked
and recorded (a failure does not stop the operation's run).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.hostile.conftest import ADMIN_TOKEN

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = {GenerationMode.POSITIVE: 4, GenerationMode.NEGATIVE: 4}


@dataclass(frozen=True)
class Problem:
    operation: str
    status: int
    failures: tuple[str, ...]
    body: str
    curl: str

    def __str__(self) -> str:
        failures = " | ".join(" ".join(f.split()) for f in self.failures)
        return f"{self.operation} → {self.status}: {failures}; body {self.body}; {self.curl}"


@dataclass
class Outcome:
    requests: int
    statuses: dict[int, int]
    problems: list[Problem]


def exercise(base: str, headers: dict[str, str], path_regex: str | None = None) -> Outcome:
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    outcome = Outcome(0, {}, [])
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            raise AssertionError(f"the schema has an invalid operation: {result.err()}")
        operation = result.ok()
        if path_regex is not None and not operation.path.startswith(path_regex):
            continue
        for mode, examples in EXAMPLES.items():

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                response = case.call(base_url=base, headers=headers, timeout=120)
                outcome.requests += 1
                status = response.status_code
                outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
                try:
                    case.validate_response(response, checks=CHECKS, headers=headers)
                except BaseExceptionGroup as group:
                    found = tuple(f"{type(e).__name__}: {e}"[:300] for e in group.exceptions)
                    record(case, response, found)
                except AssertionError as failure:
                    record(case, response, (f"{type(failure).__name__}: {failure}"[:300],))

            def record(
                case: Any, response: Any, found: tuple[str, ...], label: str = operation.label
            ) -> None:
                outcome.problems.append(
                    Problem(
                        label,
                        response.status_code,
                        found,
                        response.text[:300],
                        case.as_curl_command(headers=headers)[:400],
                    )
                )

            with contextlib.suppress(Unsatisfiable):  # e.g. an operation without inputs
                run()
    return outcome


@pytest.fixture(scope="module")
def open_outcome(hostile_server: str) -> Outcome:
    """Every operation of the shared demo server, without the admin token."""
    return exercise(hostile_server, {})


@pytest.fixture(scope="module")
def admin_outcome(hostile_server: str, open_outcome: Outcome) -> Outcome:
    """The document operations with the admin token: uploads and removals really happen. What
    they added to the shared index is removed afterwards."""
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    before = {d["name"] for d in httpx.get(f"{hostile_server}/api/documents").json()}
    outcome = exercise(hostile_server, admin, "/api/documents")
    after = {d["name"] for d in httpx.get(f"{hostile_server}/api/documents").json()}
    for name in after - before:
        removed = httpx.delete(f"{hostile_server}/api/documents/{name}", headers=admin)
        assert removed.status_code == 204, removed.text
    assert before <= after, f"schemathesis removed shared documents: {before - after}"
    return outcome


def _unexpected(outcome: Outcome) -> str:
    return "\n".join(str(p) for p in outcome.problems)


def test_every_operation_answers_as_documented(open_outcome: Outcome) -> None:
    assert open_outcome.requests >= 40, open_outcome
    assert not [s for s in open_outcome.statuses if s >= 500], open_outcome.statuses
    assert not _unexpected(open_outcome), _unexpected(open_outcome)


def test_document_operations_with_a_token(admin_outcome: Outcome) -> None:
    assert admin_outcome.requests >= 10, admin_outcome
    assert not [s for s in admin_outcome.statuses if s >= 500], admin_outcome.statuses
    assert not _unexpected(admin_outcome), _unexpected(admin_outcome)


def test_undecodable_bodies_get_a_documented_status(hostile_server: str) -> None:
    spec = httpx.get(f"{hostile_server}/openapi.json").json()
    statuses = {}
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            response = httpx.request(
                method,
                f"{hostile_server}{path}",
                content=b'{"message": "\xff\xfe"}',
                headers={"content-type": "application/json"},
            )
            documented = {int(code) for code in operation["responses"]}
            statuses[f"{method.upper()} {path}"] = (response.status_code, documented)
            assert response.json()["error"]["code"] == "invalid_request", response.text
    broken_multipart = httpx.post(
        f"{hostile_server}/api/documents",
        content=b"--gr\r\n-40198330641--gr--\r\n",
        headers={
            "content-type": "multipart/form-data; boundary=gr",
            "Authorization": f"Bearer {ADMIN_TOKEN}",
        },
    )
    documented = {int(code) for code in spec["paths"]["/api/documents"]["post"]["responses"]}
    statuses["POST /api/documents (multipart)"] = (broken_multipart.status_code, documented)
    assert "multipart" in broken_multipart.json()["error"]["message"], broken_multipart.text
    assert statuses
    undocumented = {k: v for k, v in statuses.items() if v[0] not in v[1]}
    assert not undocumented, undocumented


def test_an_unsupported_upload_type_is_documented(hostile_server: str) -> None:
    spec = httpx.get(f"{hostile_server}/openapi.json").json()
    documented = {int(code) for code in spec["paths"]["/api/documents"]["post"]["responses"]}
    response = httpx.post(
        f"{hostile_server}/api/documents",
        files={"file": ("program.exe", b"MZ", "application/octet-stream")},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert response.status_code == 415, response.text
    assert response.status_code in documented, sorted(documented)
