"""Business rules of the husbandry log: writing, listing, deleting, weights, feeding status."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.access import load_animal
from repti_animal.animals.grants import AnimalUse
from repti_animal.husbandry import cursor, repository
from repti_animal.husbandry.exceptions import ArchivedAnimal, LogFromEarlierKeeper, LogNotFound
from repti_animal.husbandry.rules import feeding_interval, feeding_schedule, first_feed_not_before
from repti_animal.husbandry.schemas import (
    FeedingLog,
    FeedingStatus,
    HealthLog,
    LastFeeding,
    LogCreate,
    LogPage,
    LogRead,
    MedicationLog,
    ShedLog,
    VetLog,
    WeightLog,
    WeightPoint,
    WeightSeries,
)
from reptidex_common.auth.dependencies import authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.db.base import new_id
from reptidex_common.db.pagination import PageParams
from reptidex_common.errors import NotFound
from reptidex_common.models.animal import Animal, Species
from reptidex_common.models.animal_enums import LogKind
from reptidex_common.models.enums import VivariumRole
from reptidex_common.vivarium_time import end_of_today, utc_now


def log_columns(
    animal: Animal | tuple[uuid.UUID, uuid.UUID],
    body: LogCreate,
    logged_by_id: uuid.UUID,
    now: datetime,
) -> dict[str, Any]:
    """The row for one log body; the animal's CURRENT vivarium is recorded with it."""
    animal_id, vivarium_id = (
        (animal.id, animal.vivarium_id) if isinstance(animal, Animal) else animal
    )
    # Every row carries every column, so a batch of mixed kinds is still one INSERT.
    row: dict[str, Any] = {
        "id": new_id(),
        "animal_id": animal_id,
        "vivarium_id": vivarium_id,
        "kind": LogKind(body.kind),
        "occurred_at": body.occurred_at or now,
        "logged_by_id": logged_by_id,
        "notes": body.notes,
        "details": {},
        "weight_grams": None,
        "length_cm": None,
        "prey_type": None,
        "prey_size": None,
        "prey_count": None,
        "feeding_outcome": None,
        "shed_complete": None,
    }
    if isinstance(body, FeedingLog):
        row.update(
            prey_type=body.prey_type,
            prey_size=body.prey_size,
            prey_count=body.prey_count,
            feeding_outcome=body.outcome,
        )
    elif isinstance(body, WeightLog):
        row["weight_grams"] = Decimal(str(round(body.grams, 2)))
        if body.length_cm is not None:
            row["length_cm"] = Decimal(str(round(body.length_cm, 1)))
    elif isinstance(body, ShedLog):
        row["shed_complete"] = body.complete
    elif isinstance(body, HealthLog | VetLog):
        row["details"] = body.details
    elif isinstance(body, MedicationLog):
        row["details"] = {
            key: value
            for key, value in {
                "drug": body.drug,
                "dose": body.dose,
                "route": body.route,
                "course_days": body.course_days,
            }.items()
            if value is not None
        }
    return row


async def create_log(
    session: AsyncSession, principal: Principal, animal_id: uuid.UUID, body: LogCreate
) -> LogRead:
    # A borrower logs the care of a leased animal; the log keeps the vivarium it was written in.
    found = await load_animal(
        session, principal, animal_id, VivariumRole.handler, use=AnimalUse.care
    )
    if found.animal.archived_at is not None:
        raise ArchivedAnimal()
    written_in = (found.animal.id, found.access.vivarium.id)
    rows = [log_columns(written_in, body, principal.user_id, datetime.now(UTC))]
    [log] = await repository.insert_logs(session, rows)
    return LogRead.model_validate(log)


async def list_logs(
    session: AsyncSession,
    principal: Principal,
    animal_id: uuid.UUID,
    *,
    kind: LogKind | None,
    since: datetime | None,
    until: datetime | None,
    page: PageParams,
) -> LogPage:
    await load_animal(session, principal, animal_id, VivariumRole.keeper)
    after = cursor.decode_time_id(page.cursor) if page.cursor else None
    rows = await repository.page_of_logs(
        session, animal_id, kind=kind, since=since, until=until, after=after, limit=page.limit + 1
    )
    next_cursor = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        next_cursor = cursor.encode_time_id(rows[-1].occurred_at, rows[-1].id)
    return LogPage(items=[LogRead.model_validate(r) for r in rows], next_cursor=next_cursor)


async def delete_log(session: AsyncSession, principal: Principal, log_id: uuid.UUID) -> None:
    log = await repository.get_log(session, log_id)
    if log is None:
        raise LogNotFound()
    # Authorize on the vivarium that holds the animal now: a previous keeper no longer sees it.
    animal = await session.get(Animal, log.animal_id)
    if animal is None:
        raise LogNotFound()
    try:
        await authorize_vivarium(session, principal, animal.vivarium_id, VivariumRole.handler)
    except NotFound as exc:
        raise LogNotFound() from exc
    if log.vivarium_id != animal.vivarium_id:
        raise LogFromEarlierKeeper()
    await repository.delete_log(session, log_id)


async def weight_series(
    session: AsyncSession, principal: Principal, animal_id: uuid.UUID
) -> WeightSeries:
    await load_animal(session, principal, animal_id, VivariumRole.keeper)
    points = [
        WeightPoint(
            log_id=row.id,
            occurred_at=row.occurred_at,
            grams=float(row.weight_grams or 0),
            length_cm=float(row.length_cm) if row.length_cm is not None else None,
        )
        for row in await repository.weights(session, animal_id)
    ]
    return WeightSeries(animal_id=animal_id, points=points)


async def feeding_status(
    session: AsyncSession, principal: Principal, animal_id: uuid.UUID
) -> FeedingStatus:
    loaded = await load_animal(session, principal, animal_id, VivariumRole.keeper)
    animal = loaded.animal
    species = await session.get(Species, animal.species_id)
    interval, source = feeding_interval(
        animal.feeding_interval_days, species.default_feeding_interval_days if species else None
    )
    accepted = await repository.last_feeding(session, animal_id, accepted_only=True)
    attempt = await repository.last_feeding(session, animal_id, accepted_only=False)
    now = utc_now()
    schedule = feeding_schedule(
        interval_days=interval,
        last_accepted_at=accepted.occurred_at if accepted else None,
        last_attempt_at=attempt.occurred_at if attempt else None,
        last_attempt_outcome=attempt.feeding_outcome if attempt else None,
        now=now,
        first_feed_at=first_feed_not_before(
            hatch_date=animal.hatch_date,
            first_shed_days=species.first_shed_days if species else None,
            first_shed_at=await repository.first_shed(session, animal_id)
            if accepted is None
            else None,
            zone=UTC,
        ),
    )
    last = None
    if attempt is not None and attempt.feeding_outcome is not None:
        last = LastFeeding(
            occurred_at=attempt.occurred_at,
            outcome=attempt.feeding_outcome,
            prey_type=attempt.prey_type,
            prey_size=attempt.prey_size,
            prey_count=attempt.prey_count,
        )
    return FeedingStatus(
        animal_id=animal_id,
        interval_days=interval,
        interval_source=source,
        last_fed_at=accepted.occurred_at if accepted else None,
        last_feeding=last,
        next_feed_due=schedule.next_feed_due,
        next_offer_at=schedule.next_offer_at,
        # Due today, as on the Today list: before the vivarium's day ends.
        due=schedule.due_by(end_of_today(loaded.access.vivarium, now)),
        overdue_days=schedule.overdue_days,
    )
