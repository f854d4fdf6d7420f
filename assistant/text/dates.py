"""A press release's dateline ("Publicerad 2 juni 2022", "Pressmeddelande • 3 mars 2025 09:00"):
reading needs it to find the headline under it, answering to date what "i dag" means."""

from __future__ import annotations

import re

MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
# "Pressmeddelande · Publicerad 12 maj 2022": the kind of page may stand before the word.
DATELINE = re.compile(
    r"(?:(?:publicerad|publicerat|pressmeddelande|nyhet|uppdaterad)\W{0,9})+(?:den\s+)?"
    rf"\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}",
    re.IGNORECASE,
)
# Longer than this, a line that opens with a date is prose, not a dateline.
_DATELINE_CHARS = 80


def is_dateline(line: str) -> bool:
    """Whether the line is a dateline and nothing more."""
    text = " ".join(line.split())
    return len(text) <= _DATELINE_CHARS and DATELINE.match(text) is not None
