"""HTTP for care reminders and the due notifications they leave."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from repti_animal.reminders import service
from repti_animal.reminders.schemas import (
    DueNotificationPage,
    DueNotificationRead,
    ReminderCreate,
    ReminderPage,
    ReminderRead,
    ReminderUpdate,
)
from reptidex_common.auth.dependencies import (
    CurrentPrincipal,
    VivariumAccess,
    require_vivarium_role,
)
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params
from reptidex_common.errors import PROBLEM_RESPONSES
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1", tags=["reminders"], responses=PROBLEM_RESPONSES)

ReaderAccess = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.keeper))]
WriterAccess = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.handler))]
Page = Annotated[PageParams, Depends(page_params)]


@router.post(
    "/vivariums/{vivarium_id}/reminders",
    status_code=status.HTTP_201_CREATED,
    response_model=ReminderRead,
)
async def create(body: ReminderCreate, access: WriterAccess, session: DbSession) -> ReminderRead:
    return await service.create(session, access, body)


@router.get("/vivariums/{vivarium_id}/reminders", response_model=ReminderPage)
async def list_for_vivarium(
    access: ReaderAccess,
    session: DbSession,
    page: Page,
    active: bool | None = None,
    animal_id: uuid.UUID | None = None,
) -> ReminderPage:
    return await service.list_reminders(
        session, access, active=active, animal_id=animal_id, page=page
    )


@router.get("/reminders/{reminder_id}", response_model=ReminderRead)
async def read(
    reminder_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> ReminderRead:
    return await service.read(session, principal, reminder_id)


@router.patch("/reminders/{reminder_id}", response_model=ReminderRead)
async def update(
    reminder_id: uuid.UUID, body: ReminderUpdate, principal: CurrentPrincipal, session: DbSession
) -> ReminderRead:
    return await service.update(session, principal, reminder_id, body)


@router.delete("/reminders/{reminder_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete(
    reminder_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> Response:
    await service.delete(session, principal, reminder_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


notifications_router = APIRouter(
    prefix="/api/v1", tags=["due-notifications"], responses=PROBLEM_RESPONSES
)


@notifications_router.get(
    "/vivariums/{vivarium_id}/due-notifications", response_model=DueNotificationPage
)
async def list_notifications(
    access: ReaderAccess, session: DbSession, page: Page, acknowledged: bool | None = None
) -> DueNotificationPage:
    return await service.list_notifications(session, access, acknowledged=acknowledged, page=page)


@notifications_router.post(
    "/due-notifications/{notification_id}/acknowledge", response_model=DueNotificationRead
)
async def acknowledge(
    notification_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> DueNotificationRead:
    return await service.acknowledge(session, principal, notification_id)
