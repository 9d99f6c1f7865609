"""Feeding interval and "next feed due": the rules, and the endpoint that shows them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.husbandry.rules import (
    feeding_interval,
    feeding_schedule,
    next_weighing_due,
    weigh_every_days,
)
from reptidex_common.models.animal import Animal, HusbandryLog
from reptidex_common.models.animal_enums import FeedingOutcome, LogKind

from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .world import READERS, World, matrix

NOW = datetime(2025, 6, 15, 12, tzinfo=UTC)
ACCEPTED, REFUSED, REGURGITATED = (
    FeedingOutcome.accepted,
    FeedingOutcome.refused,
    FeedingOutcome.regurgitated,
)


def test_interval_falls_back_from_animal_to_species_to_default() -> None:
    assert feeding_interval(5, 10) == (5, "animal")
    assert feeding_interval(None, 10) == (10, "species")
    assert feeding_interval(None, None) == (7, "default")


def test_never_fed_is_due_now() -> None:
    schedule = feeding_schedule(
        interval_days=7,
        last_accepted_at=None,
        last_attempt_at=None,
        last_attempt_outcome=None,
        now=NOW,
    )
    assert schedule.next_feed_due is None
    assert schedule.due_by(NOW)
    assert schedule.overdue_days == 0


def test_next_due_is_last_accepted_plus_interval() -> None:
    fed = NOW - timedelta(days=3)
    schedule = feeding_schedule(
        interval_days=7,
        last_accepted_at=fed,
        last_attempt_at=fed,
        last_attempt_outcome=ACCEPTED,
        now=NOW,
    )
    assert schedule.next_feed_due == fed + timedelta(days=7)
    assert not schedule.due_by(NOW)
    assert schedule.overdue_days == 0


def test_overdue_days_count_whole_days_since_due() -> None:
    fed = NOW - timedelta(days=10, hours=1)
    schedule = feeding_schedule(
        interval_days=7,
        last_accepted_at=fed,
        last_attempt_at=fed,
        last_attempt_outcome=ACCEPTED,
        now=NOW,
    )
    assert schedule.overdue_days == 3
    assert schedule.due_by(NOW)


def test_refusal_does_not_reset_the_clock_but_waits_a_day() -> None:
    fed = NOW - timedelta(days=10)
    refused = NOW - timedelta(hours=2)
    schedule = feeding_schedule(
        interval_days=7,
        last_accepted_at=fed,
        last_attempt_at=refused,
        last_attempt_outcome=REFUSED,
        now=NOW,
    )
    assert schedule.next_feed_due == fed + timedelta(days=7)  # the clock still runs
    assert schedule.overdue_days == 3
    assert schedule.next_offer_at == refused + timedelta(days=1)  # try again tomorrow
    assert not schedule.due_by(NOW)
    assert schedule.due_by(NOW + timedelta(days=1))


def test_regurgitation_waits_a_full_interval() -> None:
    fed = NOW - timedelta(days=10)
    regurgitated = NOW - timedelta(days=1)
    schedule = feeding_schedule(
        interval_days=7, last_accepted_at=fed, last_attempt_at=regurgitated,
        last_attempt_outcome=REGURGITATED, now=NOW,
    )  # fmt: skip
    assert schedule.next_offer_at == regurgitated + timedelta(days=7)


def test_old_refusal_before_the_last_meal_changes_nothing() -> None:
    fed = NOW - timedelta(days=2)
    schedule = feeding_schedule(
        interval_days=7, last_accepted_at=fed, last_attempt_at=fed - timedelta(days=3),
        last_attempt_outcome=REFUSED, now=NOW,
    )  # fmt: skip
    assert schedule.next_offer_at == fed + timedelta(days=7)


def test_never_fed_but_refused_today_waits_until_tomorrow() -> None:
    refused = NOW - timedelta(hours=1)
    schedule = feeding_schedule(
        interval_days=7,
        last_accepted_at=None,
        last_attempt_at=refused,
        last_attempt_outcome=REFUSED,
        now=NOW,
    )
    assert schedule.next_feed_due is None
    assert schedule.next_offer_at == refused + timedelta(days=1)


@pytest.mark.parametrize(
    ("hatch", "every"),
    [(date(2025, 5, 1), 7), (date(2024, 6, 1), 30), (date(2020, 1, 1), 90), (None, 90)],
)
def test_weighing_cadence_by_age(hatch: date | None, every: int) -> None:
    assert weigh_every_days(hatch, NOW.date()) == every
    assert next_weighing_due(hatch, None, NOW.date()) is None
    assert next_weighing_due(hatch, NOW, NOW.date()) == NOW + timedelta(days=every)


async def add_feeding(
    db_session: AsyncSession,
    animal: Animal,
    when: datetime,
    outcome: FeedingOutcome,
    prey: str = "rat",
) -> None:
    db_session.add(
        HusbandryLog(
            animal_id=animal.id, vivarium_id=animal.vivarium_id, kind=LogKind.feeding,
            occurred_at=when, prey_type=prey, prey_size="small", prey_count=1,
            feeding_outcome=outcome, details={},
        )
    )  # fmt: skip
    await db_session.flush()


@matrix(**READERS)
async def test_feeding_status_endpoint(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    actor: str,
    expected: int,
) -> None:
    animal = await make_animal(world.vivarium, species)  # species default: 10 days
    now = datetime.now(UTC)
    fed = now - timedelta(days=12, hours=1)
    await add_feeding(db_session, animal, fed, ACCEPTED, prey="mouse")
    await add_feeding(db_session, animal, now - timedelta(days=1), REFUSED)
    response = await client.get(
        f"/api/v1/animals/{animal.id}/feeding", headers=world.headers(actor)
    )
    assert response.status_code == expected, response.text
    if expected != 200:
        return
    status = response.json()
    assert status["interval_days"] == 10
    assert status["interval_source"] == "species"
    assert datetime.fromisoformat(status["last_fed_at"]) == fed
    assert status["last_feeding"]["outcome"] == "refused"
    assert datetime.fromisoformat(status["next_feed_due"]) == fed + timedelta(days=10)
    assert status["overdue_days"] == 2
    assert status["due"] is True


async def test_feeding_status_of_a_never_fed_animal_with_its_own_interval(
    client: httpx.AsyncClient, world: World, species: SpeciesFixture, make_animal: AnimalFactory
) -> None:
    animal = await make_animal(world.vivarium, species, feeding_interval_days=5)
    status = (
        await client.get(f"/api/v1/animals/{animal.id}/feeding", headers=world.headers("keeper"))
    ).json()
    assert status["interval_days"] == 5
    assert status["interval_source"] == "animal"
    assert status["last_fed_at"] is None
    assert status["next_feed_due"] is None
    assert status["due"] is True
