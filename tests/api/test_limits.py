"""Keys, CORS, message and body limits, and the rate limit, on a small guarded server."""

from __future__ import annotations

import httpx

from tests.api.conftest import API_KEY, assert_error

QUESTION = {"message": "Var öppnade det första gemensamma regionkontoret?"}


def test_api_key_required_for_chat(guarded: str) -> None:
    response = httpx.post(f"{guarded}/api/chat", json=QUESTION)
    assert_error(response, 401, "unauthorized", "X-API-Key")
    response = httpx.post(f"{guarded}/api/chat", json=QUESTION, headers={"X-API-Key": "fel"})
    assert_error(response, 401, "unauthorized")
    # Health and the page stay open; only the chat endpoints are guarded.
    assert httpx.get(f"{guarded}/api/health").status_code == 200


def test_api_key_required_for_every_route_with_material(guarded: str) -> None:
    for path in ("/api/huvudman", "/api/huvudman/0917", "/api/huvudman/0917/brief?format=html"):
        assert_error(httpx.get(f"{guarded}{path}"), 401, "unauthorized", "X-API-Key")
    keyed = {"X-API-Key": "annan-nyckel"}  # its own bucket: the rate-limit test uses API_KEY
    assert httpx.get(f"{guarded}/api/huvudman", headers=keyed).status_code == 200
    # With the key the route answers as usual (this server holds no packets).
    response = httpx.get(f"{guarded}/api/huvudman/0917/brief", headers=keyed)
    assert_error(response, 404, "unknown_huvudman")
    # What stays open carries no material: health, the widget script and the demo page.
    for path in ("/api/health", "/widget.js", "/"):
        assert httpx.get(f"{guarded}{path}").status_code == 200, path


def test_message_limit_and_body_limit(guarded: str) -> None:
    headers = {"Authorization": "Bearer annan-nyckel"}
    response = httpx.post(f"{guarded}/api/chat", json={"message": "x" * 101}, headers=headers)
    assert_error(response, 422, "message_too_long", "101 tecken; högst 100")
    body = b'{"message": "' + b"x" * (70 * 1024) + b'"}'
    declared = httpx.post(
        f"{guarded}/api/chat",
        content=body,
        headers={**headers, "Content-Type": "application/json"},
    )
    assert_error(declared, 413, "payload_too_large", "för stor")

    def chunks():  # no Content-Length: the limit must hold while the body streams in
        for _ in range(70):
            yield b"x" * 1024

    streamed = httpx.post(
        f"{guarded}/api/chat",
        content=chunks(),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert_error(streamed, 413, "payload_too_large")


def test_cors_allowlist(guarded: str) -> None:
    allowed = httpx.options(
        f"{guarded}/api/chat",
        headers={"Origin": "https://intranat.example", "Access-Control-Request-Method": "POST"},
    )
    assert allowed.headers["access-control-allow-origin"] == "https://intranat.example"
    other = httpx.options(
        f"{guarded}/api/chat",
        headers={"Origin": "https://annan.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in other.headers


def test_rate_limit_answers_429_with_retry_after(guarded: str) -> None:
    headers = {"X-API-Key": API_KEY}
    statuses = [
        httpx.post(f"{guarded}/api/chat", json=QUESTION, headers=headers).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [200] * 5
    limited = httpx.post(f"{guarded}/api/chat", json=QUESTION, headers=headers)
    message = assert_error(limited, 429, "rate_limited", "sekunder")
    wait = int(limited.headers["retry-after"])
    assert 1 <= wait <= 12 and str(wait) in message


def test_health_reports_the_message_limit(guarded: str) -> None:
    # The widget sizes its character count from here, before any key is involved.
    response = httpx.get(f"{guarded}/api/health")
    assert response.status_code == 200
    assert response.json()["limits"] == {"max_message_chars": 100}
