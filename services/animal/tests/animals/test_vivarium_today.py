"""Animal dates are checked against the vivarium's today, in its own time zone."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from ..clock import set_clock
from .world import World, assert_problem, count_animals

API = "/api/v1/animals"


def _new(world: World, species: Any, **fields: Any) -> dict[str, Any]:
    return {"vivarium_id": str(world.vivarium.id), "species_id": str(species.id), **fields}


async def test_honolulu_cannot_record_tomorrow_though_kiritimati_is_already_there(
    client: httpx.AsyncClient,
    world: World,
    species: Any,
    db_session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 21:30 UTC on 3 December, the 4th is today on Kiritimati and tomorrow in Honolulu."""
    set_clock(monkeypatch)
    world.vivarium.time_zone = "Pacific/Honolulu"
    await db_session.flush()
    before = await count_animals(db_session)

    for field in ("hatch_date", "acquisition_date"):
        refused = await client.post(
            API, json=_new(world, species, **{field: "2026-12-04"}), headers=world.owner
        )
        body = assert_problem(refused, 422)
        assert [e["field"] for e in body["errors"]] == [f"body.{field}"]
        assert "today is 2026-12-03" in body["detail"]
    assert await count_animals(db_session) == before
    today = await client.post(
        API, json=_new(world, species, hatch_date="2026-12-03"), headers=world.owner
    )
    assert today.status_code == 201, today.text
    changed = await client.patch(
        f"{API}/{today.json()['id']}", json={"hatch_date": "2026-12-04"}, headers=world.owner
    )
    assert_problem(changed, 422)

    world.vivarium.time_zone = "Pacific/Kiritimati"
    await db_session.flush()
    created = await client.post(
        API, json=_new(world, species, hatch_date="2026-12-04"), headers=world.owner
    )
    assert created.status_code == 201, created.text
    assert_problem(
        await client.post(
            API, json=_new(world, species, hatch_date="2026-12-05"), headers=world.owner
        ),
        422,
    )
