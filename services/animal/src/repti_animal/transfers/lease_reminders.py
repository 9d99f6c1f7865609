"""A lease's return reminder: one care reminder on each side, fired like every other reminder.

They are ordinary `reminders` rows (with `lease_id`), so the scheduler that fires care
reminders fires them, and each side finds its own in its reminders, due notifications and
Today list. They stop when the lease ends (returned, canceled, or a vivarium deleted).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from reptidex_common.models.animal import Animal, Lease, Reminder
from reptidex_common.models.core import Vivarium
from reptidex_common.vivarium_time import wall_clock_instant

REMINDER_LEAD_DAYS = 7
# Morning on each side's own clock, so the reminder is waiting when the breeder starts the day.
REMINDER_TIME = time(9, 0)
_TITLE_MAX = 120


def reminder_due_at(lease: Lease, side: Vivarium, created_at: datetime) -> datetime | None:
    """09:00 on `side`'s clock a week before the return date, or at once for a shorter lease;
    None without an end."""
    if lease.end_date is None:
        return None
    day = lease.end_date - timedelta(days=REMINDER_LEAD_DAYS)
    return max(wall_clock_instant(side, day, REMINDER_TIME), created_at)


def _title(text: str) -> str:
    return text if len(text) <= _TITLE_MAX else text[: _TITLE_MAX - 1] + "…"


def return_reminders(
    lease: Lease, animal: Animal, lender: Vivarium, borrower: Vivarium, now: datetime
) -> list[Reminder]:
    if lease.end_date is None:
        return []
    on = lease.end_date.isoformat()
    label = f"{animal.display_id}{f' {animal.name}' if animal.name else ''}"
    titles = (
        (lender, f"{label} is due back from {borrower.name} on {on}"),
        (borrower, f"Return {label} to {lender.name} by {on}"),
    )
    return [
        Reminder(
            vivarium_id=side.id,
            animal_id=animal.id,
            lease_id=lease.id,
            title=_title(title),
            next_due_at=reminder_due_at(lease, side, now),
        )
        for side, title in titles
    ]
