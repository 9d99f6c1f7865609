"""Member endpoints through HTTP: list, change role, remove or leave, and the last owner."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from reptidex_common.db import engine as db_engine
from reptidex_common.models.core import Membership, Plan, User, Vivarium
from reptidex_common.models.enums import VivariumRole

from ..vivariums.world import (
    ANY_MEMBER,
    CURATOR_UP,
    World,
    assert_problem,
    matrix,
    ok_as,
    quick_user,
)

UserFactory = Callable[..., Any]


def member_url(world: World, actor: str) -> str:
    return f"{world.url}/members/{world.users[actor].id}"


async def add_member(
    db_session: AsyncSession, world: World, new_user: UserFactory, role: VivariumRole
) -> User:
    user: User = await new_user(display_name=f"Extra {role.value}")
    db_session.add(Membership(vivarium_id=world.vivarium.id, user_id=user.id, role=role))
    await db_session.flush()
    return user


async def roles(client: httpx.AsyncClient, world: World) -> dict[str, str]:
    response = await client.get(f"{world.url}/members", headers=world.headers("admin"))
    return {m["user_id"]: m["role"] for m in response.json()}


@matrix(**ANY_MEMBER)
async def test_list_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.get(f"{world.url}/members", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 200:
        members = response.json()
        assert set(members[0]) == {
            "user_id",
            "display_name",
            "email",
            "role",
            "joined_at",
        }
        assert {m["display_name"]: m["role"] for m in members} == {
            "Owner": "herpetologist", "Curator": "curator", "Handler": "handler", "Keeper": "keeper",
        }  # fmt: skip
        assert {m["email"] for m in members} >= {world.users["keeper"].email}


@matrix(**CURATOR_UP)
async def test_change_role_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.patch(
        member_url(world, "keeper"), json={"role": "handler"}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    new_role = (await roles(client, world))[str(world.users["keeper"].id)]
    assert new_role == ("handler" if expected == 200 else "keeper")
    if expected == 200:
        assert response.json()["role"] == "handler"
        assert response.json()["user_id"] == str(world.users["keeper"].id)


@pytest.mark.parametrize(
    ("actor", "target", "role", "expected"),
    [
        # Curators manage roles below curator, into roles below curator.
        ("curator", "handler", "keeper", 200),
        ("curator", "keeper", "curator", 403),
        ("curator", "keeper", "herpetologist", 403),
        ("curator", "curator", "handler", 403),
        ("curator", "owner", "keeper", 403),
        # Owners (and admins, acting as owners) manage anyone.
        ("owner", "keeper", "herpetologist", 200),
        ("owner", "curator", "keeper", 200),
        ("owner", "handler", "curator", 200),
        ("admin", "curator", "herpetologist", 200),
        # Nobody promotes themselves without the right role.
        ("handler", "handler", "curator", 403),
        ("keeper", "keeper", "herpetologist", 403),
    ],
)
async def test_role_change_rules(
    client: httpx.AsyncClient, world: World, actor: str, target: str, role: str, expected: int
) -> None:
    response = await client.patch(
        member_url(world, target), json={"role": role}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    if expected != 200:
        assert_problem(response, expected)
        assert (await roles(client, world))[str(world.users[target].id)] != role


@matrix(**ok_as(204, CURATOR_UP))
async def test_remove_matrix(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    new_user: UserFactory,
    actor: str,
    expected: int,
) -> None:
    target = await add_member(db_session, world, new_user, VivariumRole.keeper)
    response = await client.delete(f"{world.url}/members/{target.id}", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    assert (str(target.id) in await roles(client, world)) is (expected != 204)


@pytest.mark.parametrize(
    ("actor", "target", "expected"),
    [
        ("curator", "handler", 204),
        ("curator", "curator", 204),  # leaving
        ("curator", "owner", 403),
        ("handler", "keeper", 403),
        ("keeper", "keeper", 204),  # leaving
        ("handler", "handler", 204),  # leaving
        ("owner", "curator", 204),
        ("admin", "curator", 204),
        ("support", "support", 404),  # staff without a membership have nothing to leave
    ],
)
async def test_remove_and_leave_rules(
    client: httpx.AsyncClient, world: World, actor: str, target: str, expected: int
) -> None:
    response = await client.delete(member_url(world, target), headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 204:
        assert str(world.users[target].id) not in await roles(client, world)
        if actor == target:
            assert (await client.get(world.url, headers=world.headers(actor))).status_code == 404


@pytest.mark.parametrize("actor", ["owner", "admin"])
async def test_last_owner_cannot_be_demoted_or_removed(
    client: httpx.AsyncClient, world: World, actor: str
) -> None:
    headers = world.headers(actor)
    body = assert_problem(
        await client.patch(member_url(world, "owner"), json={"role": "curator"}, headers=headers),
        409,
    )
    assert "at least one herpetologist" in body["detail"]
    assert_problem(await client.delete(member_url(world, "owner"), headers=headers), 409)
    assert (await roles(client, world))[str(world.users["owner"].id)] == "herpetologist"


async def test_with_a_second_owner_one_may_step_down(
    client: httpx.AsyncClient, world: World
) -> None:
    owner = world.headers("owner")
    promote = await client.patch(
        member_url(world, "curator"), json={"role": "herpetologist"}, headers=owner
    )
    assert promote.status_code == 200, promote.text
    # Re-granting the same role is a no-op, not an error.
    assert (
        await client.patch(
            member_url(world, "curator"), json={"role": "herpetologist"}, headers=owner
        )
    ).status_code == 200
    step_down = await client.patch(
        member_url(world, "owner"), json={"role": "keeper"}, headers=owner
    )
    assert step_down.status_code == 200, step_down.text
    # The former curator is now the only owner and cannot leave.
    assert_problem(
        await client.delete(member_url(world, "curator"), headers=world.headers("curator")), 409
    )


@pytest.mark.parametrize("payload", [{"role": "overlord"}, {"role": None}, {}, {"role": "Curator"}])
async def test_bad_role_is_422_and_changes_nothing(
    client: httpx.AsyncClient, world: World, payload: dict[str, Any]
) -> None:
    response = await client.patch(
        member_url(world, "keeper"), json=payload, headers=world.headers("owner")
    )
    assert assert_problem(response, 422)["errors"]
    assert (await roles(client, world))[str(world.users["keeper"].id)] == "keeper"


async def test_bad_and_unknown_member_ids(client: httpx.AsyncClient, world: World) -> None:
    owner = world.headers("owner")
    assert_problem(
        await client.patch(f"{world.url}/members/nope", json={"role": "keeper"}, headers=owner), 422
    )
    assert_problem(await client.delete(f"{world.url}/members/nope", headers=owner), 422)
    stranger = f"{world.url}/members/{world.users['outsider'].id}"
    assert_problem(await client.patch(stranger, json={"role": "keeper"}, headers=owner), 404)
    assert_problem(await client.delete(stranger, headers=owner), 404)


@dataclass
class Committed:
    maker: async_sessionmaker[AsyncSession]
    created_users: list[uuid.UUID] = field(default_factory=list)


@pytest.fixture
async def committed(db_engine_for_tests: AsyncEngine) -> AsyncIterator[Committed]:
    """Real commits on separate connections, so two requests can really race (cleaned up after)."""
    data = Committed(async_sessionmaker(db_engine_for_tests, expire_on_commit=False))
    yield data
    created = data.created_users
    async with data.maker() as session:
        await session.execute(
            delete(Vivarium).where(
                Vivarium.id.in_(
                    select(Membership.vivarium_id).where(Membership.user_id.in_(created))
                )
            )
        )
        await session.execute(delete(User).where(User.id.in_(created)))
        await session.commit()


@pytest.mark.worker
async def test_concurrent_demotions_keep_one_owner(
    client: httpx.AsyncClient,
    committed: Committed,
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    assert db_engine.state.sessionmaker is not None  # the app's sessions commit for real here
    async with committed.maker() as session:
        first = await quick_user(session, display_name="First")
        second = await quick_user(session, display_name="Second")
        committed.created_users += [first.id, second.id]
        plan_id = (await session.scalars(select(Plan.id).where(Plan.is_default.is_(True)))).one()
        vivarium = Vivarium(name="Race", slug=f"race-{uuid.uuid4().hex[:8]}", plan_id=plan_id)
        session.add(vivarium)
        await session.flush()
        for user in (first, second):
            session.add(
                Membership(
                    vivarium_id=vivarium.id, user_id=user.id, role=VivariumRole.herpetologist
                )
            )
        await session.commit()

    base = f"/api/v1/vivariums/{vivarium.id}/members"
    # Each owner demotes the other at the same moment; only one may win.
    responses = await asyncio.gather(
        client.patch(f"{base}/{second.id}", json={"role": "keeper"}, headers=auth_headers(first)),
        client.patch(f"{base}/{first.id}", json={"role": "keeper"}, headers=auth_headers(second)),
    )
    winner, loser = sorted(r.status_code for r in responses)
    # The loser either waited on the row lock and then saw one owner left (409), or started
    # after the winner committed and is no longer an owner at all (403).
    assert winner == 200, [r.text for r in responses]
    assert loser in (403, 409), [r.text for r in responses]
    async with committed.maker() as session:
        owners = await session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(
                Membership.vivarium_id == vivarium.id, Membership.role == VivariumRole.herpetologist
            )
        )
    assert owners == 1
