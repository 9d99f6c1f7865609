"""Collaborator seats: how many people besides the owner a vivarium's plan allows.

The `collaborators` entitlement counts every member beyond the first owner seat, whatever
their role, so inviting extra herpetologists cannot bypass it. Pending, unexpired invitations
hold a seat too, so a plan cannot be overbooked by inviting first and accepting later.
`None` means unlimited; a plan without the key grants no seats, the rule every limit follows
(`reptidex_common.entitlements.limit_of`). Callers lock the vivarium row first so
two concurrent joins cannot both take the last seat.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.vivariums import repository
from reptidex_common.entitlements import limit_of
from reptidex_common.errors import PlanLimitExceeded
from reptidex_common.models.core import Vivarium
from reptidex_common.plans import Entitlement, effective_entitlements


async def collaborator_limit(session: AsyncSession, vivarium: Vivarium) -> int | None:
    plan = await repository.plan_of(session, vivarium)
    entitlements = effective_entitlements(
        plan.entitlements or {}, vivarium.entitlement_overrides or {}
    )
    return limit_of(entitlements, Entitlement.collaborators)


async def ensure_seat(session: AsyncSession, vivarium: Vivarium, *, reserved: int = 0) -> None:
    """Raise 402 unless one more collaborator fits (besides `reserved` seats already promised)."""
    limit = await collaborator_limit(session, vivarium)
    if limit is None:
        return
    collaborators = max(await repository.count_members(session, vivarium.id) - 1, 0)
    if collaborators + reserved >= limit:
        raise PlanLimitExceeded(
            f"This vivarium's plan allows {limit} collaborator{'s' if limit != 1 else ''} besides the "
            f"owner and has {collaborators} member{'s' if collaborators != 1 else ''} and {reserved} "
            "pending invitation(s). Upgrade the plan, or remove a member or revoke an invitation first.",
            extra={"entitlement": Entitlement.collaborators.value, "limit": limit},
        )
