"""GET /api/huvudman/{id}/brief: the dialogue preparation brief as JSON, Markdown or HTML."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from api.deps import get_index, guard_chat
from api.errors import ErrorBody
from assistant.brief.compose import compose_brief
from assistant.brief.model import Brief
from assistant.brief.render import render_html, render_markdown
from assistant.brief.rules import DEFAULT_MARGIN_PERCENT
from assistant.index.store import Index

# Every value of a huvudman: the same keys and rate limit as the chat.
router = APIRouter(prefix="/api", tags=["huvudman"], dependencies=[Depends(guard_chat)])


@router.get(
    "/huvudman/{huvudman_id}/brief",
    response_model=Brief,
    summary="Dialogunderlag för en huvudman",
    description=(
        "Ett underlag inför kvalitetsdialogen: varje indikator i huvudmannens paket (senaste "
        "värde, riket, skillnad, utveckling), flaggor med regeln som satte dem, "
        "framgångsfaktorer och frågor ur underlaget samt dialogens delar, allt med "
        "källhänvisningar. Utan språkmodell: samma paket och underlag ger samma underlag. "
        "`format=md` ger Markdown, `format=html` en fristående utskriftsvänlig sida."
    ),
    responses={
        200: {"content": {"text/markdown": {}, "text/html": {}}},
        401: {"model": ErrorBody, "description": "API-nyckel saknas eller är fel"},
        404: {"model": ErrorBody, "description": "Okänd huvudman"},
        422: {"model": ErrorBody, "description": "Ogiltiga parametrar"},
    },
)
def get_brief(
    huvudman_id: str,
    index: Annotated[Index, Depends(get_index)],
    format: Annotated[
        Literal["json", "md", "html"], Query(description="json, md eller html.")
    ] = "json",
    marginal: Annotated[
        float,
        Query(
            ge=0,
            le=100,
            description=(
                "Marginalen för flaggan ”Sämre än riket”, i procent av rikets värde: flaggan "
                "sätts när det senaste värdet är sämre än riket med mer än så."
            ),
        ),
    ] = DEFAULT_MARGIN_PERCENT,
) -> Brief | Response:
    brief = compose_brief(index, huvudman_id, marginal_procent=marginal)
    if format == "md":
        return Response(render_markdown(brief), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(render_html(brief))
    return brief
