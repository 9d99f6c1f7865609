"""The per-vivarium "today" list: feedings and weighings due, reminders, open notifications.

Three indexed queries whatever the collection size (animals with their last logs in one;
reminders; open notifications); the schedule rules of `rules` run over the rows in Python,
so the rules live in one place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.husbandry import repository
from repti_animal.husbandry.rules import (
    feeding_interval,
    feeding_schedule,
    first_feed_not_before,
    next_weighing_due,
    weigh_every_days,
)
from repti_animal.husbandry.today_schemas import (
    FeedingDue,
    NotificationOpen,
    ReminderDue,
    TodayAnimal,
    TodayList,
    WeighingDue,
)
from repti_animal.reminders import repository as reminders_repository
from reptidex_common.auth.dependencies import VivariumAccess
from reptidex_common.models.animal_enums import FeedingOutcome, LogKind
from reptidex_common.vivarium_time import end_of_today, utc_now, vivarium_today, zone_of

OPEN_NOTIFICATIONS_SHOWN = 100
NEVER = datetime.min.replace(tzinfo=UTC)


def _animal(row: Any) -> TodayAnimal:
    return TodayAnimal(
        id=row.id,
        display_id=row.display_id,
        name=row.name,
        species_name=row.species_name,
        enclosure_id=row.enclosure_id,
        enclosure_name=row.enclosure_name,
    )


def _feeding_due(row: Any, now: datetime, end_of_day: datetime) -> FeedingDue | None:
    interval, _source = feeding_interval(row.feeding_interval_days, row.species_interval_days)
    schedule = feeding_schedule(
        interval_days=interval,
        last_accepted_at=row.fed_at,
        last_attempt_at=row.attempt_at,
        last_attempt_outcome=row.attempt_outcome,
        now=now,
        first_feed_at=first_feed_not_before(
            hatch_date=row.hatch_date,
            first_shed_days=row.first_shed_days,
            first_shed_at=row.first_shed_at,
            zone=end_of_day.tzinfo or UTC,
        ),
    )
    if not schedule.due_by(end_of_day):
        return None
    quick_log: dict[str, Any] = {
        "kind": LogKind.feeding.value,
        "outcome": FeedingOutcome.accepted.value,
    }
    if row.prey_type is not None:
        quick_log.update(prey_type=row.prey_type, prey_count=row.prey_count or 1)
        if row.prey_size is not None:
            quick_log["prey_size"] = row.prey_size
    return FeedingDue(
        animal=_animal(row),
        interval_days=interval,
        last_fed_at=row.fed_at,
        last_outcome=row.attempt_outcome,
        next_feed_due=schedule.next_feed_due,
        next_offer_at=schedule.next_offer_at,
        overdue_days=schedule.overdue_days,
        quick_log=quick_log,
    )


def _weighing_due(row: Any, local_today: date, end_of_day: datetime) -> WeighingDue | None:
    due_at = next_weighing_due(row.hatch_date, row.weighed_at, local_today)
    if due_at is not None and due_at >= end_of_day:
        return None
    return WeighingDue(
        animal=_animal(row),
        every_days=weigh_every_days(row.hatch_date, local_today),
        last_weighed_at=row.weighed_at,
        last_grams=float(row.weight_grams) if row.weight_grams is not None else None,
        due_at=due_at,
        quick_log={"kind": LogKind.weight.value},
    )


async def today_list(
    session: AsyncSession, access: VivariumAccess, now: datetime | None = None
) -> TodayList:
    """Due means due before the vivarium's today ends; its time zone alone decides when."""
    vivarium = access.vivarium
    now = now or utc_now()
    local_today = vivarium_today(vivarium, now)
    end_of_day = end_of_today(vivarium, now)
    vivarium_id = vivarium.id

    feedings: list[FeedingDue] = []
    weighings: list[WeighingDue] = []
    for row in await repository.care_rows(session, vivarium_id):
        if (feeding := _feeding_due(row, now, end_of_day)) is not None:
            feedings.append(feeding)
        if (weighing := _weighing_due(row, local_today, end_of_day)) is not None:
            weighings.append(weighing)
    # Never fed first, then the longest overdue; display ids keep ties in rack order.
    feedings.sort(key=lambda f: (f.next_feed_due or NEVER, f.animal.display_id))
    weighings.sort(key=lambda w: (w.due_at or NEVER, w.animal.display_id))

    reminders = [
        ReminderDue(
            id=r.id,
            title=r.title,
            kind=r.kind,
            animal_id=r.animal_id,
            enclosure_id=r.enclosure_id,
            next_due_at=r.next_due_at,
        )
        for r in await reminders_repository.due_before(session, vivarium_id, end_of_day)
    ]
    notifications = [
        NotificationOpen(
            id=n.id,
            reminder_id=n.reminder_id,
            title=n.title,
            animal_id=n.animal_id,
            due_at=n.due_at,
        )
        for n in await reminders_repository.unacknowledged(
            session, vivarium_id, OPEN_NOTIFICATIONS_SHOWN
        )
    ]
    return TodayList(
        vivarium_id=vivarium_id,
        date=local_today,
        timezone=zone_of(vivarium).key,
        feedings=feedings,
        weighings=weighings,
        reminders=reminders,
        notifications=notifications,
    )
