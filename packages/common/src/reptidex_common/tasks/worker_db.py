"""A synchronous engine for Celery workers, which run outside the event loop."""

from __future__ import annotations

from functools import lru_cache

from celery import current_task
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from reptidex_common.audit.capture import begin_audit
from reptidex_common.audit.requests import task_audit_context
from reptidex_common.db.base import SERVICE_SCHEMAS
from reptidex_common.settings import get_settings


@lru_cache
def worker_engine() -> Engine:
    return create_engine(get_settings().sync_database_url, pool_pre_ping=True, pool_size=2)


def worker_session() -> Session:
    """A session for a worker; inside a Celery task, what it writes is audited as that task."""
    session = sessionmaker(worker_engine(), expire_on_commit=False)()
    task = current_task
    name = getattr(task, "name", None) if task is not None else None
    service = name.split(".", 1)[0] if name else None
    if service in SERVICE_SCHEMAS and name is not None:
        begin_audit(session, task_audit_context(service, name, task.request.id))
    return session
