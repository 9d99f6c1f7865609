"""The outbox relay as a Celery task, and the after-commit nudge that runs it at once.

Beat runs `<service>.outbox.relay` every couple of seconds; that sweep is the guarantee. The
nudge only shortens the wait after a request that wrote outbox rows, so it may fail freely.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from functools import lru_cache

from celery import Celery, Task
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.db.engine import state as db_state
from reptidex_common.redis import redis_is_usable
from reptidex_common.tasks.celery_app import OUTBOX_RELAY_INTERVAL_SECONDS, create_celery_app
from reptidex_common.tasks.outbox import OUTBOX_DIRTY, relay_outbox
from reptidex_common.tasks.worker_db import worker_session

logger = logging.getLogger(__name__)


def relay_task_name(service: str) -> str:
    return f"{service}.outbox.relay"


def register_outbox_relay(celery_app: Celery, service: str) -> Task:  # type: ignore[type-arg]
    """Register `<service>.outbox.relay` on the service's Celery app."""

    @celery_app.task(name=relay_task_name(service), ignore_result=True)
    def relay() -> int:
        # No retries: a failed pass is simply repeated by the next beat tick.
        with worker_session() as session:
            return relay_outbox(session, celery_app, service)

    return relay


@lru_cache
def _publisher(service: str) -> Celery:
    return create_celery_app(service)


# One nudge in flight per process is enough (the relay drains the whole outbox); the others
# are dropped, so a slow or absent broker cannot fill the event loop's thread pool.
_nudge_in_flight = threading.Lock()


def _send_relay_nudge(service: str) -> None:
    try:
        _publisher(service).send_task(
            relay_task_name(service),
            queue=service,
            # Fail fast instead of Celery's default publish retries: beat will catch up.
            retry=False,
            expires=OUTBOX_RELAY_INTERVAL_SECONDS * 5,
        )
    except Exception as exc:  # a broker outage must never surface in a request
        logger.warning("outbox relay nudge failed", extra={"service": service, "error": repr(exc)})


def _claim_nudge() -> bool:
    """Whether to nudge now: not while Redis (the broker) is known to be down, nor twice at once."""
    return redis_is_usable() and _nudge_in_flight.acquire(blocking=False)


def _send_claimed_nudge(service: str) -> None:
    try:
        _send_relay_nudge(service)
    finally:
        _nudge_in_flight.release()


def install_outbox_nudge(service: str) -> None:
    """After a commit that wrote outbox rows, ask the worker to relay now (idempotent)."""

    def nudge(session: AsyncSession) -> None:
        if not session.info.pop(OUTBOX_DIRTY, False) or not _claim_nudge():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            _send_claimed_nudge(service)
            return
        # Publishing is blocking network I/O; keep it off the event loop and off the response.
        loop.run_in_executor(None, _send_claimed_nudge, service)

    nudge.__qualname__ = f"outbox_nudge[{service}]"
    if not any(
        getattr(h, "__qualname__", "") == nudge.__qualname__ for h in db_state.after_commit_hooks
    ):
        db_state.after_commit_hooks.append(nudge)
