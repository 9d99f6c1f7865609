"""The lease return reminders count days on the lender's calendar, in its time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.transfers.jobs import remind_lease_returns

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .conftest import Party
from .test_leases import active_lease
from .world import World


async def test_a_kiritimati_lender_is_reminded_on_its_own_day(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    world.vivarium.time_zone = "Pacific/Kiritimati"  # UTC+14
    await db_session.flush()
    animal = await make_animal(world.vivarium, species)
    end = date.today() + timedelta(days=20)
    await active_lease(client, animal, third.vivarium, world.headers("owner"),
                       end_date=end.isoformat())  # fmt: skip

    async def run(at: datetime) -> int:
        return await db_session.run_sync(lambda s: remind_lease_returns(s, at))

    week_ahead = end - timedelta(days=7)
    # 09:00 UTC the day before is 23:00 on Kiritimati: still not a week ahead there.
    assert await run(datetime.combine(week_ahead - timedelta(days=1), time(9), UTC)) == 0
    # 12:00 UTC that same day is already 02:00 on the week-ahead day on Kiritimati.
    assert await run(datetime.combine(week_ahead - timedelta(days=1), time(12), UTC)) == 1
    assert await run(datetime.combine(week_ahead, time(12), UTC)) == 0  # once per stage
    # On the return day (Kiritimati's), while UTC is still on the day before.
    assert await run(datetime.combine(end - timedelta(days=1), time(11), UTC)) == 1
