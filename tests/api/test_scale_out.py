"""Two API worker processes behind one Chroma server, sharing the catalogue and conversations."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from evals.serving import running_server
from tests.api.conftest import ADMIN_TOKEN

MERIT = "Vilket meritvärde hade eleverna i årskurs 9 2024?"


@pytest.fixture(scope="module")
def workers(
    tmp_path_factory: pytest.TempPathFactory, chroma_server: str
) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("two-workers")
    env = {
        "DIALOGSTOD_CHROMA_URL": chroma_server,
        "DIALOGSTOD_COLLECTION": "two-workers",
        "DIALOGSTOD_ADMIN_TOKEN": ADMIN_TOKEN,
        "DIALOGSTOD_RATE_LIMIT_PER_MINUTE": "0",
    }
    with (
        running_server(root, env, name="worker-a") as first,
        running_server(root, env, name="worker-b") as second,
    ):
        yield first, second


def test_both_workers_answer_alike(workers: tuple[str, str]) -> None:
    first, second = workers
    for question, scope in [(MERIT, "0917"), ("När öppnade regionkontoret i Luleå?", None)]:
        body = {"message": question, "huvudman_id": scope}
        answers = [httpx.post(f"{base}/api/chat", json=body, timeout=60).json() for base in workers]
        for answer in answers:
            answer.pop("conversation_id")
        assert answers[0] == answers[1] and answers[0]["supported"]
    assert httpx.get(f"{first}/api/health").json() == httpx.get(f"{second}/api/health").json()


def test_a_conversation_moves_between_workers(workers: tuple[str, str]) -> None:
    first, second = workers
    started = httpx.post(
        f"{first}/api/chat", json={"message": MERIT, "huvudman_id": "0917"}, timeout=60
    ).json()
    follow_up = httpx.post(
        f"{second}/api/chat",
        json={"message": "Och året innan?", "conversation_id": started["conversation_id"]},
        timeout=60,
    ).json()
    assert "218,3 poäng 2023" in follow_up["answer"]
    stored = httpx.get(f"{first}/api/conversations/{started['conversation_id']}").json()
    assert len(stored["messages"]) == 4


def test_an_upload_on_one_worker_is_seen_by_the_other(workers: tuple[str, str]) -> None:
    first, second = workers
    text = "# Fjällskolan\n\nFjällskolan i Tallvik har en egen skolträdgård med odlingslådor.\n"
    response = httpx.post(
        f"{first}/api/documents",
        files={"file": ("fjallskolan.md", text.encode(), "text/markdown")},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        timeout=120,
    )
    assert response.status_code == 201, response.text
    answer = httpx.post(
        f"{second}/api/chat",
        json={"message": "Vad har Fjällskolan i Tallvik för skolträdgård?"},
        timeout=60,
    ).json()
    assert "odlingslådor" in answer["answer"]
    assert answer["citations"][0]["source"] == "fjallskolan.md"
