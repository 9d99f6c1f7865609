"""Batch logging at the rack: many animals in one request, all or nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.husbandry import repository
from repti_animal.husbandry.access import grants_for
from repti_animal.husbandry.exceptions import BatchRejected
from repti_animal.husbandry.schemas import LogBatchCreate, LogBatchRead, LogRead
from repti_animal.husbandry.service import log_columns
from reptidex_common.auth.principal import Principal
from reptidex_common.models.enums import VivariumRole


async def log_batch(
    session: AsyncSession, principal: Principal, body: LogBatchCreate
) -> LogBatchRead:
    """Every entry is checked before anything is written; one bad entry rejects the batch.

    Payload errors are caught by validation (422 with every bad entry's path); this checks
    the animals: one query for all of them, then one INSERT for all the rows.
    """
    pairs = body.pairs()
    grants = await grants_for(session, principal, {animal_id for animal_id, _ in pairs})
    errors: list[dict[str, Any]] = []
    seen: set[uuid.UUID] = set()
    for index, (animal_id, _log) in enumerate(pairs):
        field = f"entries.{index}.animal_id" if body.entries is not None else f"animal_ids.{index}"
        grant = grants.get(animal_id)
        message = None
        if grant is None:
            message = "Animal not found."
        elif not grant.allows(VivariumRole.handler):
            message = "Logging needs the handler role or higher in the animal's vivarium."
        elif grant.archived:
            message = "This animal is archived; its record is read-only."
        elif body.animal_ids is not None and animal_id in seen:
            # With one shared log, a repeated id is a slip of the finger, not a second event.
            message = "This animal is listed twice."
        seen.add(animal_id)
        if message is not None:
            errors.append(
                {"index": index, "field": field, "animal_id": str(animal_id), "message": message}
            )
    if errors:
        raise BatchRejected(errors)
    now = datetime.now(UTC)
    rows = [
        log_columns((animal_id, grants[animal_id].vivarium_id), log, principal.user_id, now)
        for animal_id, log in pairs
    ]
    logs = await repository.insert_logs(session, rows)
    return LogBatchRead(created=len(logs), items=[LogRead.model_validate(log) for log in logs])
