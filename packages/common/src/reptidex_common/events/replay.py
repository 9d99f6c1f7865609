"""Deliver again the events emitted since a time: `make replay-events SINCE=... [ARGS=...]`.

For an operator after a consumer lost work (its queue flushed, its database restored from a
backup): every event row kept in the producers' outboxes since `--since` is handed again to its
subscribers, or only to `--to`. Consumers apply an event once per id, so what they had already
applied is skipped and only what they missed takes effect.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select

from reptidex_common.db.base import SERVICE_SCHEMAS
from reptidex_common.events.delivery import TaskSender, deliver_event
from reptidex_common.models.outbox import OUTBOX_MODELS, OutboxKind
from reptidex_common.tasks.celery_app import create_celery_app
from reptidex_common.tasks.worker_db import worker_session

BATCH_SIZE = 500


def replay(
    since: datetime,
    *,
    until: datetime | None = None,
    producers: Sequence[str] = SERVICE_SCHEMAS,
    types: Sequence[str] = (),
    only_to: str | None = None,
    sender_for: dict[str, TaskSender] | None = None,
) -> Counter[str]:
    """Send the matching events again; returns how many each consumer was sent."""
    sent: Counter[str] = Counter()
    for producer in producers:
        model = OUTBOX_MODELS[producer]
        sender = (sender_for or {}).get(producer) or create_celery_app(producer)
        statement = (
            select(model.id, model.task_name, model.payload)
            .where(model.kind == OutboxKind.event, model.created_at >= since)
            .order_by(model.created_at, model.id)
        )
        if until is not None:
            statement = statement.where(model.created_at < until)
        if types:
            statement = statement.where(model.task_name.in_(types))
        with worker_session() as session:
            rows = session.execute(statement.execution_options(yield_per=BATCH_SIZE))
            for event_id, event_type, envelope in rows:
                for consumer in deliver_event(
                    sender, event_id, event_type, envelope, only_to=only_to
                ):
                    sent[consumer] += 1
    return sent


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--since", type=_instant, required=True, help="ISO time, UTC if no zone")
    parser.add_argument("--until", type=_instant, help="ISO time (exclusive)")
    parser.add_argument("--producer", action="append", choices=SERVICE_SCHEMAS, default=[])
    parser.add_argument("--type", action="append", default=[], help="an event type, repeatable")
    parser.add_argument("--to", choices=SERVICE_SCHEMAS, help="only this consumer")
    args = parser.parse_args(argv)
    if args.until is not None and args.until <= args.since:
        parser.error("--until must be after --since")
    sent = replay(
        args.since,
        until=args.until,
        producers=args.producer or SERVICE_SCHEMAS,
        types=args.type,
        only_to=args.to,
    )
    for consumer, count in sorted(sent.items()):
        print(f"{consumer}: {count} events sent again")
    if not sent:
        print("no events matched")
    return 0


if __name__ == "__main__":
    sys.exit(main())
