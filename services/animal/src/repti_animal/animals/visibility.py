"""Which other animals a caller may see: the parents they may link and the ones shown to them.

A caller sees an animal of a vivarium they belong to (staff see all), and anyone's
`public` or `lineage_only` animal; a `private` animal elsewhere is invisible, and every answer
about it must read exactly as if it did not exist.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Visibility
from reptidex_common.models.core import Membership, Vivarium

SHAREABLE = (Visibility.public, Visibility.lineage_only)


@dataclass(frozen=True)
class SeenAnimal:
    id: uuid.UUID
    display_id: str
    name: str | None
    visible: bool


async def seen_animals(
    session: AsyncSession, principal: Principal, animal_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, SeenAnimal]:
    """The animals that exist among `animal_ids`, each with whether the caller may see it.

    One query: the caller's membership is joined in, so no per-animal lookup.
    """
    ids = list(set(animal_ids))
    if not ids:
        return {}
    rows = await session.execute(
        select(
            Animal.id,
            Animal.display_id,
            Animal.name,
            Animal.vivarium_id,
            Animal.visibility,
            Membership.id.label("membership_id"),
            Vivarium.id.label("live_vivarium_id"),
        )
        .outerjoin(
            Membership,
            (Membership.vivarium_id == Animal.vivarium_id)
            & (Membership.user_id == principal.user_id),
        )
        .outerjoin(
            Vivarium, (Vivarium.id == Membership.vivarium_id) & Vivarium.deleted_at.is_(None)
        )
        .where(Animal.id.in_(ids))
    )
    found = {}
    for row in rows:
        member = row.membership_id is not None and row.live_vivarium_id is not None
        visible = sees(principal, row.vivarium_id, row.visibility, member=member)
        found[row.id] = SeenAnimal(row.id, row.display_id, row.name, visible)
    return found


def sees(
    principal: Principal, vivarium_id: uuid.UUID, visibility: Visibility, *, member: bool
) -> bool:
    """Whether the caller may see an animal of `vivarium_id` they are (or are not) a member of."""
    # An API key bound to one vivarium acts as a member of that vivarium only.
    if principal.vivarium_id is not None and principal.vivarium_id != vivarium_id:
        member = False
    return principal.is_staff or member or visibility in SHAREABLE


async def mask_unseen_parents(
    session: AsyncSession,
    principal: Principal,
    *,
    sire_id: uuid.UUID | None,
    dam_id: uuid.UUID | None,
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """Swap each parent the caller may not see for an id that exists nowhere.

    `check_parents` then refuses it at the very point, and in the very words, it refuses a
    missing parent, so no answer (not even which rule fails first) tells the two apart.
    """
    seen = await seen_animals(session, principal, [i for i in (sire_id, dam_id) if i])
    stand_ins: dict[uuid.UUID, uuid.UUID] = {}

    def masked(parent_id: uuid.UUID | None) -> uuid.UUID | None:
        if parent_id is None:
            return None
        parent = seen.get(parent_id)
        if parent is not None and parent.visible:
            return parent_id
        # One stand-in per id, so "sire and dam are the same animal" still reads the same.
        return stand_ins.setdefault(parent_id, uuid.uuid4())

    return masked(sire_id), masked(dam_id)
