"""Celery task of API keys: move the noted key uses into the table. Beat schedule here."""

from __future__ import annotations

from functools import lru_cache

from redis import Redis

from repti_core.api_keys.usage import take_recorded_uses, write_uses
from repti_core.config import SERVICE
from repti_core.worker import celery_app
from reptidex_common.settings import get_settings
from reptidex_common.tasks.worker_db import worker_session

FLUSH_USAGE_TASK = "core.api_keys.flush_usage"
FLUSH_EVERY_SECONDS = 60.0


@lru_cache
def _redis() -> Redis:
    return Redis.from_url(get_settings().redis_url)


@celery_app.task(name=FLUSH_USAGE_TASK, ignore_result=True)
def flush_usage() -> int:
    # No retries: the next tick takes whatever is noted by then.
    uses = take_recorded_uses(_redis())
    with worker_session() as session:
        written = write_uses(session, uses)
        session.commit()
    return written


celery_app.conf.beat_schedule = {
    **celery_app.conf.beat_schedule,
    FLUSH_USAGE_TASK: {
        "task": FLUSH_USAGE_TASK,
        "schedule": FLUSH_EVERY_SECONDS,
        "options": {"queue": SERVICE, "expires": FLUSH_EVERY_SECONDS - 5},
    },
}
