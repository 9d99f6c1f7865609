"""GET /animals/{id}/descendants and /siblings through HTTP, with the privacy rule."""

from __future__ import annotations

import httpx

from reptidex_common.models.animal_enums import Visibility

from .world import World


def descendants_url(animal_id: object, generations: int | None = None) -> str:
    query = f"?generations={generations}" if generations is not None else ""
    return f"/api/v1/animals/{animal_id}/descendants{query}"


def siblings_url(animal_id: object) -> str:
    return f"/api/v1/animals/{animal_id}/siblings"


class TestDescendants:
    async def test_generations_and_parent_links(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        root, mate = await world.pair(name="Root")
        son = await world.male(sire=root, dam=mate, name="Son")
        daughter = await world.female(sire=root, dam=mate, name="Daughter")
        grandchild = await world.male(sire=son, dam=daughter, name="Grandchild")
        great = await world.female(sire=grandchild, name="Great")
        great_great = await world.male(dam=great, name="Great great")

        response = await client.get(descendants_url(root.id), headers=world.headers("owner"))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["generations"] == 3
        assert body["truncated"] is False
        found = {item["name"]: item for item in body["items"]}
        # Default depth 3: the great-great-grandchild is beyond it.
        assert set(found) == {"Son", "Daughter", "Grandchild", "Great"}
        assert [found[n]["generation"] for n in ("Son", "Daughter", "Grandchild", "Great")] == [
            1,
            1,
            2,
            3,
        ]
        # A closed line: the grandchild is listed once, with both of its parents.
        assert found["Grandchild"]["sire_id"] == str(son.id)
        assert found["Grandchild"]["dam_id"] == str(daughter.id)
        assert [item["generation"] for item in body["items"]] == sorted(
            item["generation"] for item in body["items"]
        )
        deeper = await client.get(descendants_url(root.id, 4), headers=world.headers("owner"))
        assert str(great_great.id) in {item["id"] for item in deeper.json()["items"]}

    async def test_no_offspring(self, client: httpx.AsyncClient, world: World) -> None:
        animal = await world.male()
        body = (
            await client.get(descendants_url(animal.id), headers=world.headers("keeper"))
        ).json()
        assert body["items"] == []

    async def test_private_descendant_is_a_placeholder_and_hides_its_line(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        root = await world.male(name="Root")
        sold = await world.female(vivarium=world.other, sire=root, name="Sold daughter")
        hidden_grandchild = await world.male(
            vivarium=world.other, dam=sold, visibility=Visibility.public, name="Behind"
        )
        response = await client.get(descendants_url(root.id), headers=world.headers("owner"))
        items = response.json()["items"]
        assert items == [{"private": True, "label": "private descendant", "generation": 1}]
        for hidden in (sold, hidden_grandchild):
            assert str(hidden.id) not in response.text
        assert "Behind" not in response.text

    async def test_visible_offspring_of_a_private_mate_masks_the_mate(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        root = await world.male(name="Root")
        private_mate = await world.female(vivarium=world.other, name="Their female")
        shared_child = await world.female(
            vivarium=world.other,
            sire=root,
            dam=private_mate,
            visibility=Visibility.lineage_only,
            name="Shared child",
        )
        response = await client.get(descendants_url(root.id), headers=world.headers("owner"))
        (item,) = response.json()["items"]
        assert item["id"] == str(shared_child.id)
        assert item["access"] == "shared"
        assert item["sire_id"] == str(root.id)
        assert item["dam_id"] is None
        assert item["dam_private"] is True
        assert str(private_mate.id) not in response.text

    async def test_depth_bounds(self, client: httpx.AsyncClient, world: World) -> None:
        animal = await world.male()
        for generations in (0, 11):
            response = await client.get(
                descendants_url(animal.id, generations), headers=world.headers("owner")
            )
            assert response.status_code == 422


class TestSiblings:
    async def test_full_and_half_siblings_are_marked(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        sire, dam = await world.pair()
        other_dam = await world.female()
        other_sire = await world.male()
        animal = await world.male(sire=sire, dam=dam, name="Me")
        await world.female(sire=sire, dam=dam, name="Full")
        await world.male(sire=sire, dam=other_dam, name="Paternal half")
        await world.female(sire=other_sire, dam=dam, name="Maternal half")
        await world.female(sire=other_sire, dam=other_dam, name="Unrelated")

        response = await client.get(siblings_url(animal.id), headers=world.headers("keeper"))
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        found = {item["name"]: (item["kind"], item["shared_parent"]) for item in items}
        assert found == {
            "Full": ("full", "both"),
            "Paternal half": ("half", "sire"),
            "Maternal half": ("half", "dam"),
        }
        assert items[0]["name"] == "Full"

    async def test_no_parents_no_siblings(self, client: httpx.AsyncClient, world: World) -> None:
        await world.male()
        animal = await world.male()
        body = (await client.get(siblings_url(animal.id), headers=world.headers("owner"))).json()
        assert body == {"animal_id": str(animal.id), "truncated": False, "items": []}

    async def test_private_sibling_elsewhere_is_a_placeholder(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        sire = await world.male()
        animal = await world.female(sire=sire)
        secret = await world.male(vivarium=world.other, sire=sire, name="Secret sib")
        shared = await world.male(
            vivarium=world.other, sire=sire, visibility=Visibility.public, name="Shared sib"
        )
        response = await client.get(siblings_url(animal.id), headers=world.headers("owner"))
        items = response.json()["items"]
        assert {"private": True, "label": "private sibling", "kind": "half",
                "shared_parent": "sire"} in items  # fmt: skip
        assert any(item.get("id") == str(shared.id) for item in items)
        assert str(secret.id) not in response.text
        assert "Secret sib" not in response.text

    async def test_nothing_is_walked_through_a_parent_the_caller_may_not_see(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        """The other offspring of a private sire elsewhere stand behind it, as in a pedigree."""
        secret_sire = await world.male(vivarium=world.other, name="Their sire")
        dam = await world.female()
        animal = await world.male(sire=secret_sire, dam=dam, name="Me")
        behind = [
            await world.female(
                vivarium=world.other, sire=secret_sire, visibility=visibility, name=name
            )
            for visibility, name in (
                (Visibility.public, "Public get"),
                (Visibility.private, "Private get"),
            )
        ]
        full = await world.female(sire=secret_sire, dam=dam, name="Full")
        response = await client.get(siblings_url(animal.id), headers=world.headers("owner"))
        assert response.status_code == 200, response.text
        # Only the dam's line is walked; that the sire is shared is not the caller's to learn.
        assert response.json()["items"] == [
            {**response.json()["items"][0], "id": str(full.id), "kind": "half",
             "shared_parent": "dam"},
        ]  # fmt: skip
        for hidden in (secret_sire, *behind):
            assert str(hidden.id) not in response.text
        assert "get" not in response.text
        # Members of the sire's vivarium (and staff) see its line.
        as_admin = await client.get(siblings_url(animal.id), headers=world.headers("admin"))
        names = {item["name"]: item["kind"] for item in as_admin.json()["items"]}
        assert names == {"Public get": "half", "Private get": "half", "Full": "full"}
