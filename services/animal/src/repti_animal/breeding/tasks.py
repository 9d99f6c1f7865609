"""Celery tasks of breeding: thin wrappers around `jobs`, with their beat schedule."""

from __future__ import annotations

from datetime import UTC, datetime

from repti_animal.breeding import jobs
from repti_animal.config import SERVICE
from repti_animal.worker import celery_app
from reptidex_common.tasks.celery_app import RETRY_POLICY
from reptidex_common.tasks.worker_db import worker_session

ANNOUNCE_DUE_CLUTCHES_TASK = "animal.clutches.announce_due"
ANNOUNCE_DUE_EVERY_SECONDS = 60 * 60


@celery_app.task(name=ANNOUNCE_DUE_CLUTCHES_TASK, **RETRY_POLICY)
def announce_due_clutches() -> int:
    with worker_session() as session:
        announced = jobs.announce_due_clutches(session, datetime.now(UTC))
        session.commit()
    return announced


celery_app.conf.beat_schedule.update(
    {
        ANNOUNCE_DUE_CLUTCHES_TASK: {
            "task": ANNOUNCE_DUE_CLUTCHES_TASK,
            "schedule": ANNOUNCE_DUE_EVERY_SECONDS,
            "options": {"queue": SERVICE, "expires": ANNOUNCE_DUE_EVERY_SECONDS},
        }
    }
)
