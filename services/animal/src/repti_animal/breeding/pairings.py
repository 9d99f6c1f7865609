"""Pairing rules: who may pair which animals, the plan limit, and the status life cycle."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.access import load_animal
from repti_animal.animals.grants import AnimalUse, partner_access
from repti_animal.breeding import events as breeding_events
from repti_animal.breeding import repository, timeline, transitions
from repti_animal.breeding.access import load_pairing
from repti_animal.breeding.coi import what_if_coi
from repti_animal.breeding.exceptions import (
    InvalidPairingDates,
    InvalidPairingTransition,
    PairingHasClutches,
    UnsuitablePairing,
)
from repti_animal.breeding.schemas import (
    AnimalSummary,
    PairingCreate,
    PairingPage,
    PairingRead,
    PairingUpdate,
)
from reptidex_common.auth.dependencies import authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.db.pagination import PageParams
from reptidex_common.entitlements import enforce_limit
from reptidex_common.errors import NotFound
from reptidex_common.events.actors import actor_of
from reptidex_common.models.animal import Animal, Pairing
from reptidex_common.models.animal_enums import AnimalStatus, PairingStatus, Sex
from reptidex_common.models.enums import VivariumRole
from reptidex_common.plans import Entitlement
from reptidex_common.vivarium_time import vivarium_today

# Animals that can no longer breed with this vivarium's records.
GONE = frozenset({AnimalStatus.deceased, AnimalStatus.sold})


def _summary(animal: Animal) -> AnimalSummary:
    return AnimalSummary(
        id=animal.id, display_id=animal.display_id, name=animal.name, sex=animal.sex
    )


async def to_read(
    session: AsyncSession, pairing: Pairing, sire: Animal, dam: Animal, *, with_coi: bool = True
) -> PairingRead:
    species = await repository.species(session, dam.species_id)
    events = dict(pairing.events or {})
    return PairingRead(
        id=pairing.id,
        vivarium_id=pairing.vivarium_id,
        species_id=dam.species_id,
        sire=_summary(sire),
        dam=_summary(dam),
        season=pairing.season,
        status=pairing.status,
        allowed_next=list(transitions.allowed_next(pairing.status)),
        events=events,
        lock_dates=list(pairing.lock_dates or []),
        expected_birth_date=None
        if species.egg_laying
        else timeline.expected_birth(
            events, species.gestation_days_min, species.gestation_days_max
        ),
        notes=pairing.notes,
        what_if_coi=await what_if_coi(session, sire.id, dam.id) if with_coi else None,
        created_at=pairing.created_at,
        updated_at=pairing.updated_at,
    )


def suitability_problems(sire: Animal, dam: Animal) -> list[tuple[str, str]]:
    """Every reason these two cannot be paired, so the breeder fixes them all at once."""
    reasons: list[tuple[str, str]] = []
    if sire.id == dam.id:
        reasons.append(("body.dam_id", "The sire and the dam must be two different animals."))
    if sire.species_id != dam.species_id:
        reasons.append(("body.dam_id", "The sire and the dam are of different species."))
    if sire.sex is Sex.female:
        reasons.append(("body.sire_id", f"The sire {sire.display_id} is recorded as female."))
    if dam.sex is Sex.male:
        reasons.append(("body.dam_id", f"The dam {dam.display_id} is recorded as male."))
    for field, role, animal in (("body.sire_id", "sire", sire), ("body.dam_id", "dam", dam)):
        if animal.status in GONE:
            reasons.append((field, f"The {role} {animal.display_id} is {animal.status.value}."))
        elif animal.archived_at is not None:
            reasons.append((field, f"The {role} {animal.display_id} is archived."))
    return reasons


def _record_step(
    events: dict[str, Any], status: PairingStatus, given: dict[str, date], today: date
) -> None:
    """Date the step: the date the breeder gave for it, else the vivarium's today."""
    key = transitions.event_key(status)
    events[key] = (given.get(key) or today).isoformat()


async def create(session: AsyncSession, principal: Principal, data: PairingCreate) -> PairingRead:
    # Both animals must be in the caller's care (404 otherwise): their own vivarium's, or on
    # loan to them. Without a vivarium named, the pairing is recorded where the dam is kept.
    loaded_sire = await load_animal(
        session, principal, data.sire_id, VivariumRole.keeper, use=AnimalUse.care
    )
    loaded_dam = await load_animal(
        session, principal, data.dam_id, VivariumRole.keeper, use=AnimalUse.care
    )
    sire, dam = loaded_sire.animal, loaded_dam.animal
    vivarium_id = data.vivarium_id or loaded_dam.access.vivarium.id
    access = await authorize_vivarium(session, principal, vivarium_id, VivariumRole.handler)
    reasons = suitability_problems(sire, dam)
    if reasons:
        raise UnsuitablePairing(reasons)
    if data.status in transitions.OPEN_STATES:
        await repository.lock_vivarium_counter(session, vivarium_id, "pairings")
        current = await repository.count_open_pairings(session, vivarium_id)
        await enforce_limit(session, vivarium_id, Entitlement.max_pairings, current)
    today = vivarium_today(access.vivarium)
    events: dict[str, Any] = {key: value.isoformat() for key, value in data.events.items()}
    if data.status is not PairingStatus.planned:
        _record_step(events, data.status, data.events, today)
    pairing = Pairing(
        vivarium_id=vivarium_id,
        sire_id=sire.id,
        dam_id=dam.id,
        season=data.season,
        status=data.status,
        events=events,
        notes=data.notes,
    )
    timeline.set_lock_dates(pairing, [*data.lock_dates, *timeline.recorded_lock(events)])
    check_dates(pairing, today)
    session.add(pairing)
    await session.flush()
    await session.refresh(pairing)
    breeding_events.emit_pairing_created(session, pairing, actor_of(principal))
    return await to_read(session, pairing, sire, dam)


