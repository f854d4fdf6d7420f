"""What a question asks for, read from its words: years, trend, comparison, huvudmän named."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

YEAR = re.compile(r"\b((?:19|20)\d{2})(?:\s*/\s*(\d{2}))?\b")
TREND_WORDS = re.compile(
    # "utvecklats"/"utvecklingen" ask for a trend; "utvecklar" (doing) does not.
    r"\b(utveckl(?:ats|ingen|at)|trend\w*|över tid|förändr\w*|ökat|minskat|sjunk\w*|stig\w*|"
    r"senaste åren|år för år|de senaste|åren|uppåt|nedåt|gått (?:upp|ner|ned)|"
    r"förbättr\w*|försämr\w*|blivit (?:bättre|sämre|högre|lägre)|sedan (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "Sedan 2022" and "från 2022" ask for every year from that one on, not up to it.
YEARS_FROM = re.compile(r"\b(?:sedan|från|fr\.o\.m\.)\s+(?:år\s+|läsåret\s+)?(?:19|20)\d\d\b", re.I)
# Words that ask for a figure rather than an explanation.
VALUE_WORDS = re.compile(
    r"\b(hade|låg|ligger|värde\w*|andel\w*|hur många|hur stor\w*|hur hög\w*|"
    r"hur går det|antal\w*|siffr\w*|nivå\w*|resultat\w*)\b",
    re.IGNORECASE,
)
# A clause that explains a word of the question ("lärartätheten, alltså hur många elever det går
# på varje lärare") says what the word means; it asks nothing of its own.
EXPLAINING = re.compile(
    r"[,(–—]\s*(?:alltså|det vill säga|dvs\.?|d\.v\.s\.|med andra ord)\s[^,.;?)]*", re.IGNORECASE
)
# Words that ask what a measure means or how it is counted: the definitions answer, not a figure
# ("Vad betyder andel med lärarlegitimation?" holds "andel" but asks for no value).
DEFINITION_WORDS = re.compile(
    r"\b(vad (betyder|menas( med)?|avses( med)?|innebär|står .{1,60} för)|"
    r"hur (räknas|beräknas|definieras|mäts|räknar (man|ni|skolverket))|definition\w*|"
    r"vad (är|var) (det|en|ett) .{1,60} för (något|mått))\b",
    re.IGNORECASE,
)
# Parts of organisers' names too generic to identify one.
GENERIC_NAME_WORDS = frozenset(
    {
        "kommun",
        "kommuns",
        "stad",
        "region",
        "ab",
        "skolor",
        "skola",
        "skolan",
        "friskolor",
        "och",
        "sverige",
        "sweden",
    }
)
# A kommun goes by either word: "Stockholms kommun" names Stockholms stad.
KOMMUN_WORDS = frozenset({"kommun", "stad"})
# A word at or above Zipf 4 (10 per million words of Swedish text, per wordfreq) is an everyday
# word ("vara", "mark", "berg", "bro", "skara", "engelska"), likely used in its ordinary sense.
# Three in four kommun names sit between 3 and 4, where the ordinary words ("dal", "kil") are
# rare in questions about schools, so they name their kommun even in lower case; the 40 or so
# best-known towns reach 4 (Göteborg, Lund, Kiruna) and, like "vara", then need a capital inside
# a sentence or another word of the name beside them ("lunds kommun").
COMMON_ZIPF = 4.0
# A key in this many names or more ("förskolor", "montessori" in company names) is taken like an
# everyday word: on its own, in lower case, it names none of them.
SHARED_KEY_NAMES = 5
WORD = re.compile(r"\w+")
# Skipped when looking back from a word for the end of the sentence before it.
SENTENCE_LEAD = frozenset("\"'«»“”„‘’([{-–—*•")


@dataclass(frozen=True)
class QuestionIntent:
    years: tuple[str, ...]
    wants_trend: bool
    asks_for_value: bool
    named_huvudman_ids: tuple[str, ...]
    asks_for_definition: bool = False
    years_from: bool = False  # one asked year starts the range ("sedan 2022")


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
    """Distinctive words of an organiser's name, without a genitive s ("Sjöviks" → "sjövik"):
    at least 3 letters, neither generic nor a number (a number reads like a year)."""
    keys = []
    for word in WORD.findall(name.lower()):
        if word in GENERIC_NAME_WORDS or word.isdigit():
            continue
        if word.endswith("s") and len(word) > 3:
            word = word[:-1]
        if len(word) >= 3:
            keys.append(word)
    return keys


# An id counts only after the word huvudman: a bare kommun code such as 2021 reads like a year.
HUVUDMAN_ID = re.compile(r"\bhuvudm[aä]n\w*\s+(?:med\s+id\s+)?(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class NameIndex:
    ids_by_key: dict[str, tuple[str, ...]]
    # Each name's keys and the generic words that mark a neighbouring key as its name.
    words_by_id: dict[str, frozenset[str]]
    # Keys in SHARED_KEY_NAMES names or more: they need the evidence an everyday word needs.
    shared_keys: frozenset[str]


@lru_cache(maxsize=4)
def name_index(names: tuple[tuple[str, str], ...]) -> NameIndex:
    """Built once per set of names, as looping over 2,800 names for every question costs more
    than the rest of the answer."""
    index: dict[str, list[str]] = {}
    words_by_id = {}
    for huvudman_id, name in names:
        keys = name_keys(name)
        for key in dict.fromkeys(keys):
            index.setdefault(key, []).append(huvudman_id)
        generic = {w.removesuffix("s") for w in WORD.findall(name.lower())} & GENERIC_NAME_WORDS
        if generic & KOMMUN_WORDS:
            generic |= KOMMUN_WORDS
        words_by_id[huvudman_id] = frozenset(keys) | (generic - {"och"})
    return NameIndex(
        ids_by_key={key: tuple(ids) for key, ids in index.items()},
        words_by_id=words_by_id,
        shared_keys=frozenset(k for k, ids in index.items() if len(ids) >= SHARED_KEY_NAMES),
    )


@lru_cache(maxsize=16384)
def is_common_word(word: str) -> bool:
    """Whether a word (a name key or its genitive) is an everyday Swedish word. wordfreq reads its
    packaged lists; the small one holds every word above Zipf 3, enough for this threshold."""
    return zipf_frequency(word, "sv", wordlist="small") >= COMMON_ZIPF


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens the text, a line or a sentence."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in SENTENCE_LEAD):
        if text[i] == "\n":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?"


def forms(word: str) -> tuple[str, ...]:
    """A question's word and, for a genitive, the word without its s ("Bodens" → "boden")."""
    return (word, word[:-1]) if word.endswith("s") and len(word) > 3 else (word,)


