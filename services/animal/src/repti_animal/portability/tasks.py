"""Celery task of import: a thin wrapper that runs `runner.run_job` on its own engine."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from repti_animal.portability.jobs import RUN_IMPORT_TASK
from repti_animal.portability.runner import run_job
from repti_animal.worker import celery_app
from reptidex_common.settings import get_settings


async def _run(job_id: uuid.UUID) -> str | None:
    # An engine per run: the importer is async, and each task runs its own event loop.
    engine = create_async_engine(get_settings().database_url, poolclass=NullPool)
    try:
        status = await run_job(async_sessionmaker(engine, expire_on_commit=False), job_id)
    finally:
        await engine.dispose()
    return status.value if status else None


# No automatic retry: a failed import is reported on the job, and rerunning it is the
# breeder's call. A delivery repeated by the relay finds the job finished and does nothing.
@celery_app.task(name=RUN_IMPORT_TASK, ignore_result=True)
def run_import_task(job_id: str) -> str | None:
    """Payload {"job_id"}: written to the outbox with the job by the import request."""
    return asyncio.run(_run(uuid.UUID(job_id)))
