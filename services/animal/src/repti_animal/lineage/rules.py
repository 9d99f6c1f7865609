"""The lineage rules, checked on every write with messages a breeder can act on.

The `animal.check_lineage` trigger re-checks the same rules in the database; these checks come
first so the client gets a 422 naming the field and the reason instead of a bare failure.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.errors import UnprocessableEntity
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex


class LineageViolation(UnprocessableEntity):
    type_slug = "lineage-violation"
    title = "Lineage rule broken"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(
            message, extra={"errors": [{"field": field, "message": message, "type": "lineage"}]}
        )


# Namespaces the advisory lock so it cannot collide with another domain's locks.
_LINEAGE_LOCK = "animal.lineage:"


async def lock_lineage(session: AsyncSession, species_id: uuid.UUID) -> None:
    """Serialize writes of parentage, sex and hatch date within one species.

    Each check (and the trigger) reads the committed pedigree; two transactions linking
    A.sire = B and B.sire = A each see no cycle, and both would commit. Parents are always
    of the animal's species, so a lock per species is enough. Take it before any row lock
    on an animal, so every lineage writer locks in the same order. Released at commit or
    rollback.
    """
    await session.execute(
        select(
            func.pg_advisory_xact_lock(func.hashtextextended(_LINEAGE_LOCK + str(species_id), 0))
        )
    )


@dataclass(frozen=True)
class ParentCandidate:
    id: uuid.UUID
    species_id: uuid.UUID
    sex: Sex
    hatch_date: date | None
    vivarium_id: uuid.UUID


async def _parent(session: AsyncSession, parent_id: uuid.UUID, field: str) -> ParentCandidate:
    row = (
        await session.execute(
            select(
                Animal.id, Animal.species_id, Animal.sex, Animal.hatch_date, Animal.vivarium_id
            ).where(Animal.id == parent_id)
        )
    ).one_or_none()
    if row is None:
        raise LineageViolation(field, f"The {field.removesuffix('_id')} does not exist.")
    return ParentCandidate(*row)


_ANCESTORS = text(
    """
    WITH RECURSIVE ancestors(id) AS (
        SELECT unnest(CAST(:start AS uuid[]))
        UNION
        SELECT unnest(ARRAY[a.sire_id, a.dam_id])
        FROM animal.animals a JOIN ancestors ON a.id = ancestors.id
    )
    SELECT 1 FROM ancestors WHERE id = :candidate LIMIT 1
    """
)


async def is_ancestor(session: AsyncSession, candidate: uuid.UUID, of: list[uuid.UUID]) -> bool:
    """Whether `candidate` appears among the ancestors of (or is one of) the animals in `of`."""
    if not of:
        return False
    found = await session.scalar(_ANCESTORS, {"start": of, "candidate": candidate})
    return found is not None


async def check_parents(
    session: AsyncSession,
    *,
    animal_id: uuid.UUID | None,
    species_id: uuid.UUID,
    hatch_date: date | None,
    sire_id: uuid.UUID | None,
    dam_id: uuid.UUID | None,
) -> tuple[ParentCandidate | None, ParentCandidate | None]:
    """Raise `LineageViolation` for the first broken rule; return the parents otherwise.

    Whether the caller may *see* each parent is the caller's business (access rules differ
    between creating, hatching and importing); this only checks biology and history.
    """
    if sire_id is not None and sire_id == dam_id:
        raise LineageViolation("dam_id", "The sire and the dam must be two different animals.")
    found: dict[str, ParentCandidate | None] = {"sire_id": None, "dam_id": None}
    for field, parent_id in (("sire_id", sire_id), ("dam_id", dam_id)):
        if parent_id is None:
            continue
        role = field.removesuffix("_id")
        if parent_id == animal_id:
            raise LineageViolation(field, f"An animal cannot be its own {role}.")
        parent = await _parent(session, parent_id, field)
        if field == "sire_id" and parent.sex is Sex.female:
            raise LineageViolation(
                field, "The sire is recorded as female; a sire must be male or unknown."
            )
        if field == "dam_id" and parent.sex is Sex.male:
            raise LineageViolation(
                field, "The dam is recorded as male; a dam must be female or unknown."
            )
        if parent.species_id != species_id:
            raise LineageViolation(field, f"The {role} is of another species.")
        if parent.hatch_date and hatch_date and parent.hatch_date >= hatch_date:
            raise LineageViolation(
                field,
                f"The {role} hatched on {parent.hatch_date.isoformat()}, not before this animal "
                f"({hatch_date.isoformat()}); a parent must be older than its offspring.",
            )
        found[field] = parent
    if animal_id is not None:
        parent_ids = [p for p in (sire_id, dam_id) if p is not None]
        if await is_ancestor(session, animal_id, parent_ids):
            raise LineageViolation(
                "sire_id" if sire_id else "dam_id",
                "That parent descends from this animal; an animal cannot be its own ancestor.",
            )
    return found["sire_id"], found["dam_id"]
