"""GET /api/health: is the service up, what does the index hold, and what are its limits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.deps import get_index, get_settings
from assistant.index.store import Index
from assistant.settings import Settings

router = APIRouter(prefix="/api", tags=["drift"])


class Limits(BaseModel):
    """What a client must stay within; the chat widget reads it here instead of guessing."""

    max_message_chars: int = Field(
        description="Längsta tillåtna fråga i tecken (DIALOGSTOD_MAX_MESSAGE_CHARS).",
        examples=[2000],
    )


class Health(BaseModel):
    status: str
    sources: int
    huvudman: int
    embedding_model: str
    limits: Limits = Field(description="Gränser som klienter ska hålla sig inom.")


@router.get("/health", response_model=Health, summary="Tjänstens status")
def health(
    index: Annotated[Index, Depends(get_index)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Health:
    return Health(
        status="ok",
        sources=len(index.catalog.sources()),
        huvudman=len(index.catalog.huvudman_names()),
        embedding_model=index.settings.embedding_model,
        limits=Limits(max_message_chars=settings.max_message_chars),
    )
