"""Citation numbering: `[n]` markers handed out in order of first use, one per passage."""

from __future__ import annotations

import re

from assistant.types import Chunk, Citation

SNIPPET_CHARS = 500
MARKER = re.compile(r"\[(\d+)\]")


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)] + " …"


class CitationBook:
    """Remembers which passages an answer cites; only passages handed to `cite` can be cited."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._chunks: list[Chunk] = []

    def cite(self, chunk: Chunk) -> str:
        if chunk.chunk_id not in self._numbers:
            self._chunks.append(chunk)
            self._numbers[chunk.chunk_id] = len(self._chunks)
        return f"[{self._numbers[chunk.chunk_id]}]"

    def citations(self) -> list[Citation]:
        return [
            Citation(
                n=n,
                source=chunk.source,
                title=chunk.title,
                locator=chunk.locator,
                snippet=snippet(chunk.text),
                chunk_id=chunk.chunk_id,
            )
            for n, chunk in enumerate(self._chunks, start=1)
        ]


def cited_numbers(answer: str) -> set[int]:
    return {int(n) for n in MARKER.findall(answer)}
