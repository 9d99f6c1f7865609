"""GET /animals/{id}/pedigree through HTTP: shapes, depth, closed lines, privacy."""

from __future__ import annotations

import json
from collections import Counter

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Genotype
from reptidex_common.models.animal_enums import GenotypeProof, GenotypeState, Visibility

from .world import World, closed_line, walk

PRIVATE_KEYS = {"private", "label", "generation"}


def url(animal_id: object, generations: int | None = None) -> str:
    query = f"?generations={generations}" if generations is not None else ""
    return f"/api/v1/animals/{animal_id}/pedigree{query}"


@pytest.mark.parametrize("generations", range(1, 11))
async def test_full_tree_of_every_depth(
    client: httpx.AsyncClient, world: World, generations: int
) -> None:
    pairs = await closed_line(world, 11)
    root = await world.male(sire=pairs[-1][0], dam=pairs[-1][1], name="Root")
    response = await client.get(url(root.id, generations), headers=world.headers("owner"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["generations"] == generations
    assert body["animal"]["id"] == str(root.id)
    per_generation = Counter(generation for generation, _ in walk(body["animal"]))
    # Every position of a full binary tree is filled, and nothing beyond the depth asked.
    assert per_generation == {g: 2**g for g in range(generations + 1)}
    for generation, node in walk(body["animal"]):
        assert node["generation"] == generation
        if generation == generations:
            assert (node["sire"], node["dam"]) == (None, None)


async def test_default_depth_is_five_and_node_shape(
    client: httpx.AsyncClient, world: World
) -> None:
    pairs = await closed_line(world, 7)
    root = await world.female(
        sire=pairs[-1][0], dam=pairs[-1][1], name="Aurora", morph="Pastel Clown"
    )
    response = await client.get(url(root.id), headers=world.headers("keeper"))
    body = response.json()
    assert body["generations"] == 5
    assert max(g for g, _ in walk(body["animal"])) == 5
    node = body["animal"]
    assert node["name"] == "Aurora"
    assert node["morph"] == "Pastel Clown"
    assert node["sex"] == "female"
    assert node["access"] == "full"
    assert node["vivarium_id"] == str(world.vivarium.id)
    assert node["private"] is False
    assert {"id", "display_id", "hatch_date", "visibility", "status", "genotype"} <= set(node)


@pytest.mark.parametrize("generations", [0, 11, -1])
async def test_depth_out_of_range_is_422(
    client: httpx.AsyncClient, world: World, generations: int
) -> None:
    animal = await world.male()
    response = await client.get(url(animal.id, generations), headers=world.headers("owner"))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_missing_parents_are_null(client: httpx.AsyncClient, world: World) -> None:
    sire = await world.male(name="Only sire")
    lonely = await world.female()
    child = await world.male(sire=sire)
    body = (await client.get(url(child.id), headers=world.headers("owner"))).json()
    assert body["animal"]["sire"]["name"] == "Only sire"
    assert body["animal"]["dam"] is None
    assert body["animal"]["sire"]["sire"] is None
    founder = (await client.get(url(lonely.id), headers=world.headers("owner"))).json()
    assert (founder["animal"]["sire"], founder["animal"]["dam"]) == (None, None)


async def test_closed_line_repeats_the_shared_ancestor_on_both_sides(
    client: httpx.AsyncClient, world: World
) -> None:
    grand_sire, grand_dam = await world.pair(name="Founder")
    brother = await world.male(sire=grand_sire, dam=grand_dam)
    half_sister = await world.female(sire=grand_sire)
    child = await world.male(sire=brother, dam=half_sister)
    body = (await client.get(url(child.id, 3), headers=world.headers("owner"))).json()
    sire_side = body["animal"]["sire"]["sire"]
    dam_side = body["animal"]["dam"]["sire"]
    assert sire_side["id"] == dam_side["id"] == str(grand_sire.id)
    assert sire_side["generation"] == dam_side["generation"] == 2


async def test_genotypes_are_summarised(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    sire = await world.male()
    db_session.add(
        Genotype(
            animal_id=sire.id,
            trait_id=world.species.traits["Clown"].id,
            state=GenotypeState.het,
            proof=GenotypeProof.test_breeding,
        )
    )
    await db_session.flush()
    child = await world.female(sire=sire)
    body = (await client.get(url(child.id), headers=world.headers("owner"))).json()
    assert body["animal"]["sire"]["genotype"] == [
        {
            "trait_id": str(world.species.traits["Clown"].id),
            "trait": "Clown",
            "state": "het",
            "het_percent": None,
            "proof": "test_breeding",
        }
    ]


class TestPrivacy:
    async def test_private_ancestor_elsewhere_is_a_placeholder_and_ends_the_branch(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        # The sire lives in the outsider's vivarium and is private; his parents are public.
        public_grand_sire = await world.male(
            vivarium=world.other, visibility=Visibility.public, name="Publicus"
        )
        secret_sire = await world.male(
            vivarium=world.other, sire=public_grand_sire, name="Secretus"
        )
        dam = await world.female(name="Own dam")
        child = await world.male(sire=secret_sire, dam=dam)
        response = await client.get(url(child.id), headers=world.headers("owner"))
        body = response.json()
        sire = body["animal"]["sire"]
        assert sire == {"private": True, "label": "private ancestor", "generation": 1}
        assert set(sire) == PRIVATE_KEYS
        assert body["animal"]["dam"]["name"] == "Own dam"
        # Nothing about the private animal or what stands behind it leaks anywhere.
        text = response.text
        for hidden in (secret_sire, public_grand_sire):
            assert str(hidden.id) not in text
            assert hidden.display_id not in text
        assert "Secretus" not in text
        assert "Publicus" not in text

    async def test_lineage_only_and_public_ancestors_elsewhere_are_shown(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        grand_dam = await world.female(vivarium=world.other, visibility=Visibility.public)
        dam = await world.female(
            vivarium=world.other, visibility=Visibility.lineage_only, dam=grand_dam, name="Lina"
        )
        child = await world.male(dam=dam)
        body = (await client.get(url(child.id), headers=world.headers("keeper"))).json()
        shown = body["animal"]["dam"]
        assert shown["name"] == "Lina"
        assert shown["visibility"] == "lineage_only"
        assert shown["access"] == "shared"
        # Another breeder's vivarium id is not ours to know.
        assert shown["vivarium_id"] is None
        assert shown["dam"]["id"] == str(grand_dam.id)

    async def test_members_of_both_vivariums_and_staff_see_everything(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        secret_sire = await world.male(vivarium=world.other, name="Secretus")
        child = await world.male(sire=secret_sire, vivarium=world.other)
        for actor in ("outsider", "admin", "support"):
            body = (await client.get(url(child.id), headers=world.headers(actor))).json()
            assert body["animal"]["sire"]["name"] == "Secretus", actor
            assert body["animal"]["sire"]["access"] == "full"

    async def test_private_ancestor_in_own_vivarium_is_shown(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        sire = await world.male(name="Home private")
        child = await world.male(sire=sire)
        body = (await client.get(url(child.id), headers=world.headers("handler"))).json()
        assert body["animal"]["sire"]["name"] == "Home private"

    async def test_placeholder_is_keyed_exactly(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        secret = await world.female(vivarium=world.other, name="Hidden", morph="Banana")
        child = await world.male(dam=secret)
        body = (await client.get(url(child.id), headers=world.headers("owner"))).json()
        assert json.dumps(body["animal"]["dam"]) == json.dumps(
            {"private": True, "label": "private ancestor", "generation": 1}
        )
