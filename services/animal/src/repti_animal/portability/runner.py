"""Running an import job: all rows in one transaction, progress reported beside it.

The rows are written in one transaction, so a failure leaves nothing behind; the job row is
marked succeeded in that same transaction, so "succeeded" and "the animals exist" never
disagree. Progress is committed on its own short transactions to be visible meanwhile.
A delivery of the task that finds the job finished, or running elsewhere, does nothing.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from repti_animal.portability import importer
from reptidex_common.errors import AppError
from reptidex_common.models.import_job import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)
# Imports at least this large refresh the tables' statistics once written.
ANALYZE_AFTER_ROWS = 1000
_FINISHED = (ImportJobStatus.succeeded, ImportJobStatus.failed)
# Namespaces the advisory lock so it cannot collide with another domain's locks.
_JOB_LOCK = "animal.import_job:"
_UNEXPECTED = {
    "type": "import-failed",
    "title": "Import failed",
    "status": 500,
    "detail": "The import stopped on an unexpected error; nothing was imported. Try again.",
    "errors": [],
}

Sessions = async_sessionmaker[AsyncSession]


async def _start(sessions: Sessions, job_id: uuid.UUID) -> ImportJob | None:
    async with sessions() as session:
        job = await session.get(ImportJob, job_id)
        if job is None or job.status in _FINISHED or job.file is None:
            return None
        job.status = ImportJobStatus.running
        job.started_at = job.started_at or func.now()
        await session.commit()
        await session.refresh(job)
        return job


async def _set(sessions: Sessions, job_id: uuid.UUID, **values: Any) -> None:
    async with sessions() as session:
        await session.execute(update(ImportJob).where(ImportJob.id == job_id).values(**values))
        await session.commit()


async def _claim(session: AsyncSession, job_id: uuid.UUID) -> bool:
    """Only one run of a job at a time; the other delivery leaves it alone."""
    key = func.hashtextextended(_JOB_LOCK + str(job_id), 0)
    if not await session.scalar(select(func.pg_try_advisory_xact_lock(key))):
        return False
    status = await session.scalar(select(ImportJob.status).where(ImportJob.id == job_id))
    return status is ImportJobStatus.running


async def _refresh_statistics(sessions: Sessions) -> None:
    """Let the planner know about the new rows now rather than at autovacuum's next pass.

    Autovacuum analyzes a table once a tenth of it changed: on a large platform a 10,000-row
    import may never get there, and until then the planner takes the new vivarium for a tiny
    one. Runs after the commit, so it holds none of the import's locks.
    """
    try:
        async with sessions() as session:
            await session.execute(text("ANALYZE animal.animals, animal.genotypes"))
            await session.commit()
    except Exception:  # the import is committed; autovacuum will analyze in the end
        logger.exception("ANALYZE after an import failed")


def _problem(exc: AppError) -> dict[str, Any]:
    return {
        "type": exc.type_slug,
        "title": exc.title,
        "status": exc.status,
        "detail": exc.detail,
        "errors": exc.extra.get("errors", []),
    }


async def run_job(sessions: Sessions, job_id: uuid.UUID) -> ImportJobStatus | None:
    """Run the job unless it is finished or running elsewhere; its final status, if it ran."""
    job = await _start(sessions, job_id)
    if job is None:
        return None
    assert job.file is not None

    async def progress(done: int) -> None:
        await _set(sessions, job_id, rows_done=done)

    try:
        async with sessions() as session:
            if not await _claim(session, job_id):
                return None
            result = await importer.import_file(
                session, job.vivarium_id, job.created_by_id, job.file, progress, job_id=job_id
            )
            await session.execute(
                update(ImportJob)
                .where(ImportJob.id == job_id)
                .values(
                    status=ImportJobStatus.succeeded,
                    rows_done=job.rows_total,
                    report=result.model_dump(mode="json"),
                    file=None,
                    finished_at=func.now(),
                )
            )
            await session.commit()
    except AppError as exc:
        report = _problem(exc)
    except Exception:
        logger.exception("import job failed", extra={"job_id": str(job_id)})
        report = _UNEXPECTED
    else:
        if job.rows_total >= ANALYZE_AFTER_ROWS:
            await _refresh_statistics(sessions)
        return ImportJobStatus.succeeded
    await _set(
        sessions,
        job_id,
        status=ImportJobStatus.failed,
        rows_done=0,
        report=report,
        file=None,
        finished_at=func.now(),
    )
    return ImportJobStatus.failed
