"""Plans through HTTP: the public catalogue, a vivarium's plan, staff changes and overrides."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.plans.schemas import EntitlementOverrides
from reptidex_common.models.core import Plan, User, Vivarium
from reptidex_common.models.enums import PlatformRole, VivariumRole
from reptidex_common.plans import Entitlement
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

Headers = Callable[[User], dict[str, str]]
PROBLEM_JSON = "application/problem+json"
GIB = 1024**3
HOBBYIST = {
    "max_animals": 50,
    "max_pairings": 5,
    "storage_bytes": GIB,
    "collaborators": 1,
    "listing_kinds": ["animal"],
    "featured_placement": False,
    "pedigree_qr": False,
}


@pytest.fixture
async def world(
    make_user: UserFactory, make_vivarium: VivariumFactory
) -> tuple[Vivarium, dict[str, User]]:
    """A vivarium with an owner and a keeper, a stranger with their own vivarium, and staff."""
    owner = await make_user()
    keeper = await make_user()
    other_member = await make_user()
    vivarium = await make_vivarium(owner, members={keeper.id: VivariumRole.keeper})
    await make_vivarium(other_member)
    users = {
        "owner": owner,
        "keeper": keeper,
        "other-member": other_member,
        "admin": await make_user(platform_role=PlatformRole.admin),
        "support": await make_user(platform_role=PlatformRole.support),
    }
    return vivarium, users


def headers_for(who: str, users: dict[str, User], auth_headers: Headers) -> dict[str, str]:
    return auth_headers(users[who]) if who in users else {}


async def overrides_of(db_session: AsyncSession, vivarium_id: uuid.UUID) -> dict[str, Any]:
    value = await db_session.scalar(
        select(Vivarium.entitlement_overrides)
        .where(Vivarium.id == vivarium_id)
        .execution_options(populate_existing=True)
    )
    return dict(value or {})


async def plan_code_of(db_session: AsyncSession, vivarium_id: uuid.UUID) -> str:
    code = await db_session.scalar(
        select(Plan.code)
        .join(Vivarium, Vivarium.plan_id == Plan.id)
        .where(Vivarium.id == vivarium_id)
    )
    assert code is not None
    return code


async def test_catalogue_is_public_and_ordered(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/plans")

    assert response.status_code == 200
    page = response.json()
    assert page["next_cursor"] is None
    assert [plan["code"] for plan in page["items"]] == [
        "hobbyist",
        "keeper",
        "breeder",
        "collector",
    ]
    hobbyist, _, _, collector = page["items"]
    assert hobbyist["is_default"] is True
    assert hobbyist["monthly_price_cents"] == 0
    assert hobbyist["name"] == "Hobbyist"
    assert hobbyist["entitlements"] == HOBBYIST
    assert collector["entitlements"]["max_animals"] is None


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 200),
        ("keeper", 200),
        ("other-member", 404),
        ("anonymous", 401),
        ("admin", 200),
        ("support", 200),
    ],
)
async def test_vivarium_plan_is_visible_to_members_and_staff(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    world: tuple[Vivarium, dict[str, User]],
    auth_headers: Headers,
) -> None:
    vivarium, users = world

    response = await client.get(
        f"/api/v1/vivariums/{vivarium.id}/plan", headers=headers_for(who, users, auth_headers)
    )

    assert response.status_code == expected, response.text
    if expected != 200:
        assert response.headers["content-type"] == PROBLEM_JSON
        return
    body = response.json()
    assert body["vivarium_id"] == str(vivarium.id)
    assert body["plan"]["code"] == "hobbyist"
    assert body["entitlements"] == HOBBYIST
    assert body["overrides"] == {}
    assert body["usage"] == {"members": 2, "collaborators": 1}


async def test_unknown_or_deleted_vivarium_plan_is_404(
    client: httpx.AsyncClient,
    world: tuple[Vivarium, dict[str, User]],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    vivarium, users = world
    admin = auth_headers(users["admin"])
    assert (
        await client.get(f"/api/v1/vivariums/{uuid.uuid4()}/plan", headers=admin)
    ).status_code == 404
    await db_session.execute(
        update(Vivarium).where(Vivarium.id == vivarium.id).values(deleted_at=datetime.now(UTC))
    )
    await db_session.commit()
    for who in ("owner", "admin"):
        url = f"/api/v1/vivariums/{vivarium.id}/plan"
        assert (await client.get(url, headers=auth_headers(users[who]))).status_code == 404
    change = await client.put(
        f"/api/v1/vivariums/{vivarium.id}/plan", json={"plan_code": "keeper"}, headers=admin
    )
    assert change.status_code == 404


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 403),
        ("keeper", 403),
        ("other-member", 403),
        ("anonymous", 401),
        ("support", 403),
        ("admin", 200),
    ],
)
async def test_only_admins_change_the_plan(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    world: tuple[Vivarium, dict[str, User]],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    vivarium, users = world

    response = await client.put(
        f"/api/v1/vivariums/{vivarium.id}/plan",
        json={"plan_code": "breeder"},
        headers=headers_for(who, users, auth_headers),
    )

    assert response.status_code == expected, response.text
    if expected == 200:
        body = response.json()
        assert body["plan"]["code"] == "breeder"
        assert body["entitlements"]["max_animals"] == 2500
        assert await plan_code_of(db_session, vivarium.id) == "breeder"
        seen = await client.get(
            f"/api/v1/vivariums/{vivarium.id}/plan", headers=auth_headers(users["keeper"])
        )
        assert seen.json()["plan"]["code"] == "breeder"
    else:
        assert response.headers["content-type"] == PROBLEM_JSON
        assert await plan_code_of(db_session, vivarium.id) == "hobbyist"


@pytest.mark.parametrize(
    "body", [{"plan_code": "platinum"}, {"plan_code": ""}, {}, {"plan": "keeper"}]
)
async def test_bad_plan_change_is_422_and_changes_nothing(
    body: dict[str, Any],
    client: httpx.AsyncClient,
    world: tuple[Vivarium, dict[str, User]],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    vivarium, users = world

    response = await client.put(
        f"/api/v1/vivariums/{vivarium.id}/plan", json=body, headers=auth_headers(users["admin"])
    )

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["errors"]
    assert await plan_code_of(db_session, vivarium.id) == "hobbyist"


async def test_unknown_plan_names_the_known_ones(
    client: httpx.AsyncClient, world: tuple[Vivarium, dict[str, User]], auth_headers: Headers
) -> None:
    vivarium, users = world
    response = await client.put(
        f"/api/v1/vivariums/{vivarium.id}/plan",
        json={"plan_code": "platinum"},
        headers=auth_headers(users["admin"]),
    )
    body = response.json()
    assert body["type"].endswith("/unknown-plan")
    assert "hobbyist, keeper, breeder, collector" in body["detail"]
    assert body["errors"][0]["field"] == "body.plan_code"


async def test_admin_sets_and_clears_overrides(
    client: httpx.AsyncClient,
    world: tuple[Vivarium, dict[str, User]],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    vivarium, users = world
    url = f"/api/v1/vivariums/{vivarium.id}/entitlement-overrides"
    overrides = {
        "max_animals": 500,
        "max_pairings": None,
        "pedigree_qr": True,
        "listing_kinds": ["animal", "pair"],
    }

    response = await client.put(
        url, json={"overrides": overrides}, headers=auth_headers(users["admin"])
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["overrides"] == overrides
    assert body["entitlements"] == {**HOBBYIST, **overrides}
    assert body["plan"]["entitlements"] == HOBBYIST
    assert await overrides_of(db_session, vivarium.id) == overrides
    seen = await client.get(
        f"/api/v1/vivariums/{vivarium.id}/plan", headers=auth_headers(users["owner"])
    )
    assert seen.json()["entitlements"]["max_pairings"] is None

    cleared = await client.put(url, json={"overrides": {}}, headers=auth_headers(users["admin"]))
    assert cleared.status_code == 200
    assert cleared.json()["entitlements"] == HOBBYIST
    assert await overrides_of(db_session, vivarium.id) == {}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 403),
        ("keeper", 403),
        ("other-member", 403),
        ("anonymous", 401),
        ("support", 403),
        ("admin", 200),
    ],
)
async def test_only_admins_set_overrides(
    who: str,
    expected: int,
    client: httpx.AsyncClient,
    world: tuple[Vivarium, dict[str, User]],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    vivarium, users = world

    response = await client.put(
        f"/api/v1/vivariums/{vivarium.id}/entitlement-overrides",
        json={"overrides": {"max_animals": 1000}},
        headers=headers_for(who, users, auth_headers),
    )

    assert response.status_code == expected, response.text
    assert await overrides_of(db_session, vivarium.id) == (
        {"max_animals": 1000} if expected == 200 else {}
    )


@pytest.mark.parametrize(
    "overrides",
    [
        {"max_snakes": 5},
        {"max_animals": -1},
        {"max_animals": True},
        {"max_animals": 5.5},
        {"max_animals": "100"},
        {"storage_bytes": 2**60},
        {"listing_kinds": ["animal", "spaceship"]},
        {"listing_kinds": "animal"},
        {"listing_kinds": None},
        {"featured_placement": None},
        {"featured_placement": "yes"},
        {"pedigree_qr": 1},
    ],
)
async def test_bad_overrides_are_422_and_change_nothing(
    overrides: dict[str, Any],
    client: httpx.AsyncClient,
    world: tuple[Vivarium, dict[str, User]],
    auth_headers: Headers,
    db_session: AsyncSession,
) -> None:
    vivarium, users = world
    url = f"/api/v1/vivariums/{vivarium.id}/entitlement-overrides"
    admin = auth_headers(users["admin"])
    assert (
        await client.put(url, json={"overrides": {"collaborators": 7}}, headers=admin)
    ).status_code == 200

    response = await client.put(url, json={"overrides": overrides}, headers=admin)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert any(error["field"].startswith("body.overrides") for error in response.json()["errors"])
    assert await overrides_of(db_session, vivarium.id) == {"collaborators": 7}


async def test_overrides_body_must_be_an_object(
    client: httpx.AsyncClient, world: tuple[Vivarium, dict[str, User]], auth_headers: Headers
) -> None:
    vivarium, users = world
    url = f"/api/v1/vivariums/{vivarium.id}/entitlement-overrides"
    bodies: list[dict[str, Any]] = [{}, {"overrides": []}, {"max_animals": 5}]
    for body in bodies:
        response = await client.put(url, json=body, headers=auth_headers(users["admin"]))
        assert response.status_code == 422


async def test_overrides_on_unknown_vivarium_is_404(
    client: httpx.AsyncClient, world: tuple[Vivarium, dict[str, User]], auth_headers: Headers
) -> None:
    _, users = world
    response = await client.put(
        f"/api/v1/vivariums/{uuid.uuid4()}/entitlement-overrides",
        json={"overrides": {}},
        headers=auth_headers(users["admin"]),
    )
    assert response.status_code == 404


def test_override_schema_covers_every_entitlement() -> None:
    assert set(EntitlementOverrides.model_fields) == {e.value for e in Entitlement}
