"""GET /public/animals/{id} and its pedigree: no login, `public` animals only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Genotype
from reptidex_common.models.animal_enums import (
    GenotypeProof,
    GenotypeState,
    Sex,
    Visibility,
)
from reptidex_common.settings import get_settings

from ..lineage.world import ACTORS, World, matrix, nest, walk

EVERYONE = dict.fromkeys(ACTORS, 200)
NOBODY = dict.fromkeys(ACTORS, 404)


def profile_url(animal_id: object) -> str:
    return f"/api/v1/public/animals/{animal_id}"


async def test_profile_of_a_public_animal(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    world.vivarium.is_public = True
    shared_sire = await world.male(visibility=Visibility.lineage_only, name="Line sire")
    secret_dam = await world.female(vivarium=world.other, name="Secret dam")
    animal = await world.female(
        sire=shared_sire,
        dam=secret_dam,
        visibility=Visibility.public,
        name="Sunny",
        morph="Pastel het Clown",
        hatch_date=date(2024, 6, 1),
        coi=0.125,
        coi_generations=10,
        coi_computed_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    db_session.add_all(
        [
            Genotype(
                animal_id=animal.id,
                trait_id=world.species.traits["Pastel"].id,
                state=GenotypeState.visual,
                proof=GenotypeProof.visual,
            ),
            Genotype(
                animal_id=animal.id,
                trait_id=world.species.traits["Clown"].id,
                state=GenotypeState.possible_het,
                het_percent=66,
                proof=GenotypeProof.parentage,
            ),
        ]
    )
    await db_session.flush()

    response = await client.get(profile_url(animal.id))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "Sunny"
    assert body["sex"] == Sex.female
    assert body["hatch_date"] == "2024-06-01"
    assert body["morph"] == "Pastel het Clown"
    assert body["species"]["scientific_name"] == world.species.species.scientific_name
    assert [(g["trait"], g["state"], g["het_percent"], g["proof"]) for g in body["genotype"]] == [
        ("Clown", "possible_het", 66, "parentage"),
        ("Pastel", "visual", None, "visual"),
    ]
    assert body["sire"]["name"] == "Line sire"
    assert body["sire"]["visibility"] == "lineage_only"
    assert body["sire"]["has_public_profile"] is False
    assert body["dam"] == {"private": True, "label": "private ancestor"}
    assert str(secret_dam.id) not in response.text
    assert "Secret dam" not in response.text
    assert body["coi"]["coi"] == 0.125
    assert body["coi"]["generations"] == 10
    assert body["vivarium"] == {"name": "Gecko Grove", "slug": world.vivarium.slug}
    assert body["profile_url"] == f"{get_settings().public_web_url}/animals/{animal.id}"


async def test_vivarium_is_named_only_when_public(client: httpx.AsyncClient, world: World) -> None:
    animal = await world.male(visibility=Visibility.public)
    body = (await client.get(profile_url(animal.id))).json()
    assert body["vivarium"] is None
    assert body["sire"] is None
    assert body["coi"] is None


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"visibility": Visibility.private}, id="private"),
        pytest.param({"visibility": Visibility.lineage_only}, id="lineage_only"),
        pytest.param(
            {"visibility": Visibility.public, "archived_at": datetime.now(UTC)}, id="archived"
        ),
    ],
)
@matrix(**NOBODY)
async def test_anything_but_public_is_404_for_everyone(
    client: httpx.AsyncClient,
    world: World,
    fields: dict[str, object],
    actor: str,
    expected: int,
) -> None:
    animal = await world.male(**fields)
    for path in (profile_url(animal.id), profile_url(animal.id) + "/pedigree"):
        response = await client.get(path, headers=world.headers(actor))
        assert response.status_code == expected, response.text
        assert response.headers["content-type"] == "application/problem+json"


@matrix(**EVERYONE)
async def test_public_profile_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    animal = await world.male(visibility=Visibility.public)
    for path in (profile_url(animal.id), profile_url(animal.id) + "/pedigree"):
        response = await client.get(path, headers=world.headers(actor))
        assert response.status_code == expected, response.text


async def test_public_pedigree_is_what_an_anonymous_visitor_may_see(
    client: httpx.AsyncClient, world: World
) -> None:
    # Even the owner, signed in, gets the anonymous view here: it is the shareable page.
    own_private_grand_sire = await world.male(name="Home secret")
    shared_sire = await world.male(
        visibility=Visibility.lineage_only, sire=own_private_grand_sire, name="Shared sire"
    )
    public_dam = await world.female(vivarium=world.other, visibility=Visibility.public)
    animal = await world.female(sire=shared_sire, dam=public_dam, visibility=Visibility.public)
    response = await client.get(
        profile_url(animal.id) + "/pedigree?generations=3", headers=world.headers("owner")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["generations"] == 3
    assert body["root"] == body["animal_id"] == str(animal.id)
    tree = nest(body)
    sire = tree["sire"]
    assert sire["name"] == "Shared sire"
    assert sire["access"] == "shared"
    assert sire["vivarium_id"] is None
    assert sire["sire"] == {
        "key": "private-1",
        "private": True,
        "label": "private ancestor",
        "generation": 2,
        "sire": None,
        "dam": None,
    }
    assert tree["dam"]["id"] == str(public_dam.id)
    # Even the root, in the owner's own vivarium, is shown as a stranger sees it.
    assert tree["access"] == "shared"
    assert tree["vivarium_id"] is None
    assert "Home secret" not in response.text
    assert str(own_private_grand_sire.id) not in response.text
    assert len(walk(tree)) == len(body["nodes"]) == 4
    assert (
        await client.get(profile_url(animal.id) + "/pedigree?generations=11")
    ).status_code == 422


async def test_lineage_only_parent_has_no_profile_of_its_own(
    client: httpx.AsyncClient, world: World
) -> None:
    sire = await world.male(visibility=Visibility.lineage_only)
    child = await world.male(sire=sire, visibility=Visibility.public)
    assert (await client.get(profile_url(child.id))).json()["sire"]["id"] == str(sire.id)
    assert (await client.get(profile_url(sire.id))).status_code == 404
