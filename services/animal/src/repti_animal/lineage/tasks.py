"""Celery tasks of the lineage domain: thin wrappers around `repti_animal.lineage.recompute`."""

from __future__ import annotations

import uuid

from repti_animal.lineage.events import RECOMPUTE_COI_TASK
from repti_animal.lineage.recompute import recompute_coi
from repti_animal.worker import celery_app
from reptidex_common.tasks.celery_app import RETRY_POLICY
from reptidex_common.tasks.worker_db import worker_session


@celery_app.task(name=RECOMPUTE_COI_TASK, **RETRY_POLICY)
def recompute_coi_task(animal_id: str) -> int:
    """Payload {"animal_id"}: written to the outbox whenever an animal's sire or dam changes."""
    with worker_session() as session:
        changed = recompute_coi(session, uuid.UUID(animal_id))
        session.commit()
    return changed
