"""The authorization matrix cast: one vivarium with a member of every role, an outsider
(a member of another vivarium), platform staff, and helpers to call the API as each of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal
from reptidex_common.models.core import User, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole

ACTORS = ("owner", "curator", "handler", "keeper", "outsider", "anonymous", "admin", "support")

READ = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
        "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
WRITE = {**READ, "keeper": 403, "support": 403}
CURATE = {**WRITE, "handler": 403}


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
    def owner(self) -> dict[str, str]:
        return self.headers("owner")


async def build_world(
    db_session: AsyncSession,
    make_user: Callable[..., Any],
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
) -> World:
    users: dict[str, User] = {}
    for actor in ("owner", "curator", "handler", "keeper", "outsider"):
        users[actor] = await make_user(display_name=actor.title())
    users["admin"] = await make_user(display_name="Admin", platform_role=PlatformRole.admin)
    users["support"] = await make_user(display_name="Support", platform_role=PlatformRole.support)
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
    return pytest.mark.parametrize(("actor", "status"), list(expected.items()))


def ok_as(status: int, row: dict[str, int]) -> dict[str, int]:
    return {actor: status if code == 200 else code for actor, code in row.items()}


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body


def error_fields(body: dict[str, Any]) -> list[str]:
    return [error["field"] for error in body.get("errors", [])]


async def count_animals(db_session: AsyncSession) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(Animal)) or 0)
