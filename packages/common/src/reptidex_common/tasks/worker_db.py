"""A synchronous engine for Celery workers, which run outside the event loop."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from reptidex_common.settings import get_settings


@lru_cache
def worker_engine() -> Engine:
    return create_engine(get_settings().sync_database_url, pool_pre_ping=True, pool_size=2)


def worker_session() -> Session:
    return sessionmaker(worker_engine(), expire_on_commit=False)()
