"""HTTP for invitations: sent by a vivarium, answered by the invited user."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status

from repti_core.auth.dependencies import CurrentUser
from repti_core.invitations import service
from repti_core.invitations.schemas import (
    AcceptedMembership,
    InvitationCreate,
    InvitationRead,
)
from repti_core.vivariums.dependencies import CuratorAccess
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession
from reptidex_common.errors import PROBLEM_RESPONSES

vivarium_router = APIRouter(
    prefix="/api/v1/vivariums/{vivarium_id}/invitations", tags=["invitations"]
)
router = APIRouter(prefix="/api/v1/invitations", tags=["invitations"])

Token = Annotated[str, Path(min_length=1, max_length=64)]
# Documented beyond the common error responses: seats (402) and expired invitations (410).
PLAN_LIMIT: dict[int | str, dict[str, Any]] = {402: PROBLEM_RESPONSES[409]}
EXPIRED: dict[int | str, dict[str, Any]] = {410: PROBLEM_RESPONSES[409]}
ANSWERING = {**PLAN_LIMIT, **EXPIRED}


@vivarium_router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=InvitationRead, responses=PLAN_LIMIT
)
async def create(
    body: InvitationCreate, access: CuratorAccess, session: DbSession
) -> InvitationRead:
    return await service.create(session, access, body)


@vivarium_router.get("", response_model=list[InvitationRead])
async def list_for_vivarium(access: CuratorAccess, session: DbSession) -> list[InvitationRead]:
    return await service.list_open(session, access)


@vivarium_router.delete("/{invitation_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke(invitation_id: uuid.UUID, access: CuratorAccess, session: DbSession) -> Response:
    await service.revoke(session, access, invitation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("", response_model=list[InvitationRead])
async def list_mine(user: CurrentUser, session: DbSession) -> list[InvitationRead]:
    return await service.list_mine(session, user)


@router.get("/{token}", response_model=InvitationRead)
async def show(token: Token, user: CurrentUser, session: DbSession) -> InvitationRead:
    return await service.show(session, user, token)


@router.post(
    "/{token}/accept",
    status_code=status.HTTP_201_CREATED,
    response_model=AcceptedMembership,
    responses=ANSWERING,
)
async def accept(
    token: Token, principal: CurrentPrincipal, user: CurrentUser, session: DbSession
) -> AcceptedMembership:
    return await service.accept(session, principal, user, await service.by_token(session, token))


@router.post("/{token}/decline", status_code=status.HTTP_204_NO_CONTENT, responses=EXPIRED)
async def decline(
    token: Token, principal: CurrentPrincipal, user: CurrentUser, session: DbSession
) -> Response:
    await service.decline(session, principal, user, await service.by_token(session, token))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# The invitee's own list shows no tokens (only their hashes are stored): it answers by id.
@router.post(
    "/received/{invitation_id}/accept",
    status_code=status.HTTP_201_CREATED,
    response_model=AcceptedMembership,
    responses=ANSWERING,
)
async def accept_received(
    invitation_id: uuid.UUID, principal: CurrentPrincipal, user: CurrentUser, session: DbSession
) -> AcceptedMembership:
    return await service.accept(
        session, principal, user, await service.by_id(session, invitation_id)
    )


@router.post(
    "/received/{invitation_id}/decline",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=EXPIRED,
)
async def decline_received(
    invitation_id: uuid.UUID, principal: CurrentPrincipal, user: CurrentUser, session: DbSession
) -> Response:
    await service.decline(session, principal, user, await service.by_id(session, invitation_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
