"""The one "today" and "now" of a vivarium, from its time zone alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from reptidex_common.errors import UnprocessableEntity
from reptidex_common.vivarium_time import (
    end_of_today,
    ensure_not_in_future,
    start_of_day,
    validate_time_zone,
    vivarium_today,
    wall_clock_instant,
)

# 21:30 UTC on 3 December 2026.
EVENING = datetime(2026, 12, 3, 21, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "today"),
    [
        ("UTC", date(2026, 12, 3)),
        ("Australia/Sydney", date(2026, 12, 4)),
        ("Pacific/Kiritimati", date(2026, 12, 4)),
        ("Pacific/Honolulu", date(2026, 12, 3)),
    ],
)
def test_today_is_the_vivarium_s_calendar_date(zone: str, today: date) -> None:
    assert vivarium_today(zone, EVENING) == today


def test_the_day_ends_at_the_vivarium_s_midnight() -> None:
    assert end_of_today("Australia/Sydney", EVENING) == datetime(2026, 12, 4, 13, tzinfo=UTC)
    assert end_of_today("Pacific/Honolulu", EVENING) == datetime(2026, 12, 4, 10, tzinfo=UTC)


def test_a_day_whose_midnight_is_skipped_starts_at_its_first_moment() -> None:
    # Santiago springs forward from 00:00 to 01:00 on 6 September 2026.
    begins = start_of_day("America/Santiago", date(2026, 9, 6))
    assert begins == datetime(2026, 9, 6, 4, tzinfo=UTC)
    assert start_of_day("America/Santiago", date(2026, 9, 7)) - begins == timedelta(hours=23)


def test_wall_clock_times_across_daylight_saving() -> None:
    berlin = "Europe/Berlin"
    assert wall_clock_instant(berlin, date(2026, 3, 28), time(8)).hour == 7  # CET
    assert wall_clock_instant(berlin, date(2026, 3, 30), time(8)).hour == 6  # CEST
    # Shown twice on 25 October: the first one.
    assert wall_clock_instant(berlin, date(2026, 10, 25), time(2, 30)) == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "", " UTC", "UTC+14", "/etc/localtime", "../zoneinfo/UTC", "x" * 65]
)
def test_only_iana_names_are_time_zones(name: str) -> None:
    with pytest.raises(ValueError, match="IANA"):
        validate_time_zone(name)


def test_future_dates_are_named_in_the_refusal() -> None:
    ensure_not_in_future("UTC", hatch_date=None, acquisition_date=date(2000, 1, 1))
    with pytest.raises(UnprocessableEntity) as refused:
        ensure_not_in_future("UTC", hatch_date=date(9999, 1, 1), acquisition_date=None)
    assert [e["field"] for e in refused.value.extra["errors"]] == ["body.hatch_date"]
