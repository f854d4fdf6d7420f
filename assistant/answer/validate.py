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
from assistant.text.sentences import split_sentences
from assistant.types import Chunk

NUMBER = re.compile(r"\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?")
YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d{2}(?:/\d{2})?\b")
# Text addressed to a model: a verb that sets earlier instructions aside with what it sets
# aside, a new role or a new rule, in Swedish or English. A family, not one phrase.
_SET_ASIDE = (
    r"(ignorera|ignorerar|strunta\s+i|glöm|glömma|bortse\s+från|åsidosätt|skippa|"
    r"ignore|disregard|forget|override|skip)"
)
_WHAT = (
    r"(instruktion|regel|regler|anvisning|direktiv|uppmaning|allt|alla|ovan|tidigare|"
    r"föregående|instruction|rule|everything|above|previous|prior|earlier|guideline)"
)
INSTRUCTION = re.compile(
    rf"\b{_SET_ASIDE}\b.{{0,40}}?\b{_WHAT}|"
    r"\b(du är nu|från och med nu (ska|svarar|är) du|you are now|from now on|act as|"
    r"ny(a)? instruktion(er)?|new instructions?|system\s*prompt(en)?|systemprompt(en)?)\b|"
    r"\b(svara|skriv|answer|reply|respond)\b.{0,20}\b(bara|endast|enbart|only)\b",
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


def _untied_numbers(claim: str, cited: Sequence[str]) -> set[str]:
    """Numbers of a sentence that names years but that no cited passage gives beside one of those
    years: "209,7 poäng 2023 [1][2]" when 209,7 is only in the 2024 row."""
    years = set(YEAR_IN_TEXT.findall(claim))
    if not years:
        return set()
    said = {normalise_number(m) for m in NUMBER.findall(YEAR_IN_TEXT.sub(" ", claim))}
    tied: set[str] = set()
    for text in cited:
        if years & set(YEAR_IN_TEXT.findall(text)):
            tied |= {normalise_number(m) for m in NUMBER.findall(text)}
    return said - tied


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
        elif untied := _untied_numbers(claim, [support[n - 1] for n in cited]):
            problems.append(f"siffror som inte står för det år meningen anger: {sorted(untied)}")
        words = set(tokenize(claim))
        if words and len(words & set(tokenize(evidence))) / len(words) < min_grounding:
            problems.append(f"meningen har för lite stöd i sina källor: {sentence!r}")
    return problems
