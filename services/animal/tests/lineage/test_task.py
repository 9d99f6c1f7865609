"""The Celery task itself, called in-process (no broker), on committed data."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.lineage.events import RECOMPUTE_COI_TASK, queue_coi_recompute
from repti_animal.lineage.tasks import recompute_coi_task
from repti_animal.worker import celery_app
from reptidex_common.models.animal import Animal
from reptidex_common.models.core import User, Vivarium
from reptidex_common.models.outbox import OUTBOX_MODELS

from .world import quick_user


@pytest.fixture
async def committed(
    db_session: AsyncSession, make_vivarium: Callable[..., Any], species: Any
) -> AsyncIterator[dict[str, Any]]:
    """A full-sib mating, committed for the worker's own connection; removed afterwards.

    Only for tests marked `worker`: their sessions commit for real.
    """
    owner = await quick_user(db_session)
    vivarium = await make_vivarium(owner)
    animals: list[Animal] = []

    def add(**fields: Any) -> Animal:
        animal = Animal(
            vivarium_id=vivarium.id,
            species_id=species.id,
            display_id=f"TASK-{len(animals):03d}",
            **fields,
        )
        db_session.add(animal)
        animals.append(animal)
        return animal

    sire, dam = add(sex="male"), add(sex="female")
    await db_session.flush()
    brother, sister = add(sex="male"), add(sex="female")
    brother.sire_id = sister.sire_id = sire.id
    brother.dam_id = sister.dam_id = dam.id
    await db_session.flush()
    child = add(sex="male", sire_id=brother.id, dam_id=sister.id)
    await db_session.commit()
    yield {"child": child, "brother": brother, "species": species}
    for animal in reversed(animals):
        await db_session.execute(delete(Animal).where(Animal.id == animal.id))
    await db_session.execute(delete(Vivarium).where(Vivarium.id == vivarium.id))
    await db_session.execute(delete(User).where(User.id == owner.id))
    await db_session.commit()


async def test_task_is_registered_under_its_name() -> None:
    assert RECOMPUTE_COI_TASK == "animal.lineage.recompute_coi"
    assert celery_app.tasks[RECOMPUTE_COI_TASK].name == recompute_coi_task.name
    assert "repti_animal.lineage.tasks" in celery_app.conf.include


@pytest.mark.worker
async def test_task_stores_and_cascades_idempotently(
    db_session: AsyncSession, committed: dict[str, Any]
) -> None:
    brother, child = committed["brother"], committed["child"]
    # The brother's own (first) value and his son's change.
    assert recompute_coi_task(animal_id=str(brother.id)) == 2
    row = (
        await db_session.execute(
            select(Animal.coi, Animal.coi_generations, Animal.coi_computed_at).where(
                Animal.id == child.id
            )
        )
    ).one()
    assert row.coi == pytest.approx(0.25)
    assert row.coi_generations == 10
    assert row.coi_computed_at is not None
    await db_session.commit()
    # Published twice by the relay: the second run finds nothing to change.
    assert recompute_coi_task(animal_id=str(brother.id)) == 0
    again = (
        await db_session.execute(
            select(Animal.coi, Animal.coi_generations, Animal.coi_computed_at).where(
                Animal.id == child.id
            )
        )
    ).one()
    assert tuple(again) == tuple(row)


async def test_queue_helper_writes_the_outbox_event(db_session: AsyncSession) -> None:
    animal_id = uuid.uuid4()
    queue_coi_recompute(db_session, animal_id)
    model = OUTBOX_MODELS["animal"]
    event = next(o for o in db_session.new if isinstance(o, model))
    assert event.task_name == RECOMPUTE_COI_TASK
    assert event.payload == {"animal_id": str(animal_id)}
