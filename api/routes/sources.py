"""GET /api/sources/{chunk_id}: a cited passage with its neighbouring text, within the scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from api.deps import get_conversations, get_index, guard_chat
from api.errors import ERROR_RESPONSES, ApiError
from assistant.answer.packet_answer import ROW_PREFIX, describe_row, parse_row_id, row_locator
from assistant.conversation.store import ConversationStore
from assistant.errors import UnknownConversationError
from assistant.index.store import Index
from assistant.types import DOC_PACKET

router = APIRouter(prefix="/api", tags=["källor"], dependencies=[Depends(guard_chat)])


class SourceContext(BaseModel):
    chunk_id: str
    source: str
    title: str
    locator: str
    doc_type: str
    text: str
    before: str | None = None
    after: str | None = None


def _not_found(chunk_id: str) -> ApiError:
    return ApiError(
        404,
        "unknown_source",
        f"Källan '{chunk_id}' finns inte i det här samtalets underlag. Den kan ha tagits bort "
        "vid en ny inläsning, eller höra till en annan huvudman.",
    )


def _scope(
    store: ConversationStore, conversation_id: str | None, huvudman_id: str | None
) -> str | None:
    if conversation_id is None:
        return huvudman_id
    exists, scope = store.scope(conversation_id)
    if not exists:
        raise UnknownConversationError(conversation_id)
    return scope


@router.get(
    "/sources/{chunk_id:path}",
    response_model=SourceContext,
    responses=ERROR_RESPONSES,
    summary="Ett citerat avsnitt med texten runt omkring",
)
def get_source(
    chunk_id: str,
    index: Annotated[Index, Depends(get_index)],
    store: Annotated[ConversationStore, Depends(get_conversations)],
    conversation_id: Annotated[
        str | None, Query(description="Samtalet som citerade källan (avgör avgränsningen).")
    ] = None,
    huvudman_id: Annotated[
        str | None, Query(description="Avgränsning utan samtal.", examples=["0917"])
    ] = None,
) -> SourceContext:
    scope = _scope(store, conversation_id, huvudman_id)
    if chunk_id.startswith(ROW_PREFIX):
        return _packet_row(index, chunk_id, scope)
    chunk = index.catalog.chunks_by_id([chunk_id]).get(chunk_id)
    if chunk is None or (chunk.huvudman_id is not None and chunk.huvudman_id != scope):
        raise _not_found(chunk_id)
    before, after = index.catalog.neighbours(chunk.source, chunk.ordinal)
    return SourceContext(
        chunk_id=chunk.chunk_id,
        source=chunk.source,
        title=chunk.title,
        locator=chunk.locator,
        doc_type=chunk.doc_type,
        text=chunk.text,
        before=before.text if before else None,
        after=after.text if after else None,
    )


def _packet_row(index: Index, chunk_id: str, scope: str | None) -> SourceContext:
    key = parse_row_id(chunk_id)
    found = index.catalog.packet_row(*key) if key is not None else None
    # A packet row is visible only in its own huvudman's scope.
    if found is None or found[1].huvudman_id != scope:
        raise _not_found(chunk_id)
    title, row = found
    source = key[0] if key else ""
    # The indicator's other years, for the same kind of schools, are this row's context.
    found_rows = index.catalog.packet_rows(row.huvudman_id, row.indikator_id)
    entries = [(src, r) for src, _, r in found_rows if r.omfattning == row.omfattning]
    series = [r for _, r in entries]
    position = next(
        i
        for i, (src, r) in enumerate(entries)
        if src == source and r.line == row.line and r.kolumn == row.kolumn
    )
    return SourceContext(
        chunk_id=chunk_id,
        source=source,
        title=title,
        locator=row_locator(row),
        doc_type=DOC_PACKET,
        text=describe_row(row),
        before=describe_row(series[position - 1]) if position > 0 else None,
        after=describe_row(series[position + 1]) if position + 1 < len(series) else None,
    )
