"""What routes need, handed to them by FastAPI's dependency injection: stores and guards."""

from __future__ import annotations

import hmac

from fastapi import Request

from api.errors import ApiError
from api.limits import RateLimiter
from assistant.answer.generator import Generator
from assistant.conversation.store import ConversationStore
from assistant.index.store import Index
from assistant.settings import Settings


def get_index(request: Request) -> Index:
    index: Index = request.app.state.index
    return index


def get_conversations(request: Request) -> ConversationStore:
    store: ConversationStore = request.app.state.conversations
    return store


def get_generator(request: Request) -> Generator | None:
    generator: Generator | None = request.app.state.generator
    return generator


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _presented_key(request: Request) -> str | None:
    key = request.headers.get("x-api-key")
    if key:
        return key
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token if scheme.lower() == "bearer" and token else None


def _matches(presented: str | None, allowed: list[str]) -> bool:
    # compare_digest keeps the comparison time independent of where the strings differ.
    return presented is not None and any(
        hmac.compare_digest(presented.encode(), key.encode()) for key in allowed
    )


def rate_limit_client(settings: Settings, presented: str | None, request: Request) -> str:
    """Whose bucket a request draws from: the client's address, and with keys configured the
    key too. A header alone never names the bucket: without keys anyone could rotate it, and
    with them every widget user behind one key would share one bucket."""
    address = request.client.host if request.client else "okänd"
    return f"{presented}@{address}" if settings.api_keys else address


def guard_chat(request: Request) -> None:
    """API key (when keys are configured) and the per-client rate limit, for chat endpoints."""
    settings = get_settings(request)
    presented = _presented_key(request)
    if settings.api_keys and not _matches(presented, settings.api_keys):
        raise ApiError(
            401,
            "unauthorized",
            "API-nyckel saknas eller är fel. Skicka nyckeln i rubriken X-API-Key "
            "(eller Authorization: Bearer …).",
        )
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.acquire(rate_limit_client(settings, presented, request))
    if wait is not None:
        raise ApiError(
            429,
            "rate_limited",
            f"För många frågor på kort tid. Vänta {wait} sekunder och försök igen.",
            headers={"Retry-After": str(wait)},
        )


def require_admin(request: Request) -> None:
    settings = get_settings(request)
    if not settings.admin_token:
        raise ApiError(
            403,
            "admin_disabled",
            "Dokumenthanteringen är avstängd. Sätt DIALOGSTOD_ADMIN_TOKEN på servern för att "
            "slå på den och skicka sedan Authorization: Bearer <token>.",
        )
    if not _matches(_presented_key(request), [settings.admin_token]):
        raise ApiError(
            403,
            "forbidden",
            "Fel eller saknad administratörstoken. Skicka Authorization: Bearer <token>.",
        )
