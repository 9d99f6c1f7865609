"""Celery tasks of care reminders: thin wrappers around `firing`."""

from __future__ import annotations

import logging
import uuid

from repti_animal.config import SERVICE
from repti_animal.reminders.firing import FIRE_BATCH_SIZE, FIRE_TASK, fire_due_batch
from repti_animal.worker import celery_app
from reptidex_common.tasks.worker_db import worker_session
from reptidex_common.vivarium_time import utc_now

FIRE_EVERY_SECONDS = 60.0
# Bounds one tick's work; whatever is left is picked up a minute later.
MAX_BATCHES_PER_RUN = 50

logger = logging.getLogger(__name__)


@celery_app.task(name=FIRE_TASK, ignore_result=True)
def fire_due() -> int:
    # No retries: a failed run is simply repeated by the next beat tick.
    handled = 0
    # Reminders that failed in this run are not selected again by its later batches.
    failed: set[uuid.UUID] = set()
    for _ in range(MAX_BATCHES_PER_RUN):
        failed_before = len(failed)
        with worker_session() as session:
            fired = fire_due_batch(session, utc_now(), FIRE_BATCH_SIZE, failed)
            # One transaction per batch: locks are held briefly and progress is kept.
            session.commit()
        handled += fired
        if fired + len(failed) - failed_before < FIRE_BATCH_SIZE:
            break
    if failed:
        logger.warning(
            "%d due reminders could not be fired: %s",
            len(failed),
            ", ".join(sorted(str(reminder_id) for reminder_id in failed)),
        )
    return handled


celery_app.conf.beat_schedule = {
    **celery_app.conf.beat_schedule,
    FIRE_TASK: {
        "task": FIRE_TASK,
        "schedule": FIRE_EVERY_SECONDS,
        # A tick that waited longer than its interval is stale: the next one does the work.
        "options": {"queue": SERVICE, "expires": FIRE_EVERY_SECONDS - 5},
    },
}
