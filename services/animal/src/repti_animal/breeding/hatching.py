"""Hatching: the clutch's hatchlings become animals, all of them or none.

Every check runs before the first write, and the request's transaction rolls back on any
error, so a bad display id or a limit reached leaves the clutch, the counters and the animals
exactly as they were.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.display_ids import next_display_id
from repti_animal.animals.events import emit_created
from repti_animal.animals.limits import ensure_room_for_animals
from repti_animal.breeding import events as breeding_events
from repti_animal.breeding import repository
from repti_animal.breeding.access import load_clutch
from repti_animal.breeding.exceptions import (
    ClutchStatusConflict,
    DisplayIdTaken,
    EarlyHatchNeedsConfirmation,
    EggsAlreadyHatched,
    InvalidHatch,
)
from repti_animal.breeding.genotype_inheritance import Possibility, hatchling_possibilities
from repti_animal.breeding.pairings import complete_by_offspring
from repti_animal.breeding.schemas import GenotypeNote, HatchCreate, HatchlingCreate, HatchlingRead
from repti_animal.lineage.rules import check_parents, lock_lineage
from reptidex_common.auth.principal import Principal
from reptidex_common.events.actors import actor_of
from reptidex_common.models.animal import Animal, Clutch, Genotype, Pairing, Species
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    ClutchStatus,
    GenotypeState,
    Inheritance,
    Visibility,
)
from reptidex_common.models.enums import VivariumRole
from reptidex_common.tasks.outbox import add_outbox_event
from reptidex_common.vivarium_time import vivarium_today

RECOMPUTE_COI = "animal.lineage.recompute_coi"


def _check_hatch(clutch: Clutch, hatch_date: date, wanted: int, today: date) -> None:
    """422 for what no clutch could allow; 409 for eggs this clutch already hatched."""
    if clutch.status is ClutchStatus.failed:
        raise ClutchStatusConflict("hatched", clutch.status)
    reasons: list[tuple[str, str]] = []
    if hatch_date > today:
        reasons.append(("body.hatch_date", "The hatch date is in the future."))
    if hatch_date < clutch.laid_date:
        reasons.append(
            (
                "body.hatch_date",
                f"The eggs were laid on {clutch.laid_date.isoformat()}, after this hatch date.",
            )
        )
    if wanted > clutch.eggs_fertile:
        reasons.append(
            (
                "body",
                f"{wanted} hatchlings, but the clutch has {clutch.eggs_fertile} fertile egg(s) "
                f"of {clutch.eggs_total}; correct the egg counts first.",
            )
        )
    if reasons:
        raise InvalidHatch(reasons)
    remaining = clutch.eggs_fertile - clutch.hatched_count
    if wanted > remaining:
        raise EggsAlreadyHatched(wanted, remaining)


def check_incubation(clutch: Clutch, species: Species, hatch_date: date, confirmed: bool) -> None:
    """409 for a hatch sooner than the species' shortest incubation, unless confirmed."""
    days = (hatch_date - clutch.laid_date).days
    shortest = species.incubation_days_min
    if species.egg_laying and shortest is not None and days < shortest and not confirmed:
        raise EarlyHatchNeedsConfirmation(days, shortest)


async def _check_manual_ids(
    session: AsyncSession, vivarium_id: uuid.UUID, entries: list[HatchlingCreate]
) -> set[str]:
    manual = [(index, entry.display_id) for index, entry in enumerate(entries) if entry.display_id]
    repeated = Counter(display_id for _index, display_id in manual)
    taken = await repository.taken_display_ids(session, vivarium_id, [d for _i, d in manual])
    clashes = [(i, d) for i, d in manual if d in taken or repeated[d] > 1]
    if clashes:
        raise DisplayIdTaken(clashes)
    return {display_id for _index, display_id in manual}


async def _display_ids(
    session: AsyncSession,
    clutch: Clutch,
    entries: list[HatchlingCreate],
    manual: set[str],
    prefix: str,
    hatch_date: date,
) -> list[str]:
    ids: list[str] = []
    for entry in entries:
        if entry.display_id:
            ids.append(entry.display_id)
            continue
        # A generated id must not land on one typed in for a sibling of this same hatch.
        candidate = await next_display_id(
            session, clutch.vivarium_id, prefix=prefix, hatch_date=hatch_date
        )
        while candidate in manual:
            candidate = await next_display_id(
                session, clutch.vivarium_id, prefix=prefix, hatch_date=hatch_date
            )
        ids.append(candidate)
    return ids


