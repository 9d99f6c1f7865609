"""Parent links across vivariums: who must ask, and approving, declining and canceling.

A breeder may record their own animals as parents freely. A parent from another vivarium
(a stranger's public or lineage-only animal, a partner's animal) is only asked for: the
child's `sire_id`/`dam_id` stays as it was until the parent's owner (curator or higher in
the parent's vivarium) approves, and approving re-checks every lineage rule. Until then the
lineage is not linked, so COI and relatives are unchanged. Never commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.events import emit_lineage_changed
from repti_animal.animals.parentage import descends_from
from repti_animal.animals.schemas import PrivateParent
from repti_animal.animals.visibility import seen_animals
from repti_animal.lineage.rules import LineageViolation, check_parents, lock_lineage
from repti_animal.parent_links import repository
from repti_animal.parent_links.events import link_changed
from repti_animal.parent_links.exceptions import (
    NotTheChildsKeeper,
    NotTheParentsOwner,
    ParentLinkNotFound,
    ParentLinkNotOpen,
)
from repti_animal.parent_links.schemas import (
    LinkDirection,
    LinkedAnimal,
    ParentLinkPage,
    ParentLinkRead,
)
from reptidex_common.auth.dependencies import VivariumAccess, authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams, keyset_page
from reptidex_common.errors import Forbidden, NotFound
from reptidex_common.events.actors import actor_of
from reptidex_common.models.animal import Animal, ParentLink
from reptidex_common.models.animal_enums import ParentLinkStatus, ParentRole
from reptidex_common.models.enums import VivariumRole
from reptidex_common.tasks.outbox import add_outbox_event

RECOMPUTE_COI = "animal.lineage.recompute_coi"
FIELD = {ParentRole.sire: "sire_id", ParentRole.dam: "dam_id"}


def queue_coi_recompute(session: AsyncSession, animal_id: uuid.UUID) -> None:
    add_outbox_event(session, RECOMPUTE_COI, {"animal_id": str(animal_id)})


async def holds(
    session: AsyncSession, principal: Principal, vivarium_id: uuid.UUID, minimum: VivariumRole
) -> bool:
    """Whether the caller holds `minimum` in the vivarium (staff as the common check says)."""
    try:
        await authorize_vivarium(session, principal, vivarium_id, minimum)
    except (NotFound, Forbidden):
        return False
    return True


async def roles_to_request(
    session: AsyncSession,
    principal: Principal,
    child_vivarium_id: uuid.UUID,
    chosen: dict[ParentRole, uuid.UUID],
) -> set[ParentRole]:
    """The parent slots whose chosen animal must be asked for rather than linked.

    An animal the caller may not see is not one of them: the lineage check refuses it exactly
    as a missing animal. Nor is one the caller could approve themselves (curator or higher in
    the parent's vivarium): a request to oneself would only add a click.
    """
    seen = await seen_animals(session, principal, chosen.values())
    roles: set[ParentRole] = set()
    for role, parent_id in chosen.items():
        found = seen.get(parent_id)
        if found is None or not found.visible:
            continue
        summary = await repository.parent_summary(session, parent_id)
        if summary is None or summary[0] == child_vivarium_id:
            continue
        if await holds(session, principal, summary[0], VivariumRole.curator):
            continue
        roles.add(role)
    return roles


async def request_parents(
    session: AsyncSession,
    principal: Principal,
    child: Animal,
    requested: dict[ParentRole, uuid.UUID],
) -> None:
    """Open one pending request per slot; a newer request for a slot replaces the older one."""
    for role, parent_id in requested.items():
        await repository.close_open_links(session, child.id, role, [ParentLinkStatus.pending])
        link = ParentLink(
            child_id=child.id,
            role=role,
            parent_id=parent_id,
            status=ParentLinkStatus.pending,
            requested_by_id=principal.user_id,
        )
        session.add(link)
        await session.flush()
        link_changed(session, link)


async def parent_chosen_directly(
    session: AsyncSession, child_id: uuid.UUID, roles: Iterable[ParentRole]
) -> None:
    """The breeder set (or cleared) a slot themselves: its pending request is withdrawn."""
    for role in roles:
        await repository.close_open_links(session, child_id, role, [ParentLinkStatus.pending])


async def read_many(
    session: AsyncSession, principal: Principal, links: Sequence[ParentLink]
) -> list[ParentLinkRead]:
    cards = await repository.cards(
        session, [i for link in links for i in (link.child_id, link.parent_id)]
    )
    seen = await seen_animals(session, principal, [link.parent_id for link in links])

    def card(animal_id: uuid.UUID) -> LinkedAnimal:
        row = cards[animal_id]
        return LinkedAnimal(
            id=row.id,
            display_id=row.display_id,
            name=row.name,
            sex=row.sex,
            hatch_date=row.hatch_date,
            vivarium_id=row.vivarium_id,
            vivarium_name=row.vivarium_name,
        )

    return [
        ParentLinkRead(
            id=link.id,
            role=link.role,
            status=link.status,
            reason=link.reason,
            child=card(link.child_id),
            parent=card(link.parent_id)
            if seen.get(link.parent_id) is not None and seen[link.parent_id].visible
            else PrivateParent(),
            created_at=link.created_at,
            responded_at=link.responded_at,
        )
        for link in links
    ]


async def open_links_of(
    session: AsyncSession, principal: Principal, child: Animal
) -> list[ParentLinkRead]:
    return await read_many(
        session, principal, await repository.open_links_of_child(session, child.id)
    )


async def list_for(
    session: AsyncSession,
    access: VivariumAccess,
    direction: LinkDirection,
    status: ParentLinkStatus | None,
    page: PageParams,
) -> ParentLinkPage:
    statement = repository.links_of_vivarium(
        access.vivarium.id, incoming=direction is LinkDirection.incoming, status=status
    )
    rows, cursor = await keyset_page(session, statement, ParentLink.id, page)
    return ParentLinkPage(
        items=await read_many(session, access.principal, list(rows)), next_cursor=cursor
    )


async def _load(
    session: AsyncSession, principal: Principal, link_id: uuid.UUID
) -> tuple[ParentLink, Animal, uuid.UUID]:
    """The link, its child and the parent's vivarium, if the caller is on either side."""
    link = await repository.get_link(session, link_id)
    if link is None:
        raise ParentLinkNotFound()
    child = await session.get(Animal, link.child_id)
    summary = await repository.parent_summary(session, link.parent_id)
    # Animals are archived, never deleted.
    assert child is not None
    assert summary is not None
    parent_vivarium_id = summary[0]
    on_parent_side = link.status is not ParentLinkStatus.suspended and await holds(
        session, principal, parent_vivarium_id, VivariumRole.keeper
    )
    if not on_parent_side and not await holds(
        session, principal, child.vivarium_id, VivariumRole.keeper
    ):
        raise ParentLinkNotFound()
    return link, child, parent_vivarium_id


def _respond(link: ParentLink, principal: Principal, status: ParentLinkStatus) -> None:
    link.status = status
    link.responded_by_id = principal.user_id
    link.responded_at = datetime.now(UTC)


async def _locked_pending(session: AsyncSession, link: ParentLink, action: str) -> ParentLink:
    locked = await repository.get_link(session, link.id, for_update=True)
    assert locked is not None
    await session.refresh(locked)
    if locked.status is not ParentLinkStatus.pending:
        raise ParentLinkNotOpen(locked.status.value, action)
    return locked


async def approve(
    session: AsyncSession, principal: Principal, link_id: uuid.UUID
) -> ParentLinkRead:
    link, child, parent_vivarium_id = await _load(session, principal, link_id)
    if not await holds(session, principal, parent_vivarium_id, VivariumRole.curator):
        raise NotTheParentsOwner()
    # The lineage lock first, as every lineage writer takes it before any row lock.
    await lock_lineage(session, child.species_id)
    link = await _locked_pending(session, link, "approved")
    child_row = await session.get(Animal, link.child_id, with_for_update=True)
    assert child_row is not None
    await session.refresh(child_row)
    field = FIELD[link.role]
    other = child_row.dam_id if link.role is ParentRole.sire else child_row.sire_id
    if other == link.parent_id:
        raise LineageViolation(field, "The sire and the dam must be two different animals.")
    # Re-checked now: either animal may have changed since the request was made.
    await check_parents(
        session,
        animal_id=None,
        species_id=child_row.species_id,
        hatch_date=child_row.hatch_date,
        sire_id=link.parent_id if link.role is ParentRole.sire else None,
        dam_id=link.parent_id if link.role is ParentRole.dam else None,
    )
    if await descends_from(session, child_row.id, [link.parent_id]):
        raise LineageViolation(
            field, "That parent descends from this animal; an animal cannot be its own ancestor."
        )
    previous_sire_id, previous_dam_id = child_row.sire_id, child_row.dam_id
    setattr(child_row, field, link.parent_id)
    _respond(link, principal, ParentLinkStatus.approved)
    await session.flush()
    # Links suspended earlier for this slot are settled by the new one.
    await repository.close_open_links(
        session, child_row.id, link.role, [ParentLinkStatus.suspended], except_id=link.id
    )
    queue_coi_recompute(session, child_row.id)
    link_changed(session, link)
    emit_lineage_changed(
        session,
        child_row,
        previous_sire_id=previous_sire_id,
        previous_dam_id=previous_dam_id,
        actor=actor_of(principal),
        parent_link_id=link.id,
    )
    return (await read_many(session, principal, [link]))[0]


async def decline(
    session: AsyncSession, principal: Principal, link_id: uuid.UUID
) -> ParentLinkRead:
    link, _, parent_vivarium_id = await _load(session, principal, link_id)
    if not await holds(session, principal, parent_vivarium_id, VivariumRole.curator):
        raise NotTheParentsOwner()
    link = await _locked_pending(session, link, "declined")
    _respond(link, principal, ParentLinkStatus.declined)
    await session.flush()
    link_changed(session, link)
    return (await read_many(session, principal, [link]))[0]


async def cancel(session: AsyncSession, principal: Principal, link_id: uuid.UUID) -> ParentLinkRead:
    """Withdraw a pending request, or remove a suspended link, from the child's side."""
    link, child, _ = await _load(session, principal, link_id)
    if not await holds(session, principal, child.vivarium_id, VivariumRole.handler):
        raise NotTheChildsKeeper()
    locked = await repository.get_link(session, link.id, for_update=True)
    assert locked is not None
    await session.refresh(locked)
    if locked.status not in (ParentLinkStatus.pending, ParentLinkStatus.suspended):
        raise ParentLinkNotOpen(locked.status.value, "canceled")
    _respond(locked, principal, ParentLinkStatus.canceled)
    await session.flush()
    link_changed(session, locked)
    return (await read_many(session, principal, [locked]))[0]
