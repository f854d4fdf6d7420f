"""Both vector stores for real: Chroma embedded (PersistentClient) and Chroma's own server."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.ask import ask
from assistant.errors import DialogstodError
from assistant.index.store import Index
from assistant.index.vectorstore import open_vector_store
from assistant.ingest.pipeline import ingest
from assistant.settings import Settings
from evals.serving import free_port

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture(params=["embedded", "server"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    overrides: dict[str, object] = {"collection": tmp_path.name}
    if request.param == "server":
        overrides["chroma_url"] = request.getfixturevalue("chroma_server")
    return Settings(index_dir=tmp_path / "index").model_copy(update=overrides)


def unit(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    return array / np.linalg.norm(array)


def test_store_round_trip(settings: Settings) -> None:
    store = open_vector_store(settings)
    vectors = np.stack([unit([1, 0, 0]), unit([0, 1, 0]), unit([1, 1, 0])])
    store.upsert(["a", "b", "c"], vectors)
    assert store.ids() == {"a", "b", "c"}
    hits = store.search(unit([1, 0.1, 0]), 2)
    assert [h.chunk_id for h in hits] == ["a", "c"]
    assert hits[0].score == pytest.approx(float(unit([1, 0.1, 0]) @ unit([1, 0, 0])), abs=1e-4)
    assert np.allclose(store.vectors(["b"])["b"], vectors[1], atol=1e-6)
    store.delete(["a"])
    assert store.ids() == {"b", "c"}
    assert store.search(unit([1, 0, 0]), 5)[0].chunk_id == "c"


def test_no_default_embedding_function(settings: Settings) -> None:
    """Chroma must never embed text itself: its default function would download a model."""
    store = open_vector_store(settings)
    collection = store.collection  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="embedding function"):
        collection.query(query_texts=["meritvärde"], n_results=1)


def test_ingest_and_ask_through_each_store(
    settings: Settings, tmp_path: Path, embedder: Callable[..., object]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "regionkontor.md").write_text(
        "# Regionkontor\n\nDet första gemensamma regionkontoret öppnade i Härnösand. "
        "Därefter öppnade kontor i Malmö och Luleå under 2022.\n",
        encoding="utf-8",
    )
    index = Index(settings, embedder=embedder)  # type: ignore[arg-type]
    report = ingest(index, [docs])
    assert report.files_ingested == 1 and report.vectors_embedded == 1
    answer = ask(index, "Var öppnade det första gemensamma regionkontoret?")
    assert answer.supported
    assert "Härnösand" in answer.answer
    assert [c.source for c in answer.citations] == ["regionkontor.md"]
    index.close()


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path).model_copy(
        update={"chroma_url": f"http://127.0.0.1:{free_port()}"}
    )
    with pytest.raises(DialogstodError, match="chroma run"):
        open_vector_store(settings)


def test_chroma_url_must_be_http(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path).model_copy(update={"chroma_url": "grpc://x:1"})
    with pytest.raises(DialogstodError, match="http:// eller https://"):
        open_vector_store(settings)
