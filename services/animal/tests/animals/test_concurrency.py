"""Concurrent creations never share a display id, nor slip past the plan limit.

Marked `worker`: the requests run on their own connections at the same time, so the data they
need is committed for real and removed afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Animal, DisplayIdCounter, Species, Trait
from reptidex_common.models.core import Membership, User, Vivarium

pytestmark = pytest.mark.worker
API = "/api/v1/animals"


@pytest.fixture
async def committed(
    db_session: AsyncSession,
    make_user: Callable[..., Any],
    make_vivarium: Callable[..., Any],
    species: Any,
) -> AsyncIterator[tuple[User, Vivarium, Any]]:
    owner = await make_user()
    vivarium = await make_vivarium(owner)
    await db_session.commit()
    try:
        yield owner, vivarium, species
    finally:
        await db_session.rollback()
        await db_session.execute(delete(Animal).where(Animal.vivarium_id == vivarium.id))
        await db_session.execute(
            delete(DisplayIdCounter).where(DisplayIdCounter.vivarium_id == vivarium.id)
        )
        await db_session.execute(delete(Membership).where(Membership.vivarium_id == vivarium.id))
        await db_session.execute(delete(Vivarium).where(Vivarium.id == vivarium.id))
        await db_session.execute(delete(User).where(User.id == owner.id))
        await db_session.execute(delete(Trait).where(Trait.species_id == species.id))
        await db_session.execute(delete(Species).where(Species.id == species.id))
        await db_session.commit()


async def test_parallel_creations_get_distinct_ids(
    client: httpx.AsyncClient,
    committed: tuple[User, Vivarium, Any],
    auth_headers: Callable[[User], dict[str, str]],
    db_session: AsyncSession,
) -> None:
    owner, vivarium, species = committed
    vivarium.entitlement_overrides = {"max_animals": 8}
    await db_session.commit()
    payload = {"vivarium_id": str(vivarium.id), "species_id": str(species.id)}
    responses = await asyncio.gather(
        *(client.post(API, json=payload, headers=auth_headers(owner)) for _ in range(10))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] * 8 + [402] * 2, [r.text for r in responses]
    ids = [r.json()["display_id"] for r in responses if r.status_code == 201]
    prefix = species.species.code_prefix
    assert sorted(ids) == [f"{prefix}-{n:03d}" for n in range(1, 9)]
