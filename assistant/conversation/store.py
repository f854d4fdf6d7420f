"""Conversations and their messages, in any database SQLAlchemy speaks (SQLite WAL by default).

Several API processes can share one database: every write is a short transaction, and SQLite
is opened as `assistant.database` opens it (WAL, busy timeout), like the catalogue.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)

from assistant.database import open_engine
from assistant.types import Answer, ChatMessage, Citation, Conversation

metadata = MetaData()
conversations = Table(
    "conversations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("huvudman_id", String(64), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
messages = Table(
    "messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "conversation_id",
        String(36),
        ForeignKey("conversations.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
    Column("role", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("resolved", Text, nullable=True),  # the question as searched, after follow-up reading
    Column("supported", Boolean, nullable=True),
    Column("citations", Text, nullable=False, default="[]"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def _now() -> datetime:
    return datetime.now(UTC)


class ConversationStore:
    def __init__(self, url: str) -> None:
        self.engine = open_engine(url)
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def create(self, huvudman_id: str | None) -> str:
        conversation_id = str(uuid.uuid4())
        now = _now()
        with self.engine.begin() as db:
            db.execute(
                insert(conversations).values(
                    id=conversation_id, huvudman_id=huvudman_id, created_at=now, updated_at=now
                )
            )
        return conversation_id

    def scope(self, conversation_id: str) -> tuple[bool, str | None]:
        """(exists, huvudman_id) of a conversation."""
        with self.engine.connect() as db:
            row = db.execute(
                select(conversations.c.huvudman_id).where(conversations.c.id == conversation_id)
            ).first()
        return (row is not None, row[0] if row else None)

    def last_resolved_question(self, conversation_id: str) -> str | None:
        with self.engine.connect() as db:
            row = db.execute(
                select(messages.c.resolved)
                .where(messages.c.conversation_id == conversation_id, messages.c.role == "user")
                .order_by(messages.c.id.desc())
                .limit(1)
            ).first()
        return row[0] if row else None

    def add_exchange(
        self, conversation_id: str, question: str, resolved: str, answer: Answer
    ) -> None:
        now = _now()
        citations = json.dumps([c.model_dump() for c in answer.citations], ensure_ascii=False)
        with self.engine.begin() as db:
            db.execute(
                insert(messages),
                [
                    {
                        "conversation_id": conversation_id,
                        "role": "user",
                        "text": question,
                        "resolved": resolved,
                        "supported": None,
                        "citations": "[]",
                        "created_at": now,
                    },
                    {
                        "conversation_id": conversation_id,
                        "role": "assistant",
                        "text": answer.answer,
                        "resolved": None,
                        "supported": answer.supported,
                        "citations": citations,
                        "created_at": now,
                    },
                ],
            )
            db.execute(
                update(conversations)
                .where(conversations.c.id == conversation_id)
                .values(updated_at=now)
            )

    def get(self, conversation_id: str) -> Conversation | None:
        with self.engine.connect() as db:
            head = db.execute(
                select(conversations).where(conversations.c.id == conversation_id)
            ).first()
            if head is None:
                return None
            rows = db.execute(
                select(messages)
                .where(messages.c.conversation_id == conversation_id)
                .order_by(messages.c.id)
            ).all()
        return Conversation(
            conversation_id=head.id,
            huvudman_id=head.huvudman_id,
            created_at=head.created_at.isoformat(),
            messages=[
                ChatMessage(
                    role=row.role,
                    text=row.text,
                    supported=row.supported,
                    citations=[Citation.model_validate(c) for c in json.loads(row.citations)],
                    created_at=row.created_at.isoformat(),
                )
                for row in rows
            ],
        )

    def delete(self, conversation_id: str) -> bool:
        with self.engine.begin() as db:
            db.execute(delete(messages).where(messages.c.conversation_id == conversation_id))
            result = db.execute(delete(conversations).where(conversations.c.id == conversation_id))
        return bool(result.rowcount)
