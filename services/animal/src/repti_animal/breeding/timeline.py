"""A pairing's dates: every lock, when it began, and a live-bearer's expected birth.

Pure rules over a pairing's recorded steps, used by pairings, clutches and their reads.

- Lock dates: a pair locks many times in a season and breeders count from each lock, so
  every date is kept, ascending and without repeats. `events.locked_at`, the single date
  clients read before, is always the first of them.
- Began: the earliest date the breeder recorded for the pairing (introduced, locked,
  ovulated...). Eggs or young cannot come before it. A pairing with no dates yet (planned,
  or recorded after the fact) has no start to check against.
- Expected birth: live-bearers count gestation from ovulation; the middle of the species'
  range, rounded as the expected hatch date is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from repti_animal.breeding import incubation
from reptidex_common.models.animal import Pairing

LOCKED_AT = "locked_at"
OVULATED_AT = "ovulated_at"
# Steps that follow from the offspring or close the record; they do not start a pairing.
NOT_A_START = frozenset({"laid_at", "hatched_at", "born_at", "completed_at", "failed_at"})


def set_lock_dates(pairing: Pairing, dates: Iterable[date]) -> None:
    """Store the lock dates, ascending and unique, and keep `events.locked_at` the first."""
    ordered = sorted(set(dates))
    pairing.lock_dates = ordered
    events = dict(pairing.events or {})
    if ordered:
        events[LOCKED_AT] = ordered[0].isoformat()
    else:
        events.pop(LOCKED_AT, None)
    pairing.events = events


def recorded_lock(events: Mapping[str, Any]) -> list[date]:
    """The lock date an `events` map carries, if any, as a list to merge."""
    value = events.get(LOCKED_AT)
    return [date.fromisoformat(value)] if isinstance(value, str) else []


def began(pairing: Pairing) -> date | None:
    dates = [
        date.fromisoformat(value)
        for key, value in (pairing.events or {}).items()
        if key not in NOT_A_START and isinstance(value, str)
    ]
    dates += list(pairing.lock_dates or [])
    return min(dates, default=None)


def expected_birth(
    events: Mapping[str, Any], gestation_min: int | None, gestation_max: int | None
) -> date | None:
    ovulated = events.get(OVULATED_AT)
    if not isinstance(ovulated, str):
        return None
    days = incubation.expected_incubation_days(
        days_min=gestation_min,
        days_max=gestation_max,
        temp_min_c=None,
        temp_max_c=None,
        temp_c=None,
    )
    return date.fromisoformat(ovulated) + timedelta(days=days) if days is not None else None