async def read(session: AsyncSession, principal: Principal, pairing_id: uuid.UUID) -> PairingRead:
    loaded = await load_pairing(session, principal, pairing_id, VivariumRole.keeper)
    return await to_read(session, loaded.pairing, loaded.sire, loaded.dam)


async def page(
    session: AsyncSession,
    principal: Principal,
    vivarium_id: uuid.UUID,
    params: PageParams,
    *,
    season: int | None,
    status: PairingStatus | None,
) -> PairingPage:
    partner_id = None
    try:
        await authorize_vivarium(session, principal, vivarium_id, VivariumRole.keeper)
    except NotFound:
        # A partner lists the pairings of animals partners may read (or of its own).
        partner = await partner_access(session, principal, vivarium_id)
        if partner is None:
            raise
        partner_id = partner.vivarium.id
    rows, cursor = await repository.page_of_pairings(
        session, vivarium_id, params, season=season, status=status, partner_id=partner_id
    )
    # The what-if COI walks pedigrees; a list leaves it to the single read.
    items = [await to_read(session, *row, with_coi=False) for row in rows]
    return PairingPage(items=items, next_cursor=cursor)


def check_dates(pairing: Pairing, today: date) -> None:
    """422 for lock dates that have not happened yet in the vivarium."""
    ahead = [day for day in pairing.lock_dates or [] if day > today]
    if ahead:
        raise InvalidPairingDates(
            [("body.lock_dates", f"The lock date {ahead[0].isoformat()} is in the future.")]
        )


def move(pairing: Pairing, new: PairingStatus, given: dict[str, date], today: date) -> None:
    """Apply a status change, or raise 409 naming the states that may follow."""
    if new is pairing.status:
        return
    if not transitions.can_move(pairing.status, new):
        raise InvalidPairingTransition(
            pairing.status, new, transitions.allowed_next(pairing.status)
        )
    events = dict(pairing.events or {})
    _record_step(events, new, given, today)
    pairing.events = events
    pairing.status = new


async def update(
    session: AsyncSession, principal: Principal, pairing_id: uuid.UUID, data: PairingUpdate
) -> PairingRead:
    loaded = await load_pairing(
        session, principal, pairing_id, VivariumRole.handler, for_update=True
    )
    pairing = loaded.pairing
    before = breeding_events.fields_of(pairing, breeding_events.PAIRING_FIELDS)
    today = vivarium_today(loaded.access.vivarium)
    changes = data.model_dump(exclude_unset=True)
    given_events: dict[str, date] = data.events or {}
    first_lock = (pairing.events or {}).get(timeline.LOCKED_AT)
    locks = list(data.lock_dates if data.lock_dates is not None else pairing.lock_dates or [])
    if given_events:
        pairing.events = {
            **(pairing.events or {}),
            **{key: value.isoformat() for key, value in given_events.items()},
        }
    if data.status is not None:
        move(pairing, data.status, given_events, today)
    if (pairing.events or {}).get(timeline.LOCKED_AT) != first_lock:
        # A lock date given in events, or the step to locked: one more lock.
        locks += timeline.recorded_lock(pairing.events or {})
    timeline.set_lock_dates(pairing, locks)
    check_dates(pairing, today)
    first_clutch = await repository.first_laid_date(session, pairing.id)
    began = timeline.began(pairing)
    if first_clutch is not None and began is not None and began > first_clutch:
        raise InvalidPairingDates(
            [
                (
                    "body.events",
                    f"A clutch of this pairing was laid on {first_clutch.isoformat()}; the "
                    f"pairing cannot have begun later, on {began.isoformat()}.",
                )
            ]
        )
    if "season" in changes:
        pairing.season = data.season
    if "notes" in changes:
        pairing.notes = data.notes
    await session.flush()
    await session.refresh(pairing)
    breeding_events.emit_pairing_updated(
        session, pairing, breeding_events.changed(before, pairing), actor_of(principal)
    )
    return await to_read(session, pairing, loaded.sire, loaded.dam)


async def delete(session: AsyncSession, principal: Principal, pairing_id: uuid.UUID) -> None:
    """Curators and up may delete a pairing, but not one whose clutches still refer to it."""
    loaded = await load_pairing(
        session, principal, pairing_id, VivariumRole.curator, for_update=True
    )
    if await repository.pairing_has_clutches(session, pairing_id):
        raise PairingHasClutches()
    breeding_events.emit_pairing_deleted(session, loaded.pairing, actor_of(principal))
    await session.delete(loaded.pairing)
    await session.flush()


def complete_by_offspring(pairing: Pairing, step: str, on: date) -> None:
    """Eggs (or hatchlings) prove the pairing took: an open pairing becomes completed.

    `step` (`laid_at`, `hatched_at`) is dated as well; a date already recorded is kept.
    """
    events = dict(pairing.events or {})
    events.setdefault(step, on.isoformat())
    if pairing.status in transitions.OPEN_STATES:
        events.setdefault(transitions.event_key(PairingStatus.completed), on.isoformat())
        pairing.status = PairingStatus.completed
    pairing.events = events
