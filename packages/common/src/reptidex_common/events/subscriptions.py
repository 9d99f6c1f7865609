"""Which service receives which events: the relay delivers each event once to every service
that subscribes to its type, on that service's own queue.

A consumer subscribes by naming the types here and registering a handler for each in its
worker (`receiving.register_event_consumer`); a test holds the two lists together.
"""

from __future__ import annotations

from collections.abc import Mapping

SUBSCRIPTIONS: Mapping[str, frozenset[str]] = {}


def subscribers_of(event_type: str, table: Mapping[str, frozenset[str]] | None = None) -> list[str]:
    """The services subscribed to `event_type`, in a stable order."""
    subscriptions = SUBSCRIPTIONS if table is None else table
    return sorted(service for service, types in subscriptions.items() if event_type in types)
