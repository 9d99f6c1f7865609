"""The common entitlement helpers every service calls before creating something limited."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.db.engine import DbSession
from reptidex_common.entitlements import (
    enforce_limit,
    require_feature,
    require_listing_kind,
    vivarium_entitlements,
)
from reptidex_common.errors import NotFound, PlanLimitExceeded, install_error_handlers
from reptidex_common.models.core import Plan, Vivarium
from reptidex_common.plans import Entitlement
from reptidex_common.testing.plugin import UserFactory, VivariumFactory

GIB = 1024**3


@pytest.fixture
async def vivarium(make_user: UserFactory, make_vivarium: VivariumFactory) -> Vivarium:
    return await make_vivarium(await make_user())


async def move_to(db_session: AsyncSession, vivarium: Vivarium, code: str) -> None:
    vivarium.plan_id = (await db_session.scalars(select(Plan.id).where(Plan.code == code))).one()
    await db_session.flush()


async def test_default_entitlements_are_the_hobbyist_plan(
    db_session: AsyncSession, vivarium: Vivarium
) -> None:
    entitlements = await vivarium_entitlements(db_session, vivarium.id)
    assert entitlements["max_animals"] == 50
    assert entitlements["listing_kinds"] == ["animal"]


async def test_limit_reached_is_402_with_a_clear_message(
    db_session: AsyncSession, vivarium: Vivarium
) -> None:
    await enforce_limit(db_session, vivarium.id, Entitlement.max_animals, 49)

    with pytest.raises(PlanLimitExceeded) as caught:
        await enforce_limit(db_session, vivarium.id, Entitlement.max_animals, 50)

    error = caught.value
    assert error.status == 402
    assert error.detail == (
        "Your Hobbyist plan allows 50 animals; you have 50. Upgrade the plan or archive animals."
    )
    assert error.extra == {"entitlement": "max_animals", "limit": 50, "current": 50}


async def test_adding_several_counts_them_all(db_session: AsyncSession, vivarium: Vivarium) -> None:
    await enforce_limit(db_session, vivarium.id, Entitlement.max_pairings, 3, adding=2)
    with pytest.raises(PlanLimitExceeded, match="allows 5 pairings; you have 3"):
        await enforce_limit(db_session, vivarium.id, Entitlement.max_pairings, 3, adding=3)


async def test_storage_is_worded_in_bytes_units(
    db_session: AsyncSession, vivarium: Vivarium
) -> None:
    with pytest.raises(PlanLimitExceeded) as caught:
        await enforce_limit(db_session, vivarium.id, Entitlement.storage_bytes, GIB - 10, adding=20)
    assert caught.value.detail.startswith("Your Hobbyist plan allows 1 GiB of storage; you have ")
    assert caught.value.detail.endswith("Upgrade the plan or delete photos or files.")


async def test_null_means_unlimited(db_session: AsyncSession, vivarium: Vivarium) -> None:
    await move_to(db_session, vivarium, "collector")
    await enforce_limit(db_session, vivarium.id, Entitlement.max_animals, 10**9)


async def test_overrides_win_over_the_plan(db_session: AsyncSession, vivarium: Vivarium) -> None:
    vivarium.entitlement_overrides = {"max_animals": 60, "max_pairings": None}
    await db_session.flush()

    await enforce_limit(db_session, vivarium.id, Entitlement.max_animals, 59)
    await enforce_limit(db_session, vivarium.id, Entitlement.max_pairings, 10_000)
    with pytest.raises(PlanLimitExceeded, match="allows 60 animals; you have 60"):
        await enforce_limit(db_session, vivarium.id, Entitlement.max_animals, 60)


async def test_a_key_missing_from_the_plan_is_not_granted(
    db_session: AsyncSession, vivarium: Vivarium
) -> None:
    empty = Plan(code=f"bare-{uuid.uuid4().hex[:6]}", name="Bare", entitlements={})
    db_session.add(empty)
    await db_session.flush()
    vivarium.plan_id = empty.id
    await db_session.flush()

    with pytest.raises(PlanLimitExceeded, match="Your Bare plan allows 0 animals; you have 0"):
        await enforce_limit(db_session, vivarium.id, Entitlement.max_animals, 0)
    with pytest.raises(PlanLimitExceeded):
        await require_feature(db_session, vivarium.id, Entitlement.pedigree_qr)


async def test_features_and_listing_kinds(db_session: AsyncSession, vivarium: Vivarium) -> None:
    with pytest.raises(PlanLimitExceeded, match="does not include pedigree QR codes"):
        await require_feature(db_session, vivarium.id, Entitlement.pedigree_qr)
    with pytest.raises(
        PlanLimitExceeded, match=r"does not include pair listings \(it allows: animal\)"
    ):
        await require_listing_kind(db_session, vivarium.id, "pair")
    await require_listing_kind(db_session, vivarium.id, "animal")

    await move_to(db_session, vivarium, "breeder")
    await require_feature(db_session, vivarium.id, Entitlement.pedigree_qr)
    await require_feature(db_session, vivarium.id, Entitlement.featured_placement)
    await require_listing_kind(db_session, vivarium.id, "pair")


async def test_wrong_kind_of_entitlement_is_a_programming_error(
    db_session: AsyncSession, vivarium: Vivarium
) -> None:
    with pytest.raises(ValueError, match="not a numeric limit"):
        await enforce_limit(db_session, vivarium.id, Entitlement.pedigree_qr, 0)
    with pytest.raises(ValueError, match="not an on/off feature"):
        await require_feature(db_session, vivarium.id, Entitlement.max_animals)


async def test_unknown_vivarium_is_not_found(db_session: AsyncSession) -> None:
    with pytest.raises(NotFound):
        await vivarium_entitlements(db_session, uuid.uuid4())


async def current_count() -> int:
    return 50


def limited_app() -> FastAPI:
    """A stand-in for another service's create endpoint that checks the animal limit."""
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/vivariums/{vivarium_id}/animals", status_code=201)
    async def create_animal(
        vivarium_id: uuid.UUID, session: DbSession, count: Annotated[int, Depends(current_count)]
    ) -> dict[str, str]:
        await enforce_limit(session, vivarium_id, Entitlement.max_animals, count)
        return {"status": "created"}

    return app


async def test_limit_reaches_the_client_as_problem_json(
    client_for: Callable[[FastAPI], httpx.AsyncClient], vivarium: Vivarium
) -> None:
    response = await client_for(limited_app()).post(f"/vivariums/{vivarium.id}/animals")

    assert response.status_code == 402
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"].endswith("/plan-limit")
    assert body["title"] == "Plan limit reached"
    assert (
        body["detail"]
        == "Your Hobbyist plan allows 50 animals; you have 50. Upgrade the plan or archive animals."
    )
    assert body["limit"] == 50
