"""SQL for animals."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.filters import AnimalFilters
from repti_animal.animals.grants import PARTNER_SHARED
from repti_animal.animals.schemas import AnimalListItem
from reptidex_common.db.pagination import PageParams, keyset_page
from reptidex_common.models.animal import Animal, Clutch, Genotype, Lease, Reminder
from reptidex_common.models.animal_enums import AnimalStatus, LeaseStatus

# Namespaces the advisory lock so it cannot collide with another domain's locks.
_COUNT_LOCK = "animal.count:"


async def lock_animal_count(session: AsyncSession, vivarium_id: uuid.UUID) -> None:
    """Serialize the plan-limit check with concurrent creations in one vivarium.

    An advisory lock rather than a row lock: the vivarium row is core's, and this must not
    block core's own writes to it. Released at commit or rollback.
    """
    await session.execute(
        select(func.pg_advisory_xact_lock(func.hashtextextended(_COUNT_LOCK + str(vivarium_id), 0)))
    )


async def species_of(session: AsyncSession, animal_id: uuid.UUID) -> uuid.UUID | None:
    """The animal's species, read without a lock (it never changes after creation)."""
    return await session.scalar(select(Animal.species_id).where(Animal.id == animal_id))


async def count_unarchived(session: AsyncSession, vivarium_id: uuid.UUID) -> int:
    """What the plan's max_animals counts: every animal not archived."""
    count = await session.scalar(
        select(func.count())
        .select_from(Animal)
        .where(Animal.vivarium_id == vivarium_id, Animal.archived_at.is_(None))
    )
    return int(count or 0)


async def display_id_taken(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    display_id: str,
    *,
    except_id: uuid.UUID | None = None,
) -> bool:
    statement = select(Animal.id).where(
        Animal.vivarium_id == vivarium_id, Animal.display_id == display_id
    )
    if except_id is not None:
        statement = statement.where(Animal.id != except_id)
    return await session.scalar(statement.limit(1)) is not None


async def clutch_in_vivarium(
    session: AsyncSession, clutch_id: uuid.UUID, vivarium_id: uuid.UUID
) -> bool:
    found = await session.scalar(
        select(Clutch.id).where(Clutch.id == clutch_id, Clutch.vivarium_id == vivarium_id)
    )
    return found is not None


# What a list item shows (`AnimalListItem`): rows of these, not whole ORM objects.
LIST_COLUMNS = tuple(Animal.__table__.c[name] for name in AnimalListItem.model_fields)


async def page_of_animals(
    session: AsyncSession, filters: AnimalFilters, params: PageParams
) -> tuple[Sequence[Row[Any]], str | None]:
    """One query per page, walking ix_animals_vivarium_id_id newest first."""
    kept_here = Animal.vivarium_id == filters.vivarium_id
    if filters.include_leased_in:
        leased_in = select(Lease.animal_id).where(
            Lease.borrower_vivarium_id == filters.vivarium_id, Lease.status == LeaseStatus.active
        )
        kept_here = or_(kept_here, Animal.id.in_(leased_in))
    statement = select(*LIST_COLUMNS).where(kept_here)
    if not filters.include_archived:
        statement = statement.where(Animal.archived_at.is_(None))
    if filters.living:
        statement = statement.where(Animal.status != AnimalStatus.deceased)
    if filters.partner_view:
        statement = statement.where(Animal.visibility.in_(PARTNER_SHARED))
    if filters.species_id is not None:
        statement = statement.where(Animal.species_id == filters.species_id)
    if filters.sex is not None:
        statement = statement.where(Animal.sex == filters.sex)
    if filters.status is not None:
        statement = statement.where(Animal.status == filters.status)
    if filters.visibility is not None:
        statement = statement.where(Animal.visibility == filters.visibility)
    if filters.trait_id is not None:
        # Served by the (animal_id, trait_id) unique index.
        statement = statement.where(
            exists().where(Genotype.animal_id == Animal.id, Genotype.trait_id == filters.trait_id)
        )
    if filters.q:
        statement = statement.where(
            or_(
                *(
                    column.icontains(filters.q, autoescape=True)
                    for column in (Animal.name, Animal.display_id, Animal.morph, Animal.microchip)
                )
            )
        )
    return await keyset_page(session, statement, Animal.id, params)


async def stop_reminders(session: AsyncSession, animal_id: uuid.UUID) -> None:
    """An archived animal's care reminders stop firing (they stay listed, inactive)."""
    await session.execute(
        update(Reminder)
        .where(Reminder.animal_id == animal_id, Reminder.active)
        .values(active=False)
        .execution_options(synchronize_session=False)
    )
