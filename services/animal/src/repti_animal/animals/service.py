"""Animal rules: who may create, change, archive and restore, and what a valid record is."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals import events, repository
from repti_animal.animals.access import AnimalAccess, load_animal
from repti_animal.animals.display_ids import next_display_id
from repti_animal.animals.exceptions import (
    AnimalArchived,
    DisplayIdTaken,
    InvalidAnimalField,
    VisibilityNeedsCurator,
)
from repti_animal.animals.filters import AnimalFilters
from repti_animal.animals.grants import partner_access
from repti_animal.animals.limits import ensure_room_for_animals
from repti_animal.animals.parentage import check_parentage
from repti_animal.animals.schemas import (
    AnimalCreate,
    AnimalListItem,
    AnimalRead,
    AnimalUpdate,
    ParentRef,
    PrivateParent,
)
from repti_animal.animals.statuses import status_change_problem
from repti_animal.animals.visibility import seen_animals
from repti_animal.enclosures import repository as enclosure_repository
from repti_animal.genotypes.repository import genotype_of
from repti_animal.lineage.rules import lock_lineage
from repti_animal.parent_links import service as parent_links
from repti_animal.parent_links.conflicts import settle_offspring_conflicts
from repti_animal.transfers.closing import close_for_archived_animal
from reptidex_common.auth.dependencies import authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams
from reptidex_common.errors import NotFound
from reptidex_common.events.actors import actor_of
from reptidex_common.models.animal import Animal, Species
from reptidex_common.models.animal_enums import ParentRole
from reptidex_common.models.enums import VivariumRole
from reptidex_common.tasks.outbox import add_outbox_event
from reptidex_common.vivarium_time import ensure_not_in_future

RECOMPUTE_COI = "animal.lineage.recompute_coi"


async def _check_placement(
    session: AsyncSession, vivarium_id: uuid.UUID, values: dict[str, Any]
) -> None:
    """Enclosure and clutch must be the vivarium's own; others' answer as missing."""
    enclosure_id = values.get("enclosure_id")
    if enclosure_id is not None and not await enclosure_repository.enclosure_in_vivarium(
        session, enclosure_id, vivarium_id
    ):
        raise InvalidAnimalField("enclosure_id", "There is no such enclosure in this vivarium.")
    clutch_id = values.get("clutch_id")
    if clutch_id is not None and not await repository.clutch_in_vivarium(
        session, clutch_id, vivarium_id
    ):
        raise InvalidAnimalField("clutch_id", "There is no such clutch in this vivarium.")


def _queue_coi_recompute(session: AsyncSession, animal: Animal) -> None:
    add_outbox_event(session, RECOMPUTE_COI, {"animal_id": str(animal.id)})


async def create(session: AsyncSession, principal: Principal, data: AnimalCreate) -> Animal:
    access = await authorize_vivarium(session, principal, data.vivarium_id, VivariumRole.handler)
    vivarium_id = access.vivarium.id
    ensure_not_in_future(
        access.vivarium, hatch_date=data.hatch_date, acquisition_date=data.acquisition_date
    )
    species = await session.get(Species, data.species_id)
    if species is None:
        raise InvalidAnimalField("species_id", "There is no such species.")
    problem = status_change_problem(None, data.status)
    if problem is not None:
        raise InvalidAnimalField("status", problem)
    if data.sire_id is not None or data.dam_id is not None:
        await lock_lineage(session, species.id)
    await ensure_room_for_animals(session, vivarium_id)
    values = data.model_dump(exclude={"vivarium_id", "species_id", "display_id"})
    await _check_placement(session, vivarium_id, values)
    chosen = {
        role: parent_id
        for role, parent_id in ((ParentRole.sire, data.sire_id), (ParentRole.dam, data.dam_id))
        if parent_id is not None
    }
    to_request = await parent_links.roles_to_request(session, principal, vivarium_id, chosen)
    await check_parentage(
        session,
        principal,
        animal_id=None,
        species_id=species.id,
        hatch_date=data.hatch_date,
        sire_id=data.sire_id,
        dam_id=data.dam_id,
    )
    if data.display_id is not None:
        if await repository.display_id_taken(session, vivarium_id, data.display_id):
            raise DisplayIdTaken(data.display_id)
        display_id = data.display_id
    else:
        display_id = await next_display_id(
            session, vivarium_id, prefix=species.code_prefix, hatch_date=data.hatch_date
        )
    # Another vivarium's animal is asked for, not linked (checked above all the same).
    for role in to_request:
        values[parent_links.FIELD[role]] = None
    animal = Animal(
        vivarium_id=vivarium_id,
        species_id=species.id,
        display_id=display_id,
        created_by_id=principal.user_id,
        **values,
    )
    session.add(animal)
    await session.flush()
    await parent_links.request_parents(
        session, principal, animal, {role: chosen[role] for role in to_request}
    )
    if animal.sire_id or animal.dam_id:
        _queue_coi_recompute(session, animal)
    await session.refresh(animal)  # timestamps come from the database
    events.emit_created(session, animal, "manual", actor_of(principal))
    return animal


# A change to any of these can break a lineage rule another writer is checking at once.
_LINEAGE_FIELDS = frozenset({"sire_id", "dam_id", "sex", "hatch_date"})


async def update(
    session: AsyncSession, principal: Principal, animal_id: uuid.UUID, data: AnimalUpdate
) -> AnimalAccess:
    if data.model_fields_set & _LINEAGE_FIELDS:
        species_id = await repository.species_of(session, animal_id)
        if species_id is not None:
            await lock_lineage(session, species_id)
    loaded = await load_animal(session, principal, animal_id, VivariumRole.handler, for_update=True)
    animal = loaded.animal
    if animal.archived_at is not None:
        raise AnimalArchived()
    changes = data.model_dump(exclude_unset=True)
    ensure_not_in_future(
        loaded.access.vivarium,
        hatch_date=changes.get("hatch_date"),
        acquisition_date=changes.get("acquisition_date"),
    )
    problem = status_change_problem(animal.status, changes.get("status", animal.status))
    if problem is not None:
        raise InvalidAnimalField("status", problem)
    if (
        "visibility" in changes
        and changes["visibility"] != animal.visibility
        and not loaded.access.at_least(VivariumRole.curator)
    ):
        raise VisibilityNeedsCurator()
    display_id = changes.get("display_id")
    if display_id is not None and await repository.display_id_taken(
        session, animal.vivarium_id, display_id, except_id=animal.id
    ):
        raise DisplayIdTaken(display_id)
    await _check_placement(session, animal.vivarium_id, changes)
    await settle_offspring_conflicts(session, principal, animal, changes)

    sire_id = changes.get("sire_id", animal.sire_id)
    dam_id = changes.get("dam_id", animal.dam_id)
    parents_changed = sire_id != animal.sire_id or dam_id != animal.dam_id
    chosen = {
        role: parent_id
        for role, parent_id, old in (
            (ParentRole.sire, sire_id, animal.sire_id),
            (ParentRole.dam, dam_id, animal.dam_id),
        )
        if parent_id is not None and parent_id != old
    }
    to_request = await parent_links.roles_to_request(session, principal, animal.vivarium_id, chosen)
    if parents_changed or "hatch_date" in changes:
        await check_parentage(
            session,
            principal,
            animal_id=animal.id,
            species_id=animal.species_id,
            hatch_date=changes.get("hatch_date", animal.hatch_date),
            sire_id=sire_id,
            dam_id=dam_id,
            linking=frozenset(
                field
                for field, new, old in (
                    ("sire_id", sire_id, animal.sire_id),
                    ("dam_id", dam_id, animal.dam_id),
                )
                if new != old
            ),
        )
    # Another vivarium's animal is asked for; the slot keeps its parent until approved.
    for role in to_request:
        changes.pop(parent_links.FIELD[role])
    relinked = [
        role
        for role in ParentRole
        if changes.get(parent_links.FIELD[role], getattr(animal, parent_links.FIELD[role]))
        != getattr(animal, parent_links.FIELD[role])
    ]
    await parent_links.parent_chosen_directly(session, animal.id, relinked)
    parents_changed = bool(relinked)
    previous_sire_id, previous_dam_id = animal.sire_id, animal.dam_id
    changed = {field: value for field, value in changes.items() if getattr(animal, field) != value}
    for field, value in changes.items():
        setattr(animal, field, value)
    await session.flush()
    await parent_links.request_parents(
        session, principal, animal, {role: chosen[role] for role in to_request}
    )
    actor = actor_of(principal)
    events.emit_updated(session, animal, changed, actor)
    if parents_changed:
        _queue_coi_recompute(session, animal)
        events.emit_lineage_changed(
            session,
            animal,
            previous_sire_id=previous_sire_id,
            previous_dam_id=previous_dam_id,
            actor=actor,
        )
    await session.refresh(animal)
    return loaded


async def archive(session: AsyncSession, principal: Principal, animal_id: uuid.UUID) -> None:
    """Archive instead of delete: history, lineage and offspring keep pointing at it.

    What depended on the animal ends with it: a pending transfer is canceled (the receiver
    is told why) and its care reminders stop; an animal on loan is refused until the lease
    ends. Restoring does not restart the reminders: the keeper turns back on those still wanted.
    """
    loaded = await load_animal(session, principal, animal_id, VivariumRole.curator, for_update=True)
    if loaded.animal.archived_at is None:
        actor = actor_of(principal)
        await close_for_archived_animal(session, loaded.animal, actor)
        await repository.stop_reminders(session, loaded.animal.id)
        loaded.animal.archived_at = datetime.now(UTC)
        await session.flush()
        events.emit_archived(session, loaded.animal, actor)


async def restore(
    session: AsyncSession, principal: Principal, animal_id: uuid.UUID
) -> AnimalAccess:
    loaded = await load_animal(session, principal, animal_id, VivariumRole.curator, for_update=True)
    animal = loaded.animal
    if animal.archived_at is not None:
        # Restored animals count against the plan again.
        await ensure_room_for_animals(session, animal.vivarium_id)
        animal.archived_at = None
        await session.flush()
        await session.refresh(animal)
        events.emit_restored(session, animal, actor_of(principal))
    return loaded


async def get(session: AsyncSession, principal: Principal, animal_id: uuid.UUID) -> AnimalAccess:
    return await load_animal(session, principal, animal_id, VivariumRole.keeper)


async def read(session: AsyncSession, principal: Principal, animal: Animal) -> AnimalRead:
    """The full record; each parent is named only if the caller may see it."""
    seen = await seen_animals(session, principal, [i for i in (animal.sire_id, animal.dam_id) if i])

    def parent(parent_id: uuid.UUID | None) -> ParentRef | PrivateParent | None:
        if parent_id is None:
            return None
        found = seen.get(parent_id)
        if found is None or not found.visible:
            return PrivateParent()
        return ParentRef(id=found.id, display_id=found.display_id, name=found.name)

    base = AnimalListItem.model_validate(animal).model_dump()
    return AnimalRead(
        **base,
        sire=parent(animal.sire_id),
        dam=parent(animal.dam_id),
        clutch_id=animal.clutch_id,
        acquisition_date=animal.acquisition_date,
        acquisition_source=animal.acquisition_source,
        acquisition_price_cents=animal.acquisition_price_cents,
        acquisition_currency=animal.acquisition_currency,
        disposal_date=animal.disposal_date,
        disposal_reason=animal.disposal_reason,
        feeding_interval_days=animal.feeding_interval_days,
        notes=animal.notes,
        genotype=await genotype_of(session, animal.id),
        coi_computed_at=animal.coi_computed_at,
        updated_at=animal.updated_at,
    )


async def list_animals(
    session: AsyncSession, principal: Principal, filters: AnimalFilters, params: PageParams
) -> tuple[Sequence[Row[Any]], str | None]:
    try:
        await authorize_vivarium(session, principal, filters.vivarium_id, VivariumRole.keeper)
    except NotFound:
        # A partner lists what partners may read, and nothing leased in there.
        if await partner_access(session, principal, filters.vivarium_id) is None:
            raise
        filters = replace(filters, partner_view=True, include_leased_in=False)
    return await repository.page_of_animals(session, filters, params)
