"""Retrieved passages for tests of the answerer, built without an index."""

from __future__ import annotations

from assistant.retrieve.hybrid import ScoredChunk
from assistant.types import Chunk


def passage(name: str, text: str, heading: str | None = None, *, title: str = "") -> ScoredChunk:
    """Passage `name` of the document `{name}.md` (titled `title`, or its name), under `heading`
    when one is given, as a search returns it."""
    title = title or name
    chunk = Chunk(
        chunk_id=name,
        source=f"{name}.md",
        title=title,
        doc_type="dokument",
        locator=heading or "",
        text=text,
        heading_path=[title, heading] if heading else [],
    )
    return ScoredChunk(chunk, 1.0, 0.9, 1.0)
