"""Import checks hatch dates against the vivarium's today, not the server's."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from ..clock import set_clock
from ..conftest import SpeciesFixture as SpeciesFixture
from ..transfers.world import World
from .test_import import HEADER, errors_by_row, post_csv


async def test_import_takes_today_from_the_vivarium_s_time_zone(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    db_session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sydney at 08:30 on 4 December (UTC: 21:30 on the 3rd): this morning's hatch is fine."""
    set_clock(monkeypatch)
    world.vivarium.time_zone = "Australia/Sydney"
    await db_session.flush()
    sp = species.species.common_name
    csv = (
        HEADER + f"S1,Morning,{sp},male,2026-12-04,,,\n" + f"S2,Tomorrow,{sp},male,2026-12-05,,,\n"
    )
    response = await post_csv(client, world, csv, dry_run=True)
    assert response.status_code == 200, response.text
    rows = errors_by_row(response.json())
    assert set(rows) == {3}
    assert rows[3][0]["column"] == "hatch_date"
    assert "future" in rows[3][0]["message"]
