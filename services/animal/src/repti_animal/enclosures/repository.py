"""All SQL of enclosures and of moving animals between them."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, Enclosure


async def page_of_enclosures(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    *,
    include_archived: bool,
    after: uuid.UUID | None,
    limit: int,
) -> Sequence[Enclosure]:
    statement = select(Enclosure).where(Enclosure.vivarium_id == vivarium_id)
    if not include_archived:
        statement = statement.where(Enclosure.archived_at.is_(None))
    if after is not None:
        statement = statement.where(Enclosure.id > after)
    # Oldest first: racks are listed in the order they were set up.
    return (await session.scalars(statement.order_by(Enclosure.id).limit(limit))).all()


async def enclosure_in_vivarium(
    session: AsyncSession, enclosure_id: uuid.UUID, vivarium_id: uuid.UUID
) -> bool:
    """An open (not archived) enclosure of that vivarium: where an animal or reminder may point."""
    found = await session.scalar(
        select(Enclosure.id).where(
            Enclosure.id == enclosure_id,
            Enclosure.vivarium_id == vivarium_id,
            Enclosure.archived_at.is_(None),
        )
    )
    return found is not None


async def name_taken(
    session: AsyncSession, vivarium_id: uuid.UUID, name: str, *, other_than: uuid.UUID | None
) -> bool:
    statement = select(Enclosure.id).where(
        Enclosure.vivarium_id == vivarium_id, Enclosure.name == name
    )
    if other_than is not None:
        statement = statement.where(Enclosure.id != other_than)
    return (await session.scalar(statement)) is not None


async def animals_in(
    session: AsyncSession, enclosure_ids: Collection[uuid.UUID]
) -> Sequence[Animal]:
    """The live animals of several enclosures in one query (no N+1 over a page)."""
    if not enclosure_ids:
        return []
    return (
        await session.scalars(
            select(Animal)
            .where(Animal.enclosure_id.in_(list(enclosure_ids)), Animal.archived_at.is_(None))
            .order_by(Animal.display_id, Animal.id)
            # A move just updated these rows in SQL; refresh any copy already in the session.
            .execution_options(populate_existing=True)
        )
    ).all()


async def count_animals(session: AsyncSession, enclosure_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Animal)
        .where(Animal.enclosure_id == enclosure_id, Animal.archived_at.is_(None))
    )
    return int(count or 0)


async def animals_for_move(
    session: AsyncSession, animal_ids: Collection[uuid.UUID]
) -> Sequence[Row[uuid.UUID, uuid.UUID, datetime | None]]:
    """Lock the animals being moved, so a concurrent edit waits rather than interleaves."""
    result = await session.execute(
        select(Animal.id, Animal.vivarium_id, Animal.archived_at)
        .where(Animal.id.in_(list(animal_ids)))
        .order_by(Animal.id)
        .with_for_update()
    )
    return result.all()


async def move(
    session: AsyncSession, animal_ids: Collection[uuid.UUID], enclosure_id: uuid.UUID
) -> None:
    await session.execute(
        update(Animal)
        .where(Animal.id.in_(list(animal_ids)))
        .values(enclosure_id=enclosure_id)
        .execution_options(synchronize_session=False)
    )
