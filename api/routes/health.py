"""GET /api/health: is the service up, and what does the index hold."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from api.deps import get_index
from assistant.index.store import Index

router = APIRouter(prefix="/api", tags=["drift"])


class Health(BaseModel):
    status: str
    sources: int
    huvudman: int
    embedding_model: str


@router.get("/health", response_model=Health, summary="Tjänstens status")
def health(index: Annotated[Index, Depends(get_index)]) -> Health:
    return Health(
        status="ok",
        sources=len(index.catalog.sources()),
        huvudman=len(index.catalog.huvudman_names()),
        embedding_model=index.settings.embedding_model,
    )
