"""The matrix cast: a vivarium with a member of every role, an outsider, platform staff."""

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
ANY_MEMBER = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
              "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
CURATOR_UP = {**ANY_MEMBER, "handler": 403, "keeper": 403, "support": 403}


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


@functools.cache
def _password_hash() -> str:
    return hash_password(DEFAULT_PASSWORD)


async def quick_user(db_session: AsyncSession, **fields: Any) -> User:
    user = User(
        email=f"user-{uuid.uuid4().hex[:10]}@example.com",
        password_hash=_password_hash(),
        display_name=fields.pop("display_name", "Test Keeper"),
        **fields,
    )
    db_session.add(user)
    await db_session.flush()
    return user


async def build_world(
    db_session: AsyncSession,
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    users: dict[str, User] = {}
    for actor in ("owner", "curator", "handler", "keeper", "outsider"):
        users[actor] = await quick_user(db_session, display_name=actor.title())
    users["admin"] = await quick_user(db_session, platform_role=PlatformRole.admin)
    users["support"] = await quick_user(db_session, platform_role=PlatformRole.support)
    vivarium = await make_vivarium(
        users["owner"],
        members={
            users["curator"].id: VivariumRole.curator,
            users["handler"].id: VivariumRole.handler,
            users["keeper"].id: VivariumRole.keeper,
        },
    )
    other = await make_vivarium(users["outsider"])
    return World(vivarium=vivarium, other=other, users=users, headers_for=auth_headers)


def matrix(expected: dict[str, int]) -> pytest.MarkDecorator:
    assert set(expected) == set(ACTORS)
    return pytest.mark.parametrize(("actor", "expected"), list(expected.items()))


def ok_as(status: int, rows: dict[str, int]) -> dict[str, int]:
    return {actor: status if code == 200 else code for actor, code in rows.items()}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body
