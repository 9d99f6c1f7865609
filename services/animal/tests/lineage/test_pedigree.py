"""GET /animals/{id}/pedigree through HTTP: shapes, depth, closed lines, privacy.

The answer is flat (`nodes` linked by `key`); `nest` turns it back into the tree it stands
for where a test reads more naturally that way.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Genotype
from reptidex_common.models.animal_enums import GenotypeProof, GenotypeState, Visibility

from .world import World, closed_line, nest, walk

PRIVATE_KEYS = {"key", "private", "label", "generation", "sire", "dam"}


def url(animal_id: object, generations: int | None = None) -> str:
    query = f"?generations={generations}" if generations is not None else ""
    return f"/api/v1/animals/{animal_id}/pedigree{query}"


def by_id(body: dict[str, Any], animal: Any) -> dict[str, Any]:
    """The one node of `animal` (failing if it appears more or less than once)."""
    [node] = [n for n in body["nodes"] if n.get("id") == str(animal.id)]
    return node


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
    assert body["animal_id"] == body["root"] == str(root.id)
    tree = nest(body)
    assert tree["id"] == str(root.id)
    per_generation = Counter(generation for generation, _ in walk(tree))
    # Every position of a full binary tree is filled, and nothing beyond the depth asked.
    assert per_generation == {g: 2**g for g in range(generations + 1)}
    for generation, node in walk(tree):
        assert node["generation"] == generation
        if generation == generations:
            assert (node["sire"], node["dam"]) == (None, None)
    # ... while each of the two animals per generation is sent once.
    assert len(body["nodes"]) == 1 + 2 * generations


async def test_ten_generations_of_a_closed_line_are_far_smaller_than_the_tree(
    client: httpx.AsyncClient, world: World
) -> None:
    pairs = await closed_line(world, 11)
    root = await world.male(sire=pairs[-1][0], dam=pairs[-1][1])
    response = await client.get(url(root.id, 10), headers=world.headers("owner"))
    body = response.json()
    assert len(walk(nest(body))) == 2**11 - 1
    assert len(body["nodes"]) == 21
    assert len({node["key"] for node in body["nodes"]}) == 21
    assert len(response.content) < 20_000


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
    assert max(node["generation"] for node in body["nodes"]) == 5
    assert max(g for g, _ in walk(nest(body))) == 5
    [node] = [n for n in body["nodes"] if n["key"] == body["root"]]
    assert node["key"] == node["id"] == str(root.id)
    assert node["generation"] == 0
    assert node["name"] == "Aurora"
    assert node["morph"] == "Pastel Clown"
    assert node["sex"] == "female"
    assert node["access"] == "full"
    assert node["vivarium_id"] == str(world.vivarium.id)
    assert node["private"] is False
    assert (node["sire"], node["dam"]) == (str(pairs[-1][0].id), str(pairs[-1][1].id))
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
    tree = nest(body)
    assert tree["sire"]["name"] == "Only sire"
    assert tree["dam"] is None
    assert tree["sire"]["sire"] is None
    assert len(body["nodes"]) == 2
    founder = (await client.get(url(lonely.id), headers=world.headers("owner"))).json()
    [only] = founder["nodes"]
    assert (only["sire"], only["dam"]) == (None, None)
    assert founder["root"] == only["key"]


async def test_closed_line_sends_the_shared_ancestor_once_referenced_from_both_sides(
    client: httpx.AsyncClient, world: World
) -> None:
    grand_sire, grand_dam = await world.pair(name="Founder")
    brother = await world.male(sire=grand_sire, dam=grand_dam)
    half_sister = await world.female(sire=grand_sire)
    child = await world.male(sire=brother, dam=half_sister)
    body = (await client.get(url(child.id, 3), headers=world.headers("owner"))).json()
    shared = by_id(body, grand_sire)
    assert shared["generation"] == 2
    assert by_id(body, brother)["sire"] == by_id(body, half_sister)["sire"] == shared["key"]
    assert shared["key"] == str(grand_sire.id)
    # The nested view still finds it on both sides.
    tree = nest(body)
    assert tree["sire"]["sire"]["id"] == tree["dam"]["sire"]["id"] == str(grand_sire.id)


async def test_a_parent_reached_by_a_shorter_path_is_linked_at_the_depth_limit(
    client: httpx.AsyncClient, world: World
) -> None:
    # The sire is also the dam's sire: at depth 1 the dam (generation 1) links to him, since
    # he is in the answer anyway; her own dam is beyond the depth and stays out.
    sire = await world.male(name="Patriarch")
    granny = await world.female()
    daughter = await world.female(sire=sire, dam=granny)
    child = await world.male(sire=sire, dam=daughter)
    body = (await client.get(url(child.id, 1), headers=world.headers("owner"))).json()
    nest(body)
    assert len(body["nodes"]) == 3
    assert by_id(body, sire)["generation"] == by_id(body, daughter)["generation"] == 1
    assert by_id(body, daughter)["sire"] == str(sire.id)
    assert by_id(body, daughter)["dam"] is None
    assert str(granny.id) not in json.dumps(body)


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
    assert nest(body)["sire"]["genotype"] == [
        {
            "trait_id": str(world.species.traits["Clown"].id),
            "trait": "Clown",
            "state": "het",
            "het_percent": None,
            "proof": "test_breeding",
        }
    ]
    assert by_id(body, child)["genotype"] == []


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
        tree = nest(body)
        sire = tree["sire"]
        assert sire == {
            "key": "private-1",
            "private": True,
            "label": "private ancestor",
            "generation": 1,
            "sire": None,
            "dam": None,
        }
        assert set(sire) == PRIVATE_KEYS
        assert tree["dam"]["name"] == "Own dam"
        # Root, dam and the placeholder: nothing behind the private sire.
        assert len(body["nodes"]) == 3
        # Nothing about the private animal or what stands behind it leaks anywhere.
        text = response.text
        for hidden in (secret_sire, public_grand_sire):
            assert str(hidden.id) not in text
            assert hidden.display_id not in text
        assert "Secretus" not in text
        assert "Publicus" not in text

    async def test_each_occurrence_of_a_private_ancestor_has_its_own_key(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        secret = await world.male(vivarium=world.other, name="Secretus")
        brother = await world.male(sire=secret)
        sister = await world.female(sire=secret)
        child = await world.male(sire=brother, dam=sister)
        response = await client.get(url(child.id), headers=world.headers("owner"))
        body = response.json()
        nest(body)
        placeholders = [n for n in body["nodes"] if n["private"]]
        assert sorted(n["key"] for n in placeholders) == ["private-1", "private-2"]
        assert {by_id(body, brother)["sire"], by_id(body, sister)["sire"]} == {
            "private-1",
            "private-2",
        }
        assert all(set(n) == PRIVATE_KEYS and n["generation"] == 2 for n in placeholders)
        assert str(secret.id) not in response.text
        assert "Secretus" not in response.text

    async def test_lineage_only_and_public_ancestors_elsewhere_are_shown(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        grand_dam = await world.female(vivarium=world.other, visibility=Visibility.public)
        dam = await world.female(
            vivarium=world.other, visibility=Visibility.lineage_only, dam=grand_dam, name="Lina"
        )
        child = await world.male(dam=dam)
        body = (await client.get(url(child.id), headers=world.headers("keeper"))).json()
        shown = nest(body)["dam"]
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
            sire = nest(body)["sire"]
            assert sire["name"] == "Secretus", actor
            assert sire["access"] == "full"

    async def test_private_ancestor_in_own_vivarium_is_shown(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        sire = await world.male(name="Home private")
        child = await world.male(sire=sire)
        body = (await client.get(url(child.id), headers=world.headers("handler"))).json()
        assert nest(body)["sire"]["name"] == "Home private"

    async def test_placeholder_is_keyed_exactly(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        secret = await world.female(vivarium=world.other, name="Hidden", morph="Banana")
        child = await world.male(dam=secret)
        body = (await client.get(url(child.id), headers=world.headers("owner"))).json()
        assert by_id(body, child)["dam"] == "private-1"
        [placeholder] = [n for n in body["nodes"] if n["private"]]
        assert json.dumps(placeholder) == json.dumps(
            {
                "key": "private-1",
                "private": True,
                "label": "private ancestor",
                "generation": 1,
                "sire": None,
                "dam": None,
            }
        )
