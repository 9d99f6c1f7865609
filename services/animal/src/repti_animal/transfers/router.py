"""HTTP for transfers and leases.

Who may do what: creating a transfer or lease needs curator+ in the animal's vivarium
(handlers and keepers cannot give animals away). Accept and decline need curator+ on the
receiving side, cancel curator+ on the sending side, returning or canceling a lease curator+
on either side. Reading a transfer or lease: any member of either side. Staff act through the common
vivarium check (admin as owner, support read-only).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from repti_animal.transfers import lease_service, service
from repti_animal.transfers.schemas import (
    Direction,
    LeaseCreate,
    LeaseRead,
    TransferCreate,
    TransferPage,
    TransferRead,
)
from reptidex_common.auth.dependencies import (
    CurrentPrincipal,
    VivariumAccess,
    authorize_vivarium,
    require_vivarium_role,
)
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import Page, PageParams, page_params
from reptidex_common.errors import PROBLEM_RESPONSES
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1", tags=["transfers"], responses=PROBLEM_RESPONSES)
MemberAccess = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.keeper))]
Paging = Annotated[PageParams, Depends(page_params)]


@router.post(
    "/transfers",
    status_code=status.HTTP_201_CREATED,
    response_model=TransferRead,
    operation_id="transfers-create",
)
async def create_transfer(
    body: TransferCreate, principal: CurrentPrincipal, session: DbSession
) -> TransferRead:
    return await service.create(session, principal, body)


@router.get("/transfers", response_model=TransferPage, operation_id="transfers-list")
async def list_transfers(
    principal: CurrentPrincipal,
    session: DbSession,
    vivarium_id: uuid.UUID,
    paging: Paging,
    direction: Direction = Direction.incoming,
) -> TransferPage:
    access = await authorize_vivarium(session, principal, vivarium_id, VivariumRole.keeper)
    return await service.list_for(session, access, direction, paging)


@router.get("/transfers/{transfer_id}", response_model=TransferRead, operation_id="transfers-get")
async def get_transfer(
    transfer_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> TransferRead:
    return await service.get(session, principal, transfer_id)


@router.post(
    "/transfers/{transfer_id}/accept", response_model=TransferRead, operation_id="transfers-accept"
)
async def accept_transfer(
    transfer_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> TransferRead:
    return await service.accept(session, principal, transfer_id)


@router.post(
    "/transfers/{transfer_id}/decline",
    response_model=TransferRead,
    operation_id="transfers-decline",
)
async def decline_transfer(
    transfer_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> TransferRead:
    return await service.decline(session, principal, transfer_id)


@router.post(
    "/transfers/{transfer_id}/cancel", response_model=TransferRead, operation_id="transfers-cancel"
)
async def cancel_transfer(
    transfer_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> TransferRead:
    return await service.cancel(session, principal, transfer_id)


@router.get(
    "/vivariums/{vivarium_id}/transferred-animals",
    response_model=TransferPage,
    operation_id="transfers-transferred-animals",
    description="Accepted outgoing transfers: the sender's read-only record (`snapshot`).",
)
async def transferred_animals(
    access: MemberAccess, session: DbSession, paging: Paging
) -> TransferPage:
    return await service.transferred_animals(session, access, paging)


@router.post(
    "/leases",
    status_code=status.HTTP_201_CREATED,
    response_model=LeaseRead,
    operation_id="leases-create",
)
async def create_lease(
    body: LeaseCreate, principal: CurrentPrincipal, session: DbSession
) -> LeaseRead:
    return await lease_service.create(session, principal, body)


@router.get("/leases/{lease_id}", response_model=LeaseRead, operation_id="leases-get")
async def get_lease(
    lease_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> LeaseRead:
    return await lease_service.get(session, principal, lease_id)


@router.post("/leases/{lease_id}/return", response_model=LeaseRead, operation_id="leases-return")
async def return_lease(
    lease_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> LeaseRead:
    return await lease_service.return_lease(session, principal, lease_id)


@router.post("/leases/{lease_id}/cancel", response_model=LeaseRead, operation_id="leases-cancel")
async def cancel_lease(
    lease_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> LeaseRead:
    """Call the loan off (curator of either side); the animal is the lender's again."""
    return await lease_service.cancel_lease(session, principal, lease_id)


@router.get(
    "/vivariums/{vivarium_id}/leased-in",
    response_model=Page[LeaseRead],
    operation_id="leases-leased-in",
    description="Animals on active loan to this vivarium, each with its summary and genotype.",
)
async def leased_in(access: MemberAccess, session: DbSession, paging: Paging) -> Page[LeaseRead]:
    items, cursor = await lease_service.leased_in(session, access, paging)
    return Page[LeaseRead](items=items, next_cursor=cursor)


@router.get(
    "/vivariums/{vivarium_id}/leased-out",
    response_model=Page[LeaseRead],
    operation_id="leases-leased-out",
)
async def leased_out(access: MemberAccess, session: DbSession, paging: Paging) -> Page[LeaseRead]:
    items, cursor = await lease_service.leased_out(session, access, paging)
    return Page[LeaseRead](items=items, next_cursor=cursor)
