"""What "now", "today" and "in the future" mean for a vivarium: its time zone alone decides.

A breeder in Sydney records this morning's hatch while UTC is still on yesterday; a breeder in
Honolulu must not record tomorrow's. Instants are stored in UTC and dates as dates; every
comparison of a date with "today" goes through `vivarium_today`, and every local wall-clock
time (a reminder at 08:00) through `wall_clock_instant`, so no other module reads a calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field, StringConstraints

from reptidex_common.errors import UnprocessableEntity
from reptidex_common.models.core import Vivarium

DEFAULT_TIME_ZONE = "UTC"
MAX_TIME_ZONE_LENGTH = 64


def _system_clock() -> datetime:
    return datetime.now(UTC)


# The one clock behind every vivarium's "now"; tests replace it to stand at chosen instants.
clock: Callable[[], datetime] = _system_clock


def utc_now() -> datetime:
    return clock()


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def validate_time_zone(name: str) -> str:
    """The IANA name if zoneinfo knows it; a ValueError a client can read otherwise."""
    if not name or len(name) > MAX_TIME_ZONE_LENGTH or name != name.strip():
        raise ValueError(f"{name!r} is not an IANA time zone name such as Europe/Berlin.")
    try:
        _zone(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{name!r} is not an IANA time zone name such as Europe/Berlin.") from exc
    return name


TimeZone = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_TIME_ZONE_LENGTH),
    AfterValidator(validate_time_zone),
    Field(
        description='IANA time zone, e.g. "Australia/Sydney": it decides what "today" and '
        '"in the future" mean for the vivarium\'s records.',
        examples=["Europe/Berlin"],
    ),
]


def zone_of(time_zone: Vivarium | str) -> ZoneInfo:
    name = time_zone if isinstance(time_zone, str) else time_zone.time_zone
    try:
        return _zone(name or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        # Names are validated on write; one a later tzdata dropped still needs a calendar.
        return _zone(DEFAULT_TIME_ZONE)


def vivarium_now(vivarium: Vivarium | str, at: datetime | None = None) -> datetime:
    """The instant `at` (default: now) on the vivarium's wall clock."""
    return (at or utc_now()).astimezone(zone_of(vivarium))


def vivarium_today(vivarium: Vivarium | str, at: datetime | None = None) -> date:
    """The vivarium's calendar date at the instant `at` (default: now)."""
    return vivarium_now(vivarium, at).date()


def wall_clock_instant(vivarium: Vivarium | str, day: date, wall_time: time) -> datetime:
    """The UTC instant at which the vivarium's wall clock shows `wall_time` on `day`.

    A time that the clock skips (spring forward) happens at the same offset as just before the
    jump, i.e. that much later in wall-clock terms; one the clock shows twice (fall back) is the
    first of the two, so a repeating reminder fires once.
    """
    # fold=0 (PEP 495) picks the offset in force before a transition for both cases.
    local = datetime.combine(day, wall_time.replace(tzinfo=None), zone_of(vivarium))
    return local.astimezone(UTC)


def start_of_day(vivarium: Vivarium | str, day: date) -> datetime:
    """The UTC instant the vivarium's `day` begins (midnight may not exist: then its first)."""
    return wall_clock_instant(vivarium, day, time.min)


def end_of_today(vivarium: Vivarium | str, at: datetime | None = None) -> datetime:
    """The UTC instant the vivarium's today ends: what is due before it is due today."""
    return start_of_day(vivarium, vivarium_today(vivarium, at) + timedelta(days=1))


class DateInFuture(UnprocessableEntity):
    type_slug = "validation-error"

    def __init__(self, fields: Mapping[str, date], today: date) -> None:
        errors = [
            {
                # Named as request validation names body fields, so clients mark the same input.
                "field": f"body.{field}",
                "message": f"cannot be in the future (today is {today.isoformat()} "
                "in this vivarium's time zone)",
                "type": "date_in_future",
            }
            for field in fields
        ]
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        super().__init__(f"The request is not valid. {summary}", extra={"errors": errors})


def ensure_not_in_future(vivarium: Vivarium | str, **dates: date | None) -> None:
    """Refuse any of the named dates that is after the vivarium's today (None is no date)."""
    today = vivarium_today(vivarium)
    future = {field: day for field, day in dates.items() if day is not None and day > today}
    if future:
        raise DateInFuture(future, today)
