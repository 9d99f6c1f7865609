"""HTTP for partnerships between two vivariums."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from repti_core.partnerships import service
from repti_core.partnerships.schemas import PartnershipCreate, PartnershipRead
from repti_core.vivariums.dependencies import CuratorAccess, MemberAccess
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession

vivarium_router = APIRouter(
    prefix="/api/v1/vivariums/{vivarium_id}/partnerships", tags=["partnerships"]
)
router = APIRouter(prefix="/api/v1/partnerships", tags=["partnerships"])


@vivarium_router.post("", status_code=status.HTTP_201_CREATED, response_model=PartnershipRead)
async def propose(
    body: PartnershipCreate, access: CuratorAccess, session: DbSession
) -> PartnershipRead:
    return await service.propose(session, access, body)


@vivarium_router.get("", response_model=list[PartnershipRead])
async def list_for_vivarium(access: MemberAccess, session: DbSession) -> list[PartnershipRead]:
    return await service.list_for(session, access)


@router.post("/{partnership_id}/accept", response_model=PartnershipRead)
async def accept(
    partnership_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> PartnershipRead:
    return await service.accept(session, principal, partnership_id)


@router.post("/{partnership_id}/end", response_model=PartnershipRead)
async def end(
    partnership_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> PartnershipRead:
    return await service.end(session, principal, partnership_id)
