"""An owner's correction of their own animal is never blocked by, nor reveals, offspring
recorded in vivariums they cannot see; the child's owner is shown the conflict instead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex, Visibility
from reptidex_common.models.core import Membership
from reptidex_common.models.enums import VivariumRole

from ..animals.world import World, assert_problem, error_fields

API = "/api/v1/animals"
LINKS = "/api/v1/parent-links"
AnimalFactory = Callable[..., Any]


@pytest.mark.parametrize(
    ("parent_sex", "role", "change"),
    [
        (Sex.male, "sire", {"hatch_date": "2023-01-01"}),
        (Sex.male, "sire", {"sex": "female"}),
        (Sex.female, "dam", {"sex": "male"}),
        (Sex.unknown, "dam", {"hatch_date": "2022-06-01"}),
    ],
)
async def test_the_owners_correction_wins_over_offspring_elsewhere(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    parent_sex: Sex,
    role: str,
    change: dict[str, str],
) -> None:
    parent = await make_animal(
        world.vivarium, species, sex=parent_sex, hatch_date=date(2019, 1, 1),
        visibility=Visibility.public,
    )  # fmt: skip
    # A private child elsewhere, recorded with this parent (as before requests existed).
    child = await make_animal(
        world.other, species, hatch_date=date(2022, 5, 1), display_id="SECRET-1", **{role: parent}
    )
    response = await client.patch(f"{API}/{parent.id}", json=change, headers=world.owner)
    assert response.status_code == 200, response.text
    # Nothing about the child reaches the parent's owner.
    assert str(child.id) not in response.text
    assert "SECRET-1" not in response.text
    incoming = await client.get(
        LINKS, params={"vivarium_id": str(world.vivarium.id)}, headers=world.owner
    )
    assert incoming.json()["items"] == []
    offspring = await client.get(f"{API}/{parent.id}/descendants", headers=world.owner)
    assert offspring.status_code == 200, offspring.text
    assert offspring.json()["items"] == []
    # The child's link is unlinked and shown to its owner as suspended, with the reason.
    await db_session.refresh(child)
    assert getattr(child, f"{role}_id") is None
    outsider = world.headers("outsider")
    [link] = (await client.get(f"{API}/{child.id}/parent-links", headers=outsider)).json()
    assert link["status"] == "suspended"
    assert link["role"] == role
    assert link["parent"]["id"] == str(parent.id)
    assert "corrected" in link["reason"]
    # The parent's owner cannot reach it; the child's owner removes it.
    assert_problem(await client.post(f"{LINKS}/{link['id']}/cancel", headers=world.owner), 404)
    removed = await client.post(f"{LINKS}/{link['id']}/cancel", headers=outsider)
    assert removed.json()["status"] == "canceled"
    assert (await client.get(f"{API}/{child.id}/parent-links", headers=outsider)).json() == []


async def test_an_approved_link_is_suspended_then_asked_for_again(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    sire = await make_animal(
        world.vivarium, species, sex=Sex.male, hatch_date=date(2020, 1, 1),
        visibility=Visibility.public,
    )  # fmt: skip
    outsider = world.headers("outsider")
    created = await client.post(
        API,
        json={
            "vivarium_id": str(world.other.id),
            "species_id": str(species.id),
            "hatch_date": "2022-01-01",
            "sire_id": str(sire.id),
        },
        headers=outsider,
    )
    child_id = created.json()["id"]
    [asked] = (await client.get(f"{API}/{child_id}/parent-links", headers=outsider)).json()
    await client.post(f"{LINKS}/{asked['id']}/approve", headers=world.owner)
    corrected = await client.patch(
        f"{API}/{sire.id}", json={"hatch_date": "2022-02-01"}, headers=world.owner
    )
    assert corrected.status_code == 200, corrected.text
    [suspended] = (await client.get(f"{API}/{child_id}/parent-links", headers=outsider)).json()
    assert suspended["id"] == asked["id"]
    assert suspended["status"] == "suspended"
    # The child's owner fixes the child's date and asks again; approving settles the slot.
    await client.patch(f"{API}/{child_id}", json={"hatch_date": "2023-01-01"}, headers=outsider)
    await client.patch(f"{API}/{child_id}", json={"sire_id": str(sire.id)}, headers=outsider)
    links = (await client.get(f"{API}/{child_id}/parent-links", headers=outsider)).json()
    pending = next(link for link in links if link["status"] == "pending")
    approved = await client.post(f"{LINKS}/{pending['id']}/approve", headers=world.owner)
    assert approved.status_code == 200, approved.text
    assert (await client.get(f"{API}/{child_id}/parent-links", headers=outsider)).json() == []
    read = await client.get(f"{API}/{child_id}", headers=outsider)
    assert read.json()["sire"]["id"] == str(sire.id)


async def test_offspring_in_another_vivarium_of_the_caller_still_refuse(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    """Offspring the caller can see as a member refuse with the reason: they can fix it."""
    sire = await make_animal(world.vivarium, species, sex=Sex.male, hatch_date=date(2019, 1, 1))
    child = await make_animal(world.other, species, hatch_date=date(2022, 1, 1), sire=sire)
    db_session.add(
        Membership(
            vivarium_id=world.other.id,
            user_id=world.users["owner"].id,
            role=VivariumRole.keeper,
        )
    )
    await db_session.flush()
    refused = await client.patch(
        f"{API}/{sire.id}", json={"hatch_date": "2022-01-01"}, headers=world.owner
    )
    body = assert_problem(refused, 422)
    assert error_fields(body) == ["hatch_date"]
    assert "offspring" in body["detail"]
    await db_session.refresh(child)
    assert child.sire_id == sire.id


async def test_within_one_vivarium_the_rules_still_refuse(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    """Nothing is suspended in the caller's own vivarium: the link stays and the rule refuses."""
    sire = await make_animal(world.vivarium, species, sex=Sex.male, hatch_date=date(2019, 1, 1))
    child = await make_animal(world.vivarium, species, hatch_date=date(2022, 1, 1), sire=sire)
    refused = await client.patch(
        f"{API}/{sire.id}", json={"hatch_date": "2022-01-01"}, headers=world.owner
    )
    assert error_fields(assert_problem(refused, 422)) == ["hatch_date"]
    stored = await db_session.get(Animal, child.id)
    assert stored is not None
    assert stored.sire_id == sire.id
