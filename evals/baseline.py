"""The baseline: the plain LangChain RAG pipeline a user would build over the same corpus.

- files read as text: Markdown and TXT as they are, PDF/DOCX/HTML through Dialogstöd's readers
  (standing in for LangChain's document loaders), packet CSV files as their text and XLSX cells
  joined as text, one line per row;
- `RecursiveCharacterTextSplitter` (1,000 characters, 200 overlap: the LangChain tutorial values);
- `langchain_chroma.Chroma` with the same sentence-transformers model as Dialogstöd through a
  LangChain `Embeddings` adapter over our `Embedder` (never Chroma's own default embedding);
- top 4 by similarity; no BM25, no packet table, no huvudman scope;
- the answer is a template over the top passage, always "supported":
  "Enligt {source}: {its first two sentences} [1]".
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings

from assistant.answer.citations import snippet
from assistant.errors import DialogstodError
from assistant.index.embeddings import Embedder
from assistant.types import Answer, Citation
from evals.devset import item_turns
from evals.harness import PACKET_SUFFIXES, Exchange, Run, corpus_owners

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class EmbedderEmbeddings(Embeddings):
    """LangChain's `Embeddings` over a Dialogstöd `Embedder` (query/passage modes kept)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in self.embedder.embed_documents(texts)]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self.embedder.embed_query(text)]


def read_as_text(path: Path) -> str:
    """A file's content as plain text, the way a simple loader would hand it over."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return raw.decode("cp1252")
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        lines = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(cell) for cell in row if cell is not None]
                if cells:
                    lines.append(" ".join(cells))
        workbook.close()
        return "\n".join(lines)
    if suffix in (".md", ".txt"):
        from assistant.ingest.readers import decode_text

        # Saved web pages come in Windows-1252 too; LangChain's TextLoader would detect it.
        return decode_text(path.read_bytes(), path)
    from assistant.ingest.pipeline import doc_type_for
    from assistant.ingest.readers import read_document

    document = read_document(path, doc_type_for(path))
    parts = []
    for section in document.sections:
        heading = section.heading_path[-1] if section.heading_path else ""
        parts.append(f"{heading}\n{section.text}" if heading else section.text)
    return "\n\n".join(parts)


def load_documents(corpus_dirs: Sequence[Path]) -> list[LCDocument]:
    from assistant.ingest.pipeline import find_files

    return [
        LCDocument(page_content=read_as_text(path), metadata={"source": path.name})
        for path in find_files(list(corpus_dirs))
    ]


def first_sentences(text: str, count: int = 2) -> str:
    sentences = [s for s in SENTENCE_END.split(" ".join(text.split())) if s]
    return " ".join(sentences[:count])


class LangChainBaseline:
    """The baseline as a backend of the harness."""

    name = "baseline"

    def __init__(
        self,
        embedder: Embedder,
        corpus_dir: Path,
        extra_dirs: Sequence[Path] = (),
        persist_dir: Path | None = None,
        *,
        chunk_size: int = CHUNK_SIZE,
        chunk_overlap: int = CHUNK_OVERLAP,
        top_k: int = TOP_K,
    ) -> None:
        try:
            from langchain_chroma import Chroma
            from langchain_text_splitters import RecursiveCharacterTextSplitter
        except ImportError as exc:
            raise DialogstodError(
                "LangChain-baslinjen behöver extrat eval: kör `make install` eller "
                "`pip install -e '.[eval]'`, eller utvärdera med --no-baseline."
            ) from exc

        self.corpus_dir = corpus_dir
        self.top_k = top_k
        self.description = (
            f"LangChain: RecursiveCharacterTextSplitter({chunk_size}/{chunk_overlap}), Chroma, "
            f"{embedder.name}, topp {top_k}, mallsvar"
        )
        self._tmp = None if persist_dir else tempfile.TemporaryDirectory(prefix="eval-baseline-")
        directory = persist_dir or Path(self._tmp.name)  # type: ignore[union-attr]
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size, chunk_overlap=chunk_overlap
        )
        started = time.perf_counter()
        self.chunks = splitter.split_documents(load_documents([corpus_dir, *extra_dirs]))
        self.embeddings = EmbedderEmbeddings(embedder)
        self.store = Chroma(
            collection_name="baseline",
            embedding_function=self.embeddings,
            persist_directory=str(directory),
            collection_metadata={"hnsw:space": "cosine"},
        )
        ids = [f"{c.metadata['source']}:{i}" for i, c in enumerate(self.chunks)]
        self.store.add_documents(self.chunks, ids=ids)
        self.build_seconds = time.perf_counter() - started

    def packet_owners(self) -> dict[str, set[str]]:
        return corpus_owners(self.corpus_dir)

    def search(self, question: str) -> list[tuple[LCDocument, float]]:
        return self.store.similarity_search_with_score(question, k=self.top_k)

    def answer(self, question: str) -> tuple[Answer, list[str]]:
        hits = self.search(question)
        if not hits:
            return Answer(answer="Enligt underlaget: inget hittades [1]", supported=True), []
        top = hits[0][0]
        source = str(top.metadata["source"])
        text = f"Enligt {source}: {first_sentences(top.page_content)} [1]"
        citation = Citation(
            n=1,
            source=source,
            title=source,
            locator="avsnitt 1",
            snippet=snippet(top.page_content),
            chunk_id=f"baseline:{source}",
        )
        ranked = [str(doc.metadata["source"]) for doc, _ in hits]
        return Answer(answer=text, supported=True, citations=[citation]), ranked

    def run(self, item: dict[str, Any]) -> Run:
        # No conversations: a plain pipeline answers every message on its own.
        run = Run()
        ranked: list[str] = []
        for turn in item_turns(item):
            started = time.perf_counter()
            answer, ranked = self.answer(turn)
            run.exchanges.append(Exchange(turn, answer, 1000 * (time.perf_counter() - started)))
        run.retrieved = ranked
        return run

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()


def packet_chunks(chunks: Sequence[LCDocument]) -> int:
    return sum(str(c.metadata["source"]).endswith(PACKET_SUFFIXES) for c in chunks)
