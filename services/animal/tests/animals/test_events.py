"""The events of animal records: created, updated, archived, restored, lineage and genotype
changes; one per change, by who made it, none when the change is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal_enums import Sex, Visibility

from ..events import by_user, emitted
from .world import World, assert_problem

API = "/api/v1/animals"
AnimalFactory = Callable[..., Any]
# The event types these tests see emitted (see `tests/test_event_catalogue.py`).
EMITTED = {
    "animal.animal.created",
    "animal.animal.updated",
    "animal.animal.archived",
    "animal.animal.restored",
    "animal.lineage.changed",
    "animal.genotype.changed",
}


async def test_creating_an_animal_emits_created(
    client: httpx.AsyncClient, world: World, species: Any, db_session: AsyncSession
) -> None:
    body = {"vivarium_id": str(world.vivarium.id), "species_id": str(species.id), "name": "Nova"}
    refused = await client.post(API, json=body, headers=world.headers("keeper"))
    assert_problem(refused, 403)
    assert await emitted(db_session, "animal.animal.created", vivarium_id=world.vivarium.id) == []
    response = await client.post(API, json={**body, "sex": "female"}, headers=world.owner)
    assert response.status_code == 201, response.text
    animal = response.json()
    [created] = await emitted(db_session, "animal.animal.created", animal_id=animal["id"])
    assert by_user(created, world.users["owner"].id)
    assert created.vivarium_id == world.vivarium.id
    assert created.data == {
        "animal_id": animal["id"],
        "vivarium_id": str(world.vivarium.id),
        "source": "manual",
        "display_id": animal["display_id"],
        "name": "Nova",
        "species_id": str(species.id),
        "sex": "female",
        "status": "active",
        "visibility": animal["visibility"],
        "hatch_date": None,
        "morph": None,
        "sire_id": None,
        "dam_id": None,
        "clutch_id": None,
    }


async def test_an_update_emits_the_changed_fields_only(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species, name="Old", morph="Normal")
    url = f"{API}/{animal.id}"
    assert_problem(
        await client.patch(url, json={"name": "New"}, headers=world.headers("keeper")), 403
    )
    # An impossible date is refused whole: nothing changes, nothing is emitted.
    bad = await client.patch(
        url, json={"name": "New", "hatch_date": "2999-01-01"}, headers=world.owner
    )
    assert bad.status_code == 422, bad.text
    assert await emitted(db_session, "animal.animal.updated", animal_id=animal.id) == []

    # The morph is sent unchanged: only the name is a change.
    changed = await client.patch(
        url, json={"name": "New", "morph": "Normal"}, headers=world.headers("handler")
    )
    assert changed.status_code == 200, changed.text
    [updated] = await emitted(db_session, "animal.animal.updated", animal_id=animal.id)
    assert by_user(updated, world.users["handler"].id)
    assert updated.vivarium_id == world.vivarium.id
    assert updated.data["changes"] == {"name": "New"}
    # Sending what is already stored changes nothing and emits nothing.
    same = await client.patch(url, json={"name": "New"}, headers=world.owner)
    assert same.status_code == 200, same.text
    assert len(await emitted(db_session, "animal.animal.updated", animal_id=animal.id)) == 1
    assert await emitted(db_session, "animal.lineage.changed", animal_id=animal.id) == []


async def test_setting_a_parent_emits_lineage_changed(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:  # fmt: skip
    sire = await make_animal(world.vivarium, species, sex=Sex.male, hatch_date=date(2018, 1, 1))
    child = await make_animal(world.vivarium, species, hatch_date=date(2022, 1, 1))
    url = f"{API}/{child.id}"
    # The child as its own sire: refused, nothing emitted.
    assert_problem(
        await client.patch(url, json={"sire_id": str(child.id)}, headers=world.owner), 422
    )
    assert await emitted(db_session, "animal.lineage.changed", animal_id=child.id) == []
    response = await client.patch(
        url, json={"sire_id": str(sire.id), "name": "Kit"}, headers=world.owner
    )
    assert response.status_code == 200, response.text
    [lineage] = await emitted(db_session, "animal.lineage.changed", animal_id=child.id)
    assert by_user(lineage, world.users["owner"].id)
    assert lineage.data == {
        "animal_id": str(child.id),
        "vivarium_id": str(world.vivarium.id),
        "sire_id": str(sire.id),
        "dam_id": None,
        "previous_sire_id": None,
        "previous_dam_id": None,
        "parent_link_id": None,
    }
    # The parent travels in the lineage event; the other field in the update.
    [updated] = await emitted(db_session, "animal.animal.updated", animal_id=child.id)
    assert updated.data["changes"] == {"name": "Kit"}


async def test_approving_a_parent_link_emits_lineage_changed_by_the_parents_owner(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:  # fmt: skip
    sire = await make_animal(
        world.vivarium, species, sex=Sex.male, visibility=Visibility.public,
        hatch_date=date(2018, 1, 1),
    )  # fmt: skip
    response = await client.post(
        API,
        json={"vivarium_id": str(world.other.id), "species_id": str(species.id),
              "hatch_date": "2023-06-01", "sire_id": str(sire.id)},
        headers=world.headers("outsider"),
    )  # fmt: skip
    assert response.status_code == 201, response.text
    child_id = response.json()["id"]
    # Asked for, not linked yet: no lineage change.
    assert await emitted(db_session, "animal.lineage.changed", animal_id=child_id) == []
    [link] = (
        await client.get(f"{API}/{child_id}/parent-links", headers=world.headers("outsider"))
    ).json()
    approve = f"/api/v1/parent-links/{link['id']}/approve"
    assert_problem(await client.post(approve, headers=world.headers("outsider")), 403)
    assert await emitted(db_session, "animal.lineage.changed", animal_id=child_id) == []
    approved = await client.post(approve, headers=world.owner)
    assert approved.status_code == 200, approved.text
    [lineage] = await emitted(db_session, "animal.lineage.changed", animal_id=child_id)
    assert by_user(lineage, world.users["owner"].id)
    assert lineage.vivarium_id == world.other.id
    assert lineage.data["sire_id"] == str(sire.id)
    assert lineage.data["previous_sire_id"] is None
    assert lineage.data["parent_link_id"] == link["id"]


async def test_archiving_and_restoring_emit_once_each(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    url = f"{API}/{animal.id}"
    assert_problem(await client.delete(url, headers=world.headers("handler")), 403)
    assert await emitted(db_session, "animal.animal.archived", animal_id=animal.id) == []
    for _ in range(2):  # archiving an archived animal changes nothing
        assert (await client.delete(url, headers=world.owner)).status_code == 204
    [archived] = await emitted(db_session, "animal.animal.archived", animal_id=animal.id)
    assert by_user(archived, world.users["owner"].id)
    assert archived.data == {"animal_id": str(animal.id), "vivarium_id": str(world.vivarium.id)}

    restore = f"{url}/restore"
    assert_problem(await client.post(restore, headers=world.headers("handler")), 403)
    assert await emitted(db_session, "animal.animal.restored", animal_id=animal.id) == []
    for _ in range(2):
        assert (await client.post(restore, headers=world.headers("curator"))).status_code == 200
    [restored] = await emitted(db_session, "animal.animal.restored", animal_id=animal.id)
    assert by_user(restored, world.users["curator"].id)


async def test_replacing_a_genotype_emits_the_whole_new_genotype(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:  # fmt: skip
    animal = await make_animal(world.vivarium, species)
    url = f"{API}/{animal.id}/genotype"
    clown = {"trait_id": str(species.traits["Clown"].id), "state": "het"}
    assert_problem(await client.put(url, json=[clown], headers=world.headers("keeper")), 403)
    # Two entries of one trait: refused whole.
    twice = await client.put(url, json=[clown, clown], headers=world.owner)
    assert twice.status_code == 422, twice.text
    assert await emitted(db_session, "animal.genotype.changed", animal_id=animal.id) == []

    assert (await client.put(url, json=[clown], headers=world.headers("handler"))).is_success
    [changed] = await emitted(db_session, "animal.genotype.changed", animal_id=animal.id)
    assert by_user(changed, world.users["handler"].id)
    assert changed.data["genotype"] == [
        {"trait_id": clown["trait_id"], "state": "het", "het_percent": None, "proof": "parentage"}
    ]
    # The same genotype again is no change.
    assert (await client.put(url, json=[clown], headers=world.owner)).is_success
    assert len(await emitted(db_session, "animal.genotype.changed", animal_id=animal.id)) == 1
    assert (await client.put(url, json=[], headers=world.owner)).is_success
    events = await emitted(db_session, "animal.genotype.changed", animal_id=animal.id)
    assert [e.data["genotype"] for e in events] == [changed.data["genotype"], []]


async def test_a_parents_correction_that_breaks_a_link_emits_lineage_changed_for_the_child(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:  # fmt: skip
    sire = await make_animal(
        world.vivarium, species, sex=Sex.male, visibility=Visibility.public,
        hatch_date=date(2018, 1, 1),
    )  # fmt: skip
    response = await client.post(
        API,
        json={"vivarium_id": str(world.other.id), "species_id": str(species.id),
              "hatch_date": "2023-06-01", "sire_id": str(sire.id)},
        headers=world.headers("outsider"),
    )  # fmt: skip
    child_id = response.json()["id"]
    [link] = (
        await client.get(f"{API}/{child_id}/parent-links", headers=world.headers("outsider"))
    ).json()
    approve = await client.post(f"/api/v1/parent-links/{link['id']}/approve", headers=world.owner)
    assert approve.status_code == 200, approve.text
    # The sire's owner corrects its sex: the stranger's child loses its sire (link suspended).
    corrected = await client.patch(f"{API}/{sire.id}", json={"sex": "female"}, headers=world.owner)
    assert corrected.status_code == 200, corrected.text
    approved, suspended = await emitted(db_session, "animal.lineage.changed", animal_id=child_id)
    assert approved.data["sire_id"] == str(sire.id)
    assert by_user(suspended, world.users["owner"].id)
    assert suspended.vivarium_id == world.other.id
    assert (suspended.data["sire_id"], suspended.data["previous_sire_id"]) == (None, str(sire.id))
    assert suspended.data["parent_link_id"] == link["id"]
    [updated] = await emitted(db_session, "animal.animal.updated", animal_id=sire.id)
    assert updated.data["changes"] == {"sex": "female"}
