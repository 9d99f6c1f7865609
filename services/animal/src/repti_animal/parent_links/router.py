"""HTTP for parent links across vivariums.

Who may do what: any member of either vivarium reads a link (the parent's side never sees
suspended ones); approve and decline need curator+ in the parent's vivarium; cancel (or
removing a suspended link) needs handler+ in the child's vivarium. Staff act through the
common vivarium check (admin as owner, support read-only).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from repti_animal.animals.access import load_animal
from repti_animal.parent_links import service
from repti_animal.parent_links.schemas import LinkDirection, ParentLinkPage, ParentLinkRead
from reptidex_common.auth.dependencies import CurrentPrincipal, authorize_vivarium
from reptidex_common.db.engine import DbSession
from reptidex_common.db.pagination import PageParams, page_params
from reptidex_common.errors import PROBLEM_RESPONSES
from reptidex_common.models.animal_enums import ParentLinkStatus
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1", tags=["parent-links"], responses=PROBLEM_RESPONSES)
Paging = Annotated[PageParams, Depends(page_params)]


@router.get("/parent-links", response_model=ParentLinkPage, operation_id="parent-links-list")
async def list_parent_links(
    principal: CurrentPrincipal,
    session: DbSession,
    vivarium_id: uuid.UUID,
    paging: Paging,
    direction: LinkDirection = LinkDirection.incoming,
    status: ParentLinkStatus | None = None,
) -> ParentLinkPage:
    """`incoming`: other vivariums asking to record this vivarium's animals as parents.
    `outgoing`: this vivarium's requests, and links suspended by a parent's owner."""
    access = await authorize_vivarium(session, principal, vivarium_id, VivariumRole.keeper)
    return await service.list_for(session, access, direction, status, paging)


@router.get(
    "/animals/{animal_id}/parent-links",
    response_model=list[ParentLinkRead],
    operation_id="parent-links-of-animal",
)
async def parent_links_of_animal(
    animal_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> list[ParentLinkRead]:
    """The child's open links: parents asked for (pending) and links suspended by their owner."""
    loaded = await load_animal(session, principal, animal_id, VivariumRole.keeper)
    return await service.open_links_of(session, principal, loaded.animal)


@router.post(
    "/parent-links/{link_id}/approve",
    response_model=ParentLinkRead,
    operation_id="parent-links-approve",
)
async def approve_parent_link(
    link_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> ParentLinkRead:
    """Link the parent (curator+ of the parent's vivarium); the lineage rules are re-checked."""
    return await service.approve(session, principal, link_id)


@router.post(
    "/parent-links/{link_id}/decline",
    response_model=ParentLinkRead,
    operation_id="parent-links-decline",
)
async def decline_parent_link(
    link_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> ParentLinkRead:
    return await service.decline(session, principal, link_id)


@router.post(
    "/parent-links/{link_id}/cancel",
    response_model=ParentLinkRead,
    operation_id="parent-links-cancel",
)
async def cancel_parent_link(
    link_id: uuid.UUID, principal: CurrentPrincipal, session: DbSession
) -> ParentLinkRead:
    """Withdraw a pending request, or remove a suspended link (handler+ of the child's side)."""
    return await service.cancel(session, principal, link_id)
