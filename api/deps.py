"""What routes need, handed to them by FastAPI's dependency injection."""

from __future__ import annotations

from fastapi import Request

from assistant.index.store import Index


def get_index(request: Request) -> Index:
    index: Index = request.app.state.index
    return index
