"""The hot reads (one animal, a list page, a pedigree) served ahead of FastAPI answer exactly
what their FastAPI routes answer: the same status and the same bytes, for every caller of the
authorization matrix, for odd queries and for data with every kind of value."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from repti_animal.animals.fast import page_sql
from repti_animal.animals.schemas import AnimalPage, AnimalRead
from repti_animal.lineage.pedigree_schemas import PEDIGREE_JSON
from repti_animal.main import create_app
from reptidex_common.models.animal import Animal, Genotype
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    GenotypeProof,
    GenotypeState,
    Sex,
    Visibility,
)
from reptidex_common.testing.matrix import ACTORS
from reptidex_common.testing.statements import recorded_statements

from .world import World

API = "/api/v1/animals"
AnimalFactory = Callable[..., Any]


@pytest.fixture(scope="session")
def general_app() -> FastAPI:
    return create_app(fast_routes=())


@pytest.fixture
def general(
    general_app: FastAPI, client_for: Callable[[FastAPI], httpx.AsyncClient]
) -> httpx.AsyncClient:
    return client_for(general_app)


async def assert_same_answer(
    fast: httpx.AsyncClient,
    general: httpx.AsyncClient,
    path: str,
    headers: dict[str, str],
    params: dict[str, Any] | None = None,
) -> httpx.Response:
    served = await fast.get(path, params=params, headers=headers)
    expected = await general.get(path, params=params, headers=headers)
    assert served.status_code == expected.status_code, (path, params, served.text, expected.text)
    assert served.headers["content-type"] == expected.headers["content-type"]
    assert served.content == expected.content, (path, params)
    if served.status_code == 200:
        # Exactly what the documented schema writes for the same values.
        schema = _documented_schema(path)
        assert schema.dump_json(schema.validate_json(served.content)) == served.content
    return served


def _documented_schema(url: str) -> TypeAdapter[Any]:
    path = url.partition("?")[0]
    if path.endswith("/pedigree"):
        return PEDIGREE_JSON
    return TypeAdapter(AnimalRead if path.startswith(f"{API}/") else AnimalPage)


@pytest.fixture
async def family(
    world: World, species: Any, make_animal: AnimalFactory, db_session: AsyncSession
) -> dict[str, Animal]:
    """Three generations across vivariums: seen, shared and private relatives, every kind
    of value (microseconds, tiny and whole COIs, text that JSON must escape)."""
    grand = await make_animal(world.other, species, sex=Sex.male, visibility=Visibility.private)
    shared_sire = await make_animal(
        world.other,
        species,
        sex=Sex.male,
        sire=grand,
        visibility=Visibility.public,
        name='Zeus "the\\first"\n\u00e9\u2603',
    )
    dam = await make_animal(
        world.vivarium,
        species,
        sex=Sex.female,
        hatch_date=date(2015, 5, 1),
        coi=0.0,
        coi_generations=1,
    )
    child = await make_animal(
        world.vivarium,
        species,
        sire=shared_sire,
        dam=dam,
        name="Io\t\u0001",
        morph="Clown het Piebald",
        microchip="985 000 111",
        hatch_date=date(2020, 2, 29),
        coi=1.2e-07,
        coi_generations=10,
        coi_computed_at=datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=UTC),
        acquisition_price_cents=12345,
        acquisition_currency="EUR",
        notes="line one\nline two",
        status=AnimalStatus.active,
    )
    await make_animal(
        world.vivarium,
        species,
        archived_at=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        coi=0.5,
        coi_generations=2,
    )
    await make_animal(world.vivarium, species, coi=0.0001220703125, coi_generations=10)
    # Timestamps on a whole second and a few microseconds past one.
    await make_animal(world.vivarium, species, created_at=datetime(2026, 1, 1, tzinfo=UTC))
    await make_animal(
        world.vivarium, species, created_at=datetime(2026, 1, 1, 0, 0, 0, 5, tzinfo=UTC)
    )
    for trait, state, proof, het in (
        ("Piebald", GenotypeState.possible_het, GenotypeProof.parentage, 66),
        ("Clown", GenotypeState.visual, GenotypeProof.visual, None),
    ):
        db_session.add(
            Genotype(
                animal_id=child.id,
                trait_id=species.traits[trait].id,
                state=state,
                het_percent=het,
                proof=proof,
            )
        )
    await db_session.flush()
    return {"grand": grand, "shared_sire": shared_sire, "dam": dam, "child": child}


@pytest.mark.parametrize("actor", [*ACTORS, "key:animals:read", "key:breeding:read"])
async def test_every_caller_gets_the_routes_answer(
    client: httpx.AsyncClient,
    general: httpx.AsyncClient,
    world: World,
    family: dict[str, Animal],
    actor: str,
) -> None:
    headers = world.headers(actor)
    for animal in family.values():
        await assert_same_answer(client, general, f"{API}/{animal.id}", headers)
        for generations in (None, 1, 3, 10):
            params = {"generations": generations} if generations else None
            await assert_same_answer(
                client, general, f"{API}/{animal.id}/pedigree", headers, params
            )
    for vivarium in (world.vivarium, world.other):
        await assert_same_answer(client, general, API, headers, {"vivarium_id": str(vivarium.id)})


async def test_pages_and_odd_queries_get_the_routes_answer(
    client: httpx.AsyncClient,
    general: httpx.AsyncClient,
    world: World,
    family: dict[str, Animal],
) -> None:
    headers = world.headers("owner")
    vivarium_id = str(world.vivarium.id)
    cursor = None
    pages = 0
    while True:
        params = {"vivarium_id": vivarium_id, "limit": 1, **({"cursor": cursor} if cursor else {})}
        body = (await assert_same_answer(client, general, API, headers, params)).json()
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 5  # the archived animal is left out
    child = family["child"].id
    for query in (
        "limit=0",
        "limit=101",
        "limit=05",
        "limit=x",
        "cursor=",
        "cursor=not-a-cursor",
        "vivarium_id=" + vivarium_id.replace("-", ""),
        "vivarium_id=" + vivarium_id.upper(),
        "include_archived=true",
        "sex=male",
        "limit=2&limit=3",
    ):
        full = query if query.startswith("vivarium_id") else f"vivarium_id={vivarium_id}&{query}"
        await assert_same_answer(client, general, f"{API}?{full}", headers)
    for query in ("generations=0", "generations=11", "generations=07", "generations=", "x=1"):
        await assert_same_answer(client, general, f"{API}/{child}/pedigree?{query}", headers)
    await assert_same_answer(client, general, f"{API}/{child}?x=1", headers)
    await assert_same_answer(client, general, f"{API}/{str(child).upper()}", headers)
    for bad in ({"Authorization": "Bearer nonsense"}, {"Authorization": "Basic abc"}, {}):
        await assert_same_answer(client, general, f"{API}/{child}", bad)
        await assert_same_answer(client, general, API, bad, {"vivarium_id": vivarium_id})


async def test_a_list_page_asks_the_database_once_after_the_account_check(
    client: httpx.AsyncClient,
    world: World,
    family: dict[str, Animal],
    db_engine_for_tests: AsyncEngine,
) -> None:
    with recorded_statements(db_engine_for_tests) as statements:
        response = await client.get(
            API, params={"vivarium_id": str(world.vivarium.id)}, headers=world.owner
        )
    assert response.status_code == 200
    # The access token's account check, then the caller's role and the page in one statement.
    assert len(statements) == 2, statements
    assert statements[1] == page_sql(50, after_cursor=False)
