"""When each API key was last used: noted in Redis on every request, written to the table later.

Writing `api_keys.last_used_at` inside each request would hold that row's lock until the
request commits, so one embed widget's concurrent requests would queue behind each other. The
request only notes the time in one Redis hash; core's beat moves the hash into the table once a
minute (`repti_core.api_keys.usage`), so the table lags by at most that.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from reptidex_common.redis import REDIS_FAILURES, get_redis, mark_redis_down, redis_is_usable

# Hash: key id → ISO time of its latest use not yet written to the table.
LAST_USED_HASH = "api-keys:last-used"

# Uses noted while Redis was down, handed over with the first use after it is back. Only the
# latest use per key matters, so this holds at most one entry per key in use.
_pending: dict[str, str] = {}


async def record_key_use(key_id: uuid.UUID, at: datetime) -> None:
    """Never fails the request: without Redis the time waits in the process (a bookkeeping
    field may lag; the key keeps working)."""
    _pending[str(key_id)] = at.isoformat()
    if not redis_is_usable():
        return
    # A copy: other requests may note uses while this one is on the wire.
    snapshot: dict[Any, Any] = dict(_pending)
    try:
        await get_redis().hset(LAST_USED_HASH, mapping=snapshot)
    except REDIS_FAILURES as exc:
        mark_redis_down(exc)
        return
    _pending.clear()
