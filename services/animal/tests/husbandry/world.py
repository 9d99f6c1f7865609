"""The matrix cast for repti-animal tests: one vivarium with every role, an outsider, staff."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.auth.passwords import hash_password
from reptidex_common.models.core import User, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.testing.plugin import DEFAULT_PASSWORD

ACTORS = ("owner", "curator", "handler", "keeper", "outsider", "anonymous", "admin", "support")


@dataclass
class World:
    vivarium: Vivarium
    other: Vivarium  # the outsider's own vivarium
    users: dict[str, User]
    headers_for: Callable[[User], dict[str, str]]

    def headers(self, actor: str) -> dict[str, str]:
        if actor == "anonymous":
            return {}
        return self.headers_for(self.users[actor])

    @property
    def url(self) -> str:
        return f"/api/v1/vivariums/{self.vivarium.id}"


@functools.cache
def _password_hash() -> str:
    # argon2 for every user would dominate the run time; nobody logs in here.
    return hash_password(DEFAULT_PASSWORD)


async def build_world(
    db_session: AsyncSession,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    users: dict[str, User] = {}
    roles = {
        "owner": PlatformRole.user,
        "curator": PlatformRole.user,
        "handler": PlatformRole.user,
        "keeper": PlatformRole.user,
        "outsider": PlatformRole.user,
        "admin": PlatformRole.admin,
        "support": PlatformRole.support,
    }
    for actor, platform_role in roles.items():
        user = User(
            email=f"{actor}-{uuid.uuid4().hex[:10]}@example.com",
            password_hash=_password_hash(),
            display_name=actor.title(),
            platform_role=platform_role,
        )
        db_session.add(user)
        users[actor] = user
    await db_session.flush()
    vivarium = await make_vivarium(
        users["owner"],
        name="Gecko Grove",
        members={
            users["curator"].id: VivariumRole.curator,
            users["handler"].id: VivariumRole.handler,
            users["keeper"].id: VivariumRole.keeper,
        },
    )
    other = await make_vivarium(users["outsider"], name="Python Place")
    return World(vivarium=vivarium, other=other, users=users, headers_for=auth_headers)


@pytest.fixture
async def world(
    db_session: AsyncSession,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    return await build_world(db_session, make_vivarium, auth_headers)


def matrix(**expected: int) -> pytest.MarkDecorator:
    """Parametrize (actor, expected status) over every actor; all eight must be given."""
    assert set(expected) == set(ACTORS), set(ACTORS) ^ set(expected)
    return pytest.mark.parametrize(
        ("actor", "expected"), [(actor, expected[actor]) for actor in ACTORS]
    )


# Rows of the matrix: keepers (and support) read, handlers write, curators manage.
READERS = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
           "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
HANDLER_UP = {**READERS, "keeper": 403, "support": 403}
CURATOR_UP = {**HANDLER_UP, "handler": 403}


def ok_as(status: int, rows: dict[str, int]) -> dict[str, int]:
    """The same row with the success status swapped (201, 204)."""
    return {actor: status if code == 200 else code for actor, code in rows.items()}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body
