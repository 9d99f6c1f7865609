"""The data of partnership events, built in one place for every path that changes one."""

from __future__ import annotations

import uuid

from reptidex_common.events.types.core import PartnershipEnded
from reptidex_common.models.core import Partnership
from reptidex_common.models.enums import PartnershipStatus


def ended(
    partnership: Partnership,
    previous: PartnershipStatus,
    *,
    by: uuid.UUID | None,
    reason: str | None = None,
) -> PartnershipEnded:
    return PartnershipEnded(
        partnership_id=partnership.id,
        requester_vivarium_id=partnership.requester_vivarium_id,
        partner_vivarium_id=partnership.partner_vivarium_id,
        previous_status=previous.value,
        ended_by_vivarium_id=by,
        reason=reason,
    )
