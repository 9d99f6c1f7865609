"""The plan's `max_animals` limit: the one check every way of adding animals goes through.

Creating, restoring, hatching, importing and accepting a transfer all add animals to a
vivarium; each calls `ensure_room_for_animals`, so they lock, count and word the limit alike.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.repository import count_unarchived, lock_animal_count
from reptidex_common.entitlements import enforce_limit
from reptidex_common.plans import Entitlement


async def ensure_room_for_animals(
    session: AsyncSession, vivarium_id: uuid.UUID, *, adding: int = 1
) -> None:
    """Raise 402 unless `adding` more animals fit the vivarium's plan.

    Takes the vivarium's animal-count lock first (held until commit), so two writers cannot
    both pass the limit; take it before any animal row lock, as every caller does.
    """
    await lock_animal_count(session, vivarium_id)
    current = await count_unarchived(session, vivarium_id)
    await enforce_limit(session, vivarium_id, Entitlement.max_animals, current, adding=adding)