def named_huvudmän(question: str, names: Mapping[str, str]) -> tuple[str, ...]:
    """The huvudmän a question names: by id after "huvudman", or by a distinctive word of the name,
    whole or in the genitive ("Sjöviks" names Sjövik). A key that is an everyday word ("vara",
    "engelska") counts only when the question clearly uses it as a name: with a capital letter
    inside a sentence ("Jämför med Vara"), or beside another word of the same name ("Vara
    kommun", "Internationella Engelska"). A word beside more words of one name than of the others
    with that key names that one alone ("Upplands-Bro" is not Upplands Väsby)."""
    index = name_index(tuple(names.items()))
    found = {h for h in HUVUDMAN_ID.findall(question) if h in names}
    tokens = list(WORD.finditer(question))
    words = [token.group().lower() for token in tokens]
    shouting = question.isupper()
    for i, word in enumerate(words):
        for key in forms(word):
            ids = index.ids_by_key.get(key)
            if ids is None:
                continue
            beside = [forms(w) for w in words[max(i - 1, 0) : i] + words[i + 1 : i + 2]]
            support = {h: name_support(index.words_by_id[h], key, beside) for h in ids}
            best = max(support.values())
            if best:
                found.update(h for h in ids if support[h] == best)
            elif (key not in index.shared_keys and not is_common_word(word)) or (
                not shouting
                and tokens[i].group()[0].isupper()
                and not starts_sentence(question, tokens[i].start())
            ):
                found.update(ids)
    return tuple(sorted(found))


def name_support(name_words: frozenset[str], key: str, beside: list[tuple[str, ...]]) -> int:
    """How many of the words beside a key are other words of the same name."""
    return sum(1 for word_forms in beside if any(f != key and f in name_words for f in word_forms))


def without_explanations(question: str) -> str:
    return EXPLAINING.sub("", question)


def read_intent(question: str, names: Mapping[str, str]) -> QuestionIntent:
    return QuestionIntent(
        years=tuple(dict.fromkeys(normalise_year(m) for m in YEAR.finditer(question))),
        wants_trend=bool(TREND_WORDS.search(question)),
        asks_for_value=bool(
            VALUE_WORDS.search(without_explanations(question)) or YEAR.search(question)
        ),
        named_huvudman_ids=named_huvudmän(question, names),
        asks_for_definition=bool(DEFINITION_WORDS.search(question)),
        years_from=bool(YEARS_FROM.search(question)),
    )
