"""The import job: queued by the request, run by the worker, all or nothing, under the locks.

Most tests run the job in-process on the test's transaction (`run_job`, what the Celery task
calls). The `worker` tests commit for real: one goes through the outbox relay and a real
Celery worker, the others hold a lock on another connection and watch the job wait for it.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import psycopg
import pytest
from celery.contrib.testing.worker import start_worker
from sqlalchemy import String, cast, delete, event, func, select, text, update
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from repti_animal.portability import export_queries, runner, tasks, writer
from repti_animal.portability.jobs import RUN_IMPORT_TASK
from repti_animal.worker import celery_app
from reptidex_common.db import engine as db_engine
from reptidex_common.db.urls import libpq_url
from reptidex_common.models.animal import Animal, DisplayIdCounter, Species, Trait
from reptidex_common.models.animal_enums import Sex
from reptidex_common.models.core import Membership, User, Vivarium
from reptidex_common.models.import_job import ImportJob
from reptidex_common.models.outbox import OUTBOX_MODELS
from reptidex_common.settings import get_settings

from ..conftest import AnimalFactory, SpeciesFixture
from ..transfers.world import CURATOR_UP, World, assert_problem, matrix, ok_as
from .test_import import count_animals, post_csv, run_import

AnimalOutbox = OUTBOX_MODELS["animal"]
HEADER = "display_id,name,species,sex,hatch_date,sire,dam,genotype\n"


def family_csv(prefix: str, pairs: int) -> str:
    """`pairs` sire/dam pairs, each with two offspring listed before their parents."""
    lines = [HEADER]
    for n in range(pairs):
        lines.append(f"K{n}a,,{prefix},female,2023-05-01,S{n},D{n},Clown; het Piebald\n")
        lines.append(f"K{n}b,,{prefix},,2023-05-01,S{n},D{n},\n")
        lines.append(f"S{n},,{prefix},male,2019-01-01,,,Clown\n")
        lines.append(f"D{n},,{prefix},female,2019-02-01,,,het Clown; Pastel\n")
    return "".join(lines)


def sessions() -> Any:
    assert db_engine.state.sessionmaker is not None
    return db_engine.state.sessionmaker


async def queue(client: httpx.AsyncClient, world: World, csv: str) -> dict[str, Any]:
    response = await post_csv(client, world, csv, dry_run=False)
    assert response.status_code == 202, response.text
    body: dict[str, Any] = response.json()
    assert response.headers["Location"].endswith(f"/import/jobs/{body['id']}")
    return body


async def read_job(client: httpx.AsyncClient, world: World, job_id: str) -> dict[str, Any]:
    response = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/animals/import/jobs/{job_id}",
        headers=world.headers("owner"),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_import_answers_202_with_a_queued_job_that_the_outbox_starts(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, db_session: AsyncSession
) -> None:
    job = await queue(client, world, family_csv(species.species.code_prefix, 1))
    assert (job["status"], job["rows_total"], job["rows_done"]) == ("queued", 4, 0)
    assert job["result"] is None
    assert job["problem"] is None
    assert await count_animals(db_session, world) == 0
    # This vivarium's jobs only: the committed tests below may be queueing theirs meanwhile.
    ours = select(cast(ImportJob.id, String)).where(ImportJob.vivarium_id == world.vivarium.id)
    events = await db_session.scalars(
        select(AnimalOutbox).where(
            AnimalOutbox.task_name == RUN_IMPORT_TASK,
            AnimalOutbox.payload["job_id"].astext.in_(ours),
        )
    )
    assert [e.payload for e in events] == [{"job_id": job["id"]}]
    assert (await read_job(client, world, job["id"]))["status"] == "queued"


async def test_finished_job_shows_progress_and_report_and_never_runs_twice(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, db_session: AsyncSession
) -> None:
    job = await queue(client, world, family_csv(species.species.code_prefix, 2))
    assert await runner.run_job(sessions(), uuid.UUID(job["id"])) == "succeeded"
    done = await read_job(client, world, job["id"])
    assert (done["status"], done["rows_done"], done["rows_total"]) == ("succeeded", 8, 8)
    assert done["started_at"] is not None
    assert done["finished_at"] is not None
    assert done["result"]["created"] == 8
    assert [a["row"] for a in done["result"]["animals"]] == list(range(2, 10))
    # The relay may deliver the task twice: the second delivery changes nothing.
    assert await runner.run_job(sessions(), uuid.UUID(job["id"])) is None
    assert await count_animals(db_session, world) == 8
    stored = await db_session.scalar(select(ImportJob.file).where(ImportJob.id == job["id"]))
    assert stored is None  # the upload is not kept once imported


async def test_imported_animals_get_time_ordered_ids_in_file_order(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
) -> None:
    earlier = await make_animal(world.vivarium, species, display_id="EARLY-1")
    job = await run_import(client, world, family_csv(species.species.code_prefix, 3))
    ids = [uuid.UUID(a["id"]) for a in job["result"]["animals"]]  # in row order
    assert {i.version for i in ids} == {7}
    assert ids == sorted(ids)
    assert min(ids) > earlier.id
    # The collection, newest first, lists the file's last row first.
    page = await client.get(
        f"/api/v1/animals?vivarium_id={world.vivarium.id}&limit=50", headers=world.owner
    )
    assert page.status_code == 200, page.text
    listed = [item["id"] for item in page.json()["items"]]
    assert listed == [str(i) for i in reversed(ids)] + [str(earlier.id)]


async def test_a_change_made_while_queued_fails_the_job_and_writes_nothing(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    prefix = species.species.code_prefix
    job = await queue(client, world, HEADER + f"A1,,{prefix},male,,,,\nA2,,{prefix},,,A1,,\n")
    await make_animal(world.vivarium, species, display_id="A2", sex=Sex.female)
    assert await runner.run_job(sessions(), uuid.UUID(job["id"])) == "failed"
    failed = await read_job(client, world, job["id"])
    assert (failed["status"], failed["rows_done"], failed["result"]) == ("failed", 0, None)
    problem = failed["problem"]
    assert (problem["status"], problem["type"]) == (422, "import-rejected")
    assert [(e["row"], e["column"]) for e in problem["errors"]] == [(3, "display_id")]
    assert "already used" in problem["errors"][0]["message"]
    assert await count_animals(db_session, world) == 1  # only the animal made meanwhile


async def test_the_plan_limit_is_enforced_again_when_the_job_runs(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, db_session: AsyncSession
) -> None:
    job = await queue(client, world, family_csv(species.species.code_prefix, 1))
    world.vivarium.entitlement_overrides = {"max_animals": 3}
    await db_session.flush()
    assert await runner.run_job(sessions(), uuid.UUID(job["id"])) == "failed"
    problem = (await read_job(client, world, job["id"]))["problem"]
    assert problem["status"] == 402
    assert "allows 3" in problem["detail"]
    assert await count_animals(db_session, world) == 0


@pytest.fixture
def statements(db_engine_for_tests: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement sent while the test runs, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        seen.append((sql, params))

    event.listen(db_engine_for_tests.sync_engine, "before_cursor_execute", record)
    yield seen
    event.remove(db_engine_for_tests.sync_engine, "before_cursor_execute", record)


async def test_import_writes_set_based_whatever_the_row_count(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    statements: list[tuple[str, Any]],
    db_session: AsyncSession,
) -> None:
    world.vivarium.entitlement_overrides = {"max_animals": None}
    await db_session.flush()
    csv = family_csv(species.species.code_prefix, 100)  # 400 animals, 2 generations
    job = await queue(client, world, csv)
    statements.clear()
    assert await runner.run_job(sessions(), uuid.UUID(job["id"])) == "succeeded"
    inserts = [sql for sql, _ in statements if "INSERT INTO animal.animals" in sql]
    genotype_inserts = [sql for sql, _ in statements if "INSERT INTO animal.genotypes" in sql]
    assert len(inserts) == 2  # one per generation
    assert len(genotype_inserts) == 2
    assert len(statements) < 40, [sql[:60] for sql, _ in statements]


async def test_progress_is_committed_after_every_batch(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    statements: list[tuple[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(writer, "BATCH_ROWS", 3)
    job = await queue(client, world, family_csv(species.species.code_prefix, 2))
    statements.clear()
    assert await runner.run_job(sessions(), uuid.UUID(job["id"])) == "succeeded"
    progress = [
        params
        for sql, params in statements
        if sql.startswith("UPDATE animal.import_jobs") and "rows_done" in sql
    ]
    # Parents (4) in batches of 3, then offspring (4): 3, 4, 7, 8, then the final report.
    assert [p[0] for p in progress] == [3, 4, 7, 8, "succeeded"]


async def test_another_vivariums_job_is_not_found(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_user: Callable[..., Any],
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    job = await queue(client, world, family_csv(species.species.code_prefix, 1))
    stranger = await make_user()
    theirs = await make_vivarium(stranger)
    response = await client.get(
        f"/api/v1/vivariums/{theirs.id}/animals/import/jobs/{job['id']}",
        headers=auth_headers(stranger),
    )
    assert_problem(response, 404)


@matrix(ok_as(200, CURATOR_UP))
async def test_import_job_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    actor: str,
    expected: int,
) -> None:
    job = await queue(client, world, family_csv(species.species.code_prefix, 1))
    response = await client.get(
        f"/api/v1/vivariums/{world.vivarium.id}/animals/import/jobs/{job['id']}",
        headers=world.headers(actor),
    )
    assert response.status_code == expected, response.text


# --- committed for real: the worker and the locks --------------------------------------


@pytest.fixture
async def committed(
    db_session: AsyncSession,
    make_user: Callable[..., Any],
    make_vivarium: Callable[..., Any],
    species: SpeciesFixture,
    auth_headers: Callable[[User], dict[str, str]],
) -> AsyncIterator[tuple[str, dict[str, str], SpeciesFixture]]:
    """A vivarium and a species committed for other connections; removed afterwards."""
    owner = await make_user()
    vivarium = await make_vivarium(owner)
    await db_session.commit()
    vivarium_id, owner_id, species_id = vivarium.id, owner.id, species.id
    try:
        yield str(vivarium_id), auth_headers(owner), species
    finally:
        await db_session.rollback()
        job_ids = select(cast(ImportJob.id, String)).where(ImportJob.vivarium_id == vivarium_id)
        animal_ids = select(cast(Animal.id, String)).where(Animal.vivarium_id == vivarium_id)
        await db_session.execute(
            delete(AnimalOutbox).where(
                AnimalOutbox.payload["job_id"].astext.in_(job_ids)
                | AnimalOutbox.payload["animal_id"].astext.in_(animal_ids)
                # The import's domain events.
                | (AnimalOutbox.payload["vivarium_id"].astext == str(vivarium_id))
            )
        )
        await db_session.execute(delete(ImportJob).where(ImportJob.vivarium_id == vivarium_id))
        await db_session.execute(
            update(Animal)
            .where(Animal.vivarium_id == vivarium_id)
            .values(sire_id=None, dam_id=None)
            .execution_options(synchronize_session=False)
        )
        await db_session.execute(delete(Animal).where(Animal.vivarium_id == vivarium_id))
        await db_session.execute(
            delete(DisplayIdCounter).where(DisplayIdCounter.vivarium_id == vivarium_id)
        )
        await db_session.execute(delete(Membership).where(Membership.vivarium_id == vivarium_id))
        await db_session.execute(delete(Vivarium).where(Vivarium.id == vivarium_id))
        await db_session.execute(delete(User).where(User.id == owner_id))
        await db_session.execute(delete(Trait).where(Trait.species_id == species_id))
        await db_session.execute(delete(Species).where(Species.id == species_id))
        await db_session.commit()


async def _queue_committed(
    client: httpx.AsyncClient, vivarium_id: str, headers: dict[str, str], csv: str
) -> tuple[str, str]:
    response = await client.post(
        f"/api/v1/vivariums/{vivarium_id}/animals/import?dry_run=false",
        content=csv.encode(),
        headers={**headers, "Content-Type": "text/csv"},
    )
    assert response.status_code == 202, response.text
    return response.json()["id"], response.headers["Location"]


async def _animals_in(vivarium_id: str) -> int:
    async with sessions()() as session:
        count = await session.scalar(
            select(func.count()).select_from(Animal).where(Animal.vivarium_id == vivarium_id)
        )
    return int(count or 0)


@pytest.mark.worker
async def test_a_real_worker_runs_the_job_from_the_outbox(
    client: httpx.AsyncClient, committed: tuple[str, dict[str, str], SpeciesFixture]
) -> None:
    vivarium_id, headers, species = committed
    assert tasks.run_import_task.name == RUN_IMPORT_TASK
    _, location = await _queue_committed(
        client, vivarium_id, headers, family_csv(species.species.code_prefix, 5)
    )
    job: dict[str, Any] = {}
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        celery_app.send_task("animal.outbox.relay", queue="animal")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            job = (await client.get(location, headers=headers)).json()
            if job["status"] in ("succeeded", "failed"):
                break
            await asyncio.sleep(0.2)
    assert job["status"] == "succeeded", job
    assert job["rows_done"] == job["rows_total"] == 20
    assert await _animals_in(vivarium_id) == 20


def _lock_keys(vivarium_id: str, species_id: uuid.UUID) -> dict[str, str]:
    return {
        "lineage": f"animal.lineage:{species_id}",
        "plan limit": f"animal.count:{vivarium_id}",
    }


@pytest.mark.worker
@pytest.mark.parametrize("lock", ["lineage", "plan limit"])
async def test_the_job_waits_for_the_locks_every_animal_write_takes(
    client: httpx.AsyncClient,
    committed: tuple[str, dict[str, str], SpeciesFixture],
    lock: str,
) -> None:
    vivarium_id, headers, species = committed
    job_id, location = await _queue_committed(
        client, vivarium_id, headers, family_csv(species.species.code_prefix, 2)
    )
    key = _lock_keys(vivarium_id, species.id)[lock]
    url = libpq_url(get_settings().database_url)
    with psycopg.connect(url, autocommit=True) as other:
        # Another write (an animal created with parents, say) holding the lock right now.
        other.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (key,))
        running = asyncio.create_task(runner.run_job(sessions(), uuid.UUID(job_id)))
        await asyncio.sleep(1.0)
        waiting = (await client.get(location, headers=headers)).json()
        assert (waiting["status"], waiting["rows_done"]) == ("running", 0)
        assert await _animals_in(vivarium_id) == 0
        assert not running.done()
        other.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (key,))
    assert await asyncio.wait_for(running, 30) == "succeeded"
    assert await _animals_in(vivarium_id) == 8


@pytest.mark.worker
async def test_a_second_delivery_while_the_job_runs_leaves_it_alone(
    client: httpx.AsyncClient, committed: tuple[str, dict[str, str], SpeciesFixture]
) -> None:
    """Redis hands a task out again once its visibility timeout passed: the second delivery of
    a long import must not run it beside the first."""
    vivarium_id, headers, species = committed
    job_id, location = await _queue_committed(
        client, vivarium_id, headers, family_csv(species.species.code_prefix, 2)
    )
    key = _lock_keys(vivarium_id, species.id)["lineage"]
    with psycopg.connect(libpq_url(get_settings().database_url), autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (key,))
        first = asyncio.create_task(runner.run_job(sessions(), uuid.UUID(job_id)))
        await asyncio.sleep(1.0)
        assert (await client.get(location, headers=headers)).json()["status"] == "running"
        # The same task, delivered again, through the task a worker runs.
        second = await asyncio.wait_for(asyncio.to_thread(tasks.run_import_task, job_id), 30)
        assert second is None
        assert not first.done()
        other.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (key,))
    assert await asyncio.wait_for(first, 30) == "succeeded"
    assert await _animals_in(vivarium_id) == 8


async def test_export_right_after_a_large_import_plans_with_fresh_statistics(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, db_session: AsyncSession
) -> None:
    """Statistics taken before the import know nothing of the new vivarium's animals.

    With the new vivarium estimated at a row or two, the planner re-scanned the whole
    collection for every animal's sire, dam and genotypes (52 s for 10,000). A large import
    now refreshes the statistics once committed, and parents are looked up by key.
    """
    world.vivarium.entitlement_overrides = {"max_animals": None}
    await db_session.execute(text("ANALYZE animal.animals, animal.genotypes"))
    await run_import(client, world, family_csv(species.species.code_prefix, 300))
    compiled = export_queries.csv_rows(world.vivarium.id).compile(dialect=asyncpg_dialect.dialect())
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    # On the driver connection, as the export runs it: the same statement and parameters.
    connection = await (await db_session.connection()).get_raw_connection()
    rows = await connection.driver_connection.fetch(  # type: ignore[union-attr]
        f"EXPLAIN {compiled}", *(json.dumps(p) if isinstance(p, list) else p for p in params)
    )
    plan = "\n".join(row[0] for row in rows)
    assert "Join Filter" not in plan, plan  # no parent found by scanning the collection
    assert "Filter: (animal_id = animals.id)" not in plan, plan  # nor a genotype
