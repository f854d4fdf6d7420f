"""GET /api/huvudman: the huvudmän that have indicator packets, searched and paged, to choose a
conversation's scope; GET /api/huvudman/{id}: one huvudman with its indicators and years."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field

from api.deps import get_index, guard_chat
from api.errors import ErrorBody
from assistant.errors import UnknownHuvudmanError
from assistant.index.store import Index

# Which huvudmän the index holds, and their indicators: material, so keys and limits apply.
router = APIRouter(prefix="/api", tags=["huvudman"], dependencies=[Depends(guard_chat)])

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_QUERY_CHARS = 200

# Swedish alphabetical order: å, ä, ö (and æ, ø, ü as Swedish sorts them) come after z.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Härnösand" → "harnosand", so "härn" and "harn" match."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def swedish_key(name: str) -> str:
    """A sort key in Swedish alphabetical order (Ålands before Älvdalens before Örebro)."""
    return fold(name.casefold().translate(_SWEDISH_ORDER))


class HuvudmanEntry(BaseModel):
    id: str = Field(examples=["0917"])
    name: str = Field(examples=["Norrforsens kommun"])


class HuvudmanList(BaseModel):
    items: list[HuvudmanEntry] = Field(description="Högst `limit` huvudmän från `offset`.")
    total: int = Field(description="Antal huvudmän som matchar `q` (alla utan `q`).")
    limit: int
    offset: int


class IndicatorSummary(BaseModel):
    id: str
    name: str
    unit: str
    years: list[str]


class HuvudmanDetail(BaseModel):
    id: str
    name: str
    indicators: list[IndicatorSummary]
    years: list[str]


@dataclass(frozen=True)
class Entry:
    """One huvudman, prepared once per catalogue version for searching and serialising."""

    id: str
    name: str
    folded_id: str
    folded_name: str
    haystack: str  # folded name and id, a line apart: a query word matches within one of them
    word_starts: str  # " " before each folded word of the name: " t" in it = a word starts so
    lowered: str  # name and id case folded, letters kept: "ås" ranks Åsele above Askersund
    json: bytes  # {"id": …, "name": …}


def prepare(names: dict[str, str]) -> tuple[Entry, ...]:
    """Every huvudman, sorted by name in Swedish order (then id)."""
    ordered = sorted(names.items(), key=lambda item: (swedish_key(item[1]), item[1], item[0]))
    entries = []
    for huvudman_id, name in ordered:
        folded_id, folded_name = fold(huvudman_id), fold(name)
        record = {"id": huvudman_id, "name": name}
        entries.append(
            Entry(
                id=huvudman_id,
                name=name,
                folded_id=folded_id,
                folded_name=folded_name,
                haystack=f"{folded_name}\n{folded_id}",
                word_starts="".join(f" {word}" for word in _WORD.findall(folded_name)),
                lowered=f"{name.casefold()}\n{huvudman_id.casefold()}",
                json=json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode(),
            )
        )
    return tuple(entries)


def rank(entry: Entry, query: str, tokens: list[str], lowered: str) -> tuple[int, int]:
    """Smaller is better, for an entry that matches: the exact name or id, then the start of the
    name or id, then every word of the query starting a word of the name, then anywhere. Within
    each, the query's own letters (å, ä, ö) before their folded forms."""
    name, code = entry.folded_name, entry.folded_id
    if query in (name, code):
        tier = 0
    elif name.startswith(query) or code.startswith(query):
        tier = 1
    elif all(code.startswith(t) or f" {t}" in entry.word_starts for t in tokens):
        tier = 2
    else:
        tier = 3
    return tier, 0 if lowered in entry.lowered else 1


def search(entries: tuple[Entry, ...], q: str) -> list[Entry]:
    """The entries whose name or id holds every word of `q` (case and diacritics ignored), best
    first; all, in order, without `q`."""
    lowered = " ".join(q.casefold().split())
    query = fold(lowered)
    tokens = query.split()
    if not tokens:
        return list(entries)
    longest = max(tokens, key=len)  # the fewest candidates, in one fast pass
    found = [e for e in entries if longest in e.haystack]
    if len(tokens) > 1:
        found = [e for e in found if all(t in e.haystack for t in tokens)]
    # `sorted` is stable: equal ranks stay in name order.
    return sorted(found, key=lambda entry: rank(entry, query, tokens, lowered))


@router.get(
    "/huvudman",
    response_model=HuvudmanList,
    summary="Huvudmän med indikatorpaket (sök och bläddra)",
    description=(
        "Huvudmännen som har indikatorpaket, som `{id, name}` i bokstavsordning. Med `q` bara de "
        "vars namn eller kod innehåller alla orden i `q` (versaler och å/ä/ö spelar ingen roll), "
        "bästa träffen först: exakt namn eller kod, sedan början av namnet eller koden, sedan "
        "början av ett ord. `total` är antalet träffar; bläddra med `offset`. Indikatorer och år "
        "för en huvudman finns under `GET /api/huvudman/{id}`."
    ),
    responses={422: {"model": ErrorBody, "description": "Ogiltiga parametrar"}},
)
def list_huvudman(
    index: Annotated[Index, Depends(get_index)],
    q: Annotated[
        str | None,
        Query(
            max_length=MAX_QUERY_CHARS,
            description="Del av namnet eller koden, t.ex. `norrf`, `härn` eller `0917`.",
        ),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"Högst så många (1–{MAX_LIMIT}).")
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Hoppa över så många träffar.")] = 0,
) -> Response:
    # Prepared (folded names, serialised entries) once per catalogue version; a page is then a
    # scan of the names and a join of ready bytes.
    entries = index.catalog.cached("api:huvudman", lambda: prepare(index.catalog.huvudman_names()))
    matches = search(entries, q or "")
    page = matches[offset : offset + limit]
    tail = f'],"total":{len(matches)},"limit":{limit},"offset":{offset}}}'.encode()
    body = b'{"items":[' + b",".join(entry.json for entry in page) + tail
    return Response(body, media_type="application/json")


@router.get(
    "/huvudman/{huvudman_id}",
    response_model=HuvudmanDetail,
    summary="En huvudman med indikatorer och år",
    description="Huvudmannens namn och, för varje indikator i paketet, namn, enhet och år.",
    responses={404: {"model": ErrorBody, "description": "Okänd huvudman"}},
)
def get_huvudman(huvudman_id: str, index: Annotated[Index, Depends(get_index)]) -> HuvudmanDetail:
    name = index.catalog.huvudman_names().get(huvudman_id)
    if name is None:
        raise UnknownHuvudmanError(huvudman_id)
    indicators: dict[str, IndicatorSummary] = {}
    years: set[str] = set()
    for _, _, row in index.catalog.packet_rows(huvudman_id):
        indicator = indicators.get(row.indikator_id)
        if indicator is None:
            indicator = IndicatorSummary(
                id=row.indikator_id, name=row.indikator_namn, unit=row.enhet, years=[]
            )
            indicators[row.indikator_id] = indicator
        if row.ar not in indicator.years:
            indicator.years.append(row.ar)
        years.add(row.ar)
    return HuvudmanDetail(
        id=huvudman_id, name=name, indicators=list(indicators.values()), years=sorted(years)
    )
