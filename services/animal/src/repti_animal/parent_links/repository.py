"""All SQL of parent links."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from reptidex_common.models.animal import Animal, ParentLink
from reptidex_common.models.animal_enums import ParentLinkStatus, ParentRole, Sex
from reptidex_common.models.core import Membership, Vivarium

Child = aliased(Animal, name="child")
Parent = aliased(Animal, name="parent")


async def get_link(
    session: AsyncSession, link_id: uuid.UUID, *, for_update: bool = False
) -> ParentLink | None:
    return await session.get(ParentLink, link_id, with_for_update=for_update)


def links_of_vivarium(
    vivarium_id: uuid.UUID, *, incoming: bool, status: ParentLinkStatus | None
) -> Select[ParentLink]:
    if incoming:
        # The parent's side never sees suspended links: they may be to offspring it cannot see.
        statement = (
            select(ParentLink)
            .join(Parent, Parent.id == ParentLink.parent_id)
            .where(
                Parent.vivarium_id == vivarium_id,
                ParentLink.status != ParentLinkStatus.suspended,
            )
        )
    else:
        statement = (
            select(ParentLink)
            .join(Child, Child.id == ParentLink.child_id)
            .where(Child.vivarium_id == vivarium_id)
        )
    if status is not None:
        statement = statement.where(ParentLink.status == status)
    return statement


async def open_links_of_child(session: AsyncSession, child_id: uuid.UUID) -> Sequence[ParentLink]:
    """Pending requests and suspended links: what the child's lineage still has to settle."""
    rows = await session.scalars(
        select(ParentLink)
        .where(
            ParentLink.child_id == child_id,
            ParentLink.status.in_((ParentLinkStatus.pending, ParentLinkStatus.suspended)),
        )
        .order_by(ParentLink.created_at)
    )
    return rows.all()


async def close_open_links(
    session: AsyncSession,
    child_id: uuid.UUID,
    role: ParentRole,
    statuses: Iterable[ParentLinkStatus],
    *,
    except_id: uuid.UUID | None = None,
) -> None:
    """Cancel the child's open links for one parent slot (superseded by another choice)."""
    statement = (
        update(ParentLink)
        .where(
            ParentLink.child_id == child_id,
            ParentLink.role == role,
            ParentLink.status.in_(list(statuses)),
        )
        .values(status=ParentLinkStatus.canceled)
        .execution_options(synchronize_session="fetch")
    )
    if except_id is not None:
        statement = statement.where(ParentLink.id != except_id)
    await session.execute(statement)


async def approved_link(
    session: AsyncSession, child_id: uuid.UUID, role: ParentRole, parent_id: uuid.UUID
) -> ParentLink | None:
    return await session.scalar(
        select(ParentLink)
        .where(
            ParentLink.child_id == child_id,
            ParentLink.role == role,
            ParentLink.parent_id == parent_id,
            ParentLink.status == ParentLinkStatus.approved,
        )
        .order_by(ParentLink.created_at.desc())
        .limit(1)
    )


async def cards(session: AsyncSession, animal_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """The animals with their vivarium's name, one query."""
    ids = list(set(animal_ids))
    if not ids:
        return {}
    rows = await session.execute(
        select(
            Animal.id,
            Animal.display_id,
            Animal.name,
            Animal.sex,
            Animal.hatch_date,
            Animal.vivarium_id,
            Vivarium.name.label("vivarium_name"),
        )
        .join(Vivarium, Vivarium.id == Animal.vivarium_id)
        .where(Animal.id.in_(ids))
    )
    return {row.id: row for row in rows}


async def parent_summary(
    session: AsyncSession, parent_id: uuid.UUID
) -> tuple[uuid.UUID, uuid.UUID] | None:
    """The parent's (vivarium, species), or None when it does not exist."""
    row = (
        await session.execute(
            select(Animal.vivarium_id, Animal.species_id).where(Animal.id == parent_id)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1])


async def conflicting_offspring(
    session: AsyncSession, parent_id: uuid.UUID, *, sex: Sex | None, hatch_date: date | None
) -> Sequence[tuple[Animal, ParentRole, str]]:
    """Offspring whose link to this parent the new sex or hatch date would break, with why."""
    conditions = []
    if sex is Sex.female:
        conditions.append(Animal.sire_id == parent_id)
    if sex is Sex.male:
        conditions.append(Animal.dam_id == parent_id)
    if hatch_date is not None:
        conditions.append(
            or_(Animal.sire_id == parent_id, Animal.dam_id == parent_id)
            & Animal.hatch_date.is_not(None)
            & (Animal.hatch_date <= hatch_date)
        )
    if not conditions:
        return []
    rows = await session.scalars(
        select(Animal).where(or_(*conditions)).order_by(Animal.id).with_for_update()
    )
    found: list[tuple[Animal, ParentRole, str]] = []
    for child in rows:
        for role, linked in ((ParentRole.sire, child.sire_id), (ParentRole.dam, child.dam_id)):
            if linked != parent_id:
                continue
            if (sex is Sex.female and role is ParentRole.sire) or (
                sex is Sex.male and role is ParentRole.dam
            ):
                found.append((child, role, "sex"))
            elif (
                hatch_date is not None
                and child.hatch_date is not None
                and child.hatch_date <= hatch_date
            ):
                found.append((child, role, "hatch_date"))
    return found


async def member_vivariums(
    session: AsyncSession, user_id: uuid.UUID, vivarium_ids: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    ids = list(set(vivarium_ids))
    if not ids:
        return set()
    rows = await session.scalars(
        select(Membership.vivarium_id).where(
            Membership.user_id == user_id, Membership.vivarium_id.in_(ids)
        )
    )
    return set(rows)
