"""CSV import: a dry run that lists every bad row, then an all-or-nothing write in a job.

Every path builds the same plan (`planner.build_plan`). The request checks the file and the
plan limit and queues a job (`queue_import`); the worker then plans again and writes in one
transaction (`import_file`), so any error met while writing rolls everything back.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.limits import ensure_room_for_animals
from repti_animal.portability import jobs, repository, writer
from repti_animal.portability.csv_reader import CsvRecord, decode_upload, read_records
from repti_animal.portability.exceptions import ImportRejected
from repti_animal.portability.planner import (
    ExistingAnimal,
    ImportPlan,
    SpeciesLookup,
    build_plan,
)
from repti_animal.portability.schemas import ImportDryRun, ImportResult
from reptidex_common.auth.dependencies import VivariumAccess
from reptidex_common.errors import PlanLimitExceeded
from reptidex_common.models.core import Vivarium
from reptidex_common.models.import_job import ImportJob
from reptidex_common.vivarium_time import vivarium_today

PREVIEW_LIMIT = 500


def _build(
    records: list[CsvRecord],
    species: SpeciesLookup,
    existing: dict[str, ExistingAnimal],
    vivarium: Vivarium,
) -> ImportPlan:
    return build_plan(records, species, existing, today=vivarium_today(vivarium))


async def _plan(session: AsyncSession, vivarium: Vivarium, data: bytes) -> ImportPlan:
    records = read_records(decode_upload(data))
    species = SpeciesLookup(await repository.species_catalogue(session))
    existing = await repository.animals_by_display_id(session, vivarium.id)
    return _build(records, species, existing, vivarium)


async def dry_run(session: AsyncSession, access: VivariumAccess, data: bytes) -> ImportDryRun:
    plan = await _plan(session, access.vivarium, data)
    plan_limit: str | None = None
    try:
        await ensure_room_for_animals(session, access.vivarium.id, adding=len(plan.animals))
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


async def queue_import(session: AsyncSession, access: VivariumAccess, data: bytes) -> ImportJob:
    """Refuse a bad file or one past the plan limit at once (422, 402); queue the rest."""
    vivarium_id = access.vivarium.id
    plan = await _plan(session, access.vivarium, data)
    if not plan.valid:
        raise ImportRejected(plan.errors, len(plan.animals))
    await ensure_room_for_animals(session, vivarium_id, adding=len(plan.animals))
    return await jobs.create_job(
        session, vivarium_id, access.principal.user_id, data, rows=len(plan.animals)
    )


async def import_file(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    created_by_id: uuid.UUID | None,
    data: bytes,
    progress: writer.Progress,
    *,
    job_id: uuid.UUID | None = None,
) -> ImportResult:
    """The job's transaction: plan, lock, re-check what changed meanwhile, write."""
    vivarium = await session.get_one(Vivarium, vivarium_id)
    records = read_records(decode_upload(data))
    species = SpeciesLookup(await repository.species_catalogue(session))
    existing = await repository.animals_by_display_id(session, vivarium_id)
    plan = _build(records, species, existing, vivarium)
    if not plan.valid:
        raise ImportRejected(plan.errors, len(plan.animals))
    # Planning ran without locks, so they are held only while writing. Whatever another
    # write changed meanwhile (an id taken, a parent's sex or hatch date) shows up here.
    await writer.lock_lineage_of(session, plan)
    await ensure_room_for_animals(session, vivarium_id, adding=len(plan.animals))
    current = await repository.animals_by_display_id(session, vivarium_id)
    if current != existing:
        plan = _build(records, species, current, vivarium)
        if not plan.valid:
            raise ImportRejected(plan.errors, len(plan.animals))
    return await writer.write_plan(
        session, vivarium_id, created_by_id, plan, progress, job_id=job_id
    )
