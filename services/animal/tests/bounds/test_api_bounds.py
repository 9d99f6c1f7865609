"""Dates and numbers outside what a reptile's life allows answer 422 naming the field.

`0001-01-01` and `9999-12-31` are the driver's stand-ins for -infinity/+infinity: stored, they
became values the worker could not read. Every write path refuses them and changes nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, HusbandryLog, Reminder

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..husbandry.world import World, assert_problem

FAR_PAST_DATE = "0001-01-01"
FAR_FUTURE_DATE = "9999-12-31"
FAR_PAST_INSTANT = "0001-01-01T00:00:00Z"
FAR_FUTURE_INSTANT = "9999-12-31T23:59:59.999999Z"


def assert_field_refused(response: httpx.Response, field: str) -> None:
    problem = assert_problem(response, 422)
    fields = [error["field"] for error in problem["errors"]]
    assert any(f.endswith(field) for f in fields), (field, problem)


async def count(db_session: AsyncSession, model: type[Any]) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("due", [FAR_PAST_INSTANT, FAR_FUTURE_INSTANT, "2999-01-01T08:00:00Z"])
async def test_reminder_due_outside_the_domain_is_422(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, due: str
) -> None:
    before = await count(db_session, Reminder)
    response = await client.post(
        f"{world.url}/reminders",
        json={"title": "Mist", "interval_days": 1, "next_due_at": due},
        headers=world.headers("handler"),
    )
    assert_field_refused(response, "next_due_at")
    assert await count(db_session, Reminder) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hatch_date", FAR_PAST_DATE),
        ("hatch_date", "1850-06-01"),
        ("acquisition_date", FAR_PAST_DATE),
        ("disposal_date", FAR_FUTURE_DATE),
        ("disposal_date", FAR_PAST_DATE),
    ],
)
async def test_animal_dates_outside_the_domain_are_422(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    db_session: AsyncSession,
    field: str,
    value: str,
) -> None:
    before = await count(db_session, Animal)
    response = await client.post(
        "/api/v1/animals",
        json={"vivarium_id": str(world.vivarium.id), "species_id": str(species.id), field: value},
        headers=world.headers("handler"),
    )
    assert_field_refused(response, field)
    assert await count(db_session, Animal) == before


async def test_a_tortoise_hatched_in_1905_is_a_valid_record(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture
) -> None:
    response = await client.post(
        "/api/v1/animals",
        json={
            "vivarium_id": str(world.vivarium.id),
            "species_id": str(species.id),
            "hatch_date": "1905-04-01",
        },
        headers=world.headers("handler"),
    )
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "weight", "grams": 120, "occurred_at": FAR_PAST_INSTANT}, "occurred_at"),
        ({"kind": "weight", "grams": 120, "occurred_at": "1899-12-31T23:00:00Z"}, "occurred_at"),
        ({"kind": "weight", "grams": 5_000_000}, "grams"),
        ({"kind": "weight", "grams": 120, "length_cm": 5000}, "length_cm"),
        ({"kind": "note", "notes": "x", "occurred_at": FAR_PAST_INSTANT}, "occurred_at"),
    ],
)
async def test_husbandry_values_outside_the_domain_are_422(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    body: dict[str, Any],
    field: str,
) -> None:
    animal = await make_animal(world.vivarium, species)
    before = await count(db_session, HusbandryLog)
    response = await client.post(
        f"/api/v1/animals/{animal.id}/logs", json=body, headers=world.headers("handler")
    )
    assert_field_refused(response, field)
    assert await count(db_session, HusbandryLog) == before


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/pairings/{id}/clutches", {"laid_date": FAR_PAST_DATE, "eggs_total": 4}, "laid_date"),
        ("/api/v1/pairings/{id}", {"events": {"locked_at": FAR_FUTURE_DATE}}, "locked_at"),
        ("/api/v1/pairings/{id}", {"lock_dates": [FAR_PAST_DATE]}, "lock_dates.0"),
        ("/api/v1/clutches/{id}", {"laid_date": FAR_FUTURE_DATE}, "laid_date"),
        ("/api/v1/clutches/{id}/hatch", {"hatch_date": FAR_PAST_DATE, "count": 1}, "hatch_date"),
        ("/api/v1/pairings", {"sire_id": "{id}", "dam_id": "{id2}", "season": 9999}, "season"),
    ],
)  # fmt: skip
async def test_breeding_dates_outside_the_domain_are_422(
    client: httpx.AsyncClient, world: World, path: str, body: dict[str, Any], field: str
) -> None:
    # Bodies are checked before anything is looked up: the ids need not exist.
    fill = {"id": str(uuid.uuid4()), "id2": str(uuid.uuid4())}
    concrete = {k: v.format(**fill) if isinstance(v, str) else v for k, v in body.items()}
    method = client.patch if path.endswith("{id}") and "season" not in body else client.post
    response = await method(path.format(**fill), json=concrete, headers=world.headers("handler"))
    assert_field_refused(response, field)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (FAR_PAST_DATE, None, "start_date"),
        ("2025-01-01", FAR_FUTURE_DATE, "end_date"),
    ],
)
async def test_lease_dates_outside_the_domain_are_422(
    client: httpx.AsyncClient, world: World, start: str, end: str | None, field: str
) -> None:
    response = await client.post(
        "/api/v1/leases",
        json={
            "animal_id": str(uuid.uuid4()),
            "borrower_vivarium_id": str(uuid.uuid4()),
            "start_date": start,
            "end_date": end,
        },
        headers=world.headers("curator"),
    )
    assert_field_refused(response, field)


@pytest.mark.parametrize("hatch_date", [FAR_PAST_DATE, "1899-12-31"])
async def test_import_reports_a_hatch_date_outside_the_domain(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    db_session: AsyncSession,
    hatch_date: str,
) -> None:
    sp = species.species.common_name
    csv = (
        "display_id,name,species,sex,hatch_date\n"
        f"A1,Fine,{sp},male,2020-01-01\n"
        f"A2,Ancient,{sp},female,{hatch_date}\n"
    )
    before = await count(db_session, Animal)
    response = await client.post(
        f"{world.url}/animals/import?dry_run=false",
        content=csv.encode(),
        headers={**world.headers("owner"), "Content-Type": "text/csv"},
    )
    problem = assert_problem(response, 422)
    assert [(e["row"], e["column"]) for e in problem["errors"]] == [(3, "hatch_date")]
    assert "1900-01-01" in problem["errors"][0]["message"]
    assert await count(db_session, Animal) == before
