"""The lineage check for a write of an animal's parents, as the caller may make it.

`lineage.rules.check_parents` holds the rules; this adds what writing through the API needs:
parents the caller may not see are refused exactly like missing ones, and the cycle check
runs on a recursive query of its own (`rules.is_ancestor` builds its recursive CTE from a
UNION, which SQLAlchemy refuses, so `check_parents` is only called without `animal_id`).
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from repti_animal.animals.visibility import mask_unseen_parents, seen_animals
from repti_animal.lineage.rules import LineageViolation, check_parents
from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import Animal


async def descends_from(
    session: AsyncSession, animal_id: uuid.UUID, parent_ids: list[uuid.UUID]
) -> bool:
    """Whether `animal_id` is among the parents or any ancestor of the parents."""
    if not parent_ids:
        return False
    ancestors = (
        select(Animal.id, Animal.sire_id, Animal.dam_id)
        .where(Animal.id.in_(parent_ids))
        .cte("ancestors", recursive=True)
    )
    parent = aliased(Animal)
    # UNION (not UNION ALL) stops on rows already seen, so even bad data cannot loop forever.
    ancestors = ancestors.union(
        select(parent.id, parent.sire_id, parent.dam_id).join(
            ancestors, or_(parent.id == ancestors.c.sire_id, parent.id == ancestors.c.dam_id)
        )
    )
    found = await session.scalar(select(ancestors.c.id).where(ancestors.c.id == animal_id).limit(1))
    return found is not None


async def check_parentage(
    session: AsyncSession,
    principal: Principal,
    *,
    animal_id: uuid.UUID | None,
    species_id: uuid.UUID,
    hatch_date: date | None,
    sire_id: uuid.UUID | None,
    dam_id: uuid.UUID | None,
    linking: frozenset[str] = frozenset({"sire_id", "dam_id"}),
) -> None:
    """Raise `LineageViolation` for the first broken rule.

    `linking` names the parents being newly linked: only those need the caller's sight (a
    parent recorded earlier stays valid when its owner later hides it).
    """
    masked_sire, masked_dam = await mask_unseen_parents(
        session,
        principal,
        sire_id=sire_id if "sire_id" in linking else None,
        dam_id=dam_id if "dam_id" in linking else None,
    )
    sire = masked_sire if "sire_id" in linking else sire_id
    dam = masked_dam if "dam_id" in linking else dam_id
    if animal_id is not None:
        for field, parent_id in (("sire_id", sire), ("dam_id", dam)):
            if parent_id == animal_id:
                role = field.removesuffix("_id")
                raise LineageViolation(field, f"An animal cannot be its own {role}.")
    recorded = {
        field: parent_id
        for field, parent_id in (("sire_id", sire), ("dam_id", dam))
        if field not in linking and parent_id is not None
    }
    seen = await seen_animals(session, principal, recorded.values())
    hidden = {
        field
        for field, parent_id in recorded.items()
        if parent_id not in seen or not seen[parent_id].visible
    }
    try:
        await check_parents(
            session,
            animal_id=None,
            species_id=species_id,
            hatch_date=hatch_date,
            sire_id=sire,
            dam_id=dam,
        )
    except LineageViolation as exc:
        field = exc.extra["errors"][0]["field"]
        if field not in hidden:
            raise
        # A parent recorded earlier that the caller may no longer see: its sex and species
        # cannot have changed under its offspring, so only the hatch date can be in the way,
        # and the refusal must not tell that parent's date.
        role = field.removesuffix("_id")
        raise LineageViolation(
            field,
            f"The {role} recorded for this animal is not older than this hatch date; "
            "a parent must be older than its offspring.",
        ) from None
    parents = [p for p in (sire, dam) if p is not None]
    if animal_id is not None and await descends_from(session, animal_id, parents):
        raise LineageViolation(
            "sire_id" if sire else "dam_id",
            "That parent descends from this animal; an animal cannot be its own ancestor.",
        )
