"""Limits at the HTTP edge: request body size (ASGI middleware) and a per-client rate limit."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException as StarletteHTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def too_large_message(limit: int) -> str:
    return (
        f"Begäran är för stor (högst {limit // 1024} kB). Korta frågan, eller ladda upp en "
        "mindre fil."
    )


class PayloadTooLarge(StarletteHTTPException):
    """Raised while the body is read; an HTTPException so FastAPI lets it through as it is."""

    code = "payload_too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_message(limit))


class BodySizeLimit:
    """Refuses bodies over the limit with 413, whether or not Content-Length is sent.

    `limits` maps a path prefix to its own limit (uploads are larger than questions).
    """

    def __init__(self, app: ASGIApp, default: int, limits: dict[str, int]) -> None:
        self.app, self.default, self.limits = app, default, limits

    def limit_for(self, path: str) -> int:
        return next((v for k, v in self.limits.items() if path.startswith(k)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            body = json.dumps(
                {"error": {"code": PayloadTooLarge.code, "message": too_large_message(limit)}},
                ensure_ascii=False,
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [(b"content-type", b"application/json; charset=utf-8")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise PayloadTooLarge(limit)
            return message

        await self.app(scope, counting_receive, send)


class RateLimiter:
    """A token bucket per client: `per_minute` requests, refilled evenly; in memory per process."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.rate = per_minute / 60.0
        self.buckets: dict[str, tuple[float, float]] = {}  # client → (tokens, last time)
        self.lock = threading.Lock()

    def acquire(self, client: str) -> float | None:
        """None if the request may go ahead, else the seconds to wait."""
        if self.per_minute <= 0:
            return None
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(client, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * self.rate)
            if tokens >= 1:
                self.buckets[client] = (tokens - 1, now)
                return None
            self.buckets[client] = (tokens, now)
            return math.ceil((1 - tokens) / self.rate)
