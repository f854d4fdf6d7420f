"""The index as one object: catalogue, vector store, lexical index and the embedding model."""

from __future__ import annotations

import threading
import uuid

import numpy as np

from assistant.errors import DialogstodError
from assistant.index.catalog import INDICATOR_SOURCE, Catalog
from assistant.index.embeddings import Embedder, load_embedder
from assistant.index.lexical import LexicalIndex
from assistant.index.vectorstore import VectorStore, open_vector_store
from assistant.settings import Settings
from assistant.text.passages import embedding_text
from assistant.types import Chunk

CATALOG_FILE = "catalog.sqlite"


class Index:
    """Opens the stores under `settings.index_dir`; the model and BM25 load on first use."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.catalog = Catalog(settings.index_dir / CATALOG_FILE)
        self.vectors: VectorStore = open_vector_store(settings)
        self._embedder = embedder
        self._lexical: LexicalIndex | None = None
        self._indicators: list[tuple[Chunk, np.ndarray]] | None = None
        self._generation = self.catalog.get_meta("generation")
        self._lock = threading.Lock()
        self._check_model()

    def _check_model(self) -> None:
        # Vectors of two models cannot be mixed in one collection.
        built_with = self.catalog.get_meta("embedding_model")
        if built_with is not None and built_with != self.settings.embedding_model:
            raise DialogstodError(
                f"Indexet i {self.settings.index_dir} byggdes med inbäddningsmodellen "
                f"'{built_with}', men '{self.settings.embedding_model}' är vald. Välj samma "
                "modell (DIALOGSTOD_EMBEDDING_MODEL) eller bygg ett nytt index i en annan "
                "katalog (--index)."
            )

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = load_embedder(self.settings.embedding_model)
            return self._embedder

    def _forget_if_changed(self) -> None:
        # Another process (a second API worker, a CLI ingest) may have changed the catalogue.
        generation = self.catalog.get_meta("generation")
        if generation != self._generation:
            self._generation = generation
            self._lexical = None
            self._indicators = None

    @property
    def lexical(self) -> LexicalIndex:
        with self._lock:
            self._forget_if_changed()
            if self._lexical is None:
                chunks = self.catalog.all_chunks()
                self._lexical = LexicalIndex(
                    [c.chunk_id for c in chunks], [embedding_text(c) for c in chunks]
                )
            return self._lexical

    def indicator_passages(self) -> list[tuple[Chunk, np.ndarray]]:
        """Every indicator passage with its vector, kept in memory: there are only a few."""
        with self._lock:
            self._forget_if_changed()
            if self._indicators is None:
                ids = sorted(self.catalog.chunk_ids(INDICATOR_SOURCE))
                chunks = self.catalog.chunks_by_id(ids)
                vectors = self.vectors.vectors(ids)
                self._indicators = [(chunks[i], vectors[i]) for i in ids if i in vectors]
            return self._indicators

    def chunks_changed(self) -> None:
        """Tell every process using this index that derived state must be rebuilt."""
        self.catalog.set_meta("embedding_model", self.settings.embedding_model)
        self.catalog.set_meta("generation", uuid.uuid4().hex)

    def is_empty(self) -> bool:
        return not self.catalog.sources()

    def close(self) -> None:
        self.catalog.close()
