"""Outbox events of transfers and leases, and the notifications their tasks publish.

Both sides of a transfer or lease hear about each change on their vivarium's notification
channel (Redis pub/sub, fanned out to WebSockets by any replica). Every message carries the
transfer or lease id and the event, so a client that hears one twice (the relay may publish
a row twice) can drop the repeat.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.models.animal import Lease
from reptidex_common.tasks.outbox import add_outbox_event

ANNOUNCE_TRANSFER_TASK = "animal.transfers.announce"
ANNOUNCE_LEASE_TASK = "animal.leases.announce"


def notification_channel(vivarium_id: uuid.UUID | str) -> str:
    return f"vivarium:{vivarium_id}:notifications"


def queue_transfer_event(
    session: AsyncSession | Session,
    event: str,
    *,
    transfer_id: uuid.UUID,
    animal_id: uuid.UUID,
    from_vivarium_id: uuid.UUID,
    to_vivarium_id: uuid.UUID,
    reason: str | None = None,
) -> None:
    payload = {
        "event": event,
        "transfer_id": str(transfer_id),
        "animal_id": str(animal_id),
        "from_vivarium_id": str(from_vivarium_id),
        "to_vivarium_id": str(to_vivarium_id),
    }
    if reason is not None:
        # Why it closed when neither party answered it (e.g. a vivarium was deleted).
        payload["reason"] = reason
    add_outbox_event(session, ANNOUNCE_TRANSFER_TASK, payload)


def queue_lease_event(session: AsyncSession | Session, event: str, lease: Lease) -> None:
    add_outbox_event(
        session,
        ANNOUNCE_LEASE_TASK,
        {
            "event": event,
            "lease_id": str(lease.id),
            "animal_id": str(lease.animal_id),
            "lender_vivarium_id": str(lease.lender_vivarium_id),
            "borrower_vivarium_id": str(lease.borrower_vivarium_id),
            "end_date": lease.end_date.isoformat() if lease.end_date else None,
            "reason": lease.end_reason,
        },
    )


def announce(
    publish: Callable[[str, str], Any], kind: str, payload: dict[str, Any], sides: list[str]
) -> int:
    """Publish one message per side; returns how many channels were told."""
    message = json.dumps({"type": f"{kind}.{payload['event']}", **payload})
    for vivarium_id in dict.fromkeys(sides):
        publish(notification_channel(vivarium_id), message)
    return len(dict.fromkeys(sides))
