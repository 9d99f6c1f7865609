"""The domain events repti-core emits, through the HTTP API on the real PostgreSQL.

Each case makes one change and checks that core's outbox gained exactly the events that change
describes, once each, with the right envelope (producer, version, actor, vivarium) and data;
a refused change leaves no event at all. Together the cases cover every core event in the
catalogue, so a new core event without a proof fails here.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.events.catalogue import CATALOGUE, spec_for
from reptidex_common.events.envelope import Actor, ActorType, EventEnvelope
from reptidex_common.events.types.audit import audit_event_type
from reptidex_common.models.core import Plan, User, Vivarium
from reptidex_common.models.enums import UserStatus
from reptidex_common.models.outbox import OUTBOX_MODELS, OutboxKind

from ..vivariums.world import World

CoreOutbox = OUTBOX_MODELS["core"]
PASSWORD = "Sturdy-gecko-42"


@dataclass
class Ctx:
    client: httpx.AsyncClient
    world: World
    db: AsyncSession
    new_user: Callable[..., Awaitable[User]]
    headers_for: Callable[[User], dict[str, str]]
    seen: set[uuid.UUID]
    # Every event type a case saw emitted, as `emitted` checked it.
    proven: set[str]

    def user(self, actor: str) -> User:
        return self.world.users[actor]

    def headers(self, actor: str) -> dict[str, str]:
        return self.world.headers(actor)

    def actor(self, who: str) -> Actor:
        return Actor(type=ActorType.user, id=str(self.user(who).id))

    async def events(self) -> list[EventEnvelope]:
        # Domain events only: every write also reports itself to the audit log, which the
        # audit tests check.
        rows = await self.db.scalars(
            select(CoreOutbox.payload).where(
                CoreOutbox.kind == OutboxKind.event,
                CoreOutbox.task_name != audit_event_type("core"),
            )
        )
        return [EventEnvelope.model_validate(row) for row in rows]

    async def mark(self) -> None:
        """From here on, `new_events` returns only what the next requests emit."""
        self.seen = {event.id for event in await self.events()}

    async def new_events(self) -> list[EventEnvelope]:
        return [event for event in await self.events() if event.id not in self.seen]

    async def emitted(self, *types: str) -> dict[str, EventEnvelope]:
        """The events since `mark`: exactly one of each of `types` and nothing else."""
        new = await self.new_events()
        assert Counter(event.type for event in new) == Counter(types), [e.type for e in new]
        for event in new:
            spec = spec_for(event.type, event.version)
            assert (event.producer, event.version) == ("core", 1)
            spec.data.model_validate(event.data)  # readable by any consumer
        self.proven.update(types)
        return {event.type: event for event in new}


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


def check(
    event: EventEnvelope, *, actor: Actor, vivarium_id: uuid.UUID | None, **data: Any
) -> None:
    assert event.actor == actor
    assert event.vivarium_id == vivarium_id
    expected = json.loads(json.dumps(data, default=str))
    assert {key: event.data[key] for key in expected} == expected


async def invite(ctx: Ctx, email: str, role: str = "keeper", actor: str = "owner") -> str:
    response = await ctx.client.post(
        f"{ctx.world.url}/invitations",
        json={"email": email, "role": role},
        headers=ctx.headers(actor),
    )
    return str(ok(response, 201)["id"])


async def verified(ctx: Ctx, email: str) -> User:
    return await ctx.new_user(email=email, email_verified_at=datetime.now(UTC))


async def propose(ctx: Ctx) -> str:
    response = await ctx.client.post(
        f"{ctx.world.url}/partnerships",
        json={"partner_slug": ctx.world.other.slug, "note": "Swap hatchlings?"},
        headers=ctx.headers("owner"),
    )
    return str(ok(response, 201)["id"])


async def plan_code(ctx: Ctx, vivarium: Vivarium) -> str:
    code = await ctx.db.scalar(select(Plan.code).where(Plan.id == vivarium.plan_id))
    assert code is not None
    return code


# --- users ---------------------------------------------------------------------------------


async def user_registered(ctx: Ctx) -> None:
    body = {"email": "newbie@example.com", "password": PASSWORD, "display_name": "Newbie"}
    user = ok(await ctx.client.post("/api/v1/auth/register", json=body), 201)
    events = await ctx.emitted("core.user.registered", "core.vivarium.created")
    new_user = Actor(type=ActorType.user, id=user["id"])
    personal = events["core.vivarium.created"]
    check(
        events["core.user.registered"],
        actor=new_user,
        vivarium_id=None,
        user_id=user["id"],
        email="newbie@example.com",
        display_name="Newbie",
        personal_vivarium_id=personal.vivarium_id,
    )
    check(personal, actor=new_user, vivarium_id=personal.vivarium_id, owner_id=user["id"])
    assert personal.data["is_personal"] is True
    assert PASSWORD not in events["core.user.registered"].model_dump_json()
    assert "password" not in events["core.user.registered"].data


async def user_updated(ctx: Ctx) -> None:
    body = {
        "display_name": "Kim the Keeper",
        "bio": None,  # unchanged: not reported
        "privacy_settings": {"show_location": False},
    }
    ok(await ctx.client.patch("/api/v1/users/me", json=body, headers=ctx.headers("keeper")))
    event = (await ctx.emitted("core.user.updated"))["core.user.updated"]
    check(
        event,
        actor=ctx.actor("keeper"),
        vivarium_id=None,
        user_id=ctx.user("keeper").id,
        changes={"display_name": "Kim the Keeper", "privacy_settings": {"show_location": False}},
    )
    await ctx.mark()
    ok(await ctx.client.patch("/api/v1/users/me", json=body, headers=ctx.headers("keeper")))
    await ctx.emitted()


async def user_suspended(ctx: Ctx) -> None:
    keeper = ctx.user("keeper")
    url = f"/api/v1/users/{keeper.id}/suspend"
    ok(await ctx.client.post(url, headers=ctx.headers("support")))
    event = (await ctx.emitted("core.user.suspended"))["core.user.suspended"]
    moderator = ctx.user("support").id
    check(event, actor=ctx.actor("support"), vivarium_id=None, user_id=keeper.id,
          moderator_id=moderator)  # fmt: skip
    # Suspending a suspended account changes nothing, and says so to nobody.
    await ctx.mark()
    ok(await ctx.client.post(url, headers=ctx.headers("support")))
    await ctx.emitted()


async def user_reinstated(ctx: Ctx) -> None:
    keeper = ctx.user("keeper")
    await ctx.db.execute(
        update(User).where(User.id == keeper.id).values(status=UserStatus.suspended)
    )
    await ctx.db.flush()
    url = f"/api/v1/users/{keeper.id}/reactivate"
    ok(await ctx.client.post(url, headers=ctx.headers("admin")))
    event = (await ctx.emitted("core.user.reinstated"))["core.user.reinstated"]
    check(event, actor=ctx.actor("admin"), vivarium_id=None, user_id=keeper.id,
          moderator_id=ctx.user("admin").id)  # fmt: skip
    await ctx.mark()
    ok(await ctx.client.post(url, headers=ctx.headers("admin")))
    await ctx.emitted()


# --- vivariums -----------------------------------------------------------------------------


async def vivarium_created(ctx: Ctx) -> None:
    body = {"name": "Boa Barn", "is_public": True}
    created = ok(await ctx.client.post("/api/v1/vivariums", json=body,
                                       headers=ctx.headers("outsider")), 201)  # fmt: skip
    event = (await ctx.emitted("core.vivarium.created"))["core.vivarium.created"]
    check(
        event,
        actor=ctx.actor("outsider"),
        vivarium_id=uuid.UUID(created["id"]),
        name="Boa Barn",
        slug=created["slug"],
        owner_id=ctx.user("outsider").id,
        is_personal=False,
        is_public=True,
        plan_code=created["plan_code"],
    )


async def vivarium_updated(ctx: Ctx) -> None:
    body = {
        "name": "Reptile Ranch",
        "is_public": False,  # unchanged: not reported
        "settings": {"animal_id_template": "RR-{SEQ:04}"},
    }
    ok(await ctx.client.patch(ctx.world.url, json=body, headers=ctx.headers("owner")))
    event = (await ctx.emitted("core.vivarium.updated"))["core.vivarium.updated"]
    check(
        event,
        actor=ctx.actor("owner"),
        vivarium_id=ctx.world.vivarium.id,
        changes={"name": "Reptile Ranch", "settings": {"animal_id_template": "RR-{SEQ:04}"}},
    )
    # A request that changes nothing emits nothing.
    await ctx.mark()
    ok(await ctx.client.patch(ctx.world.url, json={"name": "Reptile Ranch"},
                              headers=ctx.headers("curator")))  # fmt: skip
    await ctx.emitted()


async def vivarium_deleted(ctx: Ctx) -> None:
    """Deleting closes its pending invitations and open partnerships, each told on its own."""
    invitation_id = await invite(ctx, "pending@example.com")
    partnership_id = await propose(ctx)
    await ctx.mark()
    ok(await ctx.client.delete(ctx.world.url, headers=ctx.headers("owner")), 204)
    events = await ctx.emitted(
        "core.vivarium.deleted", "core.invitation.revoked", "core.partnership.ended"
    )
    world = ctx.world
    owner = ctx.actor("owner")
    deleted = events["core.vivarium.deleted"]
    check(deleted, actor=owner, vivarium_id=world.vivarium.id, name="Gecko Grove")
    members = {ctx.user(who).id for who in ("owner", "curator", "handler", "keeper")}
    assert {uuid.UUID(i) for i in deleted.data["member_ids"]} == members
    check(
        events["core.invitation.revoked"],
        actor=owner,
        vivarium_id=world.vivarium.id,
        invitation_id=invitation_id,
        email="pending@example.com",
        reason="vivarium_deleted",
    )
    check(
        events["core.partnership.ended"],
        actor=owner,
        vivarium_id=world.vivarium.id,
        partnership_id=partnership_id,
        requester_vivarium_id=world.vivarium.id,
        partner_vivarium_id=world.other.id,
        previous_status="proposed",
        ended_by_vivarium_id=None,
        reason="vivarium_deleted",
    )


# --- members -------------------------------------------------------------------------------


async def member_role_changed(ctx: Ctx) -> None:
    keeper = ctx.user("keeper")
    url = f"{ctx.world.url}/members/{keeper.id}"
    ok(await ctx.client.patch(url, json={"role": "handler"}, headers=ctx.headers("owner")))
    event = (await ctx.emitted("core.member.role_changed"))["core.member.role_changed"]
    check(event, actor=ctx.actor("owner"), vivarium_id=ctx.world.vivarium.id,
          user_id=keeper.id, role="handler", previous_role="keeper")  # fmt: skip
    await ctx.mark()
    ok(await ctx.client.patch(url, json={"role": "handler"}, headers=ctx.headers("owner")))
    await ctx.emitted()


async def member_removed(ctx: Ctx) -> None:
    keeper = ctx.user("keeper")
    url = f"{ctx.world.url}/members/{keeper.id}"
    ok(await ctx.client.delete(url, headers=ctx.headers("curator")), 204)
    event = (await ctx.emitted("core.member.removed"))["core.member.removed"]
    check(event, actor=ctx.actor("curator"), vivarium_id=ctx.world.vivarium.id,
          user_id=keeper.id, role="keeper")  # fmt: skip


async def member_left(ctx: Ctx) -> None:
    handler = ctx.user("handler")
    url = f"{ctx.world.url}/members/{handler.id}"
    ok(await ctx.client.delete(url, headers=ctx.headers("handler")), 204)
    event = (await ctx.emitted("core.member.left"))["core.member.left"]
    check(event, actor=ctx.actor("handler"), vivarium_id=ctx.world.vivarium.id,
          user_id=handler.id, role="handler")  # fmt: skip


# --- invitations ---------------------------------------------------------------------------


async def invitation_created(ctx: Ctx) -> None:
    invitee = await verified(ctx, "invitee@example.com")
    invitation_id = await invite(ctx, "invitee@example.com", role="handler", actor="curator")
    event = (await ctx.emitted("core.invitation.created"))["core.invitation.created"]
    check(
        event,
        actor=ctx.actor("curator"),
        vivarium_id=ctx.world.vivarium.id,
        invitation_id=invitation_id,
        vivarium_name="Gecko Grove",
        email="invitee@example.com",
        role="handler",
        invited_by_id=ctx.user("curator").id,
        inviter_display_name="Curator",
        invited_user_id=invitee.id,
    )
    assert event.data["expires_at"]
    # The emailed token is the only key to the invitation; the event never carries it.
    email = await ctx.db.scalar(
        select(CoreOutbox.payload).where(CoreOutbox.task_name == "core.email.send")
    )
    assert email is not None
    token = email["text"].split("/invitations/")[1].split()[0]
    assert token not in event.model_dump_json()
    # An address without an account yet is invited all the same; nobody to tell in the app.
    await ctx.mark()
    await invite(ctx, "stranger@example.com")
    stranger = (await ctx.emitted("core.invitation.created"))["core.invitation.created"]
    assert stranger.data["invited_user_id"] is None


async def invitation_accepted(ctx: Ctx) -> None:
    invitee = await verified(ctx, "joiner@example.com")
    invitation_id = await invite(ctx, "joiner@example.com", role="handler")
    await ctx.mark()
    url = f"/api/v1/invitations/received/{invitation_id}/accept"
    ok(await ctx.client.post(url, headers=ctx.headers_for(invitee)), 201)
    events = await ctx.emitted("core.invitation.accepted", "core.member.joined")
    as_invitee = Actor(type=ActorType.user, id=str(invitee.id))
    vivarium_id = ctx.world.vivarium.id
    check(events["core.invitation.accepted"], actor=as_invitee, vivarium_id=vivarium_id,
          invitation_id=invitation_id, user_id=invitee.id, email="joiner@example.com",
          invited_by_id=ctx.user("owner").id, role="handler")  # fmt: skip
    check(events["core.member.joined"], actor=as_invitee, vivarium_id=vivarium_id,
          user_id=invitee.id, role="handler", invitation_id=invitation_id,
          display_name=invitee.display_name)  # fmt: skip


async def invitation_declined(ctx: Ctx) -> None:
    invitee = await verified(ctx, "decliner@example.com")
    invitation_id = await invite(ctx, "decliner@example.com")
    await ctx.mark()
    url = f"/api/v1/invitations/received/{invitation_id}/decline"
    ok(await ctx.client.post(url, headers=ctx.headers_for(invitee)), 204)
    event = (await ctx.emitted("core.invitation.declined"))["core.invitation.declined"]
    check(event, actor=Actor(type=ActorType.user, id=str(invitee.id)),
          vivarium_id=ctx.world.vivarium.id, invitation_id=invitation_id, user_id=invitee.id,
          email="decliner@example.com")  # fmt: skip


async def invitation_revoked(ctx: Ctx) -> None:
    invitation_id = await invite(ctx, "withdrawn@example.com")
    await ctx.mark()
    url = f"{ctx.world.url}/invitations/{invitation_id}"
    ok(await ctx.client.delete(url, headers=ctx.headers("curator")), 204)
    event = (await ctx.emitted("core.invitation.revoked"))["core.invitation.revoked"]
    check(event, actor=ctx.actor("curator"), vivarium_id=ctx.world.vivarium.id,
          invitation_id=invitation_id, email="withdrawn@example.com", reason=None)  # fmt: skip


# --- partnerships --------------------------------------------------------------------------


async def partnership_proposed(ctx: Ctx) -> None:
    partnership_id = await propose(ctx)
    event = (await ctx.emitted("core.partnership.proposed"))["core.partnership.proposed"]
    check(
        event,
        actor=ctx.actor("owner"),
        vivarium_id=ctx.world.vivarium.id,
        partnership_id=partnership_id,
        requester_vivarium_id=ctx.world.vivarium.id,
        partner_vivarium_id=ctx.world.other.id,
        requester_name="Gecko Grove",
        partner_name="Python Place",
        proposed_by_id=ctx.user("owner").id,
        note="Swap hatchlings?",
    )


async def partnership_accepted(ctx: Ctx) -> None:
    partnership_id = await propose(ctx)
    await ctx.mark()
    url = f"/api/v1/partnerships/{partnership_id}/accept"
    ok(await ctx.client.post(url, headers=ctx.headers("outsider")))
    event = (await ctx.emitted("core.partnership.accepted"))["core.partnership.accepted"]
    check(event, actor=ctx.actor("outsider"), vivarium_id=ctx.world.other.id,
          partnership_id=partnership_id, requester_vivarium_id=ctx.world.vivarium.id,
          partner_vivarium_id=ctx.world.other.id)  # fmt: skip


async def partnership_ended(ctx: Ctx) -> None:
    partnership_id = await propose(ctx)
    ok(await ctx.client.post(f"/api/v1/partnerships/{partnership_id}/accept",
                             headers=ctx.headers("outsider")))  # fmt: skip
    await ctx.mark()
    url = f"/api/v1/partnerships/{partnership_id}/end"
    ok(await ctx.client.post(url, headers=ctx.headers("outsider")))
    event = (await ctx.emitted("core.partnership.ended"))["core.partnership.ended"]
    check(event, actor=ctx.actor("outsider"), vivarium_id=ctx.world.other.id,
          partnership_id=partnership_id, previous_status="active",
          ended_by_vivarium_id=ctx.world.other.id, reason=None)  # fmt: skip


# --- plans ---------------------------------------------------------------------------------


async def plan_changed(ctx: Ctx) -> None:
    vivarium = ctx.world.vivarium
    previous = await plan_code(ctx, vivarium)
    url = f"/api/v1/vivariums/{vivarium.id}/plan"
    ok(await ctx.client.put(url, json={"plan_code": "breeder"}, headers=ctx.headers("admin")))
    event = (await ctx.emitted("core.plan.changed"))["core.plan.changed"]
    check(
        event,
        actor=ctx.actor("admin"),
        vivarium_id=vivarium.id,
        previous_plan_code=previous,
        plan_code="breeder",
    )
    await ctx.mark()
    ok(await ctx.client.put(url, json={"plan_code": "breeder"}, headers=ctx.headers("admin")))
    await ctx.emitted()


async def plan_overrides_changed(ctx: Ctx) -> None:
    vivarium = ctx.world.vivarium
    url = f"/api/v1/vivariums/{vivarium.id}/entitlement-overrides"
    body = {"overrides": {"max_animals": 500, "collaborators": None}}
    ok(await ctx.client.put(url, json=body, headers=ctx.headers("admin")))
    event = (await ctx.emitted("core.plan.overrides_changed"))["core.plan.overrides_changed"]
    check(
        event,
        actor=ctx.actor("admin"),
        vivarium_id=vivarium.id,
        overrides={"max_animals": 500, "collaborators": None},
        previous_overrides={"collaborators": None},
    )


# --- API keys ------------------------------------------------------------------------------


async def api_key_created(ctx: Ctx) -> None:
    body = {"name": "Scale", "scopes": ["animals:read"], "vivarium_id": str(ctx.world.vivarium.id)}
    created = ok(await ctx.client.post("/api/v1/api-keys", json=body,
                                       headers=ctx.headers("owner")), 201)  # fmt: skip
    event = (await ctx.emitted("core.api_key.created"))["core.api_key.created"]
    check(event, actor=ctx.actor("owner"), vivarium_id=ctx.world.vivarium.id,
          api_key_id=created["id"], user_id=ctx.user("owner").id, name="Scale",
          scopes=["animals:read"], expires_at=None)  # fmt: skip
    # No key material: neither the secret nor the prefix that narrows it down.
    dumped = event.model_dump_json()
    assert created["key"] not in dumped
    assert created["prefix"] not in dumped


async def api_key_revoked(ctx: Ctx) -> None:
    body = {"name": "Old script", "scopes": ["animals:read"]}
    created = ok(await ctx.client.post("/api/v1/api-keys", json=body,
                                       headers=ctx.headers("owner")), 201)  # fmt: skip
    await ctx.mark()
    url = f"/api/v1/api-keys/{created['id']}"
    ok(await ctx.client.delete(url, headers=ctx.headers("owner")), 204)
    event = (await ctx.emitted("core.api_key.revoked"))["core.api_key.revoked"]
    check(event, actor=ctx.actor("owner"), vivarium_id=None, api_key_id=created["id"],
          user_id=ctx.user("owner").id, name="Old script")  # fmt: skip
    # Revoking again is allowed and changes nothing.
    await ctx.mark()
    ok(await ctx.client.delete(url, headers=ctx.headers("owner")), 204)
    await ctx.emitted()


Case = Callable[[Ctx], Awaitable[None]]
# Each case and the event types its change emits.
CASES: dict[str, tuple[Case, frozenset[str]]] = {
    case.__name__: (case, frozenset(types))
    for case, types in [
        (user_registered, {"core.user.registered", "core.vivarium.created"}),
        (user_updated, {"core.user.updated"}),
        (user_suspended, {"core.user.suspended"}),
        (user_reinstated, {"core.user.reinstated"}),
        (vivarium_created, {"core.vivarium.created"}),
        (vivarium_updated, {"core.vivarium.updated"}),
        (
            vivarium_deleted,
            {"core.vivarium.deleted", "core.invitation.revoked", "core.partnership.ended"},
        ),
        (member_role_changed, {"core.member.role_changed"}),
        (member_removed, {"core.member.removed"}),
        (member_left, {"core.member.left"}),
        (invitation_created, {"core.invitation.created"}),
        (invitation_accepted, {"core.invitation.accepted", "core.member.joined"}),
        (invitation_declined, {"core.invitation.declined"}),
        (invitation_revoked, {"core.invitation.revoked"}),
        (partnership_proposed, {"core.partnership.proposed"}),
        (partnership_accepted, {"core.partnership.accepted"}),
        (partnership_ended, {"core.partnership.ended"}),
        (plan_changed, {"core.plan.changed"}),
        (plan_overrides_changed, {"core.plan.overrides_changed"}),
        (api_key_created, {"core.api_key.created"}),
        (api_key_revoked, {"core.api_key.revoked"}),
    ]
}


@pytest.fixture
async def ctx(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    new_user: Callable[..., Awaitable[User]],
    auth_headers: Callable[[User], dict[str, str]],
) -> Ctx:
    context = Ctx(client, world, db_session, new_user, auth_headers, set(), set())
    await context.mark()
    return context


@pytest.mark.parametrize("name", sorted(CASES))
async def test_each_change_emits_its_events_once(ctx: Ctx, name: str) -> None:
    case, types = CASES[name]
    await case(ctx)
    assert ctx.proven == types


def test_every_core_event_is_proven_emitted() -> None:
    spec_for("core.user.registered", 1)  # loads the catalogue
    catalogued = {
        name
        for name, _version in CATALOGUE
        if name.startswith("core.") and name != audit_event_type("core")
    }
    proven = frozenset().union(*(types for _case, types in CASES.values()))
    assert proven == catalogued


# --- refused changes -----------------------------------------------------------------------


async def taken_email(ctx: Ctx) -> httpx.Response:
    body = {"email": "twice@example.com", "password": PASSWORD, "display_name": "Twice"}
    ok(await ctx.client.post("/api/v1/auth/register", json=body), 201)
    await ctx.mark()
    return await ctx.client.post("/api/v1/auth/register", json=body)


async def staff_suspends_self(ctx: Ctx) -> httpx.Response:
    support = ctx.user("support")
    return await ctx.client.post(
        f"/api/v1/users/{support.id}/suspend", headers=ctx.headers("support")
    )


async def curator_edits_settings(ctx: Ctx) -> httpx.Response:
    body = {"name": "Renamed", "settings": {"animal_id_template": "X-{SEQ}"}}
    return await ctx.client.patch(ctx.world.url, json=body, headers=ctx.headers("curator"))


async def last_owner_leaves(ctx: Ctx) -> httpx.Response:
    url = f"{ctx.world.url}/members/{ctx.user('owner').id}"
    return await ctx.client.delete(url, headers=ctx.headers("owner"))


async def keeper_changes_a_role(ctx: Ctx) -> httpx.Response:
    url = f"{ctx.world.url}/members/{ctx.user('handler').id}"
    return await ctx.client.patch(url, json={"role": "keeper"}, headers=ctx.headers("keeper"))


async def member_invited_again(ctx: Ctx) -> httpx.Response:
    return await ctx.client.post(
        f"{ctx.world.url}/invitations",
        json={"email": ctx.user("curator").email, "role": "keeper"},
        headers=ctx.headers("owner"),
    )


async def unverified_invitee_accepts(ctx: Ctx) -> httpx.Response:
    invitee = await ctx.new_user(email="unverified@example.com")
    invitation_id = await invite(ctx, "unverified@example.com")
    await ctx.mark()
    url = f"/api/v1/invitations/received/{invitation_id}/accept"
    return await ctx.client.post(url, headers=ctx.headers_for(invitee))


async def requester_accepts_own_proposal(ctx: Ctx) -> httpx.Response:
    partnership_id = await propose(ctx)
    await ctx.mark()
    url = f"/api/v1/partnerships/{partnership_id}/accept"
    return await ctx.client.post(url, headers=ctx.headers("owner"))


async def unknown_plan(ctx: Ctx) -> httpx.Response:
    url = f"/api/v1/vivariums/{ctx.world.vivarium.id}/plan"
    return await ctx.client.put(url, json={"plan_code": "platinum"}, headers=ctx.headers("admin"))


async def someone_elses_key_revoked(ctx: Ctx) -> httpx.Response:
    body = {"name": "Mine", "scopes": ["animals:read"]}
    created = ok(await ctx.client.post("/api/v1/api-keys", json=body,
                                       headers=ctx.headers("owner")), 201)  # fmt: skip
    await ctx.mark()
    url = f"/api/v1/api-keys/{created['id']}"
    return await ctx.client.delete(url, headers=ctx.headers("curator"))


REFUSED: dict[str, Callable[[Ctx], Awaitable[httpx.Response]]] = {
    case.__name__: case
    for case in (
        taken_email,
        staff_suspends_self,
        curator_edits_settings,
        last_owner_leaves,
        keeper_changes_a_role,
        member_invited_again,
        unverified_invitee_accepts,
        requester_accepts_own_proposal,
        unknown_plan,
        someone_elses_key_revoked,
    )
}


@pytest.mark.parametrize("name", sorted(REFUSED))
async def test_a_refused_change_emits_nothing(ctx: Ctx, name: str) -> None:
    response = await REFUSED[name](ctx)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"
    await ctx.emitted()
