"""Swedish-aware sentence splitting, so chunks end where a sentence ends."""

from __future__ import annotations

import re

# Abbreviations whose period must not end a sentence (compared lowercased, with the period).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "t.ex.",
        "bl.a.",
        "s.k.",
        "m.m.",
        "m.fl.",
        "dvs.",
        "d.v.s.",
        "osv.",
        "o.s.v.",
        "ca.",
        "nr.",
        "kap.",
        "resp.",
        "jfr.",
        "f.d.",
        "p.g.a.",
        "pga.",
        "enl.",
        "inkl.",
        "exkl.",
        "st.",
        "kl.",
        "s.",
        "sid.",
        "t.o.m.",
        "fr.o.m.",
        "o.d.",
        "ev.",
        "prop.",
        "fig.",
        "tab.",
        "bil.",
    }
)

_BULLET = re.compile(r"^\s*[-*•–]\s+")
# Sentence-final punctuation, any closing quotes/brackets, then whitespace.
_END = re.compile(r"([.!?…]+)[\"”’»)\]]*\s+")
_OPENERS = "\"”“„«'‘’(["
_TOKEN_TRIM = "\"”“„«'‘’(["


def split_sentences(text: str) -> list[str]:
    """Split Swedish prose into sentences; bullet-list items are always their own sentences."""
    sentences: list[str] = []
    for block in _blocks(text):
        sentences.extend(_split_block(block))
    return sentences


def _blocks(text: str) -> list[str]:
    """Group lines into paragraphs and bullet items, whitespace collapsed."""
    blocks: list[list[str]] = []
    current: list[str] = []
    in_bullet = False
    for line in text.splitlines():
        if not line.strip():
            if current:
                blocks.append(current)
            current, in_bullet = [], False
            continue
        is_bullet = bool(_BULLET.match(line))
        # An unindented plain line after a bullet item starts new prose, not a continuation.
        continues_bullet = in_bullet and line[:1].isspace()
        if current and (is_bullet or (in_bullet and not continues_bullet)):
            blocks.append(current)
            current = []
        if is_bullet:
            in_bullet = True
        elif not continues_bullet:
            in_bullet = False
        current.append(line.strip())
    if current:
        blocks.append(current)
    return [" ".join(" ".join(lines).split()) for lines in blocks]


def _split_block(block: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(block):
        if match.end() >= len(block):
            break
        if _starts_sentence(block[match.end() :]) and _is_boundary(block, start, match):
            pieces.append(block[start : match.end()].strip())
            start = match.end()
    tail = block[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def _starts_sentence(rest: str) -> bool:
    first = rest.lstrip(_OPENERS)[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first != rest[:1])


def _is_boundary(block: str, start: int, match: re.Match[str]) -> bool:
    if match.group(1) != ".":
        return True  # ! ? … and "..." always end a sentence
    head = block[start : match.start(1) + 1]
    token = head.split()[-1] if head.split() else ""
    word = token.lstrip(_TOKEN_TRIM)
    if word.lower() in ABBREVIATIONS:
        return False
    if len(word) == 2 and word[0].isalpha() and word[0].isupper():
        return False  # an initial, as in "A. Lindgren"
    # "1. Eleverna …" at the start of a block is a list number, not a sentence.
    return not (word[:-1].isdigit() and not head[: len(head) - len(token)].strip())
