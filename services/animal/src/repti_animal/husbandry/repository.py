"""All SQL of the husbandry log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, and_, delete, func, insert, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from reptidex_common.models.animal import Animal, Enclosure, HusbandryLog, Lease, Species
from reptidex_common.models.animal_enums import AnimalStatus, FeedingOutcome, LeaseStatus, LogKind

# Animals in the keeper's care (sold, deceased and external reference animals need no feeding;
# one on loan is in the borrower's care, not the lender's).
IN_CARE = (AnimalStatus.active, AnimalStatus.holdback)


async def insert_logs(session: AsyncSession, rows: list[dict[str, Any]]) -> Sequence[HusbandryLog]:
    """One INSERT ... RETURNING for all rows (SQLAlchemy batches them as insertmanyvalues)."""
    result = await session.scalars(
        insert(HusbandryLog).returning(HusbandryLog, sort_by_parameter_order=True), rows
    )
    return result.all()


async def page_of_logs(
    session: AsyncSession,
    animal_id: uuid.UUID,
    *,
    kind: LogKind | None,
    since: datetime | None,
    until: datetime | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[HusbandryLog]:
    """Newest first by (occurred_at, id); ix_husbandry_logs_animal_id_occurred_at serves it."""
    statement = select(HusbandryLog).where(HusbandryLog.animal_id == animal_id)
    if kind is not None:
        statement = statement.where(HusbandryLog.kind == kind)
    if since is not None:
        statement = statement.where(HusbandryLog.occurred_at >= since)
    if until is not None:
        statement = statement.where(HusbandryLog.occurred_at < until)
    if after is not None:
        moment, last_id = after
        statement = statement.where(
            or_(
                HusbandryLog.occurred_at < moment,
                and_(HusbandryLog.occurred_at == moment, HusbandryLog.id < last_id),
            )
        )
    statement = statement.order_by(HusbandryLog.occurred_at.desc(), HusbandryLog.id.desc())
    return (await session.scalars(statement.limit(limit))).all()


async def get_log(session: AsyncSession, log_id: uuid.UUID) -> HusbandryLog | None:
    return await session.get(HusbandryLog, log_id)


async def delete_log(session: AsyncSession, log_id: uuid.UUID) -> None:
    await session.execute(delete(HusbandryLog).where(HusbandryLog.id == log_id))


async def weights(
    session: AsyncSession, animal_id: uuid.UUID
) -> Sequence[Row[uuid.UUID, datetime, Decimal | None, Decimal | None]]:
    # A lifetime of weighings is a few hundred rows: the chart takes them all, oldest first.
    result = await session.execute(
        select(
            HusbandryLog.id,
            HusbandryLog.occurred_at,
            HusbandryLog.weight_grams,
            HusbandryLog.length_cm,
        )
        .where(
            HusbandryLog.animal_id == animal_id,
            HusbandryLog.kind == LogKind.weight,
            HusbandryLog.weight_grams.is_not(None),
        )
        .order_by(HusbandryLog.occurred_at, HusbandryLog.id)
    )
    return result.all()


async def last_feeding(
    session: AsyncSession, animal_id: uuid.UUID, *, accepted_only: bool
) -> HusbandryLog | None:
    statement = select(HusbandryLog).where(
        HusbandryLog.animal_id == animal_id, HusbandryLog.kind == LogKind.feeding
    )
    if accepted_only:
        statement = statement.where(HusbandryLog.feeding_outcome == FeedingOutcome.accepted)
    statement = statement.order_by(HusbandryLog.occurred_at.desc(), HusbandryLog.id.desc())
    return (await session.scalars(statement.limit(1))).first()


async def first_shed(session: AsyncSession, animal_id: uuid.UUID) -> datetime | None:
    """When the animal's first shed was logged, if it was."""
    return await session.scalar(
        select(func.min(HusbandryLog.occurred_at)).where(
            HusbandryLog.animal_id == animal_id, HusbandryLog.kind == LogKind.shed
        )
    )


async def care_rows(session: AsyncSession, vivarium_id: uuid.UUID) -> Sequence[Row[Any]]:
    """Every animal in care with its last accepted feeding, last attempt and last weighing.

    One statement: the animals come from ix_animals_vivarium_id_id and each LATERAL is a
    LIMIT 1 probe of ix_husbandry_logs_animal_id_occurred_at, so no N+1 and no scan of the
    vivarium's whole log.
    """
    fed = aliased(HusbandryLog)
    tried = aliased(HusbandryLog)
    weighed = aliased(HusbandryLog)
    shed = aliased(HusbandryLog)
    last_accepted = (
        select(fed.occurred_at, fed.prey_type, fed.prey_size, fed.prey_count)
        .where(
            fed.animal_id == Animal.id,
            fed.kind == LogKind.feeding,
            fed.feeding_outcome == FeedingOutcome.accepted,
        )
        .order_by(fed.occurred_at.desc())
        .limit(1)
        .lateral("last_accepted")
    )
    last_attempt = (
        select(tried.occurred_at, tried.feeding_outcome)
        .where(tried.animal_id == Animal.id, tried.kind == LogKind.feeding)
        .order_by(tried.occurred_at.desc(), tried.id.desc())
        .limit(1)
        .lateral("last_attempt")
    )
    last_weight = (
        select(weighed.occurred_at, weighed.weight_grams)
        .where(weighed.animal_id == Animal.id, weighed.kind == LogKind.weight)
        .order_by(weighed.occurred_at.desc())
        .limit(1)
        .lateral("last_weight")
    )
    first_shed = (
        select(shed.occurred_at)
        .where(shed.animal_id == Animal.id, shed.kind == LogKind.shed)
        .order_by(shed.occurred_at)
        .limit(1)
        .lateral("first_shed")
    )
    statement = (
        select(
            Animal.id,
            Animal.display_id,
            Animal.name,
            Animal.hatch_date,
            Animal.feeding_interval_days,
            Enclosure.id.label("enclosure_id"),
            Enclosure.name.label("enclosure_name"),
            Species.common_name.label("species_name"),
            Species.default_feeding_interval_days.label("species_interval_days"),
            last_accepted.c.occurred_at.label("fed_at"),
            last_accepted.c.prey_type,
            last_accepted.c.prey_size,
            last_accepted.c.prey_count,
            last_attempt.c.occurred_at.label("attempt_at"),
            last_attempt.c.feeding_outcome.label("attempt_outcome"),
            last_weight.c.occurred_at.label("weighed_at"),
            last_weight.c.weight_grams,
            Species.first_shed_days,
            first_shed.c.occurred_at.label("first_shed_at"),
        )
        .join(Species, Species.id == Animal.species_id)
        # A leased-in animal's enclosure is in the lender's rooms: not shown here.
        .outerjoin(
            Enclosure,
            (Enclosure.id == Animal.enclosure_id) & (Enclosure.vivarium_id == vivarium_id),
        )
        .outerjoin(last_accepted, true())
        .outerjoin(last_attempt, true())
        .outerjoin(last_weight, true())
        .outerjoin(first_shed, true())
        .where(
            or_(
                and_(Animal.vivarium_id == vivarium_id, Animal.status.in_(IN_CARE)),
                Animal.id.in_(
                    select(Lease.animal_id).where(
                        Lease.borrower_vivarium_id == vivarium_id,
                        Lease.status == LeaseStatus.active,
                    )
                ),
            ),
            Animal.archived_at.is_(None),
        )
    )
    return (await session.execute(statement)).all()
