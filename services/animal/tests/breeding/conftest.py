"""The cast of the breeding tests: a vivarium with one member of each role, an outsider, staff,
and a breeding pair of the test species."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal
from reptidex_common.models.animal_enums import Sex
from reptidex_common.models.core import User, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole

from ..conftest import AnimalFactory, SpeciesFixture

ACTORS = ("owner", "curator", "handler", "keeper", "outsider", "anonymous", "admin", "support")
ANY_MEMBER = {"owner": 200, "curator": 200, "handler": 200, "keeper": 200, "outsider": 404,
              "anonymous": 401, "admin": 200, "support": 200}  # fmt: skip
HANDLER_UP = {**ANY_MEMBER, "keeper": 403, "support": 403}
CURATOR_UP = {**HANDLER_UP, "handler": 403}


def matrix(rows: dict[str, int], success: int = 200) -> pytest.MarkDecorator:
    """Parametrize (actor, expected status) over every actor, with the success status swapped."""
    assert set(rows) == set(ACTORS)
    return pytest.mark.parametrize(
        ("actor", "expected"),
        [(actor, success if code == 200 else code) for actor, code in rows.items()],
    )


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body


@dataclass
class World:
    vivarium: Vivarium
    other: Vivarium
    users: dict[str, User]
    headers_for: Callable[[User], dict[str, str]]
    sire: Animal
    dam: Animal

    def headers(self, actor: str = "owner") -> dict[str, str]:
        if actor == "anonymous":
            return {}
        return self.headers_for(self.users[actor])


@pytest.fixture
async def world(
    db_session: AsyncSession,
    make_user: Callable[..., Any],
    make_vivarium: Callable[..., Any],
    auth_headers: Callable[[User], dict[str, str]],
    species: SpeciesFixture,
    make_animal: AnimalFactory,
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
    # Limits are tested on their own; here they would only get in the way.
    vivarium.entitlement_overrides = {"max_pairings": None, "max_animals": None}
    other = await make_vivarium(users["outsider"])
    sire = await make_animal(vivarium, species, sex=Sex.male, hatch_date=date(2020, 5, 1))
    dam = await make_animal(vivarium, species, sex=Sex.female, hatch_date=date(2019, 6, 1))
    await db_session.flush()
    return World(vivarium, other, users, auth_headers, sire, dam)


async def create_pairing(client: httpx.AsyncClient, world: World, **fields: Any) -> dict[str, Any]:
    body = {"sire_id": str(world.sire.id), "dam_id": str(world.dam.id), "season": 2025, **fields}
    response = await client.post("/api/v1/pairings", json=body, headers=world.headers())
    assert response.status_code == 201, response.text
    pairing: dict[str, Any] = response.json()
    return pairing


async def lay_clutch(
    client: httpx.AsyncClient, world: World, pairing_id: str, **fields: Any
) -> dict[str, Any]:
    body = {"laid_date": "2025-04-01", "eggs_total": 6, "eggs_fertile": 5, "eggs_infertile": 1}
    response = await client.post(
        f"/api/v1/pairings/{pairing_id}/clutches", json={**body, **fields}, headers=world.headers()
    )
    assert response.status_code == 201, response.text
    clutch: dict[str, Any] = response.json()
    return clutch
