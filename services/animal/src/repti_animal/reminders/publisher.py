"""Live announcements of due reminders over Redis pub/sub.

WebSocket servers subscribe to a vivarium's channel and fan messages out to its members, so
any replica can serve any socket. Pub/sub may deliver a message twice (the outbox relay may
publish twice); subscribers dedupe on `due_notification_id`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from redis import Redis

from reptidex_common.settings import get_settings

MESSAGE_TYPE = "care_reminder.due"


def notification_channel(vivarium_id: str) -> str:
    return f"vivarium:{vivarium_id}:notifications"


@lru_cache
def sync_redis() -> Redis:
    # Celery tasks run outside the event loop, so they use the blocking client.
    return Redis.from_url(get_settings().redis_url, decode_responses=True)


def publish_due(client: Redis, payload: dict[str, Any]) -> int:
    """Publish one announcement; returns how many subscribers received it."""
    message = json.dumps({"type": MESSAGE_TYPE, **payload}, separators=(",", ":"))
    return int(client.publish(notification_channel(payload["vivarium_id"]), message))
