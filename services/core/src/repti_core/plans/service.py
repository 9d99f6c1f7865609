"""Plan rules: reading a vivarium's effective entitlements and staff changes. Never commits.

Payments are out of scope: a plan changes only when platform staff set it. Limits apply to
what is created afterwards; a downgrade never deletes or hides existing records.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.plans import repository
from repti_core.plans.exceptions import UnknownPlan
from repti_core.plans.schemas import PlanRead, VivariumPlanRead
from reptidex_common.auth.principal import Principal
from reptidex_common.entitlements import load_vivarium_plan
from reptidex_common.errors import NotFound
from reptidex_common.events.actors import actor_of
from reptidex_common.events.emitting import emit
from reptidex_common.events.types.core import PlanChanged, PlanOverridesChanged
from reptidex_common.models.core import Plan, Vivarium
from reptidex_common.plans import Entitlement


async def list_plans(session: AsyncSession) -> Sequence[Plan]:
    return await repository.all_plans(session)


async def vivarium_plan(session: AsyncSession, vivarium_id: uuid.UUID) -> VivariumPlanRead:
    loaded = await load_vivarium_plan(session, vivarium_id)
    return VivariumPlanRead(
        vivarium_id=vivarium_id,
        plan=PlanRead.model_validate(loaded.plan),
        entitlements=loaded.entitlements,
        overrides=loaded.overrides,
        usage=_usage(await repository.member_count(session, vivarium_id)),
    )


def _usage(members: int) -> dict[str, int]:
    # Collaborators are the members beyond the first owner seat, as the seat check counts them.
    return {"members": members, Entitlement.collaborators.value: max(members - 1, 0)}


async def _live_vivarium(session: AsyncSession, vivarium_id: uuid.UUID) -> Vivarium:
    vivarium = await repository.live_vivarium_for_update(session, vivarium_id)
    if vivarium is None:
        raise NotFound("Vivarium not found.")
    return vivarium


async def change_plan(
    session: AsyncSession, principal: Principal, vivarium_id: uuid.UUID, plan_code: str
) -> VivariumPlanRead:
    vivarium = await _live_vivarium(session, vivarium_id)
    plan = await repository.plan_by_code(session, plan_code)
    if plan is None:
        raise UnknownPlan(plan_code, [p.code for p in await repository.all_plans(session)])
    previous = await session.get(Plan, vivarium.plan_id)
    if previous is None or previous.id != plan.id:
        vivarium.plan_id = plan.id
        await session.flush()
        emit(
            session,
            PlanChanged(
                vivarium_id=vivarium.id,
                previous_plan_code=previous.code if previous else "",
                plan_code=plan.code,
            ),
            actor=actor_of(principal),
            vivarium_id=vivarium.id,
        )
    return await vivarium_plan(session, vivarium_id)


async def set_overrides(
    session: AsyncSession, principal: Principal, vivarium_id: uuid.UUID, overrides: dict[str, Any]
) -> VivariumPlanRead:
    """Replace the whole override set; `{}` returns the vivarium to its plan."""
    vivarium = await _live_vivarium(session, vivarium_id)
    previous = dict(vivarium.entitlement_overrides or {})
    # A new dict, not an in-place edit: SQLAlchemy only notices JSONB reassignment.
    vivarium.entitlement_overrides = dict(overrides)
    await session.flush()
    if previous != overrides:
        emit(
            session,
            PlanOverridesChanged(
                vivarium_id=vivarium.id, overrides=dict(overrides), previous_overrides=previous
            ),
            actor=actor_of(principal),
            vivarium_id=vivarium.id,
        )
    return await vivarium_plan(session, vivarium_id)
