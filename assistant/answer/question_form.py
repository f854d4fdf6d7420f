"""The form of a question: the sort of answer it needs and the words that make it specific.

"Var invigdes kontoret?" needs a place, "Hur stor är budgeten?" needs a figure for the budget.
A sentence that shares the question's other words but carries neither does not answer it. The
forms are data (`fragetyper.toml`, `fokusord.toml`); this module only reads and applies them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.answer.question import YEAR, without_explanations
from assistant.index.lexical import holds_term, shared_terms
from assistant.text.sentences import split_sentences

FORMS = Path(__file__).with_name("fragetyper.toml")
FOCUS_SYNONYMS = Path(__file__).with_name("fokusord.toml")
FIRST_WORD = re.compile(r"^\W*(\w+)")
# Question phrases whose next word is the thing asked about ("hur många dialoger", "hur stor
# är budgeten", "vilken lönenivå"); the word must be in what is cited, or a synonym of it.
# "Hur mycket pengar …", "hur många (fler) dialoger …": the counted thing is the question's focus,
# and sentences that never name it do not answer it, however many other words they share.
QUANTITY_FOCUS = re.compile(
    r"\bhur\s+(?:mycket|många)\s+(?:(?:fler|färre|mer|mindre)\s+)?(\w+)", re.IGNORECASE
)
FOCUS_PHRASES = (
    QUANTITY_FOCUS,
    re.compile(
        r"\bhur (?:stor|stort|stora|hög|högt|höga|lång|långt|långa|låg|lågt|låga) "
        r"(?:är|var|blir|blev)\s+(?:den |det |de |en |ett )?(\w+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bhur (?:stor|stort|stora|hög|högt|höga) (?!är\b|var\b|blir\b|blev\b|andel|del\b)(\w+)",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:vilken|vilket|vilka) (\w+)", re.IGNORECASE),
    re.compile(r"^\W*vem (?:är|var|blir|blev) (?:det som )?(\w+)", re.IGNORECASE),
    # "Hur stor andel av personalen har förskollärarexamen": what the share has.
    re.compile(
        r"\bhur stor andel av (?:\w+ ){1,4}?(?:har|hade|är|var|når|nådde|fick|får|tog|med) "
        r"(?:en |ett )?(\w+)",
        re.IGNORECASE,
    ),
    re.compile(r"\bvad (kosta\w*|tjäna\w*)\b", re.IGNORECASE),
)
NEXT_WORDS = re.compile(r"[a-zåäöé]+")
ITEM_COUNT = re.compile(
    r"\b(vilka|vilken|de)\s+(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d{1,2})\s+(?=[a-zåäö])",
    re.IGNORECASE,
)
# "Vilka fyra myndigheter står bakom uppdraget, och vilken av dem samordnar det?": a comma or an
# "och" before a question word starts a second question.
PART_BREAK = re.compile(
    r"(?:,\s*(?:och\s+)?|\s+och\s+)(?=(?:vad|vilka|vilken|vilket|hur|när|var|vem|varför|"
    r"får|kan|ska|finns|blir)\b)",
    re.IGNORECASE,
)
# A part with fewer content words cannot stand as a question of its own ("och när?").
MIN_PART_WORDS = 2
PROPER_NAME = re.compile(r"\b[A-ZÅÄÖ][a-zåäöé]{2,}\b")


@dataclass(frozen=True)
class AnswerType:
    name: str
    asks: tuple[re.Pattern[str], ...]
    carries: tuple[re.Pattern[str], ...]
    required: bool  # without a sentence of this sort, the material does not answer
    capitals: bool  # a capital letter is part of the sign (names, places)
    lists: bool = False  # the answer is a list: one item of it found brings the rest
    quotes_questions: bool = False  # the material's own questions are the answer

    def asking_words(self, question: str) -> str:
        """The words of the question that ask for this sort ("vilket diarienummer", "var
        ligger"): no answer repeats them, so they do not count as words it must share."""
        return " ".join(m.group() for p in self.asks for m in p.finditer(question))

    def counted_words(self, sentence: str) -> list[list[str]]:
        """For each sign of this sort in the sentence, the two words after it, lower-cased: what
        a number counts ("600 huvudmän", "tio regionkontor")."""
        return [
            NEXT_WORDS.findall(sentence[m.end() :].lower())[:2]
            for pattern in self.carries
            for m in pattern.finditer(sentence)
        ]

    def carried_by(self, sentence: str, given: str = "") -> bool:
        """Whether the sentence holds an answer of this sort that is not one the message
        `given` already states ("Luleå öppnade 21 december 2022. När öppnade Solna?")."""
        text = _without_sentence_capital(sentence) if self.capitals else sentence
        known = given.lower()
        return any(
            m.group().lower() not in known
            for pattern in self.carries
            for m in pattern.finditer(text)
        )


def premises(message: str) -> str:
    """What a message states before it asks: its sentences that are no questions."""
    return " ".join(s for s in split_sentences(message) if not s.rstrip().endswith("?"))


def _without_sentence_capital(sentence: str) -> str:
    """The sentence with its first word lower-cased: "Kontoret ligger …" and "Kvalitetsdialogen
    bygger …" start with a capital that names nothing. Agencies at the start still count by
    their endings ("Skolverket", "Statskontoret"), acronyms by their capitals."""
    match = FIRST_WORD.match(sentence)
    if match is None or match[1].isupper():
        return sentence  # an acronym ("SPSM") is a name wherever it stands
    return sentence[: match.start(1)] + match[1].lower() + sentence[match.end(1) :]


@cache
def answer_types() -> tuple[AnswerType, ...]:
    data = tomllib.loads(FORMS.read_text(encoding="utf-8"))
    types = []
    for entry in data["typ"]:
        capitals = bool(entry.get("versaler", False))
        carry_flags = 0 if capitals else re.IGNORECASE
        types.append(
            AnswerType(
                name=entry["namn"],
                asks=tuple(re.compile(p, re.IGNORECASE) for p in entry["fraga"]),
                carries=tuple(re.compile(p, carry_flags) for p in entry["svar"]),
                required=bool(entry.get("krav", False)),
                capitals=capitals,
                lists=bool(entry.get("lista", False)),
                quotes_questions=bool(entry.get("frageord", False)),
            )
        )
    return tuple(types)


@cache
def _sort_words() -> frozenset[str]:
    data = tomllib.loads(FORMS.read_text(encoding="utf-8"))
    return frozenset(data["sortord"]["ord"])


@cache
def document_words() -> frozenset[str]:
    """Words by which a question names the text itself ("texten om …", "i nyheten"): they say
    where the answer stands, not what it is."""
    data = tomllib.loads(FORMS.read_text(encoding="utf-8"))
    return frozenset(data["dokumentord"]["ord"])


@cache
def focus_synonyms() -> dict[str, tuple[str, ...]]:
    """Question word → words in the material that say the same ("pengar" → "kronor", …)."""
    data = tomllib.loads(FOCUS_SYNONYMS.read_text(encoding="utf-8"))["synonymer"]
    return {word.lower(): tuple(said) for word, said in data.items()}


def answer_type(question: str) -> AnswerType | None:
    """The sort of answer the question's form asks for, or None for an open question."""
    asked = what_is_asked(question)
    return next((t for t in answer_types() if any(p.search(asked) for p in t.asks)), None)


def what_is_asked(question: str) -> str:
    """The question without the number of items it asks for ("vilka fyra saker" → "vilka
    saker"): a list seldom says how long it is, and "vilka sex orter" still asks for places.
    Also without a clause that explains one of its words ("…, alltså hur många elever …"),
    which asks nothing of its own."""
    return ITEM_COUNT.sub(r"\1 ", without_explanations(question))


def question_parts(question: str, terms_of: Callable[[str], Collection[str]]) -> list[str]:
    """The questions a message asks, each as it is worded; one part for a single question. A
    part too short to stand alone ("hur många är de") stays with the one before it."""
    parts: list[str] = []
    for piece in PART_BREAK.split(question.strip().rstrip("?")):
        if parts and len(terms_of(piece)) < MIN_PART_WORDS:
            parts[-1] = f"{parts[-1]}, {piece.strip()}"
        else:
            parts.append(piece.strip())
    return [f"{p}?" for p in parts] if len(parts) > 1 else [question]


def focus_words(question: str, ignore: Collection[str] = ()) -> list[str]:
    """The words that make the question specific and that a cited answer must cover: the thing
    counted or asked for, names of places and bodies other than the scope's, and years."""
    ignored = {w.lower() for w in ignore}
    found: list[str] = []
    question = what_is_asked(question)
    for phrase in FOCUS_PHRASES:
        found += [m[1] for m in phrase.finditer(question) if m[1].lower() not in _sort_words()]
    for match in PROPER_NAME.finditer(question):
        start = match.start()
        word = match.group()
        opens = not question[:start].strip() or question[:start].rstrip()[-1:] in ".!?"
        if not opens:
            found.append(word)
    found += [m.group() for m in YEAR.finditer(question)]
    return [w for w in dict.fromkeys(found) if w.lower() not in ignored]


def uncovered_focus(
    question: str,
    covered: Collection[str],
    terms_of: Callable[[str], set[str]],
    ignore: Collection[str] = (),
) -> list[str]:
    """The focus words of the question that the cited text's stemmed `covered` terms do not
    hold: neither the word, nor a compound it heads ("dialoger" in "kvalitetsdialoger"), nor a
    listed synonym."""
    return [
        word
        for word in focus_words(question, ignore)
        if not any(_covers(terms_of(w), covered) for w in (word, *synonyms_of(word)))
    ]


def _covers(wanted: set[str], covered: Collection[str]) -> bool:
    return (
        not wanted
        or any(holds_term(covered, t, min_head=4) for t in wanted)
        or bool(shared_terms(wanted, covered))
    )


def synonyms_of(word: str) -> tuple[str, ...]:
    return focus_synonyms().get(word.lower(), ())
