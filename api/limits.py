"""Limits at the HTTP edge: a per-client rate limit and an early request-size check."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from api.errors import HTTP_MESSAGES, error_response

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# How often buckets that have refilled completely are dropped: a full bucket is the same as none.
SWEEP_SECONDS = 60.0


class RateLimiter:
    """A token bucket per client: `per_minute` requests, refilled evenly; in memory per process,
    so with several workers each one counts on its own (README, "Gränser")."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.rate = per_minute / 60.0
        self.buckets: dict[str, tuple[float, float]] = {}  # client → (tokens, last time)
        self.lock = threading.Lock()
        self.swept = time.monotonic()

    def acquire(self, client: str) -> float | None:
        """None if the request may go ahead, else the whole seconds to wait."""
        if self.per_minute <= 0:
            return None
        now = time.monotonic()
        with self.lock:
            if now - self.swept >= SWEEP_SECONDS:
                self._drop_full(now)
            tokens, last = self.buckets.get(client, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * self.rate)
            if tokens >= 1:
                self.buckets[client] = (tokens - 1, now)
                return None
            self.buckets[client] = (tokens, now)
            return math.ceil((1 - tokens) / self.rate)

    def _drop_full(self, now: float) -> None:
        full = float(self.per_minute)
        self.buckets = {
            client: (tokens, last)
            for client, (tokens, last) in self.buckets.items()
            if tokens + (now - last) * self.rate < full
        }
        self.swept = now


class DeclaredSizeLimit:
    """Answers 413 in our JSON error shape when Content-Length already exceeds the limit.

    Bodies without Content-Length are counted by FastAPI's `max_body_size` as they stream in;
    this only keeps the early refusal in the same shape as every other error.
    """

    def __init__(self, app: ASGIApp, default: int, limits: dict[str, int]) -> None:
        self.app, self.default, self.limits = app, default, limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            limit = next(
                (v for k, v in self.limits.items() if scope["path"].startswith(k)), self.default
            )
            declared = dict(scope.get("headers") or []).get(b"content-length", b"")
            if declared.isdigit() and int(declared) > limit:
                await error_response(*HTTP_MESSAGES[413])(scope, receive, send)
                return
        await self.app(scope, receive, send)
