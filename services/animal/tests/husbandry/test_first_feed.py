"""Snake hatchlings eat first after their first shed: the Today list waits for it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, HusbandryLog, Species
from reptidex_common.models.animal_enums import LogKind

from ..conftest import AnimalFactory
from .world import World


async def a_species(db_session: AsyncSession, first_shed_days: int | None) -> Species:
    suffix = uuid.uuid4().hex[:6]
    species = Species(
        common_name=f"Hatchling test {suffix}",
        scientific_name=f"Hatchlingus {suffix}",
        code_prefix=f"H{suffix[:4].upper()}",
        default_feeding_interval_days=7,
        first_shed_days=first_shed_days,
    )
    db_session.add(species)
    await db_session.flush()
    return species


async def shed(db_session: AsyncSession, animal: Animal, days_ago: float) -> None:
    db_session.add(
        HusbandryLog(
            animal_id=animal.id,
            vivarium_id=animal.vivarium_id,
            kind=LogKind.shed,
            occurred_at=datetime.now(UTC) - timedelta(days=days_ago),
            details={},
        )
    )
    await db_session.flush()


async def test_a_snake_hatchling_is_not_due_before_its_first_shed(
    client: httpx.AsyncClient,
    world: World,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    snake = await a_species(db_session, first_shed_days=14)
    lizard = await a_species(db_session, first_shed_days=None)
    days_ago = lambda days: date.today() - timedelta(days=days)  # noqa: E731
    viv = world.vivarium
    waiting = await make_animal(viv, snake, display_id="S-1", hatch_date=days_ago(5))
    shed_already = await make_animal(viv, snake, display_id="S-2", hatch_date=days_ago(9))
    await shed(db_session, shed_already, 1)
    overdue_shed = await make_animal(viv, snake, display_id="S-3", hatch_date=days_ago(20))
    gecko = await make_animal(viv, lizard, display_id="L-1", hatch_date=days_ago(2))
    del overdue_shed, gecko

    response = await client.get(f"{world.url}/today", headers=world.headers("keeper"))
    assert response.status_code == 200, response.text
    due = [f["animal"]["display_id"] for f in response.json()["feedings"]]
    # S-1 hatched 5 days ago and has not shed: not yet. S-2 shed: due. S-3 is past the 14
    # days a first shed comes within: due even without a logged shed. Lizards eat at once.
    assert "S-1" not in due
    assert {"S-2", "S-3", "L-1"} <= set(due)

    status = await client.get(f"/api/v1/animals/{waiting.id}/feeding", headers=world.headers())
    assert status.status_code == 200, status.text
    body = status.json()
    assert body["due"] is False
    assert body["next_feed_due"].startswith(days_ago(5 - 14).isoformat())
