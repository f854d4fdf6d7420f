"""A question inside a conversation: scope kept, follow-ups resolved, the exchange stored."""

from __future__ import annotations

import structlog

from assistant.answer.generator import Generator, TokenSink
from assistant.ask import AnswerIndex, ask
from assistant.conversation.followup import resolve_follow_up
from assistant.conversation.store import ConversationStore
from assistant.errors import ScopeConflictError, UnknownConversationError, UnknownHuvudmanError
from assistant.types import ChatResponse

log = structlog.get_logger(__name__)


def open_conversation(
    index: AnswerIndex,
    store: ConversationStore,
    huvudman_id: str | None,
    conversation_id: str | None,
) -> tuple[str, str | None]:
    """(conversation id, its huvudman scope): an existing conversation, or a new one."""
    if conversation_id is None:
        if huvudman_id is not None and huvudman_id not in index.catalog.huvudman_names():
            raise UnknownHuvudmanError(huvudman_id)
        return store.create(huvudman_id), huvudman_id
    exists, scope = store.scope(conversation_id)
    if not exists:
        raise UnknownConversationError(conversation_id)
    # Leaving huvudman_id out keeps the scope; naming another one would switch it silently.
    if huvudman_id is not None and huvudman_id != scope:
        raise ScopeConflictError(conversation_id, scope, huvudman_id)
    return conversation_id, scope


def answer_in_conversation(
    index: AnswerIndex,
    store: ConversationStore,
    conversation_id: str,
    scope: str | None,
    message: str,
    generator: Generator | None = None,
    on_token: TokenSink | None = None,
) -> ChatResponse:
    resolved = resolve_follow_up(message, store.last_resolved_question(conversation_id))
    answer = ask(index, resolved, scope, generator, on_token)
    store.add_exchange(conversation_id, message, resolved, answer)
    log.info(
        "chat.answered",
        conversation_id=conversation_id,
        supported=answer.supported,
        citations=len(answer.citations),
        mode=answer.mode,
        follow_up=resolved != message,
    )
    log.debug("chat.question", question=message, resolved=resolved)
    return ChatResponse(conversation_id=conversation_id, **answer.model_dump())


def chat(
    index: AnswerIndex,
    store: ConversationStore,
    message: str,
    huvudman_id: str | None = None,
    conversation_id: str | None = None,
    generator: Generator | None = None,
) -> ChatResponse:
    conversation_id, scope = open_conversation(index, store, huvudman_id, conversation_id)
    return answer_in_conversation(index, store, conversation_id, scope, message, generator)
