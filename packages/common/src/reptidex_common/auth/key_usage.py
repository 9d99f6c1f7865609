"""When each API key was last used: noted in Redis on every request, written to the table later.

Writing `api_keys.last_used_at` inside each request would hold that row's lock until the
request commits, so one embed widget's concurrent requests would queue behind each other. The
request only notes the time in one Redis hash; core's beat moves the hash into the table once a
minute (`repti_core.api_keys.usage`), so the table lags by at most that.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from reptidex_common.redis import get_redis

# Hash: key id → ISO time of its latest use not yet written to the table.
LAST_USED_HASH = "api-keys:last-used"


async def record_key_use(key_id: uuid.UUID, at: datetime) -> None:
    await get_redis().hset(LAST_USED_HASH, str(key_id), at.isoformat())
