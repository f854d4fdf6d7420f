"""Web-page clutter in saved press releases and news pages: menus, share buttons, cookie notices,
contact boxes and lists of other releases. The rules are data (`webbklotter.toml`)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES = Path(__file__).with_name("webbklotter.toml")
SEPARATORS = re.compile(r"\s{2,}|\s*[|·•]\s*")
CLASS_WORD = re.compile(r"[a-zåäö]+")


@dataclass(frozen=True)
class ClutterRules:
    lines: frozenset[str]
    shapes: tuple[re.Pattern[str], ...]
    box_headings: frozenset[str]
    element_words: frozenset[str]
    keep: tuple[re.Pattern[str], ...]


@cache
def rules() -> ClutterRules:
    data = tomllib.loads(RULES.read_text(encoding="utf-8"))
    return ClutterRules(
        lines=frozenset(data["rader"]["ord"]),
        shapes=tuple(re.compile(p, re.IGNORECASE) for p in data["monster"]["uttryck"]),
        box_headings=frozenset(data["avsnitt"]["rubriker"]),
        element_words=frozenset(data["element"]["klassord"]),
        keep=tuple(re.compile(p) for p in data["bevara"]["uttryck"]),
    )


def _plain(line: str) -> str:
    return " ".join(line.split()).strip(" :").lower()


def is_reference(line: str) -> bool:
    """A line that names a document by its identifier: content, wherever it stands."""
    return any(p.search(line) for p in rules().keep)


def is_clutter_line(line: str) -> bool:
    """A line of page furniture: menu words alone or in a row, a breadcrumb, a cookie notice, a
    phone or e-mail line."""
    plain = _plain(line)
    if not plain or is_reference(line):
        return False
    found = rules()
    parts = [_plain(p) for p in SEPARATORS.split(line.strip())]
    if all(p in found.lines for p in parts if p):
        return True
    return any(p.search(plain) for p in found.shapes)


def is_box_heading(line: str) -> bool:
    return _plain(line) in rules().box_headings


def without_clutter(paragraphs: Sequence[Sequence[str]]) -> tuple[list[list[str]], bool]:
    """Paragraphs (lists of lines) without furniture lines and without boxes that a box heading
    opens; reference lines are kept. Also says whether anything was removed, so a caller can
    tell a page saved from the web from a plain text file."""
    kept: list[list[str]] = []
    removed = False
    for lines in paragraphs:
        if lines and is_box_heading(lines[0]):
            references = [line for line in lines[1:] if is_reference(line)]
            removed = removed or len(references) < len(lines)
            if references:
                kept.append(references)
            continue
        clean = [line for line in lines if not is_clutter_line(line)]
        removed = removed or len(clean) < len(lines)
        if clean:
            kept.append(clean)
    return kept, removed


def is_frame_element(classes: str) -> bool:
    """Whether an HTML element's class and id words mark it as the page's frame: whole words, so
    "share-buttons" is and "avdelning" is not."""
    return any(word in rules().element_words for word in CLASS_WORD.findall(classes.lower()))
