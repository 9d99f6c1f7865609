"""All SQL of reminders and due notifications (the firing SQL lives in `firing`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, DueNotification, Reminder


async def animal_in_vivarium(
    session: AsyncSession, animal_id: uuid.UUID, vivarium_id: uuid.UUID
) -> bool:
    found = await session.scalar(
        select(Animal.id).where(
            Animal.id == animal_id, Animal.vivarium_id == vivarium_id, Animal.archived_at.is_(None)
        )
    )
    return found is not None


async def page_of_reminders(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    *,
    active: bool | None,
    animal_id: uuid.UUID | None,
    after: uuid.UUID | None,
    limit: int,
) -> Sequence[Reminder]:
    statement = select(Reminder).where(Reminder.vivarium_id == vivarium_id)
    if active is not None:
        statement = statement.where(Reminder.active.is_(active))
    if animal_id is not None:
        statement = statement.where(Reminder.animal_id == animal_id)
    if after is not None:
        statement = statement.where(Reminder.id < after)
    return (await session.scalars(statement.order_by(Reminder.id.desc()).limit(limit))).all()


async def due_before(
    session: AsyncSession, vivarium_id: uuid.UUID, moment: datetime
) -> Sequence[Reminder]:
    # ix_reminders_due (partial, active only) bounds this to reminders due before `moment`.
    return (
        await session.scalars(
            select(Reminder)
            .where(Reminder.active, Reminder.next_due_at < moment)
            .where(Reminder.vivarium_id == vivarium_id)
            .order_by(Reminder.next_due_at, Reminder.id)
        )
    ).all()


async def page_of_notifications(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    *,
    acknowledged: bool | None,
    after: tuple[bool, uuid.UUID] | None,
    limit: int,
) -> Sequence[DueNotification]:
    """Unacknowledged first, newest first within each group; the cursor carries both keys."""
    is_acked = DueNotification.acknowledged_at.is_not(None)
    statement = select(DueNotification).where(DueNotification.vivarium_id == vivarium_id)
    if acknowledged is not None:
        statement = statement.where(is_acked if acknowledged else ~is_acked)
    if after is not None:
        last_acked, last_id = after
        if last_acked:
            statement = statement.where(is_acked, DueNotification.id < last_id)
        else:
            statement = statement.where(
                or_(is_acked, and_(~is_acked, DueNotification.id < last_id))
            )
    statement = statement.order_by(is_acked, DueNotification.id.desc()).limit(limit)
    return (await session.scalars(statement)).all()


async def unacknowledged(
    session: AsyncSession, vivarium_id: uuid.UUID, limit: int
) -> Sequence[DueNotification]:
    return (
        await session.scalars(
            select(DueNotification)
            .where(
                DueNotification.vivarium_id == vivarium_id,
                DueNotification.acknowledged_at.is_(None),
            )
            .order_by(DueNotification.id.desc())
            .limit(limit)
        )
    ).all()
