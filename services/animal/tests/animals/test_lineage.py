"""Lineage rules through the API: every rule on create and patch, and parent privacy."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, Species
from reptidex_common.models.animal_enums import Sex, Visibility
from reptidex_common.models.outbox import OUTBOX_MODELS

from .world import World, assert_problem, count_animals, error_fields

API = "/api/v1/animals"
AnimalFactory = Callable[..., Any]
Outbox = OUTBOX_MODELS["animal"]


def _new(world: World, species: Any, **fields: Any) -> dict[str, Any]:
    return {
        "vivarium_id": str(world.vivarium.id),
        "species_id": str(species.id),
        **{k: str(v) if isinstance(v, uuid.UUID | date) else v for k, v in fields.items()},
    }


async def _refused(
    client: httpx.AsyncClient, world: World, payload: dict[str, Any], field: str
) -> dict[str, Any]:
    body = assert_problem(await client.post(API, json=payload, headers=world.owner), 422)
    assert body["type"].endswith("lineage-violation")
    assert error_fields(body) == [field]
    return body


async def test_female_sire_and_male_dam_are_refused(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    female = await make_animal(world.vivarium, species, sex=Sex.female)
    male = await make_animal(world.vivarium, species, sex=Sex.male)
    body = await _refused(client, world, _new(world, species, sire_id=female.id), "sire_id")
    assert "female" in body["detail"]
    body = await _refused(client, world, _new(world, species, dam_id=male.id), "dam_id")
    assert "male" in body["detail"]
    ok = await client.post(
        API, json=_new(world, species, sire_id=male.id, dam_id=female.id), headers=world.owner
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["sire"] == {"id": str(male.id), "display_id": male.display_id, "name": None}


async def test_parent_must_be_older(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    sire = await make_animal(world.vivarium, species, sex=Sex.male, hatch_date=date(2022, 5, 1))
    for hatch in (date(2022, 5, 1), date(2021, 1, 1)):
        body = await _refused(
            client, world, _new(world, species, sire_id=sire.id, hatch_date=hatch), "sire_id"
        )
        assert "older" in body["detail"]


async def test_parent_of_another_species(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    corn = (await db_session.scalars(select(Species).where(Species.code_prefix == "CS"))).one()
    corn_female = await make_animal(world.vivarium, corn, sex=Sex.female)
    body = await _refused(client, world, _new(world, species, dam_id=corn_female.id), "dam_id")
    assert "species" in body["detail"]


async def test_same_animal_as_both_parents(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    parent = await make_animal(world.vivarium, species)
    await _refused(
        client, world, _new(world, species, sire_id=parent.id, dam_id=parent.id), "dam_id"
    )


async def test_cycles_via_patch_are_refused(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    grandsire = await make_animal(world.vivarium, species, sex=Sex.male)
    sire = await make_animal(world.vivarium, species, sex=Sex.male, sire=grandsire)
    child = await make_animal(world.vivarium, species, sex=Sex.male, sire=sire)
    response = await client.patch(
        f"{API}/{grandsire.id}", json={"sire_id": str(child.id)}, headers=world.owner
    )
    body = assert_problem(response, 422)
    assert "own ancestor" in body["detail"]
    assert error_fields(body) == ["sire_id"]
    own = await client.patch(
        f"{API}/{sire.id}", json={"sire_id": str(sire.id)}, headers=world.owner
    )
    assert "own sire" in assert_problem(own, 422)["detail"]


async def test_patch_rechecks_parents(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    female = await make_animal(world.vivarium, species, sex=Sex.female, hatch_date=date(2020, 1, 1))
    child = await make_animal(world.vivarium, species, hatch_date=date(2023, 1, 1))
    bad = await client.patch(
        f"{API}/{child.id}", json={"sire_id": str(female.id)}, headers=world.owner
    )
    assert error_fields(assert_problem(bad, 422)) == ["sire_id"]
    ok = await client.patch(
        f"{API}/{child.id}", json={"dam_id": str(female.id)}, headers=world.owner
    )
    assert ok.status_code == 200, ok.text
    # Moving the offspring's hatch date before its dam's breaks the rule as well.
    earlier = await client.patch(
        f"{API}/{child.id}", json={"hatch_date": "2019-06-01"}, headers=world.owner
    )
    assert error_fields(assert_problem(earlier, 422)) == ["dam_id"]


async def test_parent_changes_must_keep_offspring_valid(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    sire = await make_animal(world.vivarium, species, sex=Sex.male, hatch_date=date(2019, 1, 1))
    dam = await make_animal(world.vivarium, species, sex=Sex.unknown, hatch_date=date(2019, 1, 1))
    await make_animal(world.vivarium, species, sire=sire, dam=dam, hatch_date=date(2022, 3, 1))
    for animal, change, field in (
        (sire, {"sex": "female"}, "sex"),
        (dam, {"sex": "male"}, "sex"),
        (sire, {"hatch_date": "2022-03-01"}, "hatch_date"),
        (dam, {"hatch_date": "2022-04-01"}, "hatch_date"),
    ):
        response = await client.patch(f"{API}/{animal.id}", json=change, headers=world.owner)
        body = assert_problem(response, 422)
        assert error_fields(body) == [field], change
    fine = await client.patch(
        f"{API}/{dam.id}", json={"sex": "female", "hatch_date": "2020-01-01"}, headers=world.owner
    )
    assert fine.status_code == 200, fine.text


async def test_a_private_parent_elsewhere_reads_as_nonexistent(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    hidden_male = await make_animal(world.other, species, sex=Sex.male)
    hidden_female = await make_animal(world.other, species, sex=Sex.female)
    own_female = await make_animal(world.vivarium, species, sex=Sex.female)
    before = await count_animals(db_session)
    cases = [
        {"sire_id": "{x}"},
        {"dam_id": "{x}"},
        {"sire_id": "{x}", "dam_id": "{x}"},
        # A visible parent that breaks a rule and a hidden one: the same rule must fire first.
        {"sire_id": str(own_female.id), "dam_id": "{x}"},
    ]
    for hidden in (hidden_male, hidden_female):
        for case in cases:
            answers = []
            for parent in (hidden.id, uuid.uuid4()):
                fields = {k: v.format(x=parent) for k, v in case.items()}
                response = await client.post(
                    API, json=_new(world, species, **fields), headers=world.owner
                )
                answers.append((response.status_code, response.json()))
            assert answers[0] == answers[1], case
            assert answers[0][0] == 422
    child = await make_animal(world.vivarium, species)
    patch_answers = []
    for parent in (hidden_male.id, uuid.uuid4()):
        response = await client.patch(
            f"{API}/{child.id}", json={"sire_id": str(parent)}, headers=world.owner
        )
        patch_answers.append((response.status_code, response.json()))
    assert patch_answers[0] == patch_answers[1]
    assert await count_animals(db_session) == before + 1


@pytest.mark.parametrize("visibility", [Visibility.public, Visibility.lineage_only])
async def test_shared_parents_elsewhere_can_be_linked(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    visibility: Visibility,
) -> None:
    sire = await make_animal(
        world.other, species, sex=Sex.male, visibility=visibility, name="Atlas"
    )
    response = await client.post(
        API, json=_new(world, species, sire_id=sire.id), headers=world.owner
    )
    assert response.status_code == 201, response.text
    # Another vivarium's animal is asked for; its owner approves the link.
    assert response.json()["sire"] is None
    pending = await client.get(f"{API}/{response.json()['id']}/parent-links", headers=world.owner)
    approved = await client.post(
        f"/api/v1/parent-links/{pending.json()[0]['id']}/approve",
        headers=world.headers("outsider"),
    )
    assert approved.status_code == 200, approved.text
    response = await client.get(f"{API}/{response.json()['id']}", headers=world.owner)
    assert response.json()["sire"] == {
        "id": str(sire.id),
        "display_id": sire.display_id,
        "name": "Atlas",
    }
    # Once its owner makes it private, the link stays but says nothing about it.
    sire.visibility = Visibility.private
    await db_session.flush()
    read = await client.get(f"{API}/{response.json()['id']}", headers=world.owner)
    assert read.json()["sire"] == {"private": True}
    # Its own members and staff still see it.
    as_admin = await client.get(f"{API}/{response.json()['id']}", headers=world.headers("admin"))
    assert as_admin.json()["sire"]["id"] == str(sire.id)
    # Editing the child's other fields keeps the existing (now hidden) link valid.
    patched = await client.patch(
        f"{API}/{response.json()['id']}", json={"hatch_date": "2024-01-01"}, headers=world.owner
    )
    assert patched.status_code == 200, patched.text


async def test_a_recorded_hidden_parent_keeps_its_hatch_date_to_itself(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
) -> None:
    """Moving the child's hatch date before a hidden parent's is refused without the date."""
    sire = await make_animal(world.other, species, sex=Sex.male, hatch_date=date(2019, 5, 17))
    child = await make_animal(world.vivarium, species, sire=sire, hatch_date=date(2021, 1, 1))
    response = await client.patch(
        f"{API}/{child.id}", json={"hatch_date": "2019-01-01"}, headers=world.owner
    )
    body = assert_problem(response, 422)
    assert error_fields(body) == ["sire_id"]
    assert "2019-05-17" not in response.text
    assert str(sire.id) not in response.text
    # Its own members still learn which date is in the way.
    as_admin = await client.patch(
        f"{API}/{child.id}", json={"hatch_date": "2019-01-01"}, headers=world.headers("admin")
    )
    assert "2019-05-17" in assert_problem(as_admin, 422)["detail"]


async def test_parent_change_writes_the_outbox_event(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    child = await make_animal(world.vivarium, species)
    dam = await make_animal(world.vivarium, species, sex=Sex.female)

    async def events() -> list[dict[str, Any]]:
        rows = await db_session.scalars(
            select(Outbox.payload).where(Outbox.task_name == "animal.lineage.recompute_coi")
        )
        return list(rows)

    await client.patch(f"{API}/{child.id}", json={"name": "Renamed"}, headers=world.owner)
    assert await events() == []
    response = await client.patch(
        f"{API}/{child.id}", json={"dam_id": str(dam.id)}, headers=world.owner
    )
    assert response.status_code == 200
    assert await events() == [{"animal_id": str(child.id)}]
    # Unchanged parents sent again are no change.
    await client.patch(f"{API}/{child.id}", json={"dam_id": str(dam.id)}, headers=world.owner)
    assert len(await events()) == 1
    cleared = await client.patch(f"{API}/{child.id}", json={"dam_id": None}, headers=world.owner)
    assert cleared.json()["dam"] is None
    assert len(await events()) == 2
    stored = await db_session.get(Animal, child.id)
    assert stored is not None
    await db_session.refresh(stored)
    assert stored.dam_id is None
