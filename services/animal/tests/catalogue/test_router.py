"""Species and traits through HTTP: public reads, admin-only writes, conflicts."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Genotype, Species, Trait
from reptidex_common.models.animal_enums import GenotypeState
from reptidex_common.models.core import User
from reptidex_common.models.enums import PlatformRole

from ..animals.world import assert_problem, error_fields

Headers = Callable[[User], dict[str, str]]
API = "/api/v1"


@pytest.fixture
async def admin(make_user: Callable[..., Any], auth_headers: Headers) -> dict[str, str]:
    return auth_headers(await make_user(platform_role=PlatformRole.admin))


async def _ball_python(db_session: AsyncSession) -> Species:
    return (await db_session.scalars(select(Species).where(Species.code_prefix == "BP"))).one()


async def test_species_list_is_public_and_searchable(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{API}/species")
    assert response.status_code == 200
    body = response.json()
    assert body["items"][0]["code_prefix"] == "BP"  # catalogue order: most kept first
    found = await client.get(f"{API}/species", params={"q": "regius"})
    assert [s["common_name"] for s in found.json()["items"]] == ["Ball python"]
    by_prefix = await client.get(f"{API}/species", params={"q": "lg"})
    assert [s["code_prefix"] for s in by_prefix.json()["items"]] == ["LG"]
    nothing = await client.get(f"{API}/species", params={"q": "100%_"})
    assert nothing.json() == {"items": [], "next_cursor": None}


async def test_species_pages(client: httpx.AsyncClient) -> None:
    first = (await client.get(f"{API}/species", params={"limit": 5})).json()
    second = (
        await client.get(f"{API}/species", params={"limit": 5, "cursor": first["next_cursor"]})
    ).json()
    assert len(first["items"]) == 5
    assert first["next_cursor"]
    assert not {s["id"] for s in first["items"]} & {s["id"] for s in second["items"]}


async def test_species_and_traits_read(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    ball = await _ball_python(db_session)
    response = await client.get(f"{API}/species/{ball.id}")
    assert response.status_code == 200
    assert response.json()["incubation_days_min"] == 55
    traits = (await client.get(f"{API}/species/{ball.id}/traits")).json()
    names = [t["name"] for t in traits]
    assert names == sorted(names)
    clown = next(t for t in traits if t["name"] == "Clown")
    assert clown["inheritance"] == "recessive"
    one = await client.get(f"{API}/traits/{clown['id']}")
    assert one.json() == clown
    searched = (await client.get(f"{API}/species/{ball.id}/traits", params={"q": "pastel"})).json()
    assert {t["name"] for t in searched} == {"Pastel", "Black Pastel"}


@pytest.mark.parametrize("path", ["/species/{id}", "/species/{id}/traits", "/traits/{id}"])
async def test_missing_catalogue_entries_answer_404(client: httpx.AsyncClient, path: str) -> None:
    assert_problem(await client.get(API + path.format(id=uuid.uuid4())), 404)
    assert_problem(await client.get(API + path.format(id="not-a-uuid")), 422)


SPECIES = {
    "common_name": "Green tree python",
    "scientific_name": "Morelia viridis",
    "code_prefix": "gtp",
    "incubation_days_min": 45,
    "incubation_days_max": 55,
    "incubation_temp_min_c": "30.5",
    "incubation_temp_max_c": "31.5",
    "default_feeding_interval_days": 14,
}


async def test_admin_creates_species_and_traits(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    created = await client.post(f"{API}/species", json=SPECIES, headers=admin)
    assert created.status_code == 201, created.text
    species = created.json()
    assert species["code_prefix"] == "GTP"
    trait = await client.post(
        f"{API}/species/{species['id']}/traits",
        json={
            "name": "Azure",
            "inheritance": "recessive",
            "aliases": ["Blue"],
        },
        headers=admin,
    )
    assert trait.status_code == 201, trait.text
    assert trait.json()["welfare_flag"] == "none"
    assert trait.json()["aliases"] == ["Blue"]
    patched = await client.patch(
        f"{API}/traits/{trait.json()['id']}",
        json={"welfare_flag": "welfare", "welfare_note": "Test note.", "allelic_group": "Blue"},
        headers=admin,
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["welfare_flag"] == "welfare"
    assert patched.json()["name"] == "Azure"


async def test_unique_violations_are_409(
    client: httpx.AsyncClient, admin: dict[str, str], db_session: AsyncSession
) -> None:
    same_name = {**SPECIES, "scientific_name": "python REGIUS", "code_prefix": "ZZ"}
    assert_problem(await client.post(f"{API}/species", json=same_name, headers=admin), 409)
    same_prefix = {**SPECIES, "code_prefix": "bp"}
    assert_problem(await client.post(f"{API}/species", json=same_prefix, headers=admin), 409)
    ball = await _ball_python(db_session)
    url = f"{API}/species/{ball.id}/traits"
    clash = await client.post(
        url, json={"name": "clown", "inheritance": "recessive"}, headers=admin
    )
    assert_problem(clash, 409)
    traits = {
        t.name: t
        for t in await db_session.scalars(select(Trait).where(Trait.species_id == ball.id))
    }
    rename = await client.patch(
        f"{API}/traits/{traits['Pastel'].id}", json={"name": "Enchi"}, headers=admin
    )
    assert_problem(rename, 409)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**SPECIES, "code_prefix": "1BAD"}, "body.code_prefix"),
        ({**SPECIES, "incubation_days_min": 90, "incubation_days_max": 10}, "body"),
        ({**SPECIES, "common_name": "x" * 121}, "body.common_name"),
        ({**SPECIES, "incubation_temp_min_c": "99.0"}, "body.incubation_temp_min_c"),
        ({**SPECIES, "colour": "green"}, "body.colour"),
    ],
)
async def test_bad_species_is_422(
    client: httpx.AsyncClient, admin: dict[str, str], payload: dict[str, Any], field: str
) -> None:
    body = assert_problem(await client.post(f"{API}/species", json=payload, headers=admin), 422)
    assert field in error_fields(body)


async def test_trait_rules(
    client: httpx.AsyncClient, admin: dict[str, str], db_session: AsyncSession
) -> None:
    ball = await _ball_python(db_session)
    url = f"{API}/species/{ball.id}/traits"
    recessive_with_super = {
        "name": "Odd",
        "inheritance": "recessive",
        "super_form_name": "Super Odd",
    }
    body = assert_problem(await client.post(url, json=recessive_with_super, headers=admin), 422)
    assert error_fields(body) == ["super_form_name"]
    flag_without_note = {"name": "Odd", "inheritance": "dominant", "welfare_flag": "lethal"}
    body = assert_problem(await client.post(url, json=flag_without_note, headers=admin), 422)
    assert error_fields(body) == ["welfare_note"]
    unknown_enum = {"name": "Odd", "inheritance": "mendelian"}
    assert_problem(await client.post(url, json=unknown_enum, headers=admin), 422)
    trait = (
        await client.post(
            url, json={"name": "Odd", "inheritance": "incomplete_dominant"}, headers=admin
        )
    ).json()
    null_name = await client.patch(
        f"{API}/traits/{trait['id']}", json={"name": None}, headers=admin
    )
    assert_problem(null_name, 422)


async def test_inheritance_change_cannot_strand_genotypes(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    species: Any,
    make_animal: Callable[..., Any],
    make_user: Callable[..., Any],
    make_vivarium: Callable[..., Any],
    db_session: AsyncSession,
) -> None:
    vivarium = await make_vivarium(await make_user())
    animal = await make_animal(vivarium, species)
    clown = species.traits["Clown"]
    db_session.add(
        Genotype(animal_id=animal.id, trait_id=clown.id, state=GenotypeState.het, proof="parentage")
    )
    await db_session.flush()
    response = await client.patch(
        f"{API}/traits/{clown.id}", json={"inheritance": "incomplete_dominant"}, headers=admin
    )
    body = assert_problem(response, 409)
    assert "het" in body["detail"]


ADMIN_ONLY = {"user": 403, "support": 403, "anonymous": 401}


@pytest.mark.parametrize(("who", "status"), ADMIN_ONLY.items())
async def test_only_admins_write_the_catalogue(
    client: httpx.AsyncClient,
    make_user: Callable[..., Any],
    auth_headers: Headers,
    db_session: AsyncSession,
    who: str,
    status: int,
) -> None:
    headers = (
        {} if who == "anonymous" else auth_headers(await make_user(platform_role=PlatformRole(who)))
    )
    ball = await _ball_python(db_session)
    clown = (
        await db_session.scalars(
            select(Trait).where(Trait.species_id == ball.id, Trait.name == "Clown")
        )
    ).one()
    assert_problem(await client.post(f"{API}/species", json=SPECIES, headers=headers), status)
    new_trait = {"name": "New", "inheritance": "recessive"}
    assert_problem(
        await client.post(f"{API}/species/{ball.id}/traits", json=new_trait, headers=headers),
        status,
    )
    assert_problem(
        await client.patch(f"{API}/traits/{clown.id}", json={"name": "Bozo"}, headers=headers),
        status,
    )
    await db_session.refresh(clown)
    assert clown.name == "Clown"
    # Reads stay open to everyone.
    assert (await client.get(f"{API}/traits/{clown.id}", headers=headers)).status_code == 200


async def test_admin_write_to_missing_ids_is_404(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    missing = uuid.uuid4()
    new_trait = {"name": "New", "inheritance": "recessive"}
    assert_problem(
        await client.post(f"{API}/species/{missing}/traits", json=new_trait, headers=admin), 404
    )
    assert_problem(await client.patch(f"{API}/traits/{missing}", json={}, headers=admin), 404)
