"""Conversations over real HTTP: follow-ups, scope that cannot switch, reading and deleting."""

from __future__ import annotations

import httpx

from tests.api.conftest import assert_error

MERIT = "Vilket meritvärde hade eleverna i årskurs 9 2024?"


def ask(client: httpx.Client, message: str, **fields: object) -> dict:
    response = client.post("/api/chat", json={"message": message, **fields})
    assert response.status_code == 200, response.text
    return response.json()


def test_follow_ups_are_read_from_the_history(client: httpx.Client) -> None:
    first = ask(client, MERIT, huvudman_id="0917")
    conversation = first["conversation_id"]
    assert "209,7 poäng 2024" in first["answer"]

    previous_year = ask(client, "Och året innan?", conversation_id=conversation)
    assert previous_year["conversation_id"] == conversation
    assert "218,3 poäng 2023" in previous_year["answer"]
    assert "209,7" not in previous_year["answer"]

    riket = ask(client, "Hur ligger det till jämfört med riket?", conversation_id=conversation)
    assert "meritvärde" in riket["answer"] and "Riket låg på 228,6 poäng" in riket["answer"]


def test_scope_cannot_switch_silently(client: httpx.Client) -> None:
    conversation = ask(client, MERIT, huvudman_id="0917")["conversation_id"]
    response = client.post(
        "/api/chat",
        json={"message": MERIT, "huvudman_id": "2795", "conversation_id": conversation},
    )
    assert_error(response, 409, "scope_conflict", "0917", "2795", "nytt samtal")
    # Naming the same huvudman again, or none, keeps the conversation going.
    assert ask(client, MERIT, huvudman_id="0917", conversation_id=conversation)["supported"]


def test_conversation_is_stored_and_can_be_deleted(client: httpx.Client) -> None:
    first = ask(client, MERIT, huvudman_id="9001")
    conversation = first["conversation_id"]
    ask(client, "Och året innan?", conversation_id=conversation)

    stored = client.get(f"/api/conversations/{conversation}").json()
    assert stored["huvudman_id"] == "9001"
    assert [m["role"] for m in stored["messages"]] == ["user", "assistant"] * 2
    assert stored["messages"][0]["text"] == MERIT
    assert stored["messages"][1]["citations"] == first["citations"]
    assert stored["messages"][3]["supported"] is True

    assert client.delete(f"/api/conversations/{conversation}").status_code == 204
    assert_error(client.get(f"/api/conversations/{conversation}"), 404, "unknown_conversation")
    assert_error(client.delete(f"/api/conversations/{conversation}"), 404, "unknown_conversation")
    response = client.post("/api/chat", json={"message": MERIT, "conversation_id": conversation})
    assert_error(response, 404, "unknown_conversation", conversation)


def test_unknown_huvudman_for_a_new_conversation(client: httpx.Client) -> None:
    response = client.post("/api/chat", json={"message": MERIT, "huvudman_id": "31337"})
    assert_error(response, 404, "unknown_huvudman", "31337")
