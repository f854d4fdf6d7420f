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
    summaries = []
    for huvudman_id, rows in index.catalog.rows_by_huvudman().items():
        indicators: dict[str, IndicatorSummary] = {}
        for row in rows:
            summary = indicators.setdefault(
                row.indikator_id,
                IndicatorSummary(
                    id=row.indikator_id, name=row.indikator_namn, unit=row.enhet, years=[]
                ),
            )
            summary.years.append(row.ar)
        summaries.append(
            HuvudmanSummary(
                id=huvudman_id,
                name=rows[0].huvudman_namn,
                indicators=list(indicators.values()),
                years=sorted({row.ar for row in rows}),
            )
        )
    return sorted(summaries, key=lambda s: (s.name, s.id))
