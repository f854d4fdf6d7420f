"""Cut a `Document` into citable `Chunk`s that never cross a heading or a page."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.text.sentences import split_sentences
from assistant.types import Chunk, Document, Section

_BULLET = re.compile(r"^[-*•–]\s")


@dataclass(frozen=True)
class _Piece:
    text: str
    paragraph: int  # 1-based index of the section it came from
    starts_section: bool


def chunk_document(doc: Document, max_chars: int = 900) -> list[Chunk]:
    """Pack whole paragraphs/sentences of same-heading, same-page sections into chunks."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    chunks: list[Chunk] = []
    seen_ids: set[str] = set()
    for heading_path, page, pieces in _groups(doc.sections, max_chars):
        for text, first, last in _pack(pieces, max_chars):
            ordinal = len(chunks)
            chunk_id = _chunk_id(doc.source, heading_path, text)
            if chunk_id in seen_ids:  # identical text under the same heading, e.g. a repeated note
                chunk_id = f"{chunk_id}-{ordinal}"
            seen_ids.add(chunk_id)
            chunks.append(
                Chunk(
                    chunk_id=chunk_id,
                    source=doc.source,
                    title=doc.title,
                    doc_type=doc.doc_type,
                    locator=locator(heading_path, page, first, last),
                    heading_path=list(heading_path),
                    text=text,
                    ordinal=ordinal,
                )
            )
    return chunks


def locator(heading_path: list[str], page: int | None, first: int, last: int) -> str:
    """Human-readable place: "s. 3 · Avsnitt: A > B", "Avsnitt: A > B" or "stycke 4–5"."""
    avsnitt = f"Avsnitt: {' > '.join(heading_path)}" if heading_path else ""
    if page is not None:
        return f"s. {page} · {avsnitt}" if avsnitt else f"s. {page}"
    if avsnitt:
        return avsnitt
    return f"stycke {first}" if first == last else f"stycke {first}–{last}"


def slug(source: str) -> str:
    """ASCII slug of a file name, stable across platforms: "Uppdrag Å.pdf" -> "uppdrag-a-pdf"."""
    ascii_text = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "dokument"


def _chunk_id(source: str, heading_path: list[str], text: str) -> str:
    digest = hashlib.sha1("\n".join([source, " > ".join(heading_path), text]).encode("utf-8"))
    return f"{slug(source)}:{digest.hexdigest()[:16]}"


def _groups(
    sections: list[Section], max_chars: int
) -> Iterator[tuple[list[str], int | None, list[_Piece]]]:
    """Runs of consecutive sections sharing heading path and page, cut into pieces."""
    key: tuple[tuple[str, ...], int | None] | None = None
    pieces: list[_Piece] = []
    for number, section in enumerate(sections, start=1):
        text = section.text.strip()
        if not text:
            continue
        section_key = (tuple(section.heading_path), section.page)
        if section_key != key:
            if key is not None and pieces:
                yield list(key[0]), key[1], pieces
            key, pieces = section_key, []
        units = _units(text, max_chars)
        pieces.extend(_Piece(unit, number, index == 0) for index, unit in enumerate(units))
    if key is not None and pieces:
        yield list(key[0]), key[1], pieces


def _units(text: str, max_chars: int) -> list[str]:
    """A paragraph whole if it fits, else its sentences, else a long sentence's word runs."""
    if len(text) <= max_chars:
        return [text]
    units: list[str] = []
    for sentence in split_sentences(text):
        units.extend(
            [sentence] if len(sentence) <= max_chars else _split_words(sentence, max_chars)
        )
    return units


def _split_words(text: str, max_chars: int) -> list[str]:
    parts: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > max_chars:  # no boundary to honour in an absurdly long token
            if current:
                parts.append(current)
                current = ""
            parts.append(word[:max_chars])
            word = word[max_chars:]
        if not word:
            continue
        if current and len(current) + 1 + len(word) > max_chars:
            parts.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        parts.append(current)
    return parts


def _pack(pieces: list[_Piece], max_chars: int) -> Iterator[tuple[str, int, int]]:
    """Greedily fill chunks up to max_chars; yields (text, first paragraph, last paragraph)."""
    text = ""
    first = last = 0
    for piece in pieces:
        # A blank line between sections keeps a date line or a list item from running into the
        # next sentence when the chunk is split into sentences again.
        separator = "\n\n" if piece.starts_section else "\n" if _BULLET.match(piece.text) else " "
        if text and len(text) + len(separator) + len(piece.text) <= max_chars:
            text += separator + piece.text
            last = piece.paragraph
            continue
        if text:
            yield text, first, last
        text, first, last = piece.text, piece.paragraph, piece.paragraph
    if text:
        yield text, first, last
