"""Backends of the harness: HTTP conversations, the in-process path, the LangChain baseline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from assistant.index.embeddings import load_embedder
from assistant.index.store import Index
from assistant.settings import PROJECT_ROOT
from evals.harness import ApiBackend, InProcessBackend, evaluate

CORPUS = PROJECT_ROOT / "corpus"
FOLLOW_UP = {
    "id": "t-1",
    "turns": ["Vilket meritvärde hade eleverna i årskurs 9 i Norrforsen 2024?", "Och året innan?"],
    "huvudman_id": "0917",
    "answerable": True,
    "expected_facts": [["218,3"]],
    "expected_sources": ["norrforsen-2022-2024.csv"],
    "forbidden": ["203,4"],
    "tags": ["uppfoljning"],
}


def citation(line: int, text: str) -> dict[str, Any]:
    return {
        "n": 1,
        "source": "norrforsen-2022-2024.csv",
        "title": "Indikatorpaket: Norrforsens kommun",
        "locator": f"rad {line}",
        "snippet": text,
        "chunk_id": f"rad:norrforsen-2022-2024.csv:{line}",
    }


def test_api_backend_keeps_one_conversation_per_item() -> None:
    bodies: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        value, line = ("218,3", 3) if body["conversation_id"] else ("209,7", 4)
        return httpx.Response(
            200,
            json={
                "answer": f"Meritvärdet var {value} poäng [1].",
                "supported": True,
                "citations": [citation(line, f"Meritvärde, Norrforsens kommun: {value} poäng.")],
                "conversation_id": "samtal-1",
            },
        )

    client = httpx.Client(transport=httpx.MockTransport(handler))
    [result] = evaluate(
        ApiBackend("http://eval.test", client=client, corpus_dir=CORPUS), [FOLLOW_UP]
    )
    assert [b["message"] for b in bodies] == FOLLOW_UP["turns"]
    assert [b["conversation_id"] for b in bodies] == [None, "samtal-1"]
    assert {b["huvudman_id"] for b in bodies} == {"0917"}
    assert result.status == "pass", result.problems
    assert result.score.recall_at_k == 1.0
    assert len(result.score.latencies_ms) == 2


def test_api_errors_and_missing_conversations_are_reported() -> None:
    def failing(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": {"code": "unknown_huvudman", "message": "x"}})

    client = httpx.Client(transport=httpx.MockTransport(failing))
    [result] = evaluate(
        ApiBackend("http://eval.test", client=client, corpus_dir=CORPUS), [FOLLOW_UP]
    )
    assert result.status == "error" and "HTTP 404" in result.problems[0]

    def forgetful(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "answer": "Sjövik 203,4 [1].",
                "supported": True,
                "citations": [{**citation(4, "203,4"), "source": "sjovik-2022-2024.csv"}],
            },
        )

    client = httpx.Client(transport=httpx.MockTransport(forgetful))
    [result] = evaluate(
        ApiBackend("http://eval.test", client=client, corpus_dir=CORPUS), [FOLLOW_UP]
    )
    assert result.status == "fail"
    assert any("conversation_id" in p for p in result.problems)
    assert len(result.leaks) == 2  # the forbidden value and Sjövik's packet


def test_in_process_without_follow_ups_skips_multi_turn_items(corpus_index: Index) -> None:
    backend = InProcessBackend(corpus_index, follow_ups=False)
    single = {**FOLLOW_UP, "id": "t-2", "question": FOLLOW_UP["turns"][0]}
    del single["turns"]
    single["expected_facts"] = [["209,7"]]
    skipped, answered = evaluate(backend, [FOLLOW_UP, single])
    assert skipped.status == "skipped" and "--api" in str(skipped.run.skipped)
    assert answered.status == "pass", answered.problems
    assert answered.run.retrieved and answered.run.retrieved[0] == "norrforsen-2022-2024.csv"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("baseline-corpus")
    for name in (
        "indikatorer/sjovik-2022-2024.csv",
        "indikatorer/larktradet-2022-2024.xlsx",
        "uppdraget/kvalitetsdialogens-genomforande.md",
    ):
        shutil.copy(CORPUS / name, root / Path(name).name)
    return root


def test_baseline_is_the_plain_langchain_pipeline(small_corpus: Path, tmp_path: Path) -> None:
    from evals.baseline import LangChainBaseline

    embedder = load_embedder("minilm")
    plain = LangChainBaseline(embedder, small_corpus, persist_dir=tmp_path / "chroma")
    try:
        texts: dict[str, str] = {}
        for chunk in plain.chunks:
            source = chunk.metadata["source"]
            texts[source] = texts.get(source, "") + chunk.page_content
        assert "Sjöviks kommun" in texts["sjovik-2022-2024.csv"]  # Windows-1252 read as text
        assert "246.8" in texts["larktradet-2022-2024.xlsx"]  # XLSX cells joined as text
        assert all(len(c.page_content) <= 1000 for c in plain.chunks)
        # The vectors in Chroma are our model's, not Chroma's default embedding.
        first = plain.chunks[0]
        stored = plain.store.get(ids=[f"{first.metadata['source']}:0"], include=["embeddings"])
        ours = embedder.embed_documents([first.page_content])[0]
        assert np.allclose(np.asarray(stored["embeddings"][0]), ours, atol=1e-5)

        item = {**FOLLOW_UP, "id": "b-1", "question": "När startade kvalitetsdialogerna?"}
        del item["turns"]
        item.update(
            huvudman_id=None,
            expected_facts=[["oktober 2022"]],
            forbidden=[],
            expected_sources=["kvalitetsdialogens-genomforande.md"],
        )
        [result] = evaluate(plain, [item])
        answer = result.run.answer
        assert answer is not None and answer.supported
        assert answer.answer.startswith("Enligt ") and answer.answer.endswith("[1]")
        assert len(result.run.retrieved or []) == 4
    finally:
        plain.close()
