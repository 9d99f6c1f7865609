"""Celery tasks of transfers and leases: thin wrappers around `jobs`.

Beat schedules sit here, next to the tasks they run.
"""

from __future__ import annotations

from datetime import UTC, datetime

from repti_animal.transfers import jobs
from repti_animal.worker import celery_app
from reptidex_common.tasks.celery_app import RETRY_POLICY
from reptidex_common.tasks.worker_db import worker_session

EXPIRE_TRANSFERS_TASK = "animal.transfers.expire"
CLOSE_DELETED_TASK = "animal.transfers.close_for_deleted_vivariums"
EXPIRE_EVERY_SECONDS = 15 * 60
CLOSE_DELETED_EVERY_SECONDS = 5 * 60


@celery_app.task(name=EXPIRE_TRANSFERS_TASK, **RETRY_POLICY)
def expire_transfers() -> dict[str, int]:
    with worker_session() as session:
        now = datetime.now(UTC)
        expired = jobs.expire_due_transfers(session, now)
        # A two-day window swept every 15 minutes: no transfer slips through unannounced.
        expiring = jobs.warn_expiring_transfers(session, now)
        session.commit()
    return {"expired": expired, "expiring": expiring}


@celery_app.task(name=CLOSE_DELETED_TASK, **RETRY_POLICY)
def close_for_deleted_vivariums() -> dict[str, int]:
    with worker_session() as session:
        closed = jobs.close_for_deleted_vivariums(session, datetime.now(UTC))
        session.commit()
    return {"transfers": closed.transfers, "leases": closed.leases, "reminders": closed.reminders}


celery_app.conf.beat_schedule.update(
    {
        EXPIRE_TRANSFERS_TASK: {
            "task": EXPIRE_TRANSFERS_TASK,
            "schedule": EXPIRE_EVERY_SECONDS,
            "options": {"queue": "animal", "expires": EXPIRE_EVERY_SECONDS},
        },
        CLOSE_DELETED_TASK: {
            "task": CLOSE_DELETED_TASK,
            "schedule": CLOSE_DELETED_EVERY_SECONDS,
            "options": {"queue": "animal", "expires": CLOSE_DELETED_EVERY_SECONDS},
        },
    }
)
