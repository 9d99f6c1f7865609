"""Export through HTTP: CSV that re-imports into an empty vivarium, JSON with everything."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.portability.runner import run_job
from reptidex_common.db import engine as db_engine
from reptidex_common.models.animal import Animal, Clutch, Genotype, HusbandryLog, Pairing
from reptidex_common.models.animal_enums import GenotypeState, LogKind, Sex, Visibility

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from ..transfers.world import ANY_MEMBER, World, matrix

COLUMNS = "display_id,name,species,sex,hatch_date,status,visibility,morph,sire,dam,microchip,notes,genotype"


async def finish_job(queued: httpx.Response) -> str | None:
    """Run the queued import job as the worker would; its final status."""
    assert db_engine.state.sessionmaker is not None
    status = await run_job(db_engine.state.sessionmaker, uuid.UUID(queued.json()["id"]))
    return status.value if status else None


def export_url(vivarium_id: Any, fmt: str) -> str:
    return f"/api/v1/vivariums/{vivarium_id}/animals/export?format={fmt}"


async def three_generations(
    world: World, species: SpeciesFixture, make_animal: AnimalFactory, db_session: AsyncSession
) -> dict[str, Animal]:
    dad = await make_animal(
        world.vivarium,
        species,
        display_id="DAD",
        sex=Sex.male,
        hatch_date=date(2015, 1, 1),
        name='Dad, the "big" one',
        morph="Clown",
        visibility=Visibility.public,
    )
    mom = await make_animal(
        world.vivarium,
        species,
        display_id="MOM",
        sex=Sex.female,
        hatch_date=date(2016, 1, 1),
        notes="line one\nline two",
        microchip="985-000",
    )
    kid = await make_animal(
        world.vivarium,
        species,
        display_id="KID",
        sex=Sex.female,
        hatch_date=date(2020, 1, 1),
        sire=dad,
        dam=mom,
    )
    grandkid = await make_animal(
        world.vivarium, species, display_id="GK", hatch_date=date(2023, 1, 1), sire=dad, dam=kid
    )
    traits = species.traits
    db_session.add_all(
        [
            Genotype(animal_id=dad.id, trait_id=traits["Clown"].id, state=GenotypeState.visual),
            Genotype(animal_id=mom.id, trait_id=traits["Clown"].id, state=GenotypeState.het),
            Genotype(
                animal_id=kid.id,
                trait_id=traits["Piebald"].id,
                state=GenotypeState.possible_het,
                het_percent=66,
            ),
            Genotype(
                animal_id=kid.id, trait_id=traits["Yellow Belly"].id, state=GenotypeState.super
            ),
        ]
    )
    await db_session.flush()
    return {"dad": dad, "mom": mom, "kid": kid, "grandkid": grandkid}


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_csv_export_reimports_into_an_empty_vivarium(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    make_vivarium: Callable[..., Any],
    db_session: AsyncSession,
) -> None:
    await three_generations(world, species, make_animal, db_session)
    response = await client.get(
        export_url(world.vivarium.id, "csv"), headers=world.headers("keeper")
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    disposition = response.headers["content-disposition"]
    assert disposition == (
        f'attachment; filename="{world.vivarium.slug}-animals-{date.today().isoformat()}.csv"'
    )
    assert response.text.splitlines()[0] == COLUMNS
    exported = rows_of(response.text)
    by_id = {r["display_id"]: r for r in exported}
    assert by_id["KID"]["genotype"] == "66% het Piebald; Ivory"
    assert by_id["GK"]["sire"] == "DAD"
    assert by_id["GK"]["dam"] == "KID"

    fresh = await make_vivarium(world.users["owner"])
    imported = await client.post(
        f"/api/v1/vivariums/{fresh.id}/animals/import?dry_run=false",
        content=response.content,
        headers={**world.headers("owner"), "Content-Type": "text/csv"},
    )
    assert imported.status_code == 202, imported.text
    assert await finish_job(imported) == "succeeded"
    again = await client.get(export_url(fresh.id, "csv"), headers=world.headers("owner"))
    assert sorted(rows_of(again.text), key=lambda r: r["display_id"]) == sorted(
        exported, key=lambda r: r["display_id"]
    )
    copies = {
        a.display_id: a
        for a in await db_session.scalars(select(Animal).where(Animal.vivarium_id == fresh.id))
    }
    assert copies["GK"].sire_id == copies["DAD"].id
    assert copies["GK"].dam_id == copies["KID"].id
    assert copies["MOM"].notes == "line one\nline two"


async def test_json_export_has_animals_genotypes_logs_pairings_clutches(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    family = await three_generations(world, species, make_animal, db_session)
    pairing = Pairing(
        vivarium_id=world.vivarium.id, sire_id=family["dad"].id, dam_id=family["mom"].id
    )
    db_session.add(pairing)
    await db_session.flush()
    db_session.add_all(
        [
            Clutch(
                vivarium_id=world.vivarium.id,
                pairing_id=pairing.id,
                dam_id=family["mom"].id,
                species_id=species.id,
                laid_date=date(2024, 5, 1),
                eggs_total=6,
            ),
            HusbandryLog(
                animal_id=family["kid"].id,
                vivarium_id=world.vivarium.id,
                kind=LogKind.weight,
                occurred_at=datetime(2024, 1, 1, tzinfo=UTC),
                weight_grams=812.5,
            ),
        ]
    )
    await db_session.flush()
    response = await client.get(
        export_url(world.vivarium.id, "json"), headers=world.headers("support")
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].endswith('.json"')
    body = response.json()
    assert body["format"] == "reptidex.collection"
    assert body["version"] == 1
    assert body["vivarium"]["slug"] == world.vivarium.slug
    assert {a["display_id"] for a in body["animals"]} == {"DAD", "MOM", "KID", "GK"}
    kid = next(a for a in body["animals"] if a["display_id"] == "KID")
    assert kid["sire_id"] == str(family["dad"].id)
    assert kid["hatch_date"] == "2020-01-01"
    assert len(body["genotypes"]) == 4
    assert {g["trait"] for g in body["genotypes"]} == {"Clown", "Piebald", "Yellow Belly"}
    assert body["husbandry_logs"][0]["weight_grams"] == 812.5
    assert body["pairings"][0]["id"] == str(pairing.id)
    assert body["clutches"][0]["eggs_total"] == 6
    assert [s["id"] for s in body["species"]] == [str(species.id)]
    assert body["enclosures"] == []


async def test_export_of_an_empty_vivarium(client: httpx.AsyncClient, world: World) -> None:
    response = await client.get(
        export_url(world.vivarium.id, "json"), headers=world.headers("owner")
    )
    assert response.json()["animals"] == []
    csv_response = await client.get(
        export_url(world.vivarium.id, "csv"), headers=world.headers("owner")
    )
    assert csv_response.text.strip() == COLUMNS


async def test_unknown_format_is_422(client: httpx.AsyncClient, world: World) -> None:
    response = await client.get(
        export_url(world.vivarium.id, "xml"), headers=world.headers("owner")
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@matrix(ANY_MEMBER)
async def test_export_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.get(export_url(world.vivarium.id, "csv"), headers=world.headers(actor))
    assert response.status_code == expected, response.text


async def test_csv_export_guards_formula_cells_and_reimports_them_verbatim(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    make_vivarium: Callable[..., Any],
    db_session: AsyncSession,
) -> None:
    """Cells a spreadsheet would evaluate (=, +, -, @) get a leading ' that import removes."""
    hostile = {
        "name": '=HYPERLINK("http://evil.example","click")',
        "morph": "+cmd|' /C calc'!A0",
        "microchip": "@SUM(1+1)",
        "notes": "-2+3",
    }
    await make_animal(world.vivarium, species, display_id="EVIL", **hostile)
    await make_animal(world.vivarium, species, display_id="QUOTED", name="'=already quoted")
    await make_animal(world.vivarium, species, display_id="PLAIN", name="it's fine")
    await db_session.flush()
    response = await client.get(export_url(world.vivarium.id, "csv"), headers=world.owner)
    assert response.status_code == 200, response.text
    by_id = {r["display_id"]: r for r in rows_of(response.text)}
    for field, value in hostile.items():
        assert by_id["EVIL"][field] == "'" + value
    assert by_id["QUOTED"]["name"] == "''=already quoted"
    assert by_id["PLAIN"]["name"] == "it's fine"

    fresh = await make_vivarium(world.users["owner"])
    imported = await client.post(
        f"/api/v1/vivariums/{fresh.id}/animals/import?dry_run=false",
        content=response.content,
        headers={**world.headers("owner"), "Content-Type": "text/csv"},
    )
    assert imported.status_code == 202, imported.text
    assert await finish_job(imported) == "succeeded"
    copies = {
        a.display_id: a
        for a in await db_session.scalars(select(Animal).where(Animal.vivarium_id == fresh.id))
    }
    for field, value in hostile.items():
        assert getattr(copies["EVIL"], field) == value
    assert copies["QUOTED"].name == "'=already quoted"
    assert copies["PLAIN"].name == "it's fine"
