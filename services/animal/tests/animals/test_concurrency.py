"""Concurrent writes never share a display id, slip past the plan limit, or close a cycle.

Marked `worker`: the requests run on their own connections at the same time, so the data they
need is committed for real and removed afterwards.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import String, cast, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.portability import runner
from reptidex_common.db import engine as db_engine
from reptidex_common.models.animal import Animal, DisplayIdCounter, Species, Trait
from reptidex_common.models.animal_enums import Sex
from reptidex_common.models.core import Membership, User, Vivarium
from reptidex_common.models.outbox import OUTBOX_MODELS

pytestmark = pytest.mark.worker
API = "/api/v1/animals"
Outbox = OUTBOX_MODELS["animal"]


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
    # Read now: the rollback below expires every loaded object.
    vivarium_id, owner_id, species_id = vivarium.id, owner.id, species.id
    try:
        yield owner, vivarium, species
    finally:
        await db_session.rollback()
        animal_ids = select(cast(Animal.id, String)).where(Animal.vivarium_id == vivarium_id)
        await db_session.execute(
            delete(Outbox).where(
                Outbox.payload["animal_id"].astext.in_(animal_ids)
                # The domain events of the vivarium's animals.
                | (Outbox.payload["vivarium_id"].astext == str(vivarium_id))
            )
        )
        await db_session.execute(
            update(Animal)
            .where(Animal.vivarium_id == vivarium_id)
            .values(sire_id=None, dam_id=None)
            .execution_options(synchronize_session=False)
        )
        await db_session.execute(delete(Animal).where(Animal.vivarium_id == vivarium_id))
        await db_session.execute(
            delete(DisplayIdCounter).where(DisplayIdCounter.vivarium_id == vivarium_id)
        )
        await db_session.execute(delete(Membership).where(Membership.vivarium_id == vivarium_id))
        await db_session.execute(delete(Vivarium).where(Vivarium.id == vivarium_id))
        await db_session.execute(delete(User).where(User.id == owner_id))
        await db_session.execute(delete(Trait).where(Trait.species_id == species_id))
        await db_session.execute(delete(Species).where(Species.id == species_id))
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


async def test_parallel_lineage_patches_cannot_close_a_cycle(
    client: httpx.AsyncClient,
    committed: tuple[User, Vivarium, Any],
    auth_headers: Callable[[User], dict[str, str]],
    db_session: AsyncSession,
    make_animal: Callable[..., Any],
) -> None:
    """A.sire = B and B.sire = A at once: each check alone sees no cycle; one must lose."""
    owner, vivarium, species = committed
    a = await make_animal(vivarium, species, sex=Sex.male)
    b = await make_animal(vivarium, species, sex=Sex.male)
    await db_session.commit()
    responses = await asyncio.gather(
        client.patch(f"{API}/{a.id}", json={"sire_id": str(b.id)}, headers=auth_headers(owner)),
        client.patch(f"{API}/{b.id}", json={"sire_id": str(a.id)}, headers=auth_headers(owner)),
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 422], [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 422)
    assert loser.headers["content-type"].startswith("application/problem+json")
    assert "own ancestor" in loser.json()["detail"]
    rows = await db_session.execute(
        select(Animal.id, Animal.sire_id).where(Animal.vivarium_id == vivarium.id)
    )
    sires = {row.id: row.sire_id for row in rows}
    assert sum(sire is not None for sire in sires.values()) == 1, sires


async def test_parallel_import_and_create_cannot_pass_the_plan_limit(
    client: httpx.AsyncClient,
    committed: tuple[User, Vivarium, Any],
    auth_headers: Callable[[User], dict[str, str]],
    db_session: AsyncSession,
) -> None:
    """Every way of adding animals takes the same lock, so one slot left admits only one."""
    owner, vivarium, species = committed
    vivarium.entitlement_overrides = {"max_animals": 1}
    await db_session.commit()
    code = species.species.code_prefix
    csv = f"display_id,name,species,sex\nIMP-1,Imported,{code},male\n"
    responses = await asyncio.gather(
        client.post(
            f"/api/v1/vivariums/{vivarium.id}/animals/import?dry_run=false",
            content=csv.encode(),
            headers={**auth_headers(owner), "Content-Type": "text/csv"},
        ),
        client.post(
            API,
            json={"vivarium_id": str(vivarium.id), "species_id": str(species.id)},
            headers=auth_headers(owner),
        ),
    )
    statuses = [r.status_code for r in responses]
    assert all(s in (201, 202, 402) for s in statuses), [r.text for r in responses]
    assert statuses != [402, 402], [r.text for r in responses]
    # An import the request admitted is queued (202); its job takes the same lock and counts
    # again when it writes, so the animal created meanwhile leaves it no slot.
    queued = responses[0]
    if queued.status_code == 202:
        assert db_engine.state.sessionmaker is not None
        await runner.run_job(db_engine.state.sessionmaker, uuid.UUID(queued.json()["id"]))
    count = await db_session.scalar(
        select(func.count()).select_from(Animal).where(Animal.vivarium_id == vivarium.id)
    )
    assert count == 1


async def test_parallel_sex_change_and_parent_link_cannot_both_commit(
    client: httpx.AsyncClient,
    committed: tuple[User, Vivarium, Any],
    auth_headers: Callable[[User], dict[str, str]],
    db_session: AsyncSession,
    make_animal: Callable[..., Any],
) -> None:
    """C.sire = A while A becomes female: each check alone passes; one must lose.

    The interleaving that breaks it depends on timing, so the race is run several times.
    """
    owner, vivarium, species = committed
    for _ in range(5):
        a = await make_animal(vivarium, species, sex=Sex.male)
        c = await make_animal(vivarium, species)
        a_id, c_id = a.id, c.id
        await db_session.commit()
        responses = await asyncio.gather(
            client.patch(f"{API}/{c_id}", json={"sire_id": str(a_id)}, headers=auth_headers(owner)),
            client.patch(f"{API}/{a_id}", json={"sex": "female"}, headers=auth_headers(owner)),
        )
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200, 422], [r.text for r in responses]
        rows = await db_session.execute(
            select(Animal.id, Animal.sex, Animal.sire_id).where(Animal.id.in_([a_id, c_id]))
        )
        by_id = {row.id: row for row in rows}
        assert not (by_id[c_id].sire_id == a_id and by_id[a_id].sex is Sex.female), by_id
