"""The what-if COI of a pairing, from the lineage domain's calculation.

Breeding never computes inbreeding itself: there is one implementation of Wright's F in the
service, and a pairing shows what its offspring's stored COI will be (same depth).
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.breeding.schemas import WhatIfCoi
from repti_animal.lineage.coi_service import planned_coi


async def what_if_coi(session: AsyncSession, sire_id: uuid.UUID, dam_id: uuid.UUID) -> WhatIfCoi:
    # The caller has already checked that both animals are visible to the one asking.
    result = await planned_coi(session, sire_id, dam_id)
    return WhatIfCoi(coi=result.coi, generations=result.generations)
