"""The scheduled sweep behind beat: announce clutches about to hatch.

Synchronous (Celery workers run outside the event loop) and idempotent: a clutch is marked
when announced (`due_noticed_at`), so a second run in the same state emits nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Date, cast, func, update
from sqlalchemy.orm import Session

from repti_animal.breeding.events import emit_clutch_due
from reptidex_common.models.animal import Clutch
from reptidex_common.models.animal_enums import ClutchStatus
from reptidex_common.models.core import Vivarium

# How many days before its expected hatch date a clutch is announced as due.
DUE_WITHIN = timedelta(days=3)


def announce_due_clutches(session: Session, now: datetime) -> int:
    """Emit `animal.clutch.due` once for each incubating clutch due within `DUE_WITHIN`."""
    # The vivarium's today, not the server's: a date means the breeder's calendar day.
    local_today = cast(func.timezone(Vivarium.time_zone, now), Date)
    clutches = session.scalars(
        update(Clutch)
        .where(
            Clutch.vivarium_id == Vivarium.id,
            Vivarium.deleted_at.is_(None),
            Clutch.status == ClutchStatus.incubating,
            Clutch.due_noticed_at.is_(None),
            Clutch.expected_hatch_date.is_not(None),
            Clutch.expected_hatch_date <= local_today + DUE_WITHIN.days,
        )
        .values(due_noticed_at=now)
        .returning(Clutch),
        execution_options={"synchronize_session": False},
    ).all()
    for clutch in clutches:
        emit_clutch_due(session, clutch)
    return len(clutches)
