"""The text a passage is embedded and BM25-indexed by."""

from __future__ import annotations

from assistant.types import Chunk


def embedding_text(chunk: Chunk) -> str:
    """The text we embed and BM25-index: "title — heading path: text", so headings help recall."""
    path = list(chunk.heading_path)
    if path and path[0] == chunk.title:  # a document's H1 is usually its title; say it once
        path = path[1:]
    place = f"{chunk.title} — {' > '.join(path)}" if path else chunk.title
    return f"{place}: {chunk.text}"
