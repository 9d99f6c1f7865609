"""HTTP for the members of a vivarium."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from repti_core.members import service
from repti_core.members.schemas import MemberRead, MemberUpdate
from repti_core.vivariums.dependencies import CuratorAccess, MemberAccess
from reptidex_common.db.engine import DbSession

router = APIRouter(prefix="/api/v1/vivariums/{vivarium_id}/members", tags=["members"])


@router.get("", response_model=list[MemberRead])
async def list_for_vivarium(access: MemberAccess, session: DbSession) -> list[MemberRead]:
    return await service.list_members(session, access)


@router.patch("/{user_id}", response_model=MemberRead)
async def update(
    user_id: uuid.UUID, body: MemberUpdate, access: CuratorAccess, session: DbSession
) -> MemberRead:
    return await service.change_role(session, access, user_id, body.role)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove(user_id: uuid.UUID, access: MemberAccess, session: DbSession) -> Response:
    # Any member may leave; removing someone else is checked against roles in the service.
    await service.remove(session, access, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
