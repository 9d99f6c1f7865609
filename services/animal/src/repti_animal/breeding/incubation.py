"""Expected hatch date from the species' incubation data and the incubator temperature.

Incubation shortens as temperature rises (within the range a species tolerates). With both the
species' day range and temperature range known, the temperature is placed on the temperature
range and the days read off the day range the other way round: the coolest safe temperature
gives the longest incubation, the warmest the shortest, linearly in between, clamped at both
ends (a temperature outside the range does not promise days outside the known range). Without
a temperature (or without a temperature range) the middle of the day range is used.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal


def expected_incubation_days(
    *,
    days_min: int | None,
    days_max: int | None,
    temp_min_c: Decimal | None,
    temp_max_c: Decimal | None,
    temp_c: Decimal | None,
) -> int | None:
    """Days from laying to hatching, or None when the species has no incubation data."""
    if days_min is None and days_max is None:
        return None
    known = [days for days in (days_min, days_max) if days is not None]
    shortest, longest = min(known), max(known)
    if temp_c is None or temp_min_c is None or temp_max_c is None or temp_max_c <= temp_min_c:
        return _whole_days(Decimal(shortest + longest) / 2)
    warmth = (temp_c - temp_min_c) / (temp_max_c - temp_min_c)
    warmth = min(Decimal(1), max(Decimal(0), warmth))
    return _whole_days(longest - warmth * (longest - shortest))


def _whole_days(days: Decimal) -> int:
    # Half up rather than Python's banker's rounding: 57.5 days reads as 58 to a breeder.
    return int(days.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected_hatch_date(laid: date, incubation_days: int | None) -> date | None:
    if incubation_days is None:
        return None
    return laid + timedelta(days=incubation_days)


def days_until(expected: date | None, today: date) -> int | None:
    """Countdown to the expected hatch; negative once the clutch is overdue."""
    if expected is None:
        return None
    return (expected - today).days
