"""The outbox event that keeps stored COIs current; written by whoever changes parentage."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.tasks.outbox import add_outbox_event

RECOMPUTE_COI_TASK = "animal.lineage.recompute_coi"


def queue_coi_recompute(session: AsyncSession | Session, animal_id: uuid.UUID) -> None:
    """Recompute the COI of `animal_id` and its descendants once this transaction commits.

    Call it whenever an animal is created with parents or its sire or dam changes.
    """
    add_outbox_event(session, RECOMPUTE_COI_TASK, {"animal_id": str(animal_id)})
