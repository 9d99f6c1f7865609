"""The authorization matrix cast shared by the services' tests.

One vivarium with a member of every role (owner/herpetologist, curator, handler, keeper), an
outsider with a vivarium of their own, platform staff (admin, support), and the owner's API
keys bound to the vivarium, one per scope (`key:animals:read`, ...; `key:embed` is the key
without any data scope).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.api_keys import (
    ApiKeyScope,
    display_prefix,
    generate_api_key,
    hash_api_key,
)
from reptidex_common.models.core import ApiKey, User, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.settings import get_settings
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, VivariumFactory, _password_hash

ACTORS = ("owner", "curator", "handler", "keeper", "outsider", "anonymous", "admin", "support")
KEY_ACTORS = tuple(f"key:{scope.value}" for scope in ApiKeyScope)
MEMBERS = {"curator": VivariumRole.curator, "handler": VivariumRole.handler,
           "keeper": VivariumRole.keeper}  # fmt: skip
STAFF = {"admin": PlatformRole.admin, "support": PlatformRole.support}
NAMES = ("Gecko Grove", "Python Place")


@dataclass
class World:
    vivarium: Vivarium
    other: Vivarium  # the outsider's own vivarium
    users: dict[str, User]
    headers_for: Callable[[User], dict[str, str]]
    # Key actor → the secret of the owner's key with that one scope, bound to `vivarium`.
    keys: dict[str, str]

    def headers(self, actor: str = "owner") -> dict[str, str]:
        if actor == "anonymous":
            return {}
        if actor in self.keys:
            return {"Authorization": f"Bearer {self.keys[actor]}"}
        return self.headers_for(self.users[actor])

    def user_of(self, actor: str) -> User:
        """The user an actor acts as: the owner's keys act as the owner."""
        return self.users["owner"] if actor in self.keys else self.users[actor]

    @property
    def owner(self) -> dict[str, str]:
        return self.headers("owner")

    @property
    def url(self) -> str:
        return f"/api/v1/vivariums/{self.vivarium.id}"


async def quick_user(db_session: AsyncSession, *, email: str | None = None, **fields: Any) -> User:
    """A user on any session, with the plugin's cached hash (nobody logs in as them)."""
    user = User(
        email=email or f"user-{uuid.uuid4().hex[:10]}@example.com",
        password_hash=_password_hash(DEFAULT_PASSWORD),
        display_name=fields.pop("display_name", "Test Keeper"),
        **fields,
    )
    db_session.add(user)
    await db_session.flush()
    return user


async def make_api_key(
    db_session: AsyncSession, owner: User, scopes: list[str], *, vivarium: Vivarium | None
) -> str:
    """Store a key of `owner` with these scopes (bound to `vivarium`); return its secret."""
    secret = generate_api_key()
    db_session.add(
        ApiKey(
            user_id=owner.id,
            vivarium_id=vivarium.id if vivarium else None,
            name=" ".join(scopes),
            prefix=display_prefix(secret),
            key_hash=hash_api_key(secret, get_settings().api_key_pepper.get_secret_value()),
            scopes=scopes,
        )
    )
    await db_session.flush()
    return secret


async def build_world(
    db_session: AsyncSession,
    make_vivarium: VivariumFactory,
    auth_headers: Callable[[User], dict[str, str]],
    *,
    names: tuple[str, str] | None = NAMES,
    overrides: dict[str, Any] | None = None,
    settings: dict[str, Any] | None = None,
) -> World:
    """The cast. `names`: the two vivariums' names (None: their slugs); `overrides`: the
    vivarium's entitlement overrides (to lift limits); `settings`: its settings."""
    users: dict[str, User] = {}
    for actor in ("owner", *MEMBERS, "outsider"):
        users[actor] = await quick_user(db_session, display_name=actor.title())
    for actor, role in STAFF.items():
        users[actor] = await quick_user(db_session, display_name=actor.title(), platform_role=role)
    name, other_name = names or (None, None)
    members = {users[actor].id: role for actor, role in MEMBERS.items()}
    vivarium = await make_vivarium(users["owner"], name=name, members=members)
    if overrides is not None:
        vivarium.entitlement_overrides = overrides
    if settings is not None:
        vivarium.settings = settings
    other = await make_vivarium(users["outsider"], name=other_name)
    keys = {
        f"key:{scope.value}": await make_api_key(
            db_session, users["owner"], [scope.value], vivarium=vivarium
        )
        for scope in ApiKeyScope
    }
    await db_session.flush()
    return World(vivarium=vivarium, other=other, users=users, headers_for=auth_headers, keys=keys)


def matrix(**expected: int) -> pytest.MarkDecorator:
    """Parametrize (actor, expected status) over every actor; all eight must be given, and
    the API-key actors (`key:<scope>`) may be."""
    assert set(ACTORS) <= set(expected) <= {*ACTORS, *KEY_ACTORS}, set(ACTORS) ^ set(expected)
    actors = [*ACTORS, *(actor for actor in KEY_ACTORS if actor in expected)]
    return pytest.mark.parametrize(("actor", "expected"), [(a, expected[a]) for a in actors])


def key_matrix(**expected: int) -> pytest.MarkDecorator:
    """Parametrize (actor, expected status) over the owner's keys, one per scope; all given."""
    rows = {actor.removeprefix("key:"): code for actor, code in expected.items()}
    assert set(rows) == {scope.value for scope in ApiKeyScope}, set(rows)
    return pytest.mark.parametrize(
        ("actor", "expected"), [(f"key:{scope}", code) for scope, code in rows.items()]
    )


def key_rows(*allowed: str, ok: int = 200, refused: int = 403) -> dict[str, int]:
    """`ok` for the keys whose scope is in `allowed`, `refused` for every other key."""
    unknown = set(allowed) - {scope.value for scope in ApiKeyScope}
    assert not unknown, unknown
    return {scope.value: ok if scope.value in allowed else refused for scope in ApiKeyScope}


def ok_as(status: int, rows: dict[str, int]) -> dict[str, int]:
    """The same row with the success status swapped (201, 204)."""
    return {actor: status if code == 200 else code for actor, code in rows.items()}


def assert_problem(response: Any, status: int, *, detail: bool = True) -> dict[str, Any]:
    """An RFC 9457 problem with this status (and, unless `detail` is False, a detail)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    if detail:
        assert body["detail"]
    return body
