"""POST /api/chat: a question in, a cited answer out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field, field_validator

from api.deps import get_index
from api.errors import ErrorBody
from assistant.ask import ask
from assistant.index.store import Index
from assistant.types import Answer

router = APIRouter(prefix="/api", tags=["chat"])


class ChatRequest(BaseModel):
    message: str = Field(
        min_length=1,
        max_length=2000,
        description="Frågan, på svenska.",
        examples=["Vilket meritvärde hade eleverna i årskurs 9 2024?"],
    )
    huvudman_id: str | None = Field(
        default=None,
        max_length=64,
        description="Avgränsar samtalet till en huvudmans indikatorpaket.",
        examples=["0917"],
    )

    @field_validator("message")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("frågan är tom")
        return value


@router.post(
    "/chat",
    response_model=Answer,
    responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody}},
    summary="Ställ en fråga och få ett svar med källhänvisningar",
)
def chat(request: ChatRequest, index: Annotated[Index, Depends(get_index)]) -> Answer:
    # A sync route: FastAPI runs it in a worker thread, so embedding never blocks the loop.
    return ask(index, request.message.strip(), request.huvudman_id)
