"""GET and DELETE /api/conversations/{id}: a conversation's messages, scope and citations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from api.deps import get_conversations, guard_chat
from api.errors import ERROR_RESPONSES
from assistant.conversation.store import ConversationStore
from assistant.errors import UnknownConversationError
from assistant.types import Conversation

router = APIRouter(prefix="/api", tags=["samtal"], dependencies=[Depends(guard_chat)])


@router.get(
    "/conversations/{conversation_id}",
    response_model=Conversation,
    responses=ERROR_RESPONSES,
    summary="Ett samtal med dess frågor, svar och källor",
)
def get_conversation(
    conversation_id: str, store: Annotated[ConversationStore, Depends(get_conversations)]
) -> Conversation:
    conversation = store.get(conversation_id)
    if conversation is None:
        raise UnknownConversationError(conversation_id)
    return conversation


@router.delete(
    "/conversations/{conversation_id}",
    status_code=204,
    responses=ERROR_RESPONSES,
    summary="Radera ett samtal",
)
def delete_conversation(
    conversation_id: str, store: Annotated[ConversationStore, Depends(get_conversations)]
) -> Response:
    if not store.delete(conversation_id):
        raise UnknownConversationError(conversation_id)
    return Response(status_code=204)
