"""POST /api/chat/stream read event by event, and a client that leaves mid-stream."""

from __future__ import annotations

import json

import httpx

from tests.api.conftest import assert_error

MERIT = "Vilket meritvärde hade eleverna i årskurs 9 2024?"


def read_events(response: httpx.Response) -> list[tuple[str, dict]]:
    events, name = [], None
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            events.append((name, json.loads(line.removeprefix("data: "))))
    return events


def test_stream_sends_meta_deltas_citations_done(client: httpx.Client) -> None:
    body = {"message": MERIT, "huvudman_id": "0917"}
    with client.stream("POST", "/api/chat/stream", json=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = read_events(response)
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-2:] == ["citations", "done"]
    assert set(names[1:-2]) == {"delta"} and len(names) > 10
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    # An extractive answer is checked before it is sent: nothing in it is provisional.
    assert all(data["provisional"] is False for name, data in events if name == "delta")
    assert events[0][1]["conversation_id"] == done["conversation_id"]
    assert events[-2][1]["citations"] == done["citations"]
    assert "209,7 poäng 2024 [1]" in done["answer"]
    plain = client.post("/api/chat", json=body).json()
    assert {k: v for k, v in plain.items() if k != "conversation_id"} == {
        k: v for k, v in done.items() if k != "conversation_id"
    }


def test_stream_errors_before_streaming_are_json(client: httpx.Client) -> None:
    response = client.post("/api/chat/stream", json={"message": MERIT, "huvudman_id": "nope"})
    assert_error(response, 404, "unknown_huvudman", "nope")
    assert_error(client.post("/api/chat/stream", content=b"{"), 422, "invalid_request")


def test_client_leaving_mid_stream_costs_the_server_nothing(client: httpx.Client) -> None:
    body = {"message": "Vilka tre delar består en kvalitetsdialog av?"}
    with client.stream("POST", "/api/chat/stream", json=body) as response:
        lines = response.iter_lines()
        assert next(lines) == "event: meta"
        conversation = json.loads(next(lines).removeprefix("data: "))["conversation_id"]
    # The server stays healthy, and nothing half-done is stored: the exchange is either
    # complete (answered before the client left) or absent (the work was cancelled).
    assert client.get("/api/health").status_code == 200
    stored = client.get(f"/api/conversations/{conversation}").json()
    assert [m["role"] for m in stored["messages"]] in ([], ["user", "assistant"])
    follow = client.post("/api/chat", json={"message": MERIT, "huvudman_id": "0917"})
    assert follow.status_code == 200
