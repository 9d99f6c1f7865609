"""HTTP for user profiles and staff moderation of accounts."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from repti_core.auth.dependencies import CurrentUser
from repti_core.auth.schemas import UserRead
from repti_core.auth.views import user_read
from repti_core.users import repository, service
from repti_core.users.dependencies import ExistingUser
from repti_core.users.schemas import UserPublicRead, UserUpdate
from reptidex_common.auth.dependencies import CurrentPrincipal, OptionalPrincipal, StaffPrincipal
from reptidex_common.db.engine import DbSession

router = APIRouter(prefix="/api/v1/users", tags=["users"])


@router.patch("/me", response_model=UserRead)
async def update_me(
    body: UserUpdate, principal: CurrentPrincipal, user: CurrentUser, session: DbSession
) -> UserRead:
    service.update_profile(session, principal, user, body)
    await session.flush()
    return user_read(user)


@router.get("/{user_id}", response_model=UserPublicRead)
async def get_profile(
    user_id: uuid.UUID, viewer: OptionalPrincipal, session: DbSession
) -> UserPublicRead:
    # Not ExistingUser: the hidden-profile 404 and the missing-user 404 must be the same answer.
    return service.public_profile(await repository.user_by_id(session, user_id), viewer)


# Staff is resolved before the target, so an anonymous caller gets 401 even for unknown ids.
@router.post("/{user_id}/suspend", response_model=UserRead)
async def suspend(staff: StaffPrincipal, target: ExistingUser, session: DbSession) -> UserRead:
    return user_read(await service.suspend(session, target, staff))


@router.post("/{user_id}/reactivate", response_model=UserRead)
async def reactivate(staff: StaffPrincipal, target: ExistingUser, session: DbSession) -> UserRead:
    return user_read(service.reactivate(session, target, staff))
