"""Request limits: a body-size cap applied before anything reads the body, and a rate limit per caller.

``BodyLimit`` is the outermost middleware: a ``Content-Length`` over the limit is answered 413 at once,
before the session, authentication or parsing; a body sent without a length (chunked) is counted as it is
read and refused the moment it passes the limit. Multipart bodies (file uploads) have their own, larger,
limit. ``RateLimiter`` is a token bucket per user or API token: a steady rate and a burst above it, then
429 with Retry-After; a serial search costs several requests (``Settings.search_cost``).
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Hashable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armstrace.exceptions import RateLimitError

from .errors import error_response

__all__ = ["Admission", "BodyLimit", "RateLimiter"]


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_body`` bytes (``max_upload`` for multipart)."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_upload: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload

    def _limit(self, scope: Scope) -> int:
        headers = dict(scope.get("headers") or [])
        kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        return self.max_upload if kind == b"multipart/form-data" else self.max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        message = f"the request body is larger than this server accepts ({limit:,} bytes)"
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared < 0 or declared > limit:
                reason = message if declared >= 0 else "the Content-Length header is not a number"
                await error_response(
                    413 if declared >= 0 else 400,
                    "too_large" if declared >= 0 else "bad_request",
                    reason,
                    headers={"connection": "close"},
                )(scope, receive, send)
                return
        seen = 0
        over = False  # the body passed the limit while being read
        answered = False

        async def too_large() -> None:
            nonlocal answered
            answered = True
            await error_response(413, "too_large", message, headers={"connection": "close"})(scope, receive, send)

        async def counting_receive() -> Message:
            nonlocal seen, over
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    over = True
                    raise HTTPException(413, message)
            return msg

        async def guarded_send(msg: Message) -> None:
            # whatever the inner layers made of the exception (a 400 "cannot parse", a 500), the answer is 413
            if over:
                if not answered and msg["type"] == "http.response.start":
                    await too_large()
                return
            await send(msg)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
            if not answered:
                await too_large()


class Admission:
    """ASGI middleware letting at most ``limit`` requests into the application at once; the others wait here.

    Routes are synchronous: each holds a worker thread and a database connection. When more requests run
    than there are connections, threads wait for connections held by requests that wait for a thread to
    finish — the server stalls and requests fail after the pool's time-out. Waiting here costs neither; a
    request that waited ``timeout`` seconds is answered 503 with Retry-After.
    """

    def __init__(self, app: ASGIApp, *, limit: int, timeout: float) -> None:
        self.app = app
        self.limit = max(1, limit)
        self.timeout = timeout
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith("/static/"):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        if self._slots is None or self._loop is not loop:  # the server's one loop (a test client may start others)
            self._slots, self._loop = asyncio.Semaphore(self.limit), loop
        slots = self._slots
        try:
            await asyncio.wait_for(slots.acquire(), self.timeout)
        except TimeoutError:
            wait = max(1, math.ceil(self.timeout / 10))
            await error_response(
                503, "busy", f"the server is busy: try again in {wait} s", headers={"retry-after": str(wait)}
            )(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()


class RateLimiter:
    """A token bucket per key: ``rate`` requests per second sustained, ``burst`` at once above it."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self._lock = threading.Lock()
        self._buckets: dict[Hashable, tuple[float, float]] = {}  # key -> (tokens, when)

    def take(self, key: Hashable, cost: float = 1.0, now: float | None = None) -> None:
        """Spend ``cost`` from ``key``'s bucket, or raise ``RateLimitError`` saying when to retry."""
        if self.rate <= 0:
            return
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, then = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            if tokens < cost:
                self._buckets[key] = (tokens, now)
                wait = max(1, math.ceil((cost - tokens) / self.rate))
                raise RateLimitError(
                    f"too many requests: at most {self.rate:g} per second (bursts of "
                    f"{self.burst}); try again in {wait} s",
                    retry_after=wait,
                )
            self._buckets[key] = (tokens - cost, now)
            if len(self._buckets) > 50_000:  # forget callers whose bucket has refilled
                full = float(self.burst)
                self._buckets = {
                    k: (t, w) for k, (t, w) in self._buckets.items() if min(full, t + (now - w) * self.rate) < full
                }
