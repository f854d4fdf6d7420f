"""Which indicator a question is about: the packet indicators ranked by meaning and by words."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.index.lexical import LexicalIndex, holds_term, shared_terms
from assistant.types import Chunk, PacketRow

# Weight of shared (idf-weighted) words against cosine similarity; words decide between
# indicators whose descriptions the model finds almost equally close.
LEXICAL_WEIGHT = 0.02
# Words that say where or when, not what is measured ("Kostnader per kommun" is no answer to
# "kommunens lärare").
SCOPE_TERMS = frozenset({"kommun", "huvudman", "läsår", "år"})
# An indicator for one dimension value ("…, flickor") loses this much when the question does
# not name the value, so the table's total answers a question that asks for no breakdown.
DIMENSION_PENALTY = 0.01
# The form of a question says what kind of figure it wants; an indicator in another unit loses
# this much ("hur många elever" is a count, not a cost per pupil).
UNIT_PENALTY = 0.03
# Words of an indicator's name that the question does not use cost this much each (by weight):
# of sibling columns that tie on the table's name, the one the question names no more of than
# it must answers ("komma in på gymnasiet" is the yrkesprogram total, not the science programme).
UNNAMED_WEIGHT = 0.001
# Another school year is another population: "niorna" are never answered from årskurs 6.
GRADE_PENALTY = 0.1
ASKED_UNITS = (
    # "Hur många av niorna klarade …" asks for a share, "hur många elever går …" for a count.
    (re.compile(r"\bhur många av\b", re.IGNORECASE), {"procent"}),
    # "Hur många förstelärare" counts people; full-time posts only when the question says so.
    (re.compile(r"\bhur många\b(?! av\b)|\bantal(et)?\b", re.IGNORECASE), {"antal"}),
    (
        re.compile(r"\b(hur många|antal(et)?)\b.*\b(heltidstjänst\w*|tjänster)\b", re.IGNORECASE),
        {"heltidstjänster"},
    ),
    (re.compile(r"\bandel\w*|\bprocent\w*|\bhur stor del\b", re.IGNORECASE), {"procent"}),
    (re.compile(r"\bkostn\w*|\bkostar\b|\bkronor\b", re.IGNORECASE), {"kronor", "tusen kronor"}),
)


EVERYDAY_WORDS = Path(__file__).with_name("vardagsord.toml")
MEASURE_WORDS = Path(__file__).with_name("matt.toml")
# Words that ask for a figure without saying which: alone they do not tie a question to an
# indicator ("hur stor andel av huvudmännen tackar ja" is about prose).
QUANTITY_WORDS = "andel andelen antal antalet procent värde värdet nivå nivån siffra siffran"


@cache
def _everyday_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = tomllib.loads(EVERYDAY_WORDS.read_text(encoding="utf-8"))["ord"]
    return tuple(
        (re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), said) for word, said in data.items()
    )


def with_indicator_words(question: str) -> str:
    """The question with the indicator names' words for its everyday ones ("nian" → "årskurs
    9"), so that both count when it is matched against the names."""
    added = [said for word, said in _everyday_words() if word.search(question)]
    return " ".join([question, *added])


@cache
def _measure_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = tomllib.loads(MEASURE_WORDS.read_text(encoding="utf-8"))
    return tuple(data["matt"]["ord"]), tuple(data["uppdelning"]["ord"])