async def _possibilities(
    session: AsyncSession, clutch: Clutch
) -> tuple[list[Possibility], dict[uuid.UUID, str]]:
    parent_ids = [p for p in (clutch.sire_id, clutch.dam_id) if p is not None]
    inheritance: dict[uuid.UUID, Inheritance] = {}
    names: dict[uuid.UUID, str] = {}
    states: dict[uuid.UUID | None, dict[uuid.UUID, GenotypeState]] = {
        clutch.sire_id: {},
        clutch.dam_id: {},
    }
    for animal_id, trait_id, state, trait_inheritance, name in await repository.parent_genotypes(
        session, parent_ids
    ):
        inheritance[trait_id] = trait_inheritance
        names[trait_id] = name
        states[animal_id][trait_id] = state
    sire_states = states[clutch.sire_id] if clutch.sire_id is not None else {}
    return hatchling_possibilities(inheritance, sire_states, states[clutch.dam_id]), names


async def hatch(
    session: AsyncSession, principal: Principal, clutch_id: uuid.UUID, data: HatchCreate
) -> list[HatchlingRead]:
    species_id = await repository.clutch_species(session, clutch_id)
    if species_id is not None:
        # Before the clutch's row lock: lineage writers all take this lock first.
        await lock_lineage(session, species_id)
    loaded = await load_clutch(session, principal, clutch_id, VivariumRole.handler, for_update=True)
    clutch = loaded.clutch
    entries = data.entries()
    _check_hatch(clutch, data.hatch_date, len(entries), vivarium_today(loaded.access.vivarium))
    species = await repository.species(session, clutch.species_id)
    check_incubation(clutch, species, data.hatch_date, data.confirm_early_hatch)
    await check_parents(
        session,
        animal_id=None,
        species_id=clutch.species_id,
        hatch_date=data.hatch_date,
        sire_id=clutch.sire_id,
        dam_id=clutch.dam_id,
    )
    manual = await _check_manual_ids(session, clutch.vivarium_id, entries)
    await ensure_room_for_animals(session, clutch.vivarium_id, adding=len(entries))

    display_ids = await _display_ids(
        session, clutch, entries, manual, species.code_prefix, data.hatch_date
    )
    possibilities, trait_names = await _possibilities(session, clutch)
    hatchlings = [
        Animal(
            vivarium_id=clutch.vivarium_id,
            species_id=clutch.species_id,
            display_id=display_id,
            name=entry.name,
            sex=entry.sex,
            morph=entry.morph,
            hatch_date=data.hatch_date,
            status=AnimalStatus.active,
            visibility=Visibility.private,
            sire_id=clutch.sire_id,
            dam_id=clutch.dam_id,
            clutch_id=clutch.id,
            created_by_id=principal.user_id,
        )
        for entry, display_id in zip(entries, display_ids, strict=True)
    ]
    session.add_all(hatchlings)
    await session.flush()
    session.add_all(
        Genotype(
            animal_id=animal.id,
            trait_id=possibility.trait_id,
            state=possibility.state,
            het_percent=possibility.het_percent,
            proof=possibility.proof,
        )
        for animal in hatchlings
        for possibility in possibilities
    )
    for animal in hatchlings:
        add_outbox_event(session, RECOMPUTE_COI, {"animal_id": str(animal.id)})

    clutch.hatched_count += len(entries)
    clutch.status = ClutchStatus.hatched
    # The first hatch dates the clutch; later stragglers only add to the count.
    clutch.hatch_date = clutch.hatch_date or data.hatch_date
    if clutch.pairing_id is not None:
        pairing = await session.get(Pairing, clutch.pairing_id, with_for_update=True)
        if pairing is not None:
            complete_by_offspring(pairing, "hatched_at", data.hatch_date)
    await session.flush()
    actor = actor_of(principal)
    for animal in hatchlings:
        emit_created(session, animal, "hatching", actor)
    breeding_events.emit_clutch_hatched(
        session, clutch, data.hatch_date, [animal.id for animal in hatchlings], actor
    )

    notes = [
        GenotypeNote(
            trait_id=p.trait_id,
            trait_name=trait_names[p.trait_id],
            state=p.state,
            het_percent=p.het_percent,
            proof=p.proof,
        )
        for p in possibilities
    ]
    return [
        HatchlingRead(
            id=animal.id,
            vivarium_id=animal.vivarium_id,
            species_id=animal.species_id,
            display_id=animal.display_id,
            name=animal.name,
            sex=animal.sex,
            morph=animal.morph,
            hatch_date=animal.hatch_date,
            status=animal.status,
            visibility=animal.visibility,
            sire_id=animal.sire_id,
            dam_id=animal.dam_id,
            clutch_id=animal.clutch_id,
            genotypes=notes,
        )
        for animal in hatchlings
    ]
