"""What a question asks for, read from its words: years, trend, comparison, huvudmän named."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

YEAR = re.compile(r"\b((?:19|20)\d{2})(?:\s*/\s*(\d{2}))?\b")
TREND_WORDS = re.compile(
    # "utvecklats"/"utvecklingen" ask for a trend; "utvecklar" (doing) does not.
    r"\b(utveckl(?:ats|ingen|at)|trend\w*|över tid|förändr\w*|ökat|minskat|sjunk\w*|stig\w*|"
    r"senaste åren|år för år|de senaste|åren)\b",
    re.IGNORECASE,
)
# Words that ask for a figure rather than an explanation.
VALUE_WORDS = re.compile(
    r"\b(hade|låg|ligger|värde\w*|andel\w*|hur många|hur stor\w*|hur hög\w*|"
    r"hur går det|antal\w*|siffr\w*|nivå\w*|resultat\w*)\b",
    re.IGNORECASE,
)
# Parts of organisers' names too generic to identify one.
GENERIC_NAME_WORDS = frozenset(
    {"kommun", "kommuns", "stad", "region", "ab", "skolor", "skola", "skolan", "friskolor", "och"}
)


@dataclass(frozen=True)
class QuestionIntent:
    years: tuple[str, ...]
    wants_trend: bool
    asks_for_value: bool
    named_huvudman_ids: tuple[str, ...]


def normalise_year(match: re.Match[str]) -> str:
    start, end = match.group(1), match.group(2)
    return f"{start}/{end}" if end else start


def year_matches(asked: str, packet_year: str) -> bool:
    """`2024` matches `2024` and the school year `2023/24`; `2023/24` matches itself."""
    if asked == packet_year:
        return True
    if "/" in packet_year and "/" not in asked:
        return packet_year.endswith("/" + asked[-2:]) and packet_year[:2] == asked[:2]
    return False


def name_keys(name: str) -> list[str]:
    """Distinctive words of an organiser's name, without a genitive s ("Sjöviks" → "sjövik")."""
    keys = []
    for word in re.findall(r"\w+", name.lower()):
        if word in GENERIC_NAME_WORDS or len(word) < 4:
            continue
        keys.append(word[:-1] if word.endswith("s") and len(word) > 5 else word)
    return keys


# An id counts only after the word huvudman: a bare kommun code such as 2021 reads like a year.
HUVUDMAN_ID = re.compile(r"\bhuvudm[aä]n\w*\s+(?:med\s+id\s+)?(\d+)", re.IGNORECASE)


@lru_cache(maxsize=4)
def ids_by_name_key(names: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    """Name key → the huvudmän whose names have it; built once per set of names, as looping
    over 2,800 names for every question costs more than the rest of the answer."""
    index: dict[str, list[str]] = {}
    for huvudman_id, name in names:
        for key in name_keys(name):
            index.setdefault(key, []).append(huvudman_id)
    return {key: tuple(ids) for key, ids in index.items()}


def named_huvudmän(question: str, names: Mapping[str, str]) -> tuple[str, ...]:
    """The huvudmän a question names: by id after "huvudman", or by a word that starts with a
    distinctive word of the name ("Sjöviks" names Sjövik)."""
    ids_by_key = ids_by_name_key(tuple(names.items()))
    found = {h for h in HUVUDMAN_ID.findall(question) if h in names}
    for word in re.findall(r"\w+", question.lower()):
        # Keys are at least 4 characters long, so only prefixes that long can be one.
        for end in range(4, len(word) + 1):
            found.update(ids_by_key.get(word[:end], ()))
    return tuple(sorted(found))


def read_intent(question: str, names: Mapping[str, str]) -> QuestionIntent:
    return QuestionIntent(
        years=tuple(dict.fromkeys(normalise_year(m) for m in YEAR.finditer(question))),
        wants_trend=bool(TREND_WORDS.search(question)),
        asks_for_value=bool(VALUE_WORDS.search(question) or YEAR.search(question)),
        named_huvudman_ids=named_huvudmän(question, names),
    )