def unmatched_measures(
    question: str, indicator: PacketRow, terms_of: Callable[[str], set[str]]
) -> list[str]:
    """The measures and breakdowns the question names that the indicator does not: "frånvaro"
    against "uppnått alla ämnen", "flickor" against the total, "hur många lärare" against
    "elever per lärare" (a ratio, not a count of teachers)."""
    own = terms_of(
        " ".join(
            [indicator.indikator_namn, indicator.definition, indicator.enhet, indicator.dimension]
        )
    )
    named = named_measures(with_indicator_words(question), terms_of)
    missing = [w for w in named if not _covered_measure(w, own, terms_of)]
    # A share is no count or amount: "hur stor andel är förstelärare" against a number of them.
    if SHARE.search(question) and indicator.enhet and indicator.enhet != SHARE_UNIT:
        missing.append("andelen i procent")
    missing += _other_counts(question, indicator.indikator_namn, terms_of)
    # Grade numbers are one character, which the tokenizer drops: compared here instead.
    asked_grades = set(GRADE.findall(with_indicator_words(question)))
    own_grades = set(GRADE.findall(indicator.indikator_namn))
    if asked_grades and own_grades and not asked_grades & own_grades:
        # What the indicator does match is named too: there may be other year-9 data, only
        # not "idrott i årskurs 9".
        kept = " och ".join(w for w in named if w not in missing)
        grades = f"årskurs {' och '.join(sorted(asked_grades))}"
        missing.append(f"{kept} i {grades}" if kept else grades)
    # "Per elev" asks for an amount per pupil; "elever per lärare" is not one.
    for per in PER.findall(question):
        if not _names(terms_of(f"per {per}") - terms_of("per"), terms_of(_after_per(indicator))):
            missing.append(f"per {per}")
    counted = COUNTED.search(question)
    # A ratio is no count of what it divides by: "elever per lärare" says nothing of how many
    # teachers there are. Other "hur många …" questions often mean a share ("hur många ungdomar
    # kommer in"), which the indicator answers.
    if counted and RATIO in indicator.indikator_namn.lower():
        words = [w for w in indicator.indikator_namn.lower().split() if w not in NAME_LEADS]
        head = terms_of(words[0]) if words else set()
        asked = terms_of(with_indicator_words(counted[1]))
        if head and not any(_names({t}, head) for t in asked):
            missing.append(f"antal {counted[1]}")
    return missing


def named_measures(question: str, terms_of: Callable[[str], set[str]]) -> list[str]:
    """The measures and breakdowns (`matt.toml`) the question names, in any form of the word."""
    said = terms_of(question)
    measures, breakdowns = _measure_words()
    return [w for w in (*measures, *breakdowns) if _names(terms_of(w), said)]


def _other_counts(question: str, name: str, terms_of: Callable[[str], set[str]]) -> list[str]:
    """What the question counts differently from the indicator's name: "examen inom tre år"
    is not "examen inom 4 år"."""
    named = [(n, terms_of(word)) for n, word, _ in _counts(name)]
    return [
        said
        for n, word, said in _counts(question)
        if any(n != m and _names(terms_of(word), own) for m, own in named)
    ]


def _counts(text: str) -> list[tuple[int, str, str]]:
    """Each number in the text (as digits or a word) with the word it counts, and both as
    written; years are no counts."""
    return [
        (int(n) if n.isdigit() else NUMBER_WORDS[n.lower()], word, f"{n} {word}")
        for n, word in COUNT_PAIRS.findall(text)
        if not (n.isdigit() and len(n) == 4)
    ]


def _after_per(indicator: PacketRow) -> str:
    """What the indicator's name divides by: the words after each "per" in it."""
    name = indicator.indikator_namn.lower()
    return " ".join(part.split()[0] for part in name.split(" per ")[1:] if part.split())


def _covered_measure(word: str, own: set[str], terms_of: Callable[[str], set[str]]) -> bool:
    """Whether the indicator measures `word`, by that word or by the words the indicator names
    use for it ("lärartäthet" is "elever per lärare")."""
    said_for = with_indicator_words(word).removeprefix(word).strip()
    return _names(terms_of(word), own) or (bool(said_for) and _names(terms_of(said_for), own))


def _names(word: set[str], terms: set[str]) -> bool:
    """Whether `terms` hold the word, also as the head of a compound ("lärarlöner" holds "lön")
    or in another form ("skolskjutsen" holds "skolskjuts", which stem apart)."""
    return bool(word) and all(holds_term(terms, w) or shared_terms({w}, terms) for w in word)


