"""GET /api/sources/{chunk_id}: the passage, its neighbours, and scope enforcement."""

from __future__ import annotations

import httpx

from tests.api.conftest import assert_error


def test_document_source_with_neighbours(client: httpx.Client) -> None:
    body = client.post("/api/chat", json={"message": "När öppnade regionkontoret i Luleå?"}).json()
    citation = body["citations"][0]
    source = client.get(f"/api/sources/{citation['chunk_id']}").json()
    assert source["chunk_id"] == citation["chunk_id"]
    assert source["source"] == citation["source"] == "regionkontor.docx"
    assert source["locator"] == citation["locator"]
    assert "21 december 2022" in source["text"]
    assert source["before"] or source["after"]


def test_packet_row_only_within_its_scope(client: httpx.Client) -> None:
    body = client.post(
        "/api/chat",
        json={
            "message": "Vilket meritvärde hade eleverna i årskurs 9 2023?",
            "huvudman_id": "0917",
        },
    ).json()
    chunk_id = body["citations"][0]["chunk_id"]
    conversation = body["conversation_id"]

    own = client.get(f"/api/sources/{chunk_id}", params={"conversation_id": conversation}).json()
    assert "218,3 poäng" in own["text"]
    assert "224,6 poäng" in own["before"] and "209,7 poäng" in own["after"]

    other = client.post(
        "/api/chat", json={"message": "Vad är ett analysunderlag?", "huvudman_id": "2795"}
    ).json()["conversation_id"]
    for params in ({"conversation_id": other}, {"huvudman_id": "2795"}, {}):
        response = client.get(f"/api/sources/{chunk_id}", params=params)
        message = assert_error(response, 404, "unknown_source", chunk_id)
        assert "218,3" not in message


def test_unknown_source_and_conversation(client: httpx.Client) -> None:
    assert_error(client.get("/api/sources/finns-inte:123"), 404, "unknown_source")
    assert_error(client.get("/api/sources/rad:x.csv:abc"), 404, "unknown_source")
    # Odd numbers are ids that do not exist, never a server error.
    for odd in ("rad:x.csv:²", "rad:x.csv:" + "9" * 20, "rad:x.csv:12:" + "9" * 20, "rad::"):
        assert_error(client.get(f"/api/sources/{odd}"), 404, "unknown_source")
    response = client.get("/api/sources/x", params={"conversation_id": "okänt"})
    assert_error(response, 404, "unknown_conversation")
