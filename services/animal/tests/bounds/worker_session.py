"""The worker's own session kind (psycopg), on a transaction rolled back after the test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from reptidex_common.models.animal import Reminder, Species
from reptidex_common.models.core import Plan, Vivarium
from reptidex_common.tasks.worker_db import worker_engine


@pytest.fixture
def sync_session(db_engine_for_tests: AsyncEngine) -> Iterator[Session]:
    with worker_engine().connect() as connection:
        transaction = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        # Reminders committed elsewhere must not be touched by these tests.
        session.execute(update(Reminder).values(active=False))
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


def new_vivarium(session: Session) -> Vivarium:
    plan = session.scalars(select(Plan).where(Plan.is_default.is_(True))).one()
    slug = f"iso-{uuid.uuid4().hex[:10]}"
    vivarium = Vivarium(name=slug, slug=slug, plan_id=plan.id, time_zone="UTC")
    session.add(vivarium)
    session.flush()
    return vivarium


def new_species(session: Session) -> Species:
    suffix = uuid.uuid4().hex[:6]
    species = Species(
        common_name=f"Iso {suffix}", scientific_name=f"Iso {suffix}", code_prefix=f"K{suffix[:4]}"
    )
    session.add(species)
    session.flush()
    return species
