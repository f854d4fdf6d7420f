"""Documents over HTTP: listing, admin-only upload and delete, bad files, and asking meanwhile."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from evals.serving import running_server
from tests.api.conftest import ADMIN_TOKEN, assert_error

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
NEW_DOC = (
    "# Skolbiblioteket i Tallvik\n\n"
    "Skolbiblioteket i Tallvik har öppet varje vardag och lånar ut läsplattor till eleverna.\n"
)


def test_documents_are_listed(client: httpx.Client) -> None:
    listed = {d["name"]: d for d in client.get("/api/documents").json()}
    assert len(listed) == 37  # 17 documents and packets, 20 Skolverket exports
    assert listed["uppdraget.pdf"]["kind"] == "document" and listed["uppdraget.pdf"]["chunks"] > 0
    assert listed["sjovik-2022-2024.csv"]["packet_rows"] == 18


def test_upload_needs_the_admin_token(client: httpx.Client) -> None:
    files = {"file": ("tallvik.md", NEW_DOC.encode(), "text/markdown")}
    assert_error(client.post("/api/documents", files=files), 403, "forbidden", "Bearer")
    wrong = {"Authorization": "Bearer fel"}
    assert_error(client.post("/api/documents", files=files, headers=wrong), 403, "forbidden")
    assert_error(client.delete("/api/documents/uppdraget.pdf"), 403, "forbidden")


def test_documents_disabled_without_a_token(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# A\n\nEn mening om skolan i Tallvik.\n", encoding="utf-8")
    with running_server(tmp_path, {"DIALOGSTOD_CORPUS_DIR": str(corpus)}) as base:
        files = {"file": ("b.md", b"# B\n\nText.\n", "text/markdown")}
        response = httpx.post(f"{base}/api/documents", files=files, headers=ADMIN)
        assert_error(response, 403, "admin_disabled", "DIALOGSTOD_ADMIN_TOKEN")


@pytest.mark.parametrize(
    ("name", "content", "status", "code", "fragment"),
    [
        ("virus.exe", b"MZ....", 415, "unsupported_type", ".exe"),
        ("bild.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), 422, "unreadable_file", "bild.pdf"),
        ("tom.txt", b"", 422, "unreadable_file", "tom.txt"),
        ("_dold.md", b"# x\n\ny\n", 422, "invalid_file_name", "filnamn"),
    ],
)
def test_bad_uploads_change_nothing(
    client: httpx.Client, name: str, content: bytes, status: int, code: str, fragment: str
) -> None:
    before = client.get("/api/documents").json()
    files = {"file": (name, content, "application/octet-stream")}
    assert_error(client.post("/api/documents", files=files, headers=ADMIN), status, code, fragment)
    assert client.get("/api/documents").json() == before


def test_upload_ask_replace_delete_while_others_ask(client: httpx.Client) -> None:
    question = {"message": "Vilka tre delar består en kvalitetsdialog av?"}
    expected = client.post("/api/chat", json=question).json()["answer"]

    def keep_asking(_: int) -> list[int]:
        return [client.post("/api/chat", json=question).status_code for _ in range(6)]

    with ThreadPoolExecutor(max_workers=5) as pool:
        askers = [pool.submit(keep_asking, i) for i in range(4)]
        # A traversal attempt in the name is reduced to its last component.
        files = {"file": ("../../tallvik.md", NEW_DOC.encode(), "text/markdown")}
        uploaded = client.post("/api/documents", files=files, headers=ADMIN)
        statuses = [s for future in askers for s in future.result()]
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["files_ingested"] == 1
    assert statuses == [200] * 24
    assert client.post("/api/chat", json=question).json()["answer"] == expected

    answer = client.post("/api/chat", json={"message": "Vad lånar skolbiblioteket i Tallvik ut?"})
    assert "läsplattor" in answer.json()["answer"]
    assert answer.json()["citations"][0]["source"] == "tallvik.md"

    replacement = NEW_DOC.replace("läsplattor", "ljudböcker")
    files = {"file": ("tallvik.md", replacement.encode(), "text/markdown")}
    assert client.post("/api/documents", files=files, headers=ADMIN).status_code == 201
    answer = client.post("/api/chat", json={"message": "Vad lånar skolbiblioteket i Tallvik ut?"})
    assert "ljudböcker" in answer.json()["answer"] and "läsplattor" not in answer.json()["answer"]

    assert client.delete("/api/documents/tallvik.md", headers=ADMIN).status_code == 204
    names = {d["name"] for d in client.get("/api/documents").json()}
    assert "tallvik.md" not in names and len(names) == 37
    assert_error(client.delete("/api/documents/tallvik.md", headers=ADMIN), 404, "unknown_document")


def test_upload_over_the_size_limit(client: httpx.Client) -> None:
    big = b"a" * (26 * 1024 * 1024)
    files = {"file": ("stor.txt", big, "text/plain")}
    response = client.post("/api/documents", files=files, headers=ADMIN)
    assert_error(response, 413, "payload_too_large")
