"""Admission control: a bounded number of requests at work per process, a short bounded queue
behind them, and an immediate 503 with Retry-After past that.

Without it an overloaded service accepts everything, every request waits for a pooled
connection, and callers hold on for the pool timeout and then get a 500. With it the requests
it can serve stay fast and the rest learn at once to come back later. Health and metrics
bypass it, so an orchestrator still sees a live (if busy) process.

A pure ASGI middleware: the admitted path is a compare and an increment, no task or lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque

from prometheus_client import Counter
from starlette.types import ASGIApp, Receive, Scope, Send

from reptidex_common.errors import PROBLEM_BASE, PROBLEM_JSON

# Always answerable, whatever the load.
EXEMPT_PREFIXES = ("/api/v1/health", "/metrics")

REQUESTS_SHED = Counter(
    "http_requests_shed_total",
    "Requests answered 503 by admission control",
    ["service", "reason"],
)


class AdmissionControlMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        service: str,
        max_concurrent: int,
        max_queued: int,
        max_queue_wait_seconds: float,
        retry_after_seconds: int,
    ) -> None:
        self.app = app
        self.max_concurrent = max_concurrent
        self.max_queued = max_queued
        self.max_queue_wait_seconds = max_queue_wait_seconds
        self.active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._retry_after = str(retry_after_seconds).encode()
        self._shed_queue_full = REQUESTS_SHED.labels(service, "queue_full")
        self._shed_queue_wait = REQUESTS_SHED.labels(service, "queue_wait")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(EXEMPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        if self.active < self.max_concurrent:
            self.active += 1
        elif not await self._wait_for_slot():
            await self._reject(scope, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self._release()

    async def _wait_for_slot(self) -> bool:
        """Queue for a slot that a finishing request hands over; False when shed instead."""
        if len(self._waiters) >= self.max_queued or self.max_queue_wait_seconds <= 0:
            self._shed_queue_full.inc()
            return False
        slot = asyncio.get_running_loop().create_future()
        self._waiters.append(slot)
        try:
            async with asyncio.timeout(self.max_queue_wait_seconds):
                await slot
        except BaseException as exc:
            self._leave_queue(slot)
            if isinstance(exc, TimeoutError):
                self._shed_queue_wait.inc()
                return False
            raise
        return True

    def _leave_queue(self, slot: asyncio.Future[None]) -> None:
        if slot.done() and not slot.cancelled():
            self._release()  # handed a slot just as the wait ended: pass it on
            return
        slot.cancel()
        with contextlib.suppress(ValueError):  # already dropped by a release
            self._waiters.remove(slot)

    def _release(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot passes straight to the next in line
                return
        self.active -= 1

    async def _reject(self, scope: Scope, send: Send) -> None:
        body = json.dumps(
            {
                "type": PROBLEM_BASE + "overloaded",
                "title": "Service unavailable",
                "status": 503,
                "detail": "The service is busy. Please try again shortly.",
                "instance": scope["path"],
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", self._retry_after),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
