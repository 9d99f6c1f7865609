"""A lease's return reminder is due in the morning on each side's own clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.animal import Reminder

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .conftest import Party
from .test_leases import API, active_lease
from .world import World


async def test_each_side_is_reminded_at_nine_on_its_own_clock(
    client: httpx.AsyncClient, world: World, third: Party, species: SpeciesFixture,
    make_animal: AnimalFactory, db_session: AsyncSession,
) -> None:  # fmt: skip
    world.vivarium.time_zone = "Pacific/Kiritimati"  # UTC+14
    third.vivarium.time_zone = "America/New_York"
    await db_session.flush()
    animal = await make_animal(world.vivarium, species)
    end = date.today() + timedelta(days=20)
    lease_id = await active_lease(client, animal, third.vivarium, world.headers("owner"),
                                  end_date=end.isoformat())  # fmt: skip

    week_ahead = end - timedelta(days=7)
    expected = {
        world.vivarium.id: datetime.combine(week_ahead, time(9), ZoneInfo("Pacific/Kiritimati")),
        third.vivarium.id: datetime.combine(week_ahead, time(9), ZoneInfo("America/New_York")),
    }
    reminders = (
        await db_session.scalars(select(Reminder).where(Reminder.animal_id == animal.id))
    ).all()
    assert {r.vivarium_id: r.next_due_at for r in reminders} == expected
    # Kiritimati's 09:00 is still the day before in UTC.
    assert expected[world.vivarium.id].astimezone(UTC).date() == week_ahead - timedelta(days=1)
    # Each side reads the due time of its own reminder.
    for headers, vivarium_id in (
        (world.headers("owner"), world.vivarium.id),
        (third.headers, third.vivarium.id),
    ):
        shown = (await client.get(f"{API}/{lease_id}", headers=headers)).json()
        assert datetime.fromisoformat(shown["return_reminder_due_at"]) == expected[vivarium_id]
