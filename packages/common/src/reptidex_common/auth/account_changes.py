"""Telling every replica that a user's sign-in state changed: suspension, role, password, logins.

A change is noted on the session that makes it (`note_account_change`, or automatically when a
`User`'s status, platform role or password time is flushed) and announced on one Redis channel
right after the commit, before the response is sent (`announce_account_changes`). Each
replica's `AccountCache` drops what it holds for those users the moment the message arrives.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy import event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from reptidex_common.models.core import User
from reptidex_common.redis import get_redis
from reptidex_common.settings import get_settings

logger = logging.getLogger(__name__)

_PENDING = "account_changes"
# What an access token's check reads from the user's row; a change to any of them must reach
# every replica's cache.
WATCHED_FIELDS = ("status", "platform_role", "password_changed_at")
PUBLISH_ATTEMPTS = 3


def account_changes_channel() -> str:
    """Pub/sub ignores Redis' numbered databases, so the channel names the one we use."""
    return f"reptidex:{get_settings().redis_url.rsplit('/', 1)[-1]}:account-changed"


def note_account_change(session: AsyncSession | Session, user_ids: Iterable[uuid.UUID]) -> None:
    """Announce these users after this session commits (bulk updates call this themselves)."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    sync.info.setdefault(_PENDING, set()).update(user_ids)


def pending_account_changes(session: AsyncSession) -> set[uuid.UUID]:
    pending: set[uuid.UUID] = session.sync_session.info.pop(_PENDING, set())
    return pending


def discard_account_changes(session: AsyncSession) -> None:
    session.sync_session.info.pop(_PENDING, None)


@event.listens_for(Session, "before_flush")
def _note_watched_user_fields(session: Session, _context: Any, _instances: Any) -> None:
    changed = [
        user.id
        for user in session.dirty
        if isinstance(user, User)
        and any(inspect(user).attrs[name].history.has_changes() for name in WATCHED_FIELDS)
    ]
    changed += [user.id for user in session.deleted if isinstance(user, User)]
    if changed:
        note_account_change(session, changed)


async def publish_account_changes(user_ids: Iterable[uuid.UUID]) -> None:
    """Publish after the commit; a replica that reads the old state meanwhile will drop it."""
    channel = account_changes_channel()
    for user_id in user_ids:
        for attempt in range(PUBLISH_ATTEMPTS):
            try:
                await get_redis().publish(channel, str(user_id))
                break
            except (RedisError, OSError):
                # A replica whose subscription is down does not trust its cache (and one whose
                # subscription works sees the same Redis), so a lost message cannot leave a
                # stale entry trusted; still, say so loudly.
                if attempt == PUBLISH_ATTEMPTS - 1:
                    logger.exception(
                        "could not announce an account change", extra={"user": str(user_id)}
                    )
