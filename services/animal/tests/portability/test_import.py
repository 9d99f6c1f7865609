"""CSV import through HTTP: dry run, an all-or-nothing import job, limits, authorization.

The job is run in-process on the test's transaction (`run_job`, what the Celery task calls);
`test_import_jobs.py` covers the job itself, the real worker and the locks.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.portability.runner import run_job
from reptidex_common.db import engine as db_engine
from reptidex_common.models.animal import Animal, Genotype
from reptidex_common.models.animal_enums import GenotypeState, Sex
from reptidex_common.models.outbox import OUTBOX_MODELS

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..transfers.world import CURATOR_UP, World, assert_problem, matrix, ok_as

AnimalOutbox = OUTBOX_MODELS["animal"]
HEADER = "display_id,name,species,sex,hatch_date,sire,dam,genotype\n"


def url(world: World, *, dry_run: bool) -> str:
    return f"/api/v1/vivariums/{world.vivarium.id}/animals/import?dry_run={str(dry_run).lower()}"


async def post_csv(
    client: httpx.AsyncClient,
    world: World,
    body: str | bytes,
    *,
    dry_run: bool,
    actor: str = "owner",
) -> httpx.Response:
    return await client.post(
        url(world, dry_run=dry_run),
        content=body.encode() if isinstance(body, str) else body,
        headers={**world.headers(actor), "Content-Type": "text/csv"},
    )


async def run_import(
    client: httpx.AsyncClient, world: World, body: str | bytes, *, actor: str = "owner"
) -> dict[str, Any]:
    """Queue the import, run its job as the worker would, and read the finished job."""
    queued = await post_csv(client, world, body, dry_run=False, actor=actor)
    assert queued.status_code == 202, queued.text
    assert db_engine.state.sessionmaker is not None
    await run_job(db_engine.state.sessionmaker, uuid.UUID(queued.json()["id"]))
    finished = await client.get(queued.headers["Location"], headers=world.headers(actor))
    assert finished.status_code == 200, finished.text
    job: dict[str, Any] = finished.json()
    return job


async def count_animals(db_session: AsyncSession, world: World) -> int:
    count = await db_session.scalar(
        select(func.count()).select_from(Animal).where(Animal.vivarium_id == world.vivarium.id)
    )
    return int(count or 0)


def errors_by_row(body: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for error in body["errors"]:
        found.setdefault(error["row"], []).append(error)
    return found


async def test_dry_run_lists_every_bad_row_and_writes_nothing(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    sp = species.species.common_name
    await make_animal(world.vivarium, species, display_id="OLD-1", sex=Sex.female)
    before = await count_animals(db_session, world)
    csv = (
        HEADER
        + f"A1,Good,{sp},male,2020-01-01,,,Clown\n"  # row 2: fine
        + "A2,Bad species,Unicornus,male,,,,\n"  # row 3
        + f"A3,Bad sex,{sp},yes,,,,\n"  # row 4
        + f"A4,Bad date,{sp},female,2020-02-31,,,\n"  # row 5
        + f"A5,Unknown parent,{sp},female,,NOPE,,\n"  # row 6
        + f"A6,Female sire,{sp},female,,OLD-1,,\n"  # row 7
        + f"A1,Duplicate,{sp},male,,,,\n"  # row 8
        + f"C1,Cycle one,{sp},male,,C2,,\n"  # row 9
        + f"C2,Cycle two,{sp},male,,C1,,\n"  # row 10
        + f"A7,Bad gene,{sp},male,,,,het Pastel; Wings\n"  # row 11
        + f"OLD-1,Taken,{sp},male,,,,\n"  # row 12
        + f"A8,Ambiguous date,{sp},male,03/04/2020,,,\n"  # row 13
    )
    response = await post_csv(client, world, csv, dry_run=True)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["valid"] is False
    assert body["rows"] == 12
    rows = errors_by_row(body)
    assert set(rows) == {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}
    assert rows[3][0]["column"] == "species"
    assert "Unicornus" in rows[3][0]["message"]
    assert rows[4][0] == {
        "row": 4,
        "column": "sex",
        "value": "yes",
        "message": "'yes' is not one of: male, female, unknown.",
    }
    assert "calendar" in rows[5][0]["message"]
    assert rows[6][0]["column"] == "sire"
    assert "NOPE" in rows[6][0]["message"]
    assert "female" in rows[7][0]["message"]
    assert "row 2" in rows[8][0]["message"]
    assert "cycle" in rows[9][0]["message"]
    assert "cycle" in rows[10][0]["message"]
    genotype_message = rows[11][0]["message"]
    assert "incomplete dominant" in genotype_message
    assert "unknown trait" in genotype_message
    assert "already used" in rows[12][0]["message"]
    assert "ambiguous" in rows[13][0]["message"]
    assert [p["row"] for p in body["preview"]][:2] == [2, 3]
    assert body["preview"][0]["genotype"] == ["Clown"]
    assert await count_animals(db_session, world) == before


async def test_failed_import_returns_the_same_errors_and_writes_nothing(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, db_session: AsyncSession
) -> None:
    sp = species.species.common_name
    csv = HEADER + f"A1,Good,{sp},male,,,,\n" + f"A2,Bad,{sp},dragon,,,,\n"
    response = await post_csv(client, world, csv, dry_run=False)
    body = assert_problem(response, 422)
    assert body["errors"] == [
        {"row": 3, "column": "sex", "value": "dragon", "message": body["errors"][0]["message"]}
    ]
    assert await count_animals(db_session, world) == 0


async def test_import_creates_parents_declared_after_children_with_genotypes(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, db_session: AsyncSession
) -> None:
    sp = species.species
    csv = (
        HEADER
        + f",Baby,{sp.code_prefix},unknown,2023-06-01,DAD,MOM,Clown; 66% het Piebald\n"
        + f"MOM,Mom,{sp.scientific_name},female,2019-05-01,,,het Clown; Super Pastel\n"
        + f"DAD,Dad,{sp.common_name.upper()},m,01.04.2018,,,Clown; pos het Piebald\n"
    )
    job = await run_import(client, world, csv)
    assert job["status"] == "succeeded", job
    body = job["result"]
    assert body["created"] == 3
    assert [a["row"] for a in body["animals"]] == [2, 3, 4]
    baby_display = body["animals"][0]["display_id"]
    assert baby_display.startswith(sp.code_prefix)
    animals = {
        a.display_id: a
        for a in await db_session.scalars(
            select(Animal).where(Animal.vivarium_id == world.vivarium.id)
        )
    }
    baby, mom, dad = animals[baby_display], animals["MOM"], animals["DAD"]
    assert (baby.sire_id, baby.dam_id) == (dad.id, mom.id)
    assert str(dad.hatch_date) == "2018-04-01"
    assert dad.sex is Sex.male
    genotypes = {
        (g.animal_id, g.trait_id): (g.state, g.het_percent)
        for g in await db_session.scalars(
            select(Genotype).where(Genotype.animal_id.in_([baby.id, mom.id, dad.id]))
        )
    }
    traits = species.traits
    assert genotypes[(baby.id, traits["Clown"].id)] == (GenotypeState.visual, None)
    assert genotypes[(baby.id, traits["Piebald"].id)] == (GenotypeState.possible_het, 66)
    assert genotypes[(mom.id, traits["Clown"].id)] == (GenotypeState.het, None)
    assert genotypes[(mom.id, traits["Pastel"].id)] == (GenotypeState.super, None)
    assert genotypes[(dad.id, traits["Piebald"].id)] == (GenotypeState.possible_het, 50)
    recompute = (
        await db_session.scalars(
            select(AnimalOutbox).where(AnimalOutbox.task_name == "animal.lineage.recompute_coi")
        )
    ).all()
    assert {e.payload["animal_id"] for e in recompute} >= {str(baby.id)}
    assert str(mom.id) not in {e.payload["animal_id"] for e in recompute}


async def test_import_links_to_animals_already_in_the_vivarium(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    await make_animal(world.vivarium, species, display_id="SIRE-1", sex=Sex.male)
    csv = HEADER + f"KID-1,,{species.species.code_prefix},,,SIRE-1,,\n"
    job = await run_import(client, world, csv)
    assert job["status"] == "succeeded", job
    kid = await db_session.scalar(select(Animal).where(Animal.display_id == "KID-1"))
    assert kid is not None
    assert kid.sire_id is not None


async def test_multipart_upload_is_accepted(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture
) -> None:
    csv = HEADER + f"M1,,{species.species.code_prefix},,,,,\n"
    response = await client.post(
        url(world, dry_run=True),
        files={"file": ("animals.csv", csv.encode(), "text/csv")},
        headers=world.headers("owner"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["valid"] is True


async def test_multipart_without_file_field_is_422(client: httpx.AsyncClient, world: World) -> None:
    response = await client.post(
        url(world, dry_run=True),
        data={"other": "x"},
        files={"nope": ("a.csv", b"x")},
        headers=world.headers("owner"),
    )
    assert_problem(response, 422)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b"species\n" + "Ball python,\xe9\n".encode("latin-1"), "not UTF-8"),
        (b"species\n\x00\x01\x02", "binary"),
        (b"", "empty"),
        (b"display_id,sier\nA,B\n", "unknown column"),
        (b"name\nx\n", "missing column"),
        (b"species\n", "no animals"),
    ],
)
async def test_unreadable_files_are_422(
    client: httpx.AsyncClient, world: World, body: bytes, needle: str
) -> None:
    body_json = assert_problem(await post_csv(client, world, body, dry_run=True), 422)
    assert needle in body_json["detail"]


async def test_oversized_body_is_413(client: httpx.AsyncClient, world: World) -> None:
    body = b"species,notes\n" + b"x," + b"a" * (5 * 1024 * 1024)
    problem = assert_problem(await post_csv(client, world, body, dry_run=True), 413)
    assert "5 MB" in problem["detail"]


async def test_too_many_rows_is_413(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture
) -> None:
    body = "species\n" + f"{species.species.code_prefix}\n" * 10_001
    problem = assert_problem(await post_csv(client, world, body, dry_run=True), 413)
    assert "10000" in problem["detail"]


async def test_plan_limit_counts_the_whole_import(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    db_session: AsyncSession,
) -> None:
    world.vivarium.entitlement_overrides = {"max_animals": 2}
    await db_session.flush()
    prefix = species.species.code_prefix
    csv = "species\n" + f"{prefix}\n" * 3
    dry = (await post_csv(client, world, csv, dry_run=True)).json()
    assert dry["valid"] is False
    assert "allows 2" in dry["plan_limit"]
    assert_problem(await post_csv(client, world, csv, dry_run=False), 402)
    assert await count_animals(db_session, world) == 0


@matrix(ok_as(202, CURATOR_UP))
async def test_import_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    db_session: AsyncSession,
    actor: str,
    expected: int,
) -> None:
    csv = f"species\n{species.species.code_prefix}\n"
    response = await post_csv(client, world, csv, dry_run=False, actor=actor)
    assert response.status_code == expected, response.text
    assert await count_animals(db_session, world) == 0  # queued: the worker writes
    if expected == 202:
        assert response.json()["status"] == "queued"
