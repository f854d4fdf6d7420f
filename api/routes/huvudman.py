"""GET /api/huvudman: the huvudmän that have indicator packets, to choose a conversation's scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from api.deps import get_index
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


@router.get(
    "/huvudman",
    response_model=list[HuvudmanSummary],
    summary="Huvudmän med indikatorpaket",
)
def list_huvudman(index: Annotated[Index, Depends(get_index)]) -> list[HuvudmanSummary]:
    names = index.catalog.huvudman_names()
    summaries: dict[str, HuvudmanSummary] = {}
    indicators: dict[tuple[str, str], IndicatorSummary] = {}
    for huvudman_id, indikator_id, indikator_namn, enhet, ar in index.catalog.packet_overview():
        summary = summaries.get(huvudman_id)
        if summary is None:
            summary = HuvudmanSummary(
                id=huvudman_id, name=names[huvudman_id], indicators=[], years=[]
            )
            summaries[huvudman_id] = summary
        indicator = indicators.get((huvudman_id, indikator_id))
        if indicator is None:
            indicator = IndicatorSummary(id=indikator_id, name=indikator_namn, unit=enhet, years=[])
            indicators[huvudman_id, indikator_id] = indicator
            summary.indicators.append(indicator)
        indicator.years.append(ar)
        if ar not in summary.years:
            summary.years.append(ar)
    for summary in summaries.values():
        summary.years.sort()
    return sorted(summaries.values(), key=lambda s: (s.name, s.id))
