"""GET /api/huvudman: the huvudmän that have indicator packets, to choose a conversation's scope."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel

from api.deps import get_index
from assistant.index.catalog import Catalog
from assistant.index.store import Index

router = APIRouter(prefix="/api", tags=["huvudman"])


class IndicatorSummary(BaseModel):
    id: str
    name: str
    unit: str
    years: list[str]


class HuvudmanSummary(BaseModel):
    id: str
    name: str
    indicators: list[IndicatorSummary]
    years: list[str]


def summaries(catalog: Catalog) -> list[dict[str, Any]]:
    """Every huvudman with its indicators and years, as `HuvudmanSummary` dicts sorted by name.

    Plain dicts, not models: with 2,800 huvudmän there are some 50,000 indicator entries.
    """
    names = catalog.huvudman_names()
    listed: dict[str, dict[str, Any]] = {}
    indicators: dict[tuple[str, str], dict[str, Any]] = {}
    for huvudman_id, indikator_id, indikator_namn, enhet, ar in catalog.packet_overview():
        summary = listed.setdefault(
            huvudman_id,
            {"id": huvudman_id, "name": names[huvudman_id], "indicators": [], "years": set()},
        )
        indicator = indicators.get((huvudman_id, indikator_id))
        if indicator is None:
            indicator = {"id": indikator_id, "name": indikator_namn, "unit": enhet, "years": []}
            indicators[huvudman_id, indikator_id] = indicator
            summary["indicators"].append(indicator)
        indicator["years"].append(ar)
        summary["years"].add(ar)
    for summary in listed.values():
        summary["years"] = sorted(summary["years"])
    return sorted(listed.values(), key=lambda s: (s["name"], s["id"]))


@router.get(
    "/huvudman",
    response_model=list[HuvudmanSummary],
    summary="Huvudmän med indikatorpaket",
)
def list_huvudman(index: Annotated[Index, Depends(get_index)]) -> Response:
    # Serialised once per catalogue version: the scope list is asked for on every page load.
    body = index.catalog.cached(
        "api:huvudman", lambda: json.dumps(summaries(index.catalog), ensure_ascii=False).encode()
    )
    return Response(body, media_type="application/json")
