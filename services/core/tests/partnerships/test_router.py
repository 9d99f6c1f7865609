"""Partnership endpoints through HTTP: propose, list both directions, accept, end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Partnership, User, Vivarium

from ..vivariums.world import ANY_MEMBER, CURATOR_UP, World, assert_problem, matrix, ok_as

UserFactory = Callable[..., Any]
API = "/api/v1/partnerships"


class Third:
    """A third vivarium with its own owner, unrelated to the world's outsider."""

    def __init__(self, vivarium: Vivarium, owner: User, headers: dict[str, str]) -> None:
        self.vivarium, self.owner, self.headers = vivarium, owner, headers

    @property
    def url(self) -> str:
        return f"/api/v1/vivariums/{self.vivarium.id}/partnerships"


@pytest.fixture
async def third(
    new_user: UserFactory,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> Third:
    owner = await new_user(display_name="Third")
    return Third(await make_vivarium(owner, name="Boa Barn"), owner, auth_headers(owner))


async def propose(
    client: httpx.AsyncClient, url: str, slug: str, headers: dict[str, str]
) -> httpx.Response:
    return await client.post(url, json={"partner_slug": slug}, headers=headers)


async def proposed_to_world(client: httpx.AsyncClient, world: World, third: Third) -> str:
    """A proposal from the third vivarium that the world's vivarium may accept."""
    response = await propose(client, third.url, world.vivarium.slug, third.headers)
    assert response.status_code == 201, response.text
    partnership_id: str = response.json()["id"]
    return partnership_id


async def count_partnerships(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Partnership)) or 0)


@matrix(**ok_as(201, CURATOR_UP))
async def test_propose_matrix(
    client: httpx.AsyncClient,
    world: World,
    third: Third,
    db_session: AsyncSession,
    actor: str,
    expected: int,
) -> None:
    before = await count_partnerships(db_session)
    response = await propose(
        client, f"{world.url}/partnerships", third.vivarium.slug, world.headers(actor)
    )
    assert response.status_code == expected, response.text
    assert await count_partnerships(db_session) == before + (1 if expected == 201 else 0)
    if expected == 201:
        body = response.json()
        assert set(body) == {
            "id",
            "status",
            "requester",
            "partner",
            "note",
            "created_at",
            "accepted_at",
            "ended_at",
        }
        assert body["status"] == "proposed"
        assert body["requester"] == {
            "id": str(world.vivarium.id),
            "slug": world.vivarium.slug,
            "name": "Gecko Grove",
        }
        assert body["partner"]["id"] == str(third.vivarium.id)


@matrix(**ANY_MEMBER)
async def test_list_matrix(
    client: httpx.AsyncClient, world: World, third: Third, actor: str, expected: int
) -> None:
    partnership_id = await proposed_to_world(client, world, third)
    response = await client.get(f"{world.url}/partnerships", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 200:
        assert [p["id"] for p in response.json()] == [partnership_id]


@matrix(**CURATOR_UP)
async def test_accept_matrix(
    client: httpx.AsyncClient, world: World, third: Third, actor: str, expected: int
) -> None:
    partnership_id = await proposed_to_world(client, world, third)
    response = await client.post(f"{API}/{partnership_id}/accept", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    listed = (await client.get(third.url, headers=third.headers)).json()
    assert listed[0]["status"] == ("active" if expected == 200 else "proposed")
    if expected == 200:
        assert response.json()["accepted_at"] is not None


@matrix(**CURATOR_UP)
async def test_end_matrix(
    client: httpx.AsyncClient, world: World, third: Third, actor: str, expected: int
) -> None:
    partnership_id = await proposed_to_world(client, world, third)
    assert (
        await client.post(f"{API}/{partnership_id}/accept", headers=world.headers("owner"))
    ).status_code == 200
    response = await client.post(f"{API}/{partnership_id}/end", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    listed = (await client.get(third.url, headers=third.headers)).json()
    assert listed[0]["status"] == ("ended" if expected == 200 else "active")


async def test_lifecycle_and_both_directions(
    client: httpx.AsyncClient, world: World, third: Third
) -> None:
    owner = world.headers("owner")
    outgoing = await propose(client, f"{world.url}/partnerships", world.other.slug, owner)
    incoming_id = await proposed_to_world(client, world, third)
    assert outgoing.status_code == 201

    listed = (await client.get(f"{world.url}/partnerships", headers=owner)).json()
    assert {p["id"] for p in listed} == {outgoing.json()["id"], incoming_id}
    other_side = (
        await client.get(
            f"/api/v1/vivariums/{world.other.id}/partnerships", headers=world.headers("outsider")
        )
    ).json()
    assert [p["id"] for p in other_side] == [outgoing.json()["id"]]

    # Only the invited side accepts; the proposer may withdraw.
    assert_problem(await client.post(f"{API}/{outgoing.json()['id']}/accept", headers=owner), 403)
    accepted = await client.post(
        f"{API}/{outgoing.json()['id']}/accept", headers=world.headers("outsider")
    )
    assert accepted.json()["status"] == "active"
    assert_problem(
        await client.post(
            f"{API}/{outgoing.json()['id']}/accept", headers=world.headers("outsider")
        ),
        409,
    )

    withdrawn = await client.post(f"{API}/{incoming_id}/end", headers=third.headers)
    assert withdrawn.json()["status"] == "ended"
    assert withdrawn.json()["ended_at"] is not None
    assert_problem(await client.post(f"{API}/{incoming_id}/end", headers=third.headers), 409)
    assert_problem(await client.post(f"{API}/{incoming_id}/accept", headers=owner), 409)

    # Once ended, the pair may start again.
    again = await propose(client, third.url, world.vivarium.slug, third.headers)
    assert again.status_code == 201, again.text


async def test_one_open_partnership_per_pair(
    client: httpx.AsyncClient, world: World, third: Third
) -> None:
    await proposed_to_world(client, world, third)
    body = assert_problem(
        await propose(
            client, f"{world.url}/partnerships", third.vivarium.slug, world.headers("owner")
        ),
        409,
    )
    assert "already" in body["detail"]
    assert_problem(await propose(client, third.url, world.vivarium.slug, third.headers), 409)


async def test_bad_partners(
    client: httpx.AsyncClient, world: World, third: Third, db_session: AsyncSession
) -> None:
    owner = world.headers("owner")
    url = f"{world.url}/partnerships"
    before = await count_partnerships(db_session)
    assert_problem(await propose(client, url, world.vivarium.slug, owner), 422)  # itself
    assert_problem(await propose(client, url, "no-such-vivarium", owner), 404)
    assert assert_problem(await propose(client, url, "", owner), 422)["errors"]
    assert assert_problem(await client.post(url, json={}, headers=owner), 422)["errors"]
    assert (
        await client.delete(f"/api/v1/vivariums/{third.vivarium.id}", headers=third.headers)
    ).status_code == 204
    assert_problem(await propose(client, url, third.vivarium.slug, owner), 404)  # deleted
    assert await count_partnerships(db_session) == before


async def test_bad_and_unknown_partnership_ids(client: httpx.AsyncClient, world: World) -> None:
    for action in ("accept", "end"):
        assert_problem(
            await client.post(f"{API}/not-a-uuid/{action}", headers=world.headers("admin")), 422
        )
        assert_problem(
            await client.post(
                f"{API}/0192f6a4-0000-7000-8000-000000000000/{action}",
                headers=world.headers("admin"),
            ),
            404,
        )