def asked_units(question: str) -> set[str]:
    """The units a question's form allows; empty when it does not say."""
    found: set[str] = set()
    for words, units in ASKED_UNITS:
        if words.search(question):
            found |= units
    return found


# "Hur många lärare" counts teachers; "hur många av eleverna" asks for a share; "hur många fler
# elever" counts pupils too, against something else.
COUNTED = re.compile(r"\bhur många (?:fler |färre )?(?!av\b)(\w+)", re.IGNORECASE)
RATIO = " per "
PER = re.compile(r"\bper (\w+)", re.IGNORECASE)
GRADE = re.compile(r"\b(?:årskurs|åk)\s*(\d+)\b", re.IGNORECASE)
SHARE = re.compile(r"\bandel(en)?\b|\bprocent\b|\bhur stor del\b", re.IGNORECASE)
SHARE_UNIT = "procent"
NUMBER_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    "elva": 11, "tolv": 12, "femton": 15, "sjutton": 17, "tjugo": 20,
}  # fmt: skip
_NUMBER = rf"\d+|{'|'.join(NUMBER_WORDS)}"
# A number and the word after it: what it counts ("4 år", "17 ämnen", "tre år").
COUNT_PAIRS = re.compile(rf"\b({_NUMBER})\s+([a-zåäöé]+)", re.IGNORECASE)
# Words an indicator's name starts with before the thing it measures ("Antal elever per lärare").
NAME_LEADS = frozenset({"antal", "andel", "genomsnittligt", "genomsnittlig", "totalt", "summa"})


@dataclass(frozen=True)
class IndicatorMatch:
    indikator_id: str
    score: float
    dense: float
    overlap: float


class DescriptionLookup(Protocol):
    def indicator_descriptions(self) -> dict[str, PacketRow]: ...


class IndicatorIndex(Protocol):
    """What ranking indicators needs of an index (`Index` is one)."""

    @property
    def lexical(self) -> LexicalIndex: ...
    @property
    def catalog(self) -> DescriptionLookup: ...
    def indicator_passages(self) -> list[tuple[Chunk, np.ndarray]]: ...


def rank_indicators(
    index: IndicatorIndex, question: str, query_vector: np.ndarray, allowed: Collection[str]
) -> list[IndicatorMatch]:
    """The `allowed` indicators, best match first."""
    passages = index.indicator_passages()
    descriptions = index.catalog.indicator_descriptions()
    lexical = index.lexical
    wanted = lexical.terms(with_indicator_words(question)) - SCOPE_TERMS
    wanted -= lexical.terms(QUANTITY_WORDS)
    units = asked_units(question)
    grades = set(GRADE.findall(with_indicator_words(question)))
    matches = []
    for chunk, vector in passages:
        indikator_id = chunk.indikator_id
        if indikator_id is None or indikator_id not in allowed:
            continue
        dense = float(vector @ query_vector)
        name = lexical.name_terms(chunk.title)
        overlap = sum(lexical.idf(token) for token in wanted & name)
        unnamed = sum(lexical.idf(token) for token in name - wanted)
        score = dense + LEXICAL_WEIGHT * overlap - UNNAMED_WEIGHT * unnamed
        described = descriptions.get(indikator_id)
        named_value = described is not None and lexical.name_terms(described.dimension) & wanted
        if described is not None and described.dimension and not named_value:
            score -= DIMENSION_PENALTY
        if described is not None and units and described.enhet and described.enhet not in units:
            score -= UNIT_PENALTY
        own_grades = set(GRADE.findall(chunk.title))
        if grades and own_grades and not grades & own_grades:
            score -= GRADE_PENALTY
        matches.append(IndicatorMatch(indikator_id, score, dense, overlap))
    return sorted(matches, key=lambda m: (-m.score, m.indikator_id))
