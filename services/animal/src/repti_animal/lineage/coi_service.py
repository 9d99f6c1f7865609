"""COI of an animal (stored, or computed for another depth) and what-if COI of a pairing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pydantic_core import to_json
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.access import AnimalNotFound
from repti_animal.lineage import coi_repository, repository
from repti_animal.lineage.coi import (
    DEFAULT_GENERATIONS,
    CommonAncestor,
    PlannedPairing,
    inbreeding_coefficient,
    pairing_in_window,
    reach,
)
from repti_animal.lineage.coi_repository import PairingWindow
from repti_animal.lineage.exceptions import InvalidPairing
from repti_animal.lineage.repository import LineageRow
from repti_animal.lineage.schemas import CoiRead, WhatIfRequest
from repti_animal.lineage.visibility import viewer_of
from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex


def parents_of(
    rows: dict[uuid.UUID, LineageRow],
) -> dict[uuid.UUID, tuple[uuid.UUID | None, uuid.UUID | None]]:
    return {animal_id: (row.sire_id, row.dam_id) for animal_id, row in rows.items()}


async def coi_of(session: AsyncSession, animal: Animal, generations: int | None) -> CoiRead:
    """The stored COI when it is there for the depth asked; computed now otherwise.

    Computing does not store: storing is the recompute task's job (it also cascades).
    """
    if (
        animal.coi is not None
        and animal.coi_computed_at is not None
        and (generations is None or generations == animal.coi_generations)
    ):
        return CoiRead(
            coi=animal.coi,
            generations=animal.coi_generations or DEFAULT_GENERATIONS,
            computed_at=animal.coi_computed_at,
            stored=True,
        )
    depth = generations or DEFAULT_GENERATIONS
    rows = await repository.ancestors(session, [animal.id], depth)
    coi = inbreeding_coefficient(parents_of(rows), animal.id, depth)
    return CoiRead(coi=coi, generations=depth, computed_at=datetime.now(UTC), stored=False)


async def planned_coi(
    session: AsyncSession,
    sire_id: uuid.UUID,
    dam_id: uuid.UUID,
    generations: int = DEFAULT_GENERATIONS,
) -> PlannedPairing[uuid.UUID]:
    """What-if COI for other domains (pairings): no authorization, no naming of ancestors.

    One recursive query plus the pure calculation; the caller checks who may see the pair.
    """
    window = await coi_repository.pairing_window(session, sire_id, dam_id, generations)
    sire, dam = window.number_of(sire_id), window.number_of(dam_id)
    if sire is None or dam is None:
        # An animal without a record has no recorded ancestor to share.
        return PlannedPairing(coi=0.0, generations=generations, common_ancestors=[])
    sires, dams = window.parents()
    result = pairing_in_window(
        window.truncated(sires), window.truncated(dams), sire, dam, generations, window.keys
    )
    common = [
        CommonAncestor(window.keys[c.animal], c.from_sire, c.from_dam)
        for c in result.common_ancestors
    ]
    return PlannedPairing(coi=result.coi, generations=generations, common_ancestors=common)


def _visible_parent(window: PairingWindow, visible: list[bool], animal_id: uuid.UUID) -> int:
    number = window.number_of(animal_id)
    if number is None or not visible[number]:
        raise AnimalNotFound()
    return number


async def what_if(session: AsyncSession, principal: Principal, body: WhatIfRequest) -> bytes:
    """F of the offspring a planned pairing would have, as the JSON of `WhatIfRead`.

    Both animals must be visible to the caller (their vivarium, or public/lineage_only);
    otherwise 404 as for any animal the caller may not see. The COI itself counts every
    ancestor, private ones too (a breeder must learn the risk), but only common ancestors the
    caller could reach in the pedigree view are named. One statement reads both animals, their
    whole window and the caller's vivariums.
    """
    if body.sire_id == body.dam_id:
        raise InvalidPairing("dam_id", "The sire and the dam must be two different animals.")
    window = await coi_repository.pairing_window(
        session, body.sire_id, body.dam_id, body.generations, principal.user_id
    )
    return what_if_answer(window, principal, body)


def what_if_answer(window: PairingWindow, principal: Principal, body: WhatIfRequest) -> bytes:
    """The what-if answer from the pairing's window (see `what_if`)."""
    visible = window.visible_to(viewer_of(principal, window.member_of))
    sire_number = _visible_parent(window, visible, body.sire_id)
    dam_number = _visible_parent(window, visible, body.dam_id)
    if window.sex(sire_number) is Sex.female:
        raise InvalidPairing("sire_id", "The sire is recorded as female.")
    if window.sex(dam_number) is Sex.male:
        raise InvalidPairing("dam_id", "The dam is recorded as male.")
    if window.species_keys[sire_number] != window.species_keys[dam_number]:
        raise InvalidPairing("dam_id", "The sire and the dam are of different species.")

    sires, dams = window.parents()
    result = pairing_in_window(
        window.truncated(sires),
        window.truncated(dams),
        sire_number,
        dam_number,
        body.generations,
        window.keys,
    )
    # Named: the common ancestors the caller reaches from both parents through animals they
    # may see, with the distances of that walk (as in the pedigree view, which follows every
    # recorded parent in the window, past the COI's edge too).
    from_sire = reach(sires, dams, sire_number, visible)
    from_dam = reach(sires, dams, dam_number, visible)
    keys, display_ids, names = window.keys, window.display_ids, window.names
    # Plain dicts serialized once (in Rust): validating hundreds of common ancestors as
    # models, and FastAPI validating them again, cost more than the calculation.
    return to_json(
        {
            "coi": result.coi,
            "generations": result.generations,
            "common_ancestors": [
                {
                    "id": keys[n],
                    "display_id": display_ids[n],
                    "name": names[n],
                    "from_sire": from_sire[n],
                    "from_dam": from_dam[n],
                }
                for n, _, _ in result.common_ancestors
                if n in from_sire and n in from_dam
            ],
        }
    )
