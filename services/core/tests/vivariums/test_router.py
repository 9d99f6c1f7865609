"""Vivarium endpoints through HTTP: create, list (keyset pages), read, update, soft delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import Invitation, Partnership, User, Vivarium
from reptidex_common.models.enums import InvitationStatus, PartnershipStatus

from .world import ANY_MEMBER, CURATOR_UP, OWNER_ONLY, World, assert_problem, matrix, ok_as

UserFactory = Callable[..., Any]
Headers = Callable[[User], dict[str, str]]
API = "/api/v1/vivariums"


async def _count_vivariums(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Vivarium)) or 0)


async def test_create_makes_the_caller_owner(
    client: httpx.AsyncClient, new_user: UserFactory, auth_headers: Headers
) -> None:
    user = await new_user()
    response = await client.post(
        API,
        json={
            "name": "  Scale & Tail  ",
            "description": "Ball pythons",
            "location": "Leeds",
            "is_public": True,
        },
        headers=auth_headers(user),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {
        "id", "slug", "name", "description", "location", "is_public", "is_personal", "settings",
        "time_zone", "plan_code", "my_role", "created_at",
    }  # fmt: skip
    assert body["name"] == "Scale & Tail"
    assert body["slug"] == "scale-tail"
    assert body["is_public"] is True
    assert body["is_personal"] is False
    assert body["my_role"] == "herpetologist"
    assert body["plan_code"] == "hobbyist"
    assert body["settings"]["animal_id_template"] == "{SPECIES}-{SEQ:03}"

    members = await client.get(f"{API}/{body['id']}/members", headers=auth_headers(user))
    assert [(m["user_id"], m["role"]) for m in members.json()] == [(str(user.id), "herpetologist")]


async def test_create_with_settings_and_duplicate_names_get_distinct_slugs(
    client: httpx.AsyncClient, new_user: UserFactory, auth_headers: Headers
) -> None:
    headers = auth_headers(await new_user())
    first = await client.post(
        API, json={"name": "Twin", "settings": {"animal_id_template": "TW-{SEQ}"}}, headers=headers
    )
    second = await client.post(API, json={"name": "Twin"}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["settings"]["animal_id_template"] == "TW-{SEQ}"
    assert first.json()["slug"] != second.json()["slug"]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"name": ""},
        {"name": "   "},
        {"name": "x" * 121},
        {"name": "Ok", "is_public": "sometimes"},
        {"name": "Ok", "settings": {"animal_id_template": "{SPECIES}-001"}},
        {"name": "Ok", "settings": {"unknown_key": 1}},
        {"name": "Ok", "settings": {"default_species_id": "not-a-uuid"}},
    ],
)
async def test_create_rejects_bad_input_and_writes_nothing(
    client: httpx.AsyncClient,
    new_user: UserFactory,
    auth_headers: Headers,
    db_session: AsyncSession,
    payload: dict[str, Any],
) -> None:
    headers = auth_headers(await new_user())
    before = await _count_vivariums(db_session)
    body = assert_problem(await client.post(API, json=payload, headers=headers), 422)
    assert body["errors"]
    assert await _count_vivariums(db_session) == before


async def test_create_needs_authentication(client: httpx.AsyncClient) -> None:
    assert_problem(await client.post(API, json={"name": "Nope"}), 401)


async def test_list_is_the_callers_vivariums_in_keyset_pages(
    client: httpx.AsyncClient, new_user: UserFactory, auth_headers: Headers, world: World
) -> None:
    user = await new_user()
    headers = auth_headers(user)
    created = [
        (await client.post(API, json={"name": f"Rack {i}"}, headers=headers)).json()["id"]
        for i in range(5)
    ]
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        response = await client.get(API, params=params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        assert set(page) == {"items", "next_cursor"}
        assert len(page["items"]) <= 2
        assert all(item["my_role"] == "herpetologist" for item in page["items"])
        seen += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == list(reversed(created))  # newest first, no repeats, nothing missed
    assert str(world.vivarium.id) not in seen


async def test_list_shows_each_role_and_skips_deleted(
    client: httpx.AsyncClient, world: World
) -> None:
    keeper = world.headers("keeper")
    items = (await client.get(API, headers=keeper)).json()["items"]
    assert [(i["id"], i["my_role"]) for i in items] == [(str(world.vivarium.id), "keeper")]
    assert (await client.delete(world.url, headers=world.headers("owner"))).status_code == 204
    assert (await client.get(API, headers=keeper)).json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize(
    "params", [{"cursor": "%%%"}, {"cursor": "abc"}, {"limit": 0}, {"limit": 101}]
)
async def test_list_rejects_bad_page_parameters(
    client: httpx.AsyncClient, world: World, params: dict[str, Any]
) -> None:
    assert_problem(await client.get(API, params=params, headers=world.headers("owner")), 422)


@matrix(**ANY_MEMBER)
async def test_get_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.get(world.url, headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 200:
        staff_roles = {"admin": "herpetologist", "support": "keeper"}
        assert response.json()["my_role"] == staff_roles.get(
            actor, actor.replace("owner", "herpetologist")
        )
        assert response.json()["name"] == "Gecko Grove"
    else:
        assert_problem(response, expected)


@matrix(**CURATOR_UP)
async def test_patch_profile_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.patch(
        world.url, json={"name": "Renamed", "is_public": True}, headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    after = (await client.get(world.url, headers=world.headers("owner"))).json()
    assert after["name"] == ("Renamed" if expected == 200 else "Gecko Grove")


@matrix(**OWNER_ONLY)
async def test_patch_settings_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.patch(
        world.url,
        json={"settings": {"animal_id_template": "GG-{SEQ:04}"}},
        headers=world.headers(actor),
    )
    assert response.status_code == expected, response.text
    after = (await client.get(world.url, headers=world.headers("owner"))).json()
    expected_template = "GG-{SEQ:04}" if expected == 200 else "{SPECIES}-{SEQ:03}"
    assert after["settings"]["animal_id_template"] == expected_template


async def test_patch_applies_only_the_fields_sent(client: httpx.AsyncClient, world: World) -> None:
    owner = world.headers("owner")
    first = await client.patch(
        world.url, json={"description": "Geckos", "location": "Bristol"}, headers=owner
    )
    assert first.status_code == 200, first.text
    second = await client.patch(world.url, json={"description": None}, headers=owner)
    body = second.json()
    assert (body["name"], body["description"], body["location"]) == ("Gecko Grove", None, "Bristol")
    # Settings merge key by key: the template survives a change of the default species.
    species = "0192f6a4-0000-7000-8000-000000000001"
    third = await client.patch(
        world.url, json={"settings": {"default_species_id": species}}, headers=owner
    )
    assert third.json()["settings"] == {
        "animal_id_template": "{SPECIES}-{SEQ:03}",
        "default_species_id": species,
    }


@pytest.mark.parametrize(
    "payload",
    [
        {"name": None},
        {"name": ""},
        {"is_public": None},
        {"settings": None},
        {"settings": {"animal_id_template": "NO-SEQUENCE"}},
        {"settings": {"animal_id_template": None}},
    ],
)
async def test_patch_rejects_bad_input_and_writes_nothing(
    client: httpx.AsyncClient, world: World, payload: dict[str, Any]
) -> None:
    assert_problem(await client.patch(world.url, json=payload, headers=world.headers("owner")), 422)
    after = (await client.get(world.url, headers=world.headers("owner"))).json()
    assert after["name"] == "Gecko Grove"
    assert after["settings"]["animal_id_template"] == "{SPECIES}-{SEQ:03}"


@matrix(**ok_as(204, OWNER_ONLY))
async def test_delete_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.delete(world.url, headers=world.headers(actor))
    assert response.status_code == expected, response.text
    still_there = (await client.get(world.url, headers=world.headers("owner"))).status_code
    assert still_there == (404 if expected == 204 else 200)


async def test_deleted_vivarium_is_gone_everywhere(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    owner = world.headers("owner")
    invite = await client.post(
        f"{world.url}/invitations",
        json={"email": "new@example.com", "role": "keeper"},
        headers=owner,
    )
    assert invite.status_code == 201, invite.text
    proposal = await client.post(
        f"{world.url}/partnerships", json={"partner_slug": world.other.slug}, headers=owner
    )
    assert proposal.status_code == 201, proposal.text

    assert (await client.delete(world.url, headers=owner)).status_code == 204
    for method, path in [
        ("GET", world.url),
        ("PATCH", world.url),
        ("DELETE", world.url),
        ("GET", f"{world.url}/members"),
        ("GET", f"{world.url}/invitations"),
        ("GET", f"{world.url}/partnerships"),
    ]:
        response = await client.request(
            method, path, headers=owner, json={} if method == "PATCH" else None
        )
        assert_problem(response, 404)
    # Its open links are closed, so nothing dangles for the other side.
    invitation_status = await db_session.scalar(
        select(Invitation.status).where(Invitation.id == invite.json()["id"])
    )
    assert invitation_status is InvitationStatus.revoked
    partnership_status = await db_session.scalar(
        select(Partnership.status).where(Partnership.id == proposal.json()["id"])
    )
    assert partnership_status is PartnershipStatus.ended
    other = await client.get(
        f"/api/v1/vivariums/{world.other.id}/partnerships", headers=world.headers("outsider")
    )
    assert other.json() == []


async def test_last_personal_vivarium_cannot_be_deleted(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    register = await client.post(
        "/api/v1/auth/register",
        json={"email": "solo@example.com", "password": "Sturdy-gecko-42", "display_name": "Solo"},
    )
    assert register.status_code == 201, register.text
    login = await client.post(
        "/api/v1/auth/login", json={"email": "solo@example.com", "password": "Sturdy-gecko-42"}
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    personal = (await client.get(API, headers=headers)).json()["items"][0]
    assert personal["is_personal"] is True

    body = assert_problem(await client.delete(f"{API}/{personal['id']}", headers=headers), 409)
    assert "personal vivarium" in body["detail"]
    assert (await client.get(f"{API}/{personal['id']}", headers=headers)).status_code == 200

    # With a second personal vivarium (e.g. kept from a merged account) the first may go.
    spare = await client.post(API, json={"name": "Spare"}, headers=headers)
    row = await db_session.get(Vivarium, spare.json()["id"])
    assert row is not None
    row.is_personal = True
    await db_session.flush()
    assert (await client.delete(f"{API}/{personal['id']}", headers=headers)).status_code == 204
    assert_problem(await client.delete(f"{API}/{spare.json()['id']}", headers=headers), 409)


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_bad_uuid_is_422(client: httpx.AsyncClient, world: World, method: str) -> None:
    response = await client.request(
        method,
        f"{API}/not-a-uuid",
        headers=world.headers("owner"),
        json={} if method == "PATCH" else None,
    )
    body = assert_problem(response, 422)
    assert body["errors"][0]["field"] == "path.vivarium_id"


async def test_unknown_vivarium_is_404(client: httpx.AsyncClient, world: World) -> None:
    assert_problem(
        await client.get(
            f"{API}/0192f6a4-0000-7000-8000-000000000000", headers=world.headers("admin")
        ),
        404,
    )
