"""Follow-up questions read in the light of the previous one ("Och året innan?")."""

from __future__ import annotations

import re

from assistant.answer.question import YEAR
from assistant.index.lexical import tokenize

PREVIOUS_YEAR = re.compile(
    r"\b(året (innan|före|dessförinnan)|föregående år|förra året|i fjol)\b", re.IGNORECASE
)
FOLLOW_UP_START = re.compile(
    r"^\s*(och|men|hur (ligger|låg|är|var) det|samma|jämfört|vad gäller|i så fall)\b",
    re.IGNORECASE,
)
REFERS_BACK = re.compile(r"\b(det|den|dem|där|detta|dessa|samma)\b", re.IGNORECASE)
# A follow-up this short cannot name its own topic; longer questions stand alone.
MAX_FOLLOW_UP_WORDS = 4
# A follow-up leans on the previous question; it never grows into a chain of them. Longer
# messages stand alone, and what one inherits is cut to a question's length.
MAX_FOLLOW_UP_CHARS = 160
MAX_INHERITED_CHARS = 400
FILLER = frozenset(tokenize("och men hur ligger låg det den dem där till jämfört samma året"))


def _shift_year(year: str, by: int) -> str:
    if "/" in year:  # a school year such as 2023/24
        start = int(year[:4]) + by
        return f"{start}/{(start + 1) % 100:02d}"
    return str(int(year) + by)


def _replace_last_year(text: str, new_year: str) -> str:
    last = list(YEAR.finditer(text))[-1]
    return text[: last.start()] + new_year + text[last.end() :]


def resolve_follow_up(question: str, previous: str | None) -> str:
    """The question to search with: `question` itself, or `previous` adapted by it."""
    if previous is None:
        return question
    previous_years = [m.group(0) for m in YEAR.finditer(previous)]
    if PREVIOUS_YEAR.search(question) and previous_years:
        return _replace_last_year(previous, _shift_year(previous_years[-1], -1))
    topic_words = [t for t in tokenize(question) if t not in FILLER and not YEAR.fullmatch(t)]
    short = len(topic_words) <= MAX_FOLLOW_UP_WORDS and len(question) <= MAX_FOLLOW_UP_CHARS
    if not (FOLLOW_UP_START.search(question) or (short and REFERS_BACK.search(question))):
        return question
    new_years = [m.group(0) for m in YEAR.finditer(question)]
    if new_years and previous_years and not topic_words:
        return _replace_last_year(previous, new_years[-1])  # "Och 2023?"
    return f"{previous[:MAX_INHERITED_CHARS].rstrip()} {question}" if short else question
