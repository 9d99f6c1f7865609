"""Import jobs as the API shows them: created by the request, read while the worker runs."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.portability.schemas import ImportJobRead, ImportProblem, ImportResult
from reptidex_common.errors import NotFound
from reptidex_common.models.import_job import ImportJob, ImportJobStatus
from reptidex_common.tasks.outbox import add_outbox_event

RUN_IMPORT_TASK = "animal.portability.run_import"


async def create_job(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    created_by_id: uuid.UUID | None,
    data: bytes,
    *,
    rows: int,
) -> ImportJob:
    """The job and, in the same transaction, the outbox event that starts it."""
    job = ImportJob(
        vivarium_id=vivarium_id,
        created_by_id=created_by_id,
        status=ImportJobStatus.queued,
        rows_total=rows,
        rows_done=0,
        file=data,
    )
    session.add(job)
    await session.flush()
    add_outbox_event(session, RUN_IMPORT_TASK, {"job_id": str(job.id)})
    await session.refresh(job)  # created_at comes from the database
    return job


async def load_job(session: AsyncSession, vivarium_id: uuid.UUID, job_id: uuid.UUID) -> ImportJob:
    """Another vivarium's job answers as missing."""
    job = await session.scalar(
        select(ImportJob).where(ImportJob.id == job_id, ImportJob.vivarium_id == vivarium_id)
    )
    if job is None:
        raise NotFound("There is no such import job in this vivarium.")
    return job


def job_read(job: ImportJob) -> ImportJobRead:
    report = job.report or {}
    succeeded = job.status is ImportJobStatus.succeeded
    failed = job.status is ImportJobStatus.failed
    return ImportJobRead(
        id=job.id,
        status=job.status,
        rows_total=job.rows_total,
        rows_done=job.rows_done,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        result=ImportResult.model_validate(report) if succeeded else None,
        problem=ImportProblem.model_validate(report) if failed else None,
    )
