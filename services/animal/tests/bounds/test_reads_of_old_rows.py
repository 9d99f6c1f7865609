"""Reads of an old row holding an infinite date still answer (no 500).

Such rows came in before dates were bounded; the migration repairs them, and until it has run
(or should one slip in by SQL) the pages that show them must keep working.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import HusbandryLog, Reminder
from reptidex_common.models.animal_enums import LogKind, Sex

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..husbandry.world import World
from .planting import plant_async


@pytest.mark.parametrize("value", ["-infinity", "infinity"])
async def test_pages_of_an_animal_with_an_infinite_date_answer(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    value: str,
) -> None:
    sire = await make_animal(world.vivarium, species, sex=Sex.male)
    dam = await make_animal(world.vivarium, species, sex=Sex.female)
    child = await make_animal(world.vivarium, species, sire=sire, dam=dam)
    db_session.add(
        HusbandryLog(
            animal_id=sire.id,
            vivarium_id=world.vivarium.id,
            kind=LogKind.weight,
            occurred_at=datetime.now(UTC),
            weight_grams=100,
        )
    )
    db_session.add(
        Reminder(
            vivarium_id=world.vivarium.id,
            animal_id=sire.id,
            title="Old",
            next_due_at=datetime.now(UTC) - timedelta(days=1),
        )
    )
    await db_session.flush()
    sire_id, dam_id, child_id = sire.id, dam.id, child.id
    headers = world.headers("keeper")
    for column in ("hatch_date", "acquisition_date", "disposal_date"):
        await plant_async(db_session, "animals", column, value, sire_id)

    for path in (
        f"/api/v1/animals/{sire_id}",
        f"/api/v1/animals/{child_id}",
        f"/api/v1/animals/{child_id}/pedigree",
        f"/api/v1/animals/{sire_id}/descendants",
        f"/api/v1/animals/{child_id}/siblings",
        f"/api/v1/animals/{child_id}/coi",
        f"/api/v1/animals/{sire_id}/logs",
        f"/api/v1/animals/{sire_id}/weights",
        f"/api/v1/animals/{sire_id}/feeding",
        f"/api/v1/animals?vivarium_id={world.vivarium.id}",
        f"{world.url}/today",
        f"{world.url}/reminders",
        f"{world.url}/animals/export?format=csv",
        f"{world.url}/animals/export?format=json",
    ):
        response = await client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.text)

    # The API's driver reads infinity as the extreme date, so the page shows what is stored.
    shown = (await client.get(f"/api/v1/animals/{sire_id}", headers=headers)).json()
    assert shown["hatch_date"] == ("9999-12-31" if value == "infinity" else "0001-01-01")

    what_if = await client.post(
        "/api/v1/coi/what-if",
        json={"sire_id": str(sire_id), "dam_id": str(dam_id)},
        headers=headers,
    )
    assert what_if.status_code == 200, what_if.text
