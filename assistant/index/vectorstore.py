"""Vector stores behind one small protocol: Chroma embedded (default) or Chroma's own server.

We always hand Chroma our own vectors and never give it an embedding function, so its default
embedding (which would download a model) can never run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlparse

import numpy as np

from assistant.errors import DialogstodError
from assistant.settings import Settings


@dataclass(frozen=True)
class VectorHit:
    chunk_id: str
    score: float  # cosine similarity, higher is closer


class VectorStore(Protocol):
    def upsert(self, ids: Sequence[str], vectors: np.ndarray) -> None: ...

    def delete(self, ids: Sequence[str]) -> None: ...

    def ids(self) -> set[str]: ...

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]: ...

    def search(self, vector: np.ndarray, k: int) -> list[VectorHit]: ...


class ChromaStore:
    """A Chroma collection with cosine distance and no embedding function."""

    def __init__(self, client: Any, collection: str) -> None:
        self.collection = client.get_or_create_collection(
            collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    def upsert(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        batch = 1000  # stay below Chroma's maximum batch size
        for start in range(0, len(ids), batch):
            self.collection.upsert(
                ids=list(ids[start : start + batch]), embeddings=vectors[start : start + batch]
            )

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self.collection.delete(ids=list(ids))

    def ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        got = self.collection.get(ids=list(ids), include=["embeddings"])
        return {
            chunk_id: np.asarray(vector, dtype=np.float32)
            for chunk_id, vector in zip(got["ids"], got["embeddings"], strict=True)
        }

    def search(self, vector: np.ndarray, k: int) -> list[VectorHit]:
        count = self.collection.count()
        if count == 0:
            return []
        result = self.collection.query(
            query_embeddings=vector.reshape(1, -1), n_results=min(k, count), include=["distances"]
        )
        return [
            VectorHit(chunk_id, 1.0 - float(distance))
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]


def _chroma_settings() -> Any:
    import chromadb

    return chromadb.Settings(anonymized_telemetry=False)


def _open_embedded(settings: Settings) -> VectorStore:
    import chromadb

    client = chromadb.PersistentClient(
        path=str(settings.index_dir / "chroma"), settings=_chroma_settings()
    )
    return ChromaStore(client, settings.collection)


def _open_http(settings: Settings) -> VectorStore:
    import chromadb

    url = urlparse(settings.chroma_url or "")
    try:
        client = chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=_chroma_settings(),
        )
        client.heartbeat()
    except Exception as exc:
        raise DialogstodError(
            f"Chroma-servern på {settings.chroma_url} svarar inte ({exc}). Starta den med "
            "`chroma run --path DIR --port PORT`, eller ta bort DIALOGSTOD_CHROMA_URL för den "
            "inbyggda lagringen."
        ) from exc
    return ChromaStore(client, settings.collection)


# Keyed by the scheme of DIALOGSTOD_CHROMA_URL; no URL means the embedded store.
VECTOR_STORES: dict[str, Callable[[Settings], VectorStore]] = {
    "": _open_embedded,
    "http": _open_http,
    "https": _open_http,
}


def open_vector_store(settings: Settings) -> VectorStore:
    scheme = urlparse(settings.chroma_url or "").scheme
    opener = VECTOR_STORES.get(scheme)
    if opener is None:
        raise DialogstodError(
            f"DIALOGSTOD_CHROMA_URL '{settings.chroma_url}' ska börja med http:// eller https://."
        )
    return opener(settings)
