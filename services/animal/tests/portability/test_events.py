"""The events of a CSV import: one `animal.animal.created` per animal (what search and listings
index) and one `animal.import.completed` (what the member waiting on it is told), by the member
who queued it; none from a job that failed."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.portability.runner import run_job
from reptidex_common.db import engine as db_engine
from reptidex_common.models.animal_enums import Sex

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..events import by_user, emitted
from ..transfers.world import World
from .test_import import HEADER, post_csv, run_import

# The event types these tests see emitted (see `tests/test_event_catalogue.py`).
EMITTED = {"animal.import.completed"}


async def test_an_import_emits_created_per_animal_and_one_completed(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, db_session: AsyncSession
) -> None:
    prefix = species.species.code_prefix
    csv = HEADER + f"DAD,Dad,{prefix},male,,,,het Clown\nKID,,{prefix},,,DAD,,\n"
    job = await run_import(client, world, csv, actor="curator")
    assert job["status"] == "succeeded", job
    curator = world.users["curator"].id
    created = await emitted(db_session, "animal.animal.created", vivarium_id=world.vivarium.id)
    assert sorted(e.data["display_id"] for e in created) == ["DAD", "KID"]
    assert all(by_user(e, curator) and e.data["source"] == "import" for e in created)
    by_display_id = {e.data["display_id"]: e.data for e in created}
    assert by_display_id["KID"]["sire_id"] == by_display_id["DAD"]["animal_id"]
    assert by_display_id["DAD"]["sex"] == "male"
    ids = {str(a["id"]) for a in job["result"]["animals"]}
    assert {e.data["animal_id"] for e in created} == ids

    [completed] = await emitted(db_session, "animal.import.completed", job_id=job["id"])
    assert by_user(completed, curator)
    assert completed.vivarium_id == world.vivarium.id
    assert completed.data == {
        "job_id": job["id"],
        "vivarium_id": str(world.vivarium.id),
        "animals_created": 2,
        "genotypes_created": 1,
    }


async def test_a_failed_import_emits_nothing(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    prefix = species.species.code_prefix
    queued = await post_csv(
        client, world, HEADER + f"A1,,{prefix},male,,,,\nA2,,{prefix},,,,,\n", dry_run=False
    )
    assert queued.status_code == 202, queued.text
    # Taken meanwhile: the job fails when it runs, and writes nothing.
    await make_animal(world.vivarium, species, display_id="A2", sex=Sex.female)
    assert db_engine.state.sessionmaker is not None
    job_id = uuid.UUID(queued.json()["id"])
    assert await run_job(db_engine.state.sessionmaker, job_id) == "failed"
    assert await emitted(db_session, "animal.import.completed", job_id=job_id) == []
    assert await emitted(db_session, "animal.animal.created", vivarium_id=world.vivarium.id) == []
