"""An ancestor with a date the worker's driver cannot read must not stop COI for its lineage."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from repti_animal.lineage.recompute import recompute_coi
from reptidex_common.models.animal import Animal, Reminder, Species
from reptidex_common.models.core import Plan, Vivarium
from reptidex_common.tasks.worker_db import worker_engine

from ..bounds.planting import plant


@pytest.fixture
def sync_session(db_engine_for_tests: AsyncEngine) -> Iterator[Session]:
    with worker_engine().connect() as connection:
        transaction = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        session.execute(update(Reminder).values(active=False))
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


def _vivarium(session: Session) -> Vivarium:
    plan = session.scalars(select(Plan).where(Plan.is_default.is_(True))).one()
    slug = f"coi-{uuid.uuid4().hex[:10]}"
    vivarium = Vivarium(name=slug, slug=slug, plan_id=plan.id, time_zone="UTC")
    session.add(vivarium)
    session.flush()
    return vivarium


def test_an_unreadable_ancestor_does_not_stop_another_breeders_coi(
    sync_session: Session,
) -> None:
    suffix = uuid.uuid4().hex[:6]
    species = Species(
        common_name=f"Coi {suffix}", scientific_name=f"Coi {suffix}", code_prefix=f"K{suffix[:4]}"
    )
    sync_session.add(species)
    sync_session.flush()
    founders_home, other_breeder = _vivarium(sync_session), _vivarium(sync_session)
    count = iter(range(100))

    def animal(vivarium: Vivarium, sex: str, **fields: object) -> Animal:
        row = Animal(
            vivarium_id=vivarium.id,
            species_id=species.id,
            display_id=f"K-{next(count)}",
            sex=sex,
            **fields,
        )
        sync_session.add(row)
        sync_session.flush()
        return row

    sire, dam = animal(founders_home, "male"), animal(founders_home, "female")
    brother = animal(founders_home, "male", sire_id=sire.id, dam_id=dam.id)
    sister = animal(other_breeder, "female", sire_id=sire.id, dam_id=dam.id)
    child = animal(other_breeder, "male", sire_id=brother.id, dam_id=sister.id)
    # The founder's record came in before dates were bounded.
    plant(sync_session, "animals", "hatch_date", "-infinity", sire.id)

    assert recompute_coi(sync_session, sister.id) == 2

    stored = sync_session.scalar(select(Animal.coi).where(Animal.id == child.id))
    assert stored == pytest.approx(0.25)
