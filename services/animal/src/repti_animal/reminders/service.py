"""Business rules of care reminders and due notifications (request side)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.enclosures import repository as enclosure_repository
from repti_animal.husbandry import cursor
from repti_animal.reminders import repository
from repti_animal.reminders.exceptions import (
    DueNotificationNotFound,
    ReminderNotFound,
    TargetNotInVivarium,
)
from repti_animal.reminders.schemas import (
    DueNotificationPage,
    DueNotificationRead,
    ReminderCreate,
    ReminderPage,
    ReminderRead,
    ReminderUpdate,
)
from reptidex_common.auth.dependencies import VivariumAccess, authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams, decode_cursor, split_page
from reptidex_common.errors import NotFound
from reptidex_common.models.animal import DueNotification, Reminder
from reptidex_common.models.enums import VivariumRole


async def create(
    session: AsyncSession, access: VivariumAccess, body: ReminderCreate
) -> ReminderRead:
    vivarium_id = access.vivarium.id
    if body.animal_id is not None and not await repository.animal_in_vivarium(
        session, body.animal_id, vivarium_id
    ):
        raise TargetNotInVivarium("animal_id")
    if body.enclosure_id is not None and not await enclosure_repository.enclosure_in_vivarium(
        session, body.enclosure_id, vivarium_id
    ):
        raise TargetNotInVivarium("enclosure_id")
    reminder = Reminder(
        vivarium_id=vivarium_id,
        created_by_id=access.principal.user_id,
        active=True,
        **body.model_dump(),
    )
    session.add(reminder)
    await session.flush()
    await session.refresh(reminder)
    return ReminderRead.model_validate(reminder)


async def list_reminders(
    session: AsyncSession,
    access: VivariumAccess,
    *,
    active: bool | None,
    animal_id: uuid.UUID | None,
    page: PageParams,
) -> ReminderPage:
    rows = await repository.page_of_reminders(
        session,
        access.vivarium.id,
        active=active,
        animal_id=animal_id,
        after=decode_cursor(page.cursor) if page.cursor else None,
        limit=page.limit + 1,
    )
    rows, next_cursor = split_page(rows, page.limit, lambda row: row.id)
    return ReminderPage(
        items=[ReminderRead.model_validate(r) for r in rows], next_cursor=next_cursor
    )


async def load_reminder(
    session: AsyncSession, principal: Principal, reminder_id: uuid.UUID, minimum: VivariumRole
) -> Reminder:
    reminder = await session.get(Reminder, reminder_id)
    if reminder is None:
        raise ReminderNotFound()
    try:
        await authorize_vivarium(session, principal, reminder.vivarium_id, minimum)
    except NotFound as exc:
        raise ReminderNotFound() from exc
    return reminder


async def read(session: AsyncSession, principal: Principal, reminder_id: uuid.UUID) -> ReminderRead:
    reminder = await load_reminder(session, principal, reminder_id, VivariumRole.keeper)
    return ReminderRead.model_validate(reminder)


async def update(
    session: AsyncSession, principal: Principal, reminder_id: uuid.UUID, body: ReminderUpdate
) -> ReminderRead:
    reminder = await load_reminder(session, principal, reminder_id, VivariumRole.handler)
    for name, value in body.model_dump(exclude_unset=True).items():
        setattr(reminder, name, value)
    await session.flush()
    await session.refresh(reminder)
    return ReminderRead.model_validate(reminder)


async def delete(session: AsyncSession, principal: Principal, reminder_id: uuid.UUID) -> None:
    reminder = await load_reminder(session, principal, reminder_id, VivariumRole.handler)
    # Its due notifications go with it (ON DELETE CASCADE): they only make sense with it.
    await session.delete(reminder)
    await session.flush()


async def list_notifications(
    session: AsyncSession,
    access: VivariumAccess,
    *,
    acknowledged: bool | None,
    page: PageParams,
) -> DueNotificationPage:
    rows = await repository.page_of_notifications(
        session,
        access.vivarium.id,
        acknowledged=acknowledged,
        after=cursor.decode_flag_id(page.cursor) if page.cursor else None,
        limit=page.limit + 1,
    )
    next_cursor = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        last = rows[-1]
        next_cursor = cursor.encode_flag_id(last.acknowledged_at is not None, last.id)
    return DueNotificationPage(
        items=[DueNotificationRead.model_validate(r) for r in rows], next_cursor=next_cursor
    )


async def acknowledge(
    session: AsyncSession, principal: Principal, notification_id: uuid.UUID
) -> DueNotificationRead:
    notification = await session.get(DueNotification, notification_id, with_for_update=True)
    if notification is None:
        raise DueNotificationNotFound()
    try:
        await authorize_vivarium(session, principal, notification.vivarium_id, VivariumRole.handler)
    except NotFound as exc:
        raise DueNotificationNotFound() from exc
    # Acknowledging again keeps the first time: a double tap is not a second acknowledgement.
    if notification.acknowledged_at is None:
        notification.acknowledged_at = datetime.now(UTC)
        await session.flush()
    return DueNotificationRead.model_validate(notification)
