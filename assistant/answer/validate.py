"""Checks a generated answer must pass before anyone sees it; otherwise the extractive answer.

Every sentence cites a provided passage; every number appears in a passage it cites; most of a
sentence's words are found in what it cites. Sentences in passages that read as instructions to
a model ("ignorera tidigare instruktioner …") do not count as support, so an answer that obeys
an injected instruction fails.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.citations import MARKER
from assistant.index.lexical import tokenize
from assistant.ingest.sentences import split_sentences
from assistant.types import Chunk

NUMBER = re.compile(r"\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?")
INSTRUCTION = re.compile(
    r"(ignorera|strunta i|glöm)\b.{0,40}\b(instruktion|regler|anvisning)|"
    r"ignore\b.{0,40}\binstruction|\b(du är nu|you are now)\b|"
    r"\b(svara|skriv|answer|reply)\b.{0,20}\b(bara|endast|enbart|only)\b",
    re.IGNORECASE,
)


def looks_like_instruction(sentence: str) -> bool:
    """True for text that addresses a model rather than informs a reader."""
    return bool(INSTRUCTION.search(sentence))


def normalise_number(text: str) -> str:
    return text.replace("\u00a0", "").replace(" ", "").replace(".", ",")


def evidence_text(chunk: Chunk) -> str:
    """A passage's text without sentences that try to instruct the model."""
    return " ".join(s for s in split_sentences(chunk.text) if not looks_like_instruction(s))


def validate_generated(
    answer: str, passages: Sequence[Chunk], *, min_grounding: float
) -> list[str]:
    """Problems with a generated answer; an empty list means it may be shown."""
    problems: list[str] = []
    sentences = split_sentences(answer)
    if not sentences:
        return ["tomt svar"]
    support = [evidence_text(p) for p in passages]
    for sentence in sentences:
        cited = [int(n) for n in MARKER.findall(sentence)]
        if not cited:
            problems.append(f"mening utan källa: {sentence!r}")
            continue
        outside = [n for n in cited if not 1 <= n <= len(passages)]
        if outside:
            problems.append(f"källa {outside} finns inte bland de {len(passages)} givna")
            continue
        evidence = " ".join(support[n - 1] for n in cited)
        claim = MARKER.sub(" ", sentence)
        numbers = {normalise_number(m) for m in NUMBER.findall(claim)}
        known = {normalise_number(m) for m in NUMBER.findall(evidence)}
        if numbers - known:
            problems.append(
                f"siffror som inte står i de citerade källorna: {sorted(numbers - known)}"
            )
        words = set(tokenize(claim))
        if words and len(words & set(tokenize(evidence))) / len(words) < min_grounding:
            problems.append(f"meningen har för lite stöd i sina källor: {sentence!r}")
    return problems
