"""Write the key uses noted in Redis (`reptidex_common.auth.key_usage`) to `api_keys`.

Runs in core's beat, the owner of the table, once a minute. Never commits.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from redis import Redis
from redis.exceptions import ResponseError
from sqlalchemy import BindParameter, DateTime, Table, bindparam, func, update
from sqlalchemy.orm import Session

from reptidex_common.auth.key_usage import LAST_USED_HASH
from reptidex_common.models.core import ApiKey

_api_keys: Table = ApiKey.__table__  # type: ignore[assignment]


def take_recorded_uses(redis: Redis) -> dict[uuid.UUID, datetime]:
    """Take the noted uses out of Redis; uses noted meanwhile start a fresh hash.

    RENAME is atomic, so no use noted during the take is lost. A crash before the table is
    written loses at most a minute of "last used" times, which are advisory.
    """
    staging = f"{LAST_USED_HASH}:taken:{uuid.uuid4().hex}"
    try:
        redis.rename(LAST_USED_HASH, staging)
    except ResponseError:  # nothing noted since the last take
        return {}
    with redis.pipeline(transaction=True) as pipe:
        pipe.hgetall(staging)
        pipe.delete(staging)
        raw, _ = pipe.execute()
    uses: dict[uuid.UUID, datetime] = {}
    for key_id, used_at in raw.items():
        uses[uuid.UUID(_text(key_id))] = datetime.fromisoformat(_text(used_at))
    return uses


def write_uses(session: Session, uses: dict[uuid.UUID, datetime]) -> int:
    """Keep the later of the stored and the noted time for each key; return how many."""
    if not uses:
        return 0
    used_at: BindParameter[datetime] = bindparam("used_at", type_=DateTime(timezone=True))
    statement = (
        update(_api_keys)
        .where(_api_keys.c.id == bindparam("key_id"))
        .values(
            last_used_at=func.greatest(func.coalesce(_api_keys.c.last_used_at, used_at), used_at)
        )
    )
    session.execute(statement, [{"key_id": k, "used_at": at} for k, at in uses.items()])
    return len(uses)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
