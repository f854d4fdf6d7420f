"""POST /api/chat and /api/chat/stream: a question in, a cited answer out."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

import structlog
from fastapi import APIRouter, Depends
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel, Field, field_validator
from starlette.concurrency import run_in_threadpool

from api.deps import get_conversations, get_generator, get_index, get_settings, guard_chat
from api.errors import (
    ERROR_RESPONSES,
    STREAM_ERROR_RESPONSES,
    ApiError,
    ErrorDetail,
    domain_status,
)
from assistant.answer.generator import Generator
from assistant.chat import answer_in_conversation, open_conversation
from assistant.conversation.store import ConversationStore
from assistant.errors import DialogstodError
from assistant.index.store import Index
from assistant.settings import Settings
from assistant.types import ChatResponse

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/api", tags=["chat"], dependencies=[Depends(guard_chat)])

# Pieces of the answer sent as `delta` events: words with the space that follows them.
DELTA_PIECE = re.compile(r"\S+\s*")


class ChatRequest(BaseModel):
    message: str = Field(
        min_length=1,
        description="Frågan, på svenska (högst DIALOGSTOD_MAX_MESSAGE_CHARS tecken, "
        "normalt 2 000).",
        examples=["Vilket meritvärde hade eleverna i årskurs 9 2024?"],
    )
    huvudman_id: str | None = Field(
        default=None,
        max_length=64,
        description="Avgränsar samtalet till en huvudmans indikatorpaket.",
        examples=["0917"],
    )
    conversation_id: str | None = Field(
        default=None,
        max_length=64,
        description="Fortsätt ett samtal; utelämna för att starta ett nytt.",
    )

    @field_validator("message")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("frågan är tom")
        return value.strip()


def _check_length(request: ChatRequest, settings: Settings) -> None:
    if len(request.message) > settings.max_message_chars:
        raise ApiError(
            422,
            "message_too_long",
            f"Frågan är för lång ({len(request.message)} tecken; högst "
            f"{settings.max_message_chars}). Korta den och försök igen.",
        )


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses=ERROR_RESPONSES,
    summary="Ställ en fråga och få ett svar med källhänvisningar",
)
def chat(
    request: ChatRequest,
    index: Annotated[Index, Depends(get_index)],
    store: Annotated[ConversationStore, Depends(get_conversations)],
    settings: Annotated[Settings, Depends(get_settings)],
    generator: Annotated[Generator | None, Depends(get_generator)],
) -> ChatResponse:
    # A sync route: FastAPI runs it in a worker thread, so embedding never blocks the loop.
    _check_length(request, settings)
    conversation_id, scope = open_conversation(
        index, store, request.huvudman_id, request.conversation_id
    )
    return answer_in_conversation(index, store, conversation_id, scope, request.message, generator)


class ClientLeft(Exception):
    """Raised into the generating thread when the stream's client has disconnected."""


@dataclass(frozen=True)
class OpenedChat:
    """A checked question and its conversation, before any of the answer is streamed."""

    message: str
    conversation_id: str
    scope: str | None


def open_chat(
    request: ChatRequest,
    index: Annotated[Index, Depends(get_index)],
    store: Annotated[ConversationStore, Depends(get_conversations)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> OpenedChat:
    """A dependency, so that a too long question or an unknown huvudman or conversation is an
    ordinary 4xx JSON response: once a stream has started, its status is 200."""
    _check_length(request, settings)
    conversation_id, scope = open_conversation(
        index, store, request.huvudman_id, request.conversation_id
    )
    return OpenedChat(request.message, conversation_id, scope)


def event(name: str, data: object) -> ServerSentEvent:
    # Written by hand rather than as `data=`: FastAPI's encoder escapes every å, ä and ö.
    return ServerSentEvent(event=name, raw_data=json.dumps(data, ensure_ascii=False))


@router.post(
    "/chat/stream",
    response_class=EventSourceResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": (
                "Händelser: meta, delta, citations, done, error. En delta med "
                "`provisional: true` är en språkmodells text innan den har kontrollerats mot "
                "källorna; visa den som preliminär och ersätt den med svaret i `done`. "
                "Rader som börjar med `:` håller förbindelsen vid liv och bär inget."
            ),
        },
        **STREAM_ERROR_RESPONSES,
    },
    summary="Samma fråga, svaret som en ström av Server-Sent Events",
)
async def chat_stream(
    opened: Annotated[OpenedChat, Depends(open_chat)],
    index: Annotated[Index, Depends(get_index)],
    store: Annotated[ConversationStore, Depends(get_conversations)],
    generator: Annotated[Generator | None, Depends(get_generator)],
) -> AsyncIterator[ServerSentEvent]:
    yield event("meta", {"conversation_id": opened.conversation_id})
    loop = asyncio.get_running_loop()
    tokens: asyncio.Queue[str | None] = asyncio.Queue()  # None: the answer is finished
    left = threading.Event()

    def on_token(text: str) -> None:
        if left.is_set():
            raise ClientLeft  # stops the model's stream: nobody is reading any more
        loop.call_soon_threadsafe(tokens.put_nowait, text)

    work = asyncio.ensure_future(
        run_in_threadpool(
            answer_in_conversation,
            index,
            store,
            opened.conversation_id,
            opened.scope,
            opened.message,
            generator,
            on_token,
        )
    )
    work.add_done_callback(lambda _: tokens.put_nowait(None))
    streamed = False
    try:
        while (text := await tokens.get()) is not None:
            streamed = True
            # A model's raw tokens: not yet checked against the sources (README, "Genererade
            # svar"); `done` carries the checked answer that replaces them.
            yield event("delta", {"text": text, "provisional": True})
        response = await work
    except DialogstodError as exc:
        _, code = domain_status(exc)
        yield event("error", ErrorDetail(code=code, message=str(exc)).model_dump())
        return
    except Exception as exc:
        log.exception("chat.stream_failed", error=str(exc))
        message = "Ett oväntat fel uppstod på servern. Försök igen om en stund."
        yield event("error", ErrorDetail(code="server_error", message=message).model_dump())
        return
    finally:
        # A client that leaves cancels this generator at its `await`; the model's thread then
        # stops at its next token.
        left.set()
    # The extractive answer arrives whole; send it in pieces so clients see one protocol.
    # (A generated answer was streamed already; `done` carries the final text, which is
    # the extractive fallback when the generated one failed validation.)
    for piece in [] if streamed else DELTA_PIECE.findall(response.answer):
        yield event("delta", {"text": piece, "provisional": False})
    yield event("citations", {"citations": [c.model_dump() for c in response.citations]})
    yield event("done", response.model_dump())
