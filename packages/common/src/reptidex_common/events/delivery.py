"""The relay's side of events: hand one outboxed event to every subscribed service's queue.

Each subscriber gets its own task (`<service>.events.receive`) with the envelope, on its own
queue, with a task id made of the event id and the subscriber, so one slow or failing
consumer never holds back another. A relay that fails half-way sends the event again to all
of them on its next pass; consumers apply an event once per id, so that changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Protocol

from reptidex_common.events.subscriptions import subscribers_of


class TaskSender(Protocol):
    def send_task(self, name: str, *, kwargs: dict[str, Any], queue: str, task_id: str) -> Any: ...


def receive_task_name(service: str) -> str:
    return f"{service}.events.receive"


def deliver_event(
    sender: TaskSender,
    event_id: uuid.UUID,
    event_type: str,
    envelope: dict[str, Any],
    subscriptions: Mapping[str, frozenset[str]] | None = None,
    only_to: str | None = None,
) -> list[str]:
    """Send the event to its subscribers (or to `only_to` alone); returns who was sent it."""
    targets = [
        service
        for service in subscribers_of(event_type, subscriptions)
        if only_to is None or service == only_to
    ]
    for service in targets:
        sender.send_task(
            receive_task_name(service),
            kwargs={"event": envelope},
            queue=service,
            task_id=f"{event_id}:{service}",
        )
    return targets
