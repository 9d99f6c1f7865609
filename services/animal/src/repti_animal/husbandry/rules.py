"""The care-schedule rules: when an animal should be fed and weighed next. Pure functions.

Feeding
- Interval: the animal's `feeding_interval_days`, else its species' default, else 7 days.
- `next_feed_due` = last ACCEPTED feeding + interval. A refusal or regurgitation never resets
  the clock (the animal did not eat), so an animal that keeps refusing grows more overdue.
- Never fed (no accepted feeding): due now, except a hatchling of a species that first eats
  after its first shed (snakes): due once that shed is logged, or once the days it is
  expected within have passed without one (so an unlogged shed does not hide it for good).
- When to offer again (`next_offer_at`): after a refusal later than the last accepted feeding,
  try again tomorrow (refusal + 1 day) rather than the same day; after a regurgitation wait a
  full interval from it, because feeding again soon after regurgitating harms the animal. The
  later of that and `next_feed_due` wins.
- An animal is due when `next_offer_at` has come (on "today" lists: before the day ends).
- Overdue days count whole days since `next_feed_due`.

Weighing (growth tracking)
- Hatched less than 6 months ago: weekly. Less than 2 years: every 30 days. Adults, and
  animals without a hatch date: every 90 days. Never weighed: due now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from reptidex_common.models.animal_enums import FeedingOutcome

DEFAULT_FEEDING_INTERVAL_DAYS = 7
REFUSAL_RETRY = timedelta(days=1)

HATCHLING_AGE_DAYS = 182
JUVENILE_AGE_DAYS = 730
HATCHLING_WEIGH_EVERY_DAYS = 7
JUVENILE_WEIGH_EVERY_DAYS = 30
ADULT_WEIGH_EVERY_DAYS = 90

IntervalSource = Literal["animal", "species", "default"]


def feeding_interval(
    animal_days: int | None, species_days: int | None
) -> tuple[int, IntervalSource]:
    if animal_days:
        return animal_days, "animal"
    if species_days:
        return species_days, "species"
    return DEFAULT_FEEDING_INTERVAL_DAYS, "default"


def first_feed_not_before(
    *,
    hatch_date: date | None,
    first_shed_days: int | None,
    first_shed_at: datetime | None,
    zone: tzinfo,
) -> datetime | None:
    """When a never-fed animal's first feed comes due, if its species waits for a shed."""
    if first_shed_days is None or hatch_date is None:
        return None
    if first_shed_at is not None:
        return first_shed_at
    return datetime.combine(hatch_date + timedelta(days=first_shed_days), time.min, zone)


@dataclass(frozen=True)
class FeedingSchedule:
    next_feed_due: datetime | None
    next_offer_at: datetime | None
    overdue_days: int

    def due_by(self, moment: datetime) -> bool:
        return self.next_offer_at is None or self.next_offer_at <= moment


def feeding_schedule(
    *,
    interval_days: int,
    last_accepted_at: datetime | None,
    last_attempt_at: datetime | None,
    last_attempt_outcome: FeedingOutcome | None,
    now: datetime,
    first_feed_at: datetime | None = None,
) -> FeedingSchedule:
    """`first_feed_at`: when a never-fed animal's first feed is due (`first_feed_not_before`)."""
    interval = timedelta(days=interval_days)
    next_due = last_accepted_at + interval if last_accepted_at is not None else first_feed_at
    offer = next_due
    failed_since_fed = (
        last_attempt_at is not None
        and last_attempt_outcome is not None
        and last_attempt_outcome is not FeedingOutcome.accepted
        and (last_accepted_at is None or last_attempt_at > last_accepted_at)
    )
    if failed_since_fed:
        assert last_attempt_at is not None
        pause = interval if last_attempt_outcome is FeedingOutcome.regurgitated else REFUSAL_RETRY
        retry = last_attempt_at + pause
        offer = retry if offer is None else max(offer, retry)
    overdue = max(0, (now - next_due).days) if next_due is not None else 0
    return FeedingSchedule(next_feed_due=next_due, next_offer_at=offer, overdue_days=overdue)


def weigh_every_days(hatch_date: date | None, today: date) -> int:
    if hatch_date is None:
        return ADULT_WEIGH_EVERY_DAYS
    age = (today - hatch_date).days
    if age < HATCHLING_AGE_DAYS:
        return HATCHLING_WEIGH_EVERY_DAYS
    if age < JUVENILE_AGE_DAYS:
        return JUVENILE_WEIGH_EVERY_DAYS
    return ADULT_WEIGH_EVERY_DAYS


def next_weighing_due(
    hatch_date: date | None, last_weighed_at: datetime | None, today: date
) -> datetime | None:
    """None when never weighed: due now."""
    if last_weighed_at is None:
        return None
    return last_weighed_at + timedelta(days=weigh_every_days(hatch_date, today))
