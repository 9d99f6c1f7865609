"""A parent from another vivarium is asked for, and linked only once its owner approves."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex, Visibility
from reptidex_common.models.outbox import OUTBOX_MODELS

from ..animals.world import World, assert_problem, error_fields, matrix

API = "/api/v1/animals"
LINKS = "/api/v1/parent-links"
AnimalFactory = Callable[..., Any]
Outbox = OUTBOX_MODELS["animal"]


async def _child_asking_for(
    client: httpx.AsyncClient, world: World, species: Any, **parents: Animal
) -> dict[str, Any]:
    """The outsider records a child in their own vivarium with parents of the cast's."""
    response = await client.post(
        API,
        json={
            "vivarium_id": str(world.other.id),
            "species_id": str(species.id),
            "hatch_date": "2023-06-01",
            **{f"{role}_id": str(animal.id) for role, animal in parents.items()},
        },
        headers=world.headers("outsider"),
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _links_of(client: httpx.AsyncClient, world: World, child_id: str) -> list[Any]:
    response = await client.get(f"{API}/{child_id}/parent-links", headers=world.headers("outsider"))
    assert response.status_code == 200, response.text
    links: list[Any] = response.json()
    return links


async def _recomputes(db_session: AsyncSession, animal_id: str) -> int:
    rows = await db_session.scalars(
        select(Outbox.payload).where(Outbox.task_name == "animal.lineage.recompute_coi")
    )
    return sum(1 for row in rows if row == {"animal_id": animal_id})


async def test_a_strangers_animal_is_asked_for_not_linked(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    sire = await make_animal(
        world.vivarium, species, sex=Sex.male, visibility=Visibility.public, name="Atlas",
        hatch_date=date(2020, 1, 1),
    )  # fmt: skip
    child = await _child_asking_for(client, world, species, sire=sire)
    # Not linked: no sire, no COI work, nothing the owner's record now depends on.
    assert child["sire"] is None
    assert await _recomputes(db_session, child["id"]) == 0
    stored = await db_session.get(Animal, uuid.UUID(child["id"]))
    assert stored is not None
    assert stored.sire_id is None
    # The child's owner sees the request as pending, with the animal asked for.
    [link] = await _links_of(client, world, child["id"])
    assert link["status"] == "pending"
    assert link["role"] == "sire"
    assert link["parent"]["id"] == str(sire.id)
    assert link["parent"]["name"] == "Atlas"
    # The parent's owner sees it among incoming requests, with the child it would parent.
    incoming = await client.get(
        LINKS, params={"vivarium_id": str(world.vivarium.id)}, headers=world.owner
    )
    assert [item["id"] for item in incoming.json()["items"]] == [link["id"]]
    assert incoming.json()["items"][0]["child"]["id"] == child["id"]
    assert incoming.json()["items"][0]["child"]["hatch_date"] == "2023-06-01"
    outgoing = await client.get(
        LINKS,
        params={"vivarium_id": str(world.other.id), "direction": "outgoing"},
        headers=world.headers("outsider"),
    )
    assert [item["id"] for item in outgoing.json()["items"]] == [link["id"]]
    # The owner may still correct their own animal freely: nothing is linked yet.
    corrected = await client.patch(
        f"{API}/{sire.id}", json={"hatch_date": "2023-07-01"}, headers=world.owner
    )
    assert corrected.status_code == 200, corrected.text
    # Approving re-checks the lineage rules against both animals as they are now.
    refused = assert_problem(
        await client.post(f"{LINKS}/{link['id']}/approve", headers=world.owner), 422
    )
    assert error_fields(refused) == ["sire_id"]
    assert "older" in refused["detail"]
    await client.patch(f"{API}/{sire.id}", json={"hatch_date": "2020-01-01"}, headers=world.owner)
    approved = await client.post(f"{LINKS}/{link['id']}/approve", headers=world.owner)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    read = await client.get(f"{API}/{child['id']}", headers=world.headers("outsider"))
    assert read.json()["sire"]["id"] == str(sire.id)
    assert await _recomputes(db_session, child["id"]) == 1
    assert await _links_of(client, world, child["id"]) == []
    # Decided once: it cannot be approved, declined or canceled again.
    for action, actor in (("approve", "owner"), ("decline", "owner"), ("cancel", "outsider")):
        assert_problem(
            await client.post(f"{LINKS}/{link['id']}/{action}", headers=world.headers(actor)), 409
        )


async def test_declined_and_canceled_requests_link_nothing(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    sire = await make_animal(world.vivarium, species, sex=Sex.male, visibility=Visibility.public)
    dam = await make_animal(
        world.vivarium, species, sex=Sex.female, visibility=Visibility.lineage_only
    )
    child = await _child_asking_for(client, world, species, sire=sire, dam=dam)
    links = {link["role"]: link for link in await _links_of(client, world, child["id"])}
    assert set(links) == {"sire", "dam"}
    declined = await client.post(f"{LINKS}/{links['sire']['id']}/decline", headers=world.owner)
    assert declined.json()["status"] == "declined"
    canceled = await client.post(
        f"{LINKS}/{links['dam']['id']}/cancel", headers=world.headers("outsider")
    )
    assert canceled.json()["status"] == "canceled"
    read = (await client.get(f"{API}/{child['id']}", headers=world.headers("outsider"))).json()
    assert read["sire"] is None
    assert read["dam"] is None
    assert await _links_of(client, world, child["id"]) == []


async def test_asking_again_or_choosing_an_own_parent_replaces_the_request(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    first = await make_animal(world.vivarium, species, sex=Sex.male, visibility=Visibility.public)
    second = await make_animal(world.vivarium, species, sex=Sex.male, visibility=Visibility.public)
    own = await make_animal(world.other, species, sex=Sex.male)
    child = await _child_asking_for(client, world, species, sire=first)
    url = f"{API}/{child['id']}"
    outsider = world.headers("outsider")
    assert (await client.patch(url, json={"sire_id": str(second.id)}, headers=outsider)).json()[
        "sire"
    ] is None
    [link] = await _links_of(client, world, child["id"])
    assert link["parent"]["id"] == str(second.id)
    chosen = await client.patch(url, json={"sire_id": str(own.id)}, headers=outsider)
    assert chosen.json()["sire"]["id"] == str(own.id)
    assert await _links_of(client, world, child["id"]) == []


async def test_a_request_breaking_a_rule_is_refused_at_once(
    client: httpx.AsyncClient, world: World, species: Any, make_animal: AnimalFactory
) -> None:
    female = await make_animal(
        world.vivarium, species, sex=Sex.female, visibility=Visibility.public
    )
    response = await client.post(
        API,
        json={
            "vivarium_id": str(world.other.id),
            "species_id": str(species.id),
            "sire_id": str(female.id),
        },
        headers=world.headers("outsider"),
    )
    assert error_fields(assert_problem(response, 422)) == ["sire_id"]


APPROVE = {"owner": 200, "curator": 200, "handler": 403, "keeper": 403, "outsider": 403,
           "anonymous": 401, "admin": 200, "support": 403}  # fmt: skip
CANCEL = {"owner": 200, "curator": 200, "handler": 200, "keeper": 403, "outsider": 403,
          "anonymous": 401, "admin": 200, "support": 403}  # fmt: skip


@matrix(APPROVE)
async def test_approve_and_decline_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    actor: str,
    status: int,
) -> None:
    """Only the parent's owner (curator and up in its vivarium) answers a request."""
    sire = await make_animal(world.vivarium, species, sex=Sex.male, visibility=Visibility.public)
    dam = await make_animal(world.vivarium, species, sex=Sex.female, visibility=Visibility.public)
    child = await _child_asking_for(client, world, species, sire=sire, dam=dam)
    links = {link["role"]: link["id"] for link in await _links_of(client, world, child["id"])}
    headers = world.headers(actor)
    approve = await client.post(f"{LINKS}/{links['sire']}/approve", headers=headers)
    assert approve.status_code == status, approve.text
    decline = await client.post(f"{LINKS}/{links['dam']}/decline", headers=headers)
    assert decline.status_code == status, decline.text


@matrix(CANCEL)
async def test_cancel_matrix(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    make_animal: AnimalFactory,
    actor: str,
    status: int,
) -> None:
    """Only the child's side withdraws; the parent's side declines instead (and so 403)."""
    sire = await make_animal(world.other, species, sex=Sex.male, visibility=Visibility.public)
    response = await client.post(
        API,
        json={
            "vivarium_id": str(world.vivarium.id),
            "species_id": str(species.id),
            "sire_id": str(sire.id),
        },
        headers=world.owner,
    )
    [link] = (
        await client.get(f"{API}/{response.json()['id']}/parent-links", headers=world.owner)
    ).json()
    answer = await client.post(f"{LINKS}/{link['id']}/cancel", headers=world.headers(actor))
    assert answer.status_code == status, answer.text
