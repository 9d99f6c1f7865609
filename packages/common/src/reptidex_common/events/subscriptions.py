"""Which service receives which events: the relay delivers each event once to every service
that subscribes to its type, on that service's own queue.

A consumer subscribes by naming the types here and registering a handler for each in its
worker (`receiving.register_event_consumer`); a test holds the two lists together.
"""

from __future__ import annotations

from collections.abc import Mapping

from reptidex_common.db.base import SERVICE_SCHEMAS
from reptidex_common.events.types.audit import audit_event_type

SUBSCRIPTIONS: Mapping[str, frozenset[str]] = {
    # The audit log of every write (repti_ops.audit).
    "ops": frozenset(audit_event_type(service) for service in SERVICE_SCHEMAS),
}


def subscribers_of(event_type: str, table: Mapping[str, frozenset[str]] | None = None) -> list[str]:
    """The services subscribed to `event_type`, in a stable order."""
    subscriptions = SUBSCRIPTIONS if table is None else table
    return sorted(service for service, types in subscriptions.items() if event_type in types)
