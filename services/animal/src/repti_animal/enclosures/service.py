"""Business rules of enclosures: create, rename, archive, delete, and moving animals in."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.enclosures import repository
from repti_animal.enclosures.exceptions import (
    EnclosureArchived,
    EnclosureNameTaken,
    EnclosureNotEmpty,
    EnclosureNotFound,
    MoveRejected,
)
from repti_animal.enclosures.schemas import (
    AnimalMove,
    EnclosureAnimal,
    EnclosureAnimals,
    EnclosureCreate,
    EnclosurePage,
    EnclosureRead,
    EnclosureUpdate,
)
from reptidex_common.auth.dependencies import VivariumAccess, authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams, decode_cursor, split_page
from reptidex_common.errors import NotFound
from reptidex_common.models.animal import Animal, Enclosure
from reptidex_common.models.enums import VivariumRole


def _read(enclosure: Enclosure, animals: Sequence[Animal]) -> EnclosureRead:
    return EnclosureRead(
        id=enclosure.id,
        vivarium_id=enclosure.vivarium_id,
        name=enclosure.name,
        kind=enclosure.kind,
        location=enclosure.location,
        notes=enclosure.notes,
        archived_at=enclosure.archived_at,
        created_at=enclosure.created_at,
        animals=[EnclosureAnimal.model_validate(a) for a in animals],
    )


async def load_enclosure(
    session: AsyncSession,
    principal: Principal,
    enclosure_id: uuid.UUID,
    minimum: VivariumRole,
    *,
    for_update: bool = False,
) -> Enclosure:
    enclosure = await session.get(Enclosure, enclosure_id, with_for_update=for_update)
    if enclosure is None:
        raise EnclosureNotFound()
    try:
        await authorize_vivarium(session, principal, enclosure.vivarium_id, minimum)
    except NotFound as exc:
        raise EnclosureNotFound() from exc
    return enclosure


async def create(
    session: AsyncSession, access: VivariumAccess, body: EnclosureCreate
) -> EnclosureRead:
    if await repository.name_taken(session, access.vivarium.id, body.name, other_than=None):
        raise EnclosureNameTaken(body.name)
    enclosure = Enclosure(vivarium_id=access.vivarium.id, **body.model_dump())
    session.add(enclosure)
    await session.flush()
    await session.refresh(enclosure)
    return _read(enclosure, [])


async def list_enclosures(
    session: AsyncSession, access: VivariumAccess, *, include_archived: bool, page: PageParams
) -> EnclosurePage:
    rows = await repository.page_of_enclosures(
        session,
        access.vivarium.id,
        include_archived=include_archived,
        after=decode_cursor(page.cursor) if page.cursor else None,
        limit=page.limit + 1,
    )
    rows, next_cursor = split_page(rows, page.limit, lambda row: row.id)
    residents: dict[uuid.UUID, list[Animal]] = defaultdict(list)
    for animal in await repository.animals_in(session, [e.id for e in rows]):
        assert animal.enclosure_id is not None
        residents[animal.enclosure_id].append(animal)
    return EnclosurePage(items=[_read(e, residents[e.id]) for e in rows], next_cursor=next_cursor)


async def read(
    session: AsyncSession, principal: Principal, enclosure_id: uuid.UUID
) -> EnclosureRead:
    enclosure = await load_enclosure(session, principal, enclosure_id, VivariumRole.keeper)
    return _read(enclosure, await repository.animals_in(session, [enclosure.id]))


async def update(
    session: AsyncSession, principal: Principal, enclosure_id: uuid.UUID, body: EnclosureUpdate
) -> EnclosureRead:
    enclosure = await load_enclosure(
        session, principal, enclosure_id, VivariumRole.handler, for_update=True
    )
    changes = body.model_dump(exclude_unset=True)
    name = changes.get("name")
    if name is not None and await repository.name_taken(
        session, enclosure.vivarium_id, name, other_than=enclosure.id
    ):
        raise EnclosureNameTaken(name)
    archived = changes.pop("archived", None)
    if archived is True and enclosure.archived_at is None:
        # An archived enclosure must not still be somebody's home.
        if count := await repository.count_animals(session, enclosure.id):
            raise EnclosureNotEmpty(count)
        enclosure.archived_at = datetime.now(UTC)
    elif archived is False:
        enclosure.archived_at = None
    for field, value in changes.items():
        setattr(enclosure, field, value)
    await session.flush()
    await session.refresh(enclosure)
    return _read(enclosure, await repository.animals_in(session, [enclosure.id]))


async def delete(session: AsyncSession, principal: Principal, enclosure_id: uuid.UUID) -> None:
    enclosure = await load_enclosure(
        session, principal, enclosure_id, VivariumRole.curator, for_update=True
    )
    if count := await repository.count_animals(session, enclosure.id):
        raise EnclosureNotEmpty(count)
    await session.delete(enclosure)
    await session.flush()


async def animals(
    session: AsyncSession, principal: Principal, enclosure_id: uuid.UUID
) -> EnclosureAnimals:
    enclosure = await load_enclosure(session, principal, enclosure_id, VivariumRole.keeper)
    residents = await repository.animals_in(session, [enclosure.id])
    return EnclosureAnimals(
        enclosure_id=enclosure.id,
        animals=[EnclosureAnimal.model_validate(a) for a in residents],
    )


async def move_in(
    session: AsyncSession, principal: Principal, enclosure_id: uuid.UUID, body: AnimalMove
) -> EnclosureAnimals:
    """Move animals of the enclosure's vivarium into it: every one, or none."""
    enclosure = await load_enclosure(session, principal, enclosure_id, VivariumRole.handler)
    if enclosure.archived_at is not None:
        raise EnclosureArchived()
    found = {
        row.id: row for row in await repository.animals_for_move(session, set(body.animal_ids))
    }
    errors: list[dict[str, Any]] = []
    for index, animal_id in enumerate(body.animal_ids):
        row = found.get(animal_id)
        message = None
        # Animals of other vivariums answer like missing ones: nobody learns what exists.
        if row is None or row.vivarium_id != enclosure.vivarium_id:
            message = "Animal not found in this vivarium."
        elif row.archived_at is not None:
            message = "This animal is archived; its record is read-only."
        if message is not None:
            errors.append(
                {
                    "index": index,
                    "field": f"animal_ids.{index}",
                    "animal_id": str(animal_id),
                    "message": message,
                }
            )
    if errors:
        raise MoveRejected(errors)
    await repository.move(session, set(body.animal_ids), enclosure.id)
    return await animals(session, principal, enclosure_id)
