"""Outbox backlog and lag, read at scrape time: a stuck relay shows up as a growing age."""

from __future__ import annotations

import logging

from prometheus_client import Gauge
from sqlalchemy import func, select

from reptidex_common.db.engine import get_sessionmaker
from reptidex_common.models.outbox import OUTBOX_MODELS

logger = logging.getLogger(__name__)

OUTBOX_BACKLOG = Gauge("outbox_unpublished_events", "Outbox rows not yet published", ["service"])
OUTBOX_LAG = Gauge(
    "outbox_oldest_unpublished_age_seconds",
    "Age of the oldest unpublished outbox row (0 when none)",
    ["service"],
)


async def refresh_outbox_gauges(service: str) -> None:
    model = OUTBOX_MODELS.get(service)
    if model is None:
        return
    try:
        async with get_sessionmaker()() as session:
            count, oldest_age = (
                await session.execute(
                    select(
                        func.count(),
                        func.extract("epoch", func.now() - func.min(model.created_at)),
                    ).where(model.published_at.is_(None))
                )
            ).one()
    except Exception as exc:  # metrics must still be served when the database is down
        logger.warning("outbox metrics unavailable", extra={"error": repr(exc)})
        return
    OUTBOX_BACKLOG.labels(service).set(count)
    OUTBOX_LAG.labels(service).set(float(oldest_age or 0))
