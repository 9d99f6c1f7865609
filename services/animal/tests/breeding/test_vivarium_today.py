"""The vivarium's time zone decides "today" for pairings, clutches and hatching."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from ..clock import set_clock
from .conftest import World, assert_problem, create_pairing, lay_clutch


async def test_a_sydney_breeder_records_this_morning_s_hatch(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """08:30 on 4 December in Sydney while UTC is still on 3 December: the 4th is today."""
    set_clock(monkeypatch)
    world.vivarium.time_zone = "Australia/Sydney"
    await db_session.flush()

    # Without a date given, the step is dated by the vivarium's today.
    dated = await create_pairing(client, world, status="active", season=2026, events={})
    assert dated["events"]["active_at"] == "2026-12-04"
    # Clutches need a pairing that began before them.
    pairing = await create_pairing(client, world, status="active", season=2026)
    clutch = await lay_clutch(client, world, pairing["id"], laid_date="2026-08-20")
    assert clutch["days_until_expected_hatch"] is not None

    hatched = await client.post(
        f"/api/v1/clutches/{clutch['id']}/hatch",
        json={"hatch_date": "2026-12-04", "count": 1},
        headers=world.headers(),
    )
    assert hatched.status_code == 201, hatched.text
    assert hatched.json()[0]["hatch_date"] == "2026-12-04"

    # Sydney's tomorrow is still the future.
    later = await lay_clutch(client, world, pairing["id"], laid_date="2026-12-04")
    tomorrow = await client.post(
        f"/api/v1/clutches/{later['id']}/hatch",
        json={"hatch_date": "2026-12-05", "count": 1},
        headers=world.headers(),
    )
    assert "future" in str(assert_problem(tomorrow, 422)["errors"])


async def test_a_honolulu_breeder_cannot_lay_or_hatch_tomorrow(
    client: httpx.AsyncClient,
    world: World,
    db_session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """11:30 on 3 December in Honolulu: the 4th, already today in UTC+14, is tomorrow there."""
    set_clock(monkeypatch)
    world.vivarium.time_zone = "Pacific/Honolulu"
    await db_session.flush()

    # Without a date given, the step is dated by the vivarium's today.
    dated = await create_pairing(client, world, status="active", season=2026, events={})
    assert dated["events"]["active_at"] == "2026-12-03"
    # Clutches need a pairing that began before them.
    pairing = await create_pairing(client, world, status="active", season=2026)
    refused = await client.post(
        f"/api/v1/pairings/{pairing['id']}/clutches",
        json={"laid_date": "2026-12-04", "eggs_total": 4, "eggs_fertile": 4, "eggs_infertile": 0},
        headers=world.headers(),
    )
    assert "future" in str(assert_problem(refused, 422)["errors"])
    clutch = await lay_clutch(client, world, pairing["id"], laid_date="2026-08-20")
    hatched = await client.post(
        f"/api/v1/clutches/{clutch['id']}/hatch",
        json={"hatch_date": "2026-12-04", "count": 1},
        headers=world.headers(),
    )
    assert "future" in str(assert_problem(hatched, 422)["errors"])
