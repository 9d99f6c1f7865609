"""Writing a valid import plan: set-based inserts under the locks every animal write takes.

Lock order is the one of `animals.service.create`: the lineage lock of each species that gets
parent links (in species-id order, so two imports never wait on each other crosswise), then
the plan-limit lock. Both are transaction locks, held from here to the commit, which follows
the last batch at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals import events as animal_events
from repti_animal.animals.display_ids import reserve_display_ids
from repti_animal.lineage.rules import lock_lineage
from repti_animal.portability import repository
from repti_animal.portability.planner import ExistingAnimal, ImportPlan, PlannedAnimal
from repti_animal.portability.schemas import ImportResult
from reptidex_common.db.base import new_id
from reptidex_common.events.emitting import emit_many
from reptidex_common.events.envelope import SYSTEM, Actor, ActorType
from reptidex_common.events.types.animal import ImportCompleted
from reptidex_common.models.animal_enums import GenotypeProof, GenotypeState
from reptidex_common.tasks.outbox import add_outbox_events

RECOMPUTE_COI_TASK = "animal.lineage.recompute_coi"
# Rows per INSERT: large enough that 10,000 rows take a handful of statements, small enough
# that progress moves visibly.
BATCH_ROWS = 1000
# A file states what the breeder sees, not what was proven: hets are claims until tested.
_PROOF_BY_STATE = {
    GenotypeState.visual: GenotypeProof.visual,
    GenotypeState.super: GenotypeProof.visual,
    GenotypeState.het: GenotypeProof.seller_claim,
    GenotypeState.possible_het: GenotypeProof.seller_claim,
}

Progress = Callable[[int], Awaitable[None]]


async def lock_lineage_of(session: AsyncSession, plan: ImportPlan) -> None:
    """The lineage lock of every species in which the import links a parent."""
    species = {a.species.id for a in plan.animals if a.species is not None and (a.sire or a.dam)}
    for species_id in sorted(species):
        await lock_lineage(session, species_id)


def generations(animals: list[PlannedAnimal]) -> list[list[PlannedAnimal]]:
    """Parents-first order grouped by depth, so each batch finds its parents written."""
    depth: dict[int, int] = {}
    for animal in animals:  # already parents first
        parents = [p for p in (animal.sire, animal.dam) if isinstance(p, PlannedAnimal)]
        depth[animal.row] = 1 + max((depth[p.row] for p in parents), default=-1)
    grouped: list[list[PlannedAnimal]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for animal in animals:
        grouped[depth[animal.row]].append(animal)
    return grouped


def _batches(animals: list[PlannedAnimal]) -> Iterator[list[PlannedAnimal]]:
    for generation in generations(animals):
        # File order within a generation: the rows' time-ordered ids were drawn in that order.
        generation.sort(key=lambda a: a.row)
        for start in range(0, len(generation), BATCH_ROWS):
            yield generation[start : start + BATCH_ROWS]


def _parent_id(parent: PlannedAnimal | ExistingAnimal | None) -> uuid.UUID | None:
    return parent.id if parent is not None else None


def _animal_row(planned: PlannedAnimal) -> dict[str, Any]:
    assert planned.species is not None  # a valid plan resolved every species
    return {
        "id": planned.id,
        "species_id": planned.species.id,
        "display_id": planned.display_id,
        "name": planned.name,
        "sex": planned.sex.value,
        "hatch_date": planned.hatch_date,
        "status": planned.status.value,
        "visibility": planned.visibility.value,
        "morph": planned.morph,
        "sire_id": _parent_id(planned.sire),
        "dam_id": _parent_id(planned.dam),
        "microchip": planned.microchip,
        "notes": planned.notes,
    }


def _genotype_rows(planned: PlannedAnimal) -> list[dict[str, Any]]:
    return [
        {
            "id": new_id(),
            "animal_id": planned.id,
            "trait_id": entry.trait_id,
            "state": entry.state.value,
            "het_percent": entry.het_percent,
            "proof": _PROOF_BY_STATE[entry.state].value,
        }
        for entry in planned.genotype
    ]


async def _assign_display_ids(
    session: AsyncSession, vivarium_id: uuid.UUID, plan: ImportPlan
) -> None:
    """The template's next ids in file order, skipping ids that other rows claim by hand."""
    unnamed = sorted((a for a in plan.animals if a.display_id is None), key=lambda a: a.row)
    if not unnamed:
        return
    taken_by_file = {a.display_id for a in plan.animals if a.display_id}
    wanted = [(a.species.code_prefix, a.hatch_date) for a in unnamed if a.species is not None]
    ids = await reserve_display_ids(session, vivarium_id, wanted, also_taken=taken_by_file)
    for animal, display_id in zip(unnamed, ids, strict=True):
        animal.display_id = display_id


async def write_plan(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    created_by_id: uuid.UUID | None,
    plan: ImportPlan,
    progress: Progress,
    *,
    job_id: uuid.UUID | None = None,
) -> ImportResult:
    """Insert a valid plan; the caller holds the locks (see the module) and commits."""
    await _assign_display_ids(session, vivarium_id, plan)
    done = genotypes = 0
    # The import acts for the member who queued it; the job keeps only their user id.
    actor = SYSTEM if created_by_id is None else Actor(type=ActorType.user, id=str(created_by_id))
    for batch in _batches(plan.animals):
        rows = [_animal_row(a) for a in batch]
        genotype_rows = [g for a in batch for g in _genotype_rows(a)]
        await repository.insert_animals(session, vivarium_id, created_by_id, rows)
        await repository.insert_genotypes(session, genotype_rows)
        # One `created` per animal, as for any other new record (search, listings index
        # each), written in one statement per batch.
        await emit_many(
            session,
            [
                animal_events.created(
                    animal_id=row["id"], vivarium_id=vivarium_id, source="import", values=row
                )
                for row in rows
            ],
            actor=actor,
            vivarium_id=vivarium_id,
        )
        done += len(batch)
        genotypes += len(genotype_rows)
        await progress(done)
    # And one summary for the member who waits on it (a notification, not one per row).
    await emit_many(
        session,
        [
            ImportCompleted(
                job_id=job_id,
                vivarium_id=vivarium_id,
                animals_created=done,
                genotypes_created=genotypes,
            )
        ],
        actor=actor,
        vivarium_id=vivarium_id,
    )
    await add_outbox_events(
        session,
        RECOMPUTE_COI_TASK,
        [{"animal_id": str(a.id)} for a in plan.animals if a.sire or a.dam],
    )
    created = sorted(plan.animals, key=lambda a: a.row)
    # Validated as a whole: one ImportedAnimal constructor call per row is slow at 10,000.
    return ImportResult.model_validate(
        {
            "created": len(created),
            "animals": [
                {"row": a.row, "id": a.id, "display_id": a.display_id or ""} for a in created
            ],
        }
    )
