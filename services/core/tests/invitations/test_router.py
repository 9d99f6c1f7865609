"""Invitation endpoints through HTTP: send, list, revoke, and the invitee's accept and decline."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.entitlements import enforce_limit, vivarium_limit
from reptidex_common.errors import PlanLimitExceeded
from reptidex_common.models.core import Invitation, Membership, Plan, User, Vivarium
from reptidex_common.models.enums import InvitationStatus, VivariumRole
from reptidex_common.models.outbox import OUTBOX_MODELS
from reptidex_common.plans import Entitlement
from reptidex_common.settings import get_settings

from ..vivariums.world import CURATOR_UP, World, assert_problem, matrix, ok_as

UserFactory = Callable[..., Any]
CoreOutbox = OUTBOX_MODELS["core"]
MINE = "/api/v1/invitations"


async def invite(
    client: httpx.AsyncClient, world: World, email: str, role: str = "keeper", actor: str = "owner"
) -> httpx.Response:
    return await client.post(
        f"{world.url}/invitations",
        json={"email": email, "role": role},
        headers=world.headers(actor),
    )


async def token_for(db_session: AsyncSession, invitee: User) -> str:
    """The token of the latest invitation emailed to the invitee: only the email carries it."""
    emails = await db_session.scalars(
        select(CoreOutbox)
        .where(CoreOutbox.task_name == "core.email.send")
        .order_by(CoreOutbox.id.desc())
    )
    for email in emails:
        if email.payload["to"].lower() == invitee.email.lower():
            found = re.search(r"/invitations/([\w-]+)", email.payload["text"])
            if found:
                return found.group(1)
    raise AssertionError(f"no invitation emailed to {invitee.email}")


async def verified_user(new_user: UserFactory, email: str) -> User:
    user: User = await new_user(email=email, email_verified_at=datetime.now(UTC))
    return user


async def counts(db_session: AsyncSession) -> tuple[int, int]:
    invitations = await db_session.scalar(select(func.count()).select_from(Invitation))
    # Emails only: the outbox also holds the events of each change.
    emails = await db_session.scalar(
        select(func.count())
        .select_from(CoreOutbox)
        .where(CoreOutbox.task_name == "core.email.send")
    )
    return int(invitations or 0), int(emails or 0)


async def expire(db_session: AsyncSession, invitation_id: str) -> None:
    await db_session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id)
        .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    )
    await db_session.flush()


@matrix(**ok_as(201, CURATOR_UP))
async def test_create_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    before = await counts(db_session)
    response = await invite(client, world, f"new-{actor}@example.com", "handler", actor)
    assert response.status_code == expected, response.text
    written = 1 if expected == 201 else 0
    assert await counts(db_session) == (before[0] + written, before[1] + written)


async def test_create_answers_the_invitation_and_queues_the_email(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    invitee = await verified_user(new_user, "Herp.Fan@Example.com")
    response = await invite(client, world, "herp.fan@example.com", "handler")
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {
        "id",
        "email",
        "role",
        "status",
        "expires_at",
        "vivarium_id",
        "vivarium_name",
    }
    assert (body["email"], body["role"], body["status"]) == (
        "herp.fan@example.com",
        "handler",
        "pending",
    )
    assert (body["vivarium_id"], body["vivarium_name"]) == (str(world.vivarium.id), "Gecko Grove")
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(days=6, hours=23) < expires - datetime.now(UTC) <= timedelta(days=7)

    # Only the email carries the token; the database keeps its SHA-256.
    token = await token_for(db_session, invitee)
    assert len(token) >= 40
    row = (await db_session.scalars(select(Invitation).where(Invitation.id == body["id"]))).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash
    # The invitee (email matched without regard to case) sees it, without any token.
    mine = (await client.get(MINE, headers=world.headers_for(invitee))).json()
    assert [item["id"] for item in mine] == [body["id"]]
    assert "token" not in mine[0]

    event = (
        await db_session.scalars(
            select(CoreOutbox).where(CoreOutbox.task_name == "core.email.send")
        )
    ).one()
    assert event.payload["to"] == "herp.fan@example.com"
    assert "Gecko Grove" in event.payload["subject"]
    assert f"{get_settings().breeder_web_url}/invitations/{token}" in event.payload["text"]
    assert event.published_at is None  # the relay sends it after commit


@pytest.mark.parametrize(
    ("actor", "role", "expected"),
    [
        ("curator", "keeper", 201),
        ("curator", "handler", 201),
        ("curator", "curator", 403),
        ("curator", "herpetologist", 403),
        ("owner", "curator", 201),
        ("owner", "herpetologist", 201),
        ("admin", "herpetologist", 201),
    ],
)
async def test_who_may_invite_which_role(
    client: httpx.AsyncClient, world: World, actor: str, role: str, expected: int
) -> None:
    response = await invite(client, world, "someone@example.com", role, actor)
    assert response.status_code == expected, response.text


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "not-an-email", "role": "keeper"},
        {"email": "", "role": "keeper"},
        {"email": "ok@example.com", "role": "overlord"},
        {"email": "ok@example.com"},
        {"role": "keeper"},
    ],
)
async def test_create_rejects_bad_input_and_writes_nothing(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, payload: dict[str, Any]
) -> None:
    before = await counts(db_session)
    response = await client.post(
        f"{world.url}/invitations", json=payload, headers=world.headers("owner")
    )
    assert assert_problem(response, 422)["errors"]
    assert await counts(db_session) == before


async def test_inviting_a_member_is_409(client: httpx.AsyncClient, world: World) -> None:
    body = assert_problem(await invite(client, world, world.users["keeper"].email.upper()), 409)
    assert "already a member" in body["detail"]


async def test_reinviting_a_pending_address_is_409_until_revoked_or_expired(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    first = await invite(client, world, "again@example.com")
    assert first.status_code == 201
    assert_problem(await invite(client, world, "AGAIN@example.com", "handler"), 409)

    revoke = await client.delete(
        f"{world.url}/invitations/{first.json()['id']}", headers=world.headers("owner")
    )
    assert revoke.status_code == 204
    second = await invite(client, world, "again@example.com")
    assert second.status_code == 201, second.text

    await expire(db_session, second.json()["id"])
    third = await invite(client, world, "again@example.com")
    assert third.status_code == 201, third.text


@matrix(**CURATOR_UP)
async def test_list_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    assert (await invite(client, world, "listed@example.com")).status_code == 201
    response = await client.get(f"{world.url}/invitations", headers=world.headers(actor))
    assert response.status_code == expected, response.text
    if expected == 200:
        assert [i["email"] for i in response.json()] == ["listed@example.com"]
        assert "token" not in response.json()[0]


async def test_list_shows_only_pending_unexpired(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession
) -> None:
    ids = [
        (await invite(client, world, f"{name}@example.com")).json()["id"]
        for name in ("a", "b", "c")
    ]
    await client.delete(f"{world.url}/invitations/{ids[0]}", headers=world.headers("owner"))
    await expire(db_session, ids[1])
    listed = (await client.get(f"{world.url}/invitations", headers=world.headers("owner"))).json()
    assert [i["id"] for i in listed] == [ids[2]]


@matrix(**ok_as(204, CURATOR_UP))
async def test_revoke_matrix(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, actor: str, expected: int
) -> None:
    invitation_id = (await invite(client, world, "revoke-me@example.com")).json()["id"]
    response = await client.delete(
        f"{world.url}/invitations/{invitation_id}", headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    status = await db_session.scalar(
        select(Invitation.status).where(Invitation.id == invitation_id)
    )
    assert status is (InvitationStatus.revoked if expected == 204 else InvitationStatus.pending)


async def test_revoke_rules(client: httpx.AsyncClient, world: World) -> None:
    curator_invite = (await invite(client, world, "future-curator@example.com", "curator")).json()[
        "id"
    ]
    url = f"{world.url}/invitations/{curator_invite}"
    assert_problem(await client.delete(url, headers=world.headers("curator")), 403)
    assert (await client.delete(url, headers=world.headers("owner"))).status_code == 204
    assert_problem(await client.delete(url, headers=world.headers("owner")), 404)  # already revoked
    assert_problem(
        await client.delete(f"{world.url}/invitations/not-a-uuid", headers=world.headers("owner")),
        422,
    )
    # An invitation of another vivarium is not found through this one.
    other = await client.post(
        f"/api/v1/vivariums/{world.other.id}/invitations",
        json={"email": "x@example.com", "role": "keeper"},
        headers=world.headers("outsider"),
    )
    assert_problem(
        await client.delete(
            f"{world.url}/invitations/{other.json()['id']}", headers=world.headers("owner")
        ),
        404,
    )


async def test_my_invitations_are_mine_pending_and_unexpired(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    invitee = await verified_user(new_user, "mine@example.com")
    kept = await invite(client, world, "MINE@example.com", "handler")
    other = await client.post(
        f"/api/v1/vivariums/{world.other.id}/invitations",
        json={"email": "mine@example.com", "role": "keeper"},
        headers=world.headers("outsider"),
    )
    await invite(client, world, "someone-else@example.com")
    await expire(db_session, other.json()["id"])

    response = await client.get(MINE, headers=world.headers_for(invitee))
    assert response.status_code == 200, response.text
    items = response.json()
    assert [i["id"] for i in items] == [kept.json()["id"]]
    assert set(items[0]) == {
        "id",
        "email",
        "role",
        "status",
        "expires_at",
        "vivarium_id",
        "vivarium_name",
    }
    assert items[0]["vivarium_name"] == "Gecko Grove"
    assert_problem(await client.get(MINE), 401)


async def test_accept_makes_the_invitee_a_member(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    invitee = await verified_user(new_user, "joiner@example.com")
    created = await invite(client, world, "Joiner@Example.com", "handler")
    token = await token_for(db_session, invitee)
    headers = world.headers_for(invitee)

    response = await client.post(f"{MINE}/{token}/accept", headers=headers)
    assert response.status_code == 201, response.text
    assert response.json() == {"vivarium_id": str(world.vivarium.id), "role": "handler"}
    viv = (await client.get(world.url, headers=headers)).json()
    assert viv["my_role"] == "handler"
    row = (
        await db_session.scalars(select(Invitation).where(Invitation.id == created.json()["id"]))
    ).one()
    assert row.status is InvitationStatus.accepted
    assert row.responded_at is not None
    assert (await client.get(MINE, headers=headers)).json() == []

    again = assert_problem(await client.post(f"{MINE}/{token}/accept", headers=headers), 409)
    assert "accepted" in again["detail"]


@pytest.mark.parametrize("who", ["stranger", "admin", "anonymous"])
async def test_only_the_invited_user_may_accept(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    new_user: UserFactory,
    who: str,
) -> None:
    invitee = await verified_user(new_user, "target@example.com")
    await invite(client, world, "target@example.com")
    token = await token_for(db_session, invitee)
    headers = {
        "stranger": world.headers("outsider"),
        "admin": world.headers("admin"),
        "anonymous": {},
    }[who]
    for action in ("accept", "decline"):
        response = await client.post(f"{MINE}/{token}/{action}", headers=headers)
        assert_problem(response, 401 if who == "anonymous" else 404)
    # Still open for the right person.
    assert (
        await client.post(f"{MINE}/{token}/accept", headers=world.headers_for(invitee))
    ).status_code == 201


async def test_unknown_token_is_404(client: httpx.AsyncClient, world: World) -> None:
    assert_problem(
        await client.post(f"{MINE}/no-such-token/accept", headers=world.headers("owner")), 404
    )
    assert_problem(
        await client.post(f"{MINE}/{'x' * 65}/accept", headers=world.headers("owner")), 422
    )


async def test_expired_invitation_is_410(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    invitee = await verified_user(new_user, "late@example.com")
    created = await invite(client, world, "late@example.com")
    token = await token_for(db_session, invitee)
    await expire(db_session, created.json()["id"])
    for action in ("accept", "decline"):
        body = assert_problem(
            await client.post(f"{MINE}/{token}/{action}", headers=world.headers_for(invitee)), 410
        )
        assert "expired" in body["detail"]
    assert (
        await db_session.scalar(
            select(func.count()).select_from(Membership).where(Membership.user_id == invitee.id)
        )
        == 0
    )


async def test_revoked_or_declined_invitation_is_409(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    invitee = await verified_user(new_user, "maybe@example.com")
    headers = world.headers_for(invitee)
    first = await invite(client, world, "maybe@example.com")
    revoked_token = await token_for(db_session, invitee)
    await client.delete(
        f"{world.url}/invitations/{first.json()['id']}", headers=world.headers("owner")
    )
    assert (
        "revoked"
        in assert_problem(
            await client.post(f"{MINE}/{revoked_token}/accept", headers=headers), 409
        )["detail"]
    )

    await invite(client, world, "maybe@example.com")
    token = await token_for(db_session, invitee)
    assert (await client.post(f"{MINE}/{token}/decline", headers=headers)).status_code == 204
    assert (
        "declined"
        in assert_problem(await client.post(f"{MINE}/{token}/accept", headers=headers), 409)[
            "detail"
        ]
    )
    assert_problem(await client.post(f"{MINE}/{token}/decline", headers=headers), 409)


async def test_accepting_when_already_a_member_is_409(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    invitee = await verified_user(new_user, "twice@example.com")
    await invite(client, world, "twice@example.com")
    token = await token_for(db_session, invitee)
    # Joined meanwhile by another route (e.g. a second invitation already accepted).
    db_session.add(
        Membership(vivarium_id=world.vivarium.id, user_id=invitee.id, role=VivariumRole.keeper)
    )
    await db_session.flush()
    assert_problem(
        await client.post(f"{MINE}/{token}/accept", headers=world.headers_for(invitee)), 409
    )


async def test_invitation_to_a_deleted_vivarium_is_gone(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    invitee = await verified_user(new_user, "orphan@example.com")
    await invite(client, world, "orphan@example.com")
    token = await token_for(db_session, invitee)
    assert (await client.delete(world.url, headers=world.headers("owner"))).status_code == 204
    assert (await client.get(MINE, headers=world.headers_for(invitee))).json() == []
    assert_problem(
        await client.post(f"{MINE}/{token}/accept", headers=world.headers_for(invitee)), 404
    )


async def test_collaborator_seats_are_enforced_on_invite_and_accept(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    new_user: UserFactory,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    owner = await new_user()
    vivarium: Vivarium = await make_vivarium(owner, name="Tiny")  # Hobbyist: one collaborator
    headers = auth_headers(owner)
    url = f"/api/v1/vivariums/{vivarium.id}/invitations"
    anna = await verified_user(new_user, "anna@example.com")
    ben = await verified_user(new_user, "ben@example.com")

    assert (
        await client.post(
            url, json={"email": "anna@example.com", "role": "keeper"}, headers=headers
        )
    ).status_code == 201
    # The pending invitation holds the only seat.
    full = assert_problem(
        await client.post(
            url, json={"email": "ben@example.com", "role": "keeper"}, headers=headers
        ),
        402,
    )
    assert full["type"].endswith("/plan-limit")
    assert "1 collaborator" in full["detail"]

    # A staff override grants a second seat; taking it back leaves one invitation unusable.
    vivarium.entitlement_overrides = {"collaborators": 2}
    await db_session.flush()
    assert (
        await client.post(url, json={"email": "ben@example.com", "role": "keeper"}, headers=headers)
    ).status_code == 201
    vivarium.entitlement_overrides = {}
    await db_session.flush()
    anna_token = await token_for(db_session, anna)
    ben_token = await token_for(db_session, ben)
    assert (
        await client.post(f"{MINE}/{anna_token}/accept", headers=auth_headers(anna))
    ).status_code == 201
    assert_problem(await client.post(f"{MINE}/{ben_token}/accept", headers=auth_headers(ben)), 402)
    members = await client.get(f"/api/v1/vivariums/{vivarium.id}/members", headers=headers)
    assert len(members.json()) == 2
    # A member leaving frees the seat again.
    assert (
        await client.delete(
            f"/api/v1/vivariums/{vivarium.id}/members/{anna.id}", headers=auth_headers(anna)
        )
    ).status_code == 204
    assert (
        await client.post(f"{MINE}/{ben_token}/accept", headers=auth_headers(ben))
    ).status_code == 201


async def test_an_unverified_address_cannot_take_an_invitation(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    """Whoever registers the invited address first must not join: the inbox must be theirs."""
    squatter = await new_user(email="curator-to-be@example.com")
    created = await invite(client, world, "Curator-To-Be@example.com", "curator")
    token = await token_for(db_session, squatter)
    headers = world.headers_for(squatter)

    for path in (f"{MINE}/{token}", f"{MINE}/received/{created.json()['id']}"):
        for action in ("accept", "decline"):
            body = assert_problem(await client.post(f"{path}/{action}", headers=headers), 403)
            assert body["type"].endswith("/email-not-verified")
            assert "Verify your email address curator-to-be@example.com" in body["detail"]
    row = (
        await db_session.scalars(select(Invitation).where(Invitation.id == created.json()["id"]))
    ).one()
    assert row.status is InvitationStatus.pending
    memberships = select(func.count()).select_from(Membership)
    assert await db_session.scalar(memberships.where(Membership.user_id == squatter.id)) == 0

    # Once the address is verified, the same invitation opens.
    squatter.email_verified_at = datetime.now(UTC)
    await db_session.flush()
    response = await client.post(f"{MINE}/{token}/accept", headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["role"] == "curator"


async def test_the_emailed_link_shows_the_invitation_to_its_invitee_only(
    client: httpx.AsyncClient, world: World, db_session: AsyncSession, new_user: UserFactory
) -> None:
    invitee = await new_user(email="reader@example.com")
    created = await invite(client, world, "reader@example.com", "handler")
    token = await token_for(db_session, invitee)

    shown = await client.get(f"{MINE}/{token}", headers=world.headers_for(invitee))
    assert shown.status_code == 200, shown.text
    assert shown.json()["id"] == created.json()["id"]
    assert shown.json()["vivarium_name"] == "Gecko Grove"
    assert "token" not in shown.json()
    assert_problem(await client.get(f"{MINE}/{token}", headers=world.headers("outsider")), 404)
    assert_problem(
        await client.get(f"{MINE}/no-such-token", headers=world.headers_for(invitee)), 404
    )
    # The stored hash is no link: it opens nothing.
    row = (
        await db_session.scalars(select(Invitation).where(Invitation.id == created.json()["id"]))
    ).one()
    assert_problem(
        await client.get(f"{MINE}/{row.token_hash}", headers=world.headers_for(invitee)), 404
    )


async def test_the_invitee_answers_from_their_list_by_id(
    client: httpx.AsyncClient, world: World, new_user: UserFactory
) -> None:
    invitee = await verified_user(new_user, "lister@example.com")
    created = await invite(client, world, "lister@example.com", "handler")
    url = f"{MINE}/received/{created.json()['id']}"
    assert_problem(await client.post(f"{url}/accept", headers=world.headers("outsider")), 404)
    response = await client.post(f"{url}/accept", headers=world.headers_for(invitee))
    assert response.status_code == 201, response.text
    assert response.json() == {"vivarium_id": str(world.vivarium.id), "role": "handler"}
    assert_problem(await client.post(f"{url}/decline", headers=world.headers_for(invitee)), 409)


async def test_a_plan_without_the_collaborators_key_grants_no_seat_anywhere(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    new_user: UserFactory,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    """Core's seat check and the shared limit check read a missing key the same way."""
    owner = await new_user()
    vivarium: Vivarium = await make_vivarium(owner)
    bare = Plan(code=f"bare-{uuid.uuid4().hex[:6]}", name="Bare", entitlements={})
    db_session.add(bare)
    await db_session.flush()
    vivarium.plan_id = bare.id
    await db_session.flush()

    refused = assert_problem(
        await client.post(
            f"/api/v1/vivariums/{vivarium.id}/invitations",
            json={"email": "anna@example.com", "role": "keeper"},
            headers=auth_headers(owner),
        ),
        402,
    )
    assert refused["type"].endswith("/plan-limit")
    assert refused["entitlement"] == "collaborators"
    assert refused["limit"] == 0
    with pytest.raises(PlanLimitExceeded):
        await enforce_limit(db_session, vivarium.id, Entitlement.collaborators, 0)
    assert await vivarium_limit(db_session, vivarium.id, Entitlement.collaborators) == 0
    # An explicit null is the one way to say unlimited, in every path alike.
    vivarium.entitlement_overrides = {"collaborators": None}
    await db_session.flush()
    assert (
        await client.post(
            f"/api/v1/vivariums/{vivarium.id}/invitations",
            json={"email": "anna@example.com", "role": "keeper"},
            headers=auth_headers(owner),
        )
    ).status_code == 201
    await enforce_limit(db_session, vivarium.id, Entitlement.collaborators, 1000)
