"""The "today" list on a known collection."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from reptidex_common.models.animal import Animal, DueNotification, HusbandryLog, Reminder
from reptidex_common.models.animal_enums import AnimalStatus, FeedingOutcome, LogKind

from ..clock import set_clock
from ..conftest import AnimalFactory
from ..conftest import SpeciesFixture as SpeciesFixture
from .world import READERS, World, matrix


async def feed(
    db_session: AsyncSession,
    animal: Animal,
    days_ago: float,
    outcome: FeedingOutcome,
    prey: str = "rat",
) -> None:
    db_session.add(
        HusbandryLog(
            animal_id=animal.id, vivarium_id=animal.vivarium_id, kind=LogKind.feeding,
            occurred_at=datetime.now(UTC) - timedelta(days=days_ago), prey_type=prey,
            prey_size="small", prey_count=2, feeding_outcome=outcome, details={},
        )
    )  # fmt: skip


async def weigh(db_session: AsyncSession, animal: Animal, days_ago: float) -> None:
    db_session.add(
        HusbandryLog(
            animal_id=animal.id, vivarium_id=animal.vivarium_id, kind=LogKind.weight,
            occurred_at=datetime.now(UTC) - timedelta(days=days_ago), weight_grams=300, details={},
        )
    )  # fmt: skip


async def test_today_list_on_a_known_collection(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
) -> None:
    adult = date(2018, 1, 1)
    make = make_animal
    viv = world.vivarium
    # Species default interval: 10 days.
    very_overdue = await make(viv, species, display_id="A-1", hatch_date=adult)
    await feed(db_session, very_overdue, 20, FeedingOutcome.accepted, prey="mouse")
    slightly_overdue = await make(viv, species, display_id="A-2", hatch_date=adult)
    await feed(db_session, slightly_overdue, 11, FeedingOutcome.accepted)
    fed_recently = await make(viv, species, display_id="A-3", hatch_date=adult)
    await feed(db_session, fed_recently, 2, FeedingOutcome.accepted)
    refused_today = await make(viv, species, display_id="A-4", hatch_date=adult)
    await feed(db_session, refused_today, 15, FeedingOutcome.accepted)
    await feed(db_session, refused_today, 0.01, FeedingOutcome.refused)
    refused_long_ago = await make(viv, species, display_id="A-5", hatch_date=adult)
    await feed(db_session, refused_long_ago, 15, FeedingOutcome.accepted)
    await feed(db_session, refused_long_ago, 3, FeedingOutcome.refused)
    never_fed = await make(viv, species, display_id="A-6", hatch_date=adult)
    own_interval = await make(
        viv, species, display_id="A-7", hatch_date=adult, feeding_interval_days=30
    )
    await feed(db_session, own_interval, 20, FeedingOutcome.accepted)
    hatchling = await make(
        viv, species, display_id="H-1", hatch_date=date.today() - timedelta(days=30)
    )
    await feed(db_session, hatchling, 1, FeedingOutcome.accepted)
    # Not in care, archived, or elsewhere: never on the list.
    sold = await make(viv, species, display_id="S-1", status=AnimalStatus.sold)
    archived = await make(viv, species, display_id="X-1", archived_at=datetime.now(UTC))
    foreign = await make(world.other, species, display_id="F-1")
    # Everyone adult was weighed recently except A-1; the hatchling 8 days ago (weekly).
    for animal in (
        slightly_overdue,
        fed_recently,
        refused_today,
        refused_long_ago,
        never_fed,
        own_interval,
    ):
        await weigh(db_session, animal, 10)
    await weigh(db_session, very_overdue, 100)
    await weigh(db_session, hatchling, 8)

    now = datetime.now(UTC)
    end_of_day = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
    due_today = Reminder(
        vivarium_id=viv.id, title="Mist the crested", next_due_at=end_of_day - timedelta(minutes=1)
    )
    tomorrow = Reminder(
        vivarium_id=viv.id, title="Tomorrow", next_due_at=end_of_day + timedelta(hours=2)
    )
    inactive = Reminder(vivarium_id=viv.id, title="Off", next_due_at=now, active=False)
    db_session.add_all([due_today, tomorrow, inactive])
    await db_session.flush()
    fired = DueNotification(
        reminder_id=tomorrow.id,
        vivarium_id=viv.id,
        title="Tomorrow",
        due_at=now - timedelta(days=1),
    )
    seen = DueNotification(
        reminder_id=tomorrow.id, vivarium_id=viv.id, title="Tomorrow", due_at=now - timedelta(days=2),
        acknowledged_at=now,
    )  # fmt: skip
    db_session.add_all([fired, seen])
    await db_session.flush()
    del sold, archived, foreign

    response = await client.get(f"{world.url}/today", headers=world.headers("keeper"))
    assert response.status_code == 200, response.text
    today = response.json()
    assert today["timezone"] == "UTC"
    feedings = today["feedings"]
    # Never fed first, then most overdue; the refusal of today waits for tomorrow.
    assert [f["animal"]["display_id"] for f in feedings] == ["A-6", "A-1", "A-5", "A-2"]
    by_id = {f["animal"]["display_id"]: f for f in feedings}
    assert by_id["A-1"]["overdue_days"] == 10
    assert by_id["A-1"]["quick_log"] == {
        "kind": "feeding", "outcome": "accepted", "prey_type": "mouse", "prey_count": 2, "prey_size": "small",
    }  # fmt: skip
    assert by_id["A-6"]["quick_log"] == {"kind": "feeding", "outcome": "accepted"}
    assert by_id["A-5"]["last_outcome"] == "refused"
    assert by_id["A-1"]["animal"]["species_name"] == species.species.common_name

    weighings = today["weighings"]
    assert [w["animal"]["display_id"] for w in weighings] == ["A-1", "H-1"]
    assert {w["animal"]["display_id"]: w["every_days"] for w in weighings} == {"A-1": 90, "H-1": 7}

    assert [r["title"] for r in today["reminders"]] == ["Mist the crested"]
    assert [n["id"] for n in today["notifications"]] == [str(fired.id)]

    # The quick log is a valid body as it stands.
    quick = await client.post(
        f"/api/v1/animals/{very_overdue.id}/logs",
        json=by_id["A-1"]["quick_log"],
        headers=world.headers("handler"),
    )
    assert quick.status_code == 201, quick.text
    again = (await client.get(f"{world.url}/today", headers=world.headers("keeper"))).json()
    assert "A-1" not in [f["animal"]["display_id"] for f in again["feedings"]]


async def test_today_takes_a_fixed_number_of_queries(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    db_engine_for_tests: AsyncEngine,
) -> None:
    for n in range(60):
        animal = await make_animal(world.vivarium, species)
        await feed(db_session, animal, n % 15, FeedingOutcome.accepted)
        await weigh(db_session, animal, n)
    await db_session.flush()
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(db_engine_for_tests.sync_engine, "before_cursor_execute", record)
    try:
        response = await client.get(f"{world.url}/today", headers=world.headers("owner"))
    finally:
        event.remove(db_engine_for_tests.sync_engine, "before_cursor_execute", record)
    assert response.status_code == 200
    assert len([s for s in statements if "husbandry_logs" in s]) == 1
    # auth (user + vivarium) + animals + reminders + notifications, whatever the collection size
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 6


async def test_today_is_the_vivarium_s_day(
    client: httpx.AsyncClient,
    world: World,
    species: SpeciesFixture,
    make_animal: AnimalFactory,
    db_session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sydney's day, whatever the browser asks: the vivarium's time zone alone decides."""
    now = set_clock(monkeypatch)  # 08:30 on 4 December in Sydney, 21:30 on 3 December UTC
    world.vivarium.time_zone = "Australia/Sydney"
    animal = await make_animal(world.vivarium, species, hatch_date=date(2024, 1, 1))
    # Due at 23:00 Sydney time today, which is still "tomorrow" in UTC terms.
    db_session.add(
        Reminder(
            vivarium_id=world.vivarium.id, animal_id=animal.id, title="Mist",
            next_due_at=datetime(2026, 12, 4, 12, 0, tzinfo=UTC),
        )
    )  # fmt: skip
    await db_session.flush()
    response = await client.get(
        f"{world.url}/today", params={"tz": "Pacific/Honolulu"}, headers=world.headers("keeper")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["date"], body["timezone"]) == ("2026-12-04", "Australia/Sydney")
    assert [r["title"] for r in body["reminders"]] == ["Mist"]
    assert now.date().isoformat() == "2026-12-03"


@matrix(**READERS)
async def test_today_matrix(
    client: httpx.AsyncClient, world: World, actor: str, expected: int
) -> None:
    response = await client.get(f"{world.url}/today", headers=world.headers(actor))
    assert response.status_code == expected, response.text
