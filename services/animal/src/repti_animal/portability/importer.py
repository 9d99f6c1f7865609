"""CSV import: a dry run that lists every bad row, then an all-or-nothing write.

Both paths build the same plan (`planner.build_plan`); the real import only writes when the
plan has no error, and any error met while writing (a lineage rule the database sees
differently, a plan limit) raises, so the request's transaction rolls everything back.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.display_ids import next_display_id
from repti_animal.animals.limits import ensure_room_for_animals
from repti_animal.lineage.rules import LineageViolation, check_parents
from repti_animal.portability import repository
from repti_animal.portability.csv_reader import decode_upload, read_records
from repti_animal.portability.exceptions import ImportRejected
from repti_animal.portability.planner import (
    ExistingAnimal,
    ImportPlan,
    PlannedAnimal,
    SpeciesLookup,
    build_plan,
)
from repti_animal.portability.schemas import ImportDryRun, ImportedAnimal, ImportResult
from reptidex_common.auth.dependencies import VivariumAccess
from reptidex_common.errors import PlanLimitExceeded
from reptidex_common.models.animal import Animal, Genotype
from reptidex_common.models.animal_enums import GenotypeProof, GenotypeState
from reptidex_common.models.core import Vivarium
from reptidex_common.tasks.outbox import add_outbox_event
from reptidex_common.vivarium_time import vivarium_today

RECOMPUTE_COI_TASK = "animal.lineage.recompute_coi"
PREVIEW_LIMIT = 500
# A file states what the breeder sees, not what was proven: hets are claims until tested.
_PROOF_BY_STATE = {
    GenotypeState.visual: GenotypeProof.visual,
    GenotypeState.super: GenotypeProof.visual,
    GenotypeState.het: GenotypeProof.seller_claim,
    GenotypeState.possible_het: GenotypeProof.seller_claim,
}


async def _plan(session: AsyncSession, vivarium: Vivarium, data: bytes) -> ImportPlan:
    records = read_records(decode_upload(data))
    species = SpeciesLookup(await repository.species_catalogue(session))
    existing = await repository.animals_by_display_id(session, vivarium.id)
    return build_plan(records, species, existing, today=vivarium_today(vivarium))


async def _enforce_plan_limit(session: AsyncSession, vivarium_id: uuid.UUID, adding: int) -> None:
    await ensure_room_for_animals(session, vivarium_id, adding=adding)


async def dry_run(session: AsyncSession, access: VivariumAccess, data: bytes) -> ImportDryRun:
    plan = await _plan(session, access.vivarium, data)
    plan_limit: str | None = None
    try:
        await _enforce_plan_limit(session, access.vivarium.id, len(plan.animals))
    except PlanLimitExceeded as exc:
        plan_limit = exc.detail
    by_row = sorted(plan.animals, key=lambda a: a.row)
    return ImportDryRun.model_validate(
        {
            "valid": plan.valid and plan_limit is None,
            "rows": len(plan.animals),
            "errors": plan.errors,
            "plan_limit": plan_limit,
            "preview": [a.preview() for a in by_row[:PREVIEW_LIMIT]],
            "preview_truncated": len(by_row) > PREVIEW_LIMIT,
        }
    )


async def run_import(session: AsyncSession, access: VivariumAccess, data: bytes) -> ImportResult:
    vivarium_id = access.vivarium.id
    plan = await _plan(session, access.vivarium, data)
    if not plan.valid:
        raise ImportRejected(plan.errors, len(plan.animals))
    await _enforce_plan_limit(session, vivarium_id, len(plan.animals))
    taken_by_file = {a.display_id for a in plan.animals if a.display_id}
    errors: list[dict[str, Any]] = []
    for generation in _generations(plan.animals):
        animals: list[Animal] = []
        genotypes: list[Genotype] = []
        for planned in generation:
            if not await _lineage_holds(session, planned, errors):
                continue
            animals.append(await _new_animal(session, access, planned, taken_by_file=taken_by_file))
            genotypes.extend(
                Genotype(
                    animal_id=planned.id,
                    trait_id=entry.trait_id,
                    state=entry.state,
                    het_percent=entry.het_percent,
                    proof=_PROOF_BY_STATE[entry.state],
                )
                for entry in planned.genotype
            )
        if errors:
            raise ImportRejected(errors, len(plan.animals))
        await repository.insert_generation(session, animals, genotypes)
    for planned in plan.animals:
        if planned.sire or planned.dam:
            add_outbox_event(session, RECOMPUTE_COI_TASK, {"animal_id": str(planned.id)})
    created = sorted(plan.animals, key=lambda a: a.row)
    return ImportResult(
        created=len(created),
        animals=[
            ImportedAnimal(row=a.row, id=a.id, display_id=a.display_id or "") for a in created
        ],
    )


def _generations(animals: list[PlannedAnimal]) -> list[list[PlannedAnimal]]:
    """Parents-first order grouped by depth, so one flush writes a whole generation."""
    depth: dict[int, int] = {}
    for animal in animals:  # already parents first
        parents = [p for p in (animal.sire, animal.dam) if isinstance(p, PlannedAnimal)]
        depth[animal.row] = 1 + max((depth[p.row] for p in parents), default=-1)
    generations: list[list[PlannedAnimal]] = [[] for _ in range(max(depth.values()) + 1)]
    for animal in animals:
        generations[depth[animal.row]].append(animal)
    return generations


async def _lineage_holds(
    session: AsyncSession, planned: PlannedAnimal, errors: list[dict[str, Any]]
) -> bool:
    """The shared lineage check against what is written now (earlier generations included)."""
    if planned.sire is None and planned.dam is None:
        return True
    assert planned.species is not None  # a valid plan resolved every species
    try:
        await check_parents(
            session,
            animal_id=None,
            species_id=planned.species.id,
            hatch_date=planned.hatch_date,
            sire_id=_parent_id(planned.sire),
            dam_id=_parent_id(planned.dam),
        )
    except LineageViolation as exc:
        column = exc.extra["errors"][0]["field"].removesuffix("_id")
        value = planned.sire_ref if column == "sire" else planned.dam_ref
        errors.append({"row": planned.row, "column": column, "value": value, "message": exc.detail})
        return False
    return True


def _parent_id(parent: PlannedAnimal | ExistingAnimal | None) -> uuid.UUID | None:
    return parent.id if parent is not None else None


async def _new_animal(
    session: AsyncSession,
    access: VivariumAccess,
    planned: PlannedAnimal,
    *,
    taken_by_file: set[str],
) -> Animal:
    assert planned.species is not None
    if planned.display_id is None:
        planned.display_id = await _generated_display_id(session, access, planned, taken_by_file)
    return Animal(
        id=planned.id,
        vivarium_id=access.vivarium.id,
        species_id=planned.species.id,
        display_id=planned.display_id,
        name=planned.name,
        sex=planned.sex,
        hatch_date=planned.hatch_date,
        status=planned.status,
        visibility=planned.visibility,
        morph=planned.morph,
        sire_id=_parent_id(planned.sire),
        dam_id=_parent_id(planned.dam),
        microchip=planned.microchip,
        notes=planned.notes,
        created_by_id=access.principal.user_id,
    )


async def _generated_display_id(
    session: AsyncSession, access: VivariumAccess, planned: PlannedAnimal, taken_by_file: set[str]
) -> str:
    """The template's next id, skipping ids that rows later in this file claim by hand."""
    assert planned.species is not None
    while True:
        candidate = await next_display_id(
            session,
            access.vivarium.id,
            prefix=planned.species.code_prefix,
            hatch_date=planned.hatch_date,
        )
        if candidate not in taken_by_file:
            taken_by_file.add(candidate)
            return candidate
