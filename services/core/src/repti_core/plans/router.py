"""HTTP for plans: the public catalogue, a vivarium's plan, and staff changes to it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from repti_core.plans import service
from repti_core.plans.schemas import (
    EntitlementOverridesUpdate,
    PlanChange,
    PlanPage,
    PlanRead,
    VivariumPlanRead,
)
from reptidex_common.auth.dependencies import AdminPrincipal, VivariumAccess, require_vivarium_role
from reptidex_common.db.engine import DbSession
from reptidex_common.models.enums import VivariumRole

router = APIRouter(prefix="/api/v1", tags=["plans"])

AnyMember = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.keeper))]


@router.get("/plans", response_model=PlanPage)
async def list_plans(session: DbSession) -> PlanPage:
    """Every plan with its entitlements, cheapest first. Public: the pricing page reads it."""
    plans = await service.list_plans(session)
    return PlanPage(items=[PlanRead.model_validate(plan) for plan in plans], next_cursor=None)


@router.get("/vivariums/{vivarium_id}/plan", response_model=VivariumPlanRead)
async def get_vivarium_plan(
    vivarium_id: uuid.UUID, access: AnyMember, session: DbSession
) -> VivariumPlanRead:
    """The vivarium's plan, its overrides and the effective entitlements (any member)."""
    return await service.vivarium_plan(session, access.vivarium.id)


@router.put("/vivariums/{vivarium_id}/plan", response_model=VivariumPlanRead)
async def change_vivarium_plan(
    vivarium_id: uuid.UUID, body: PlanChange, admin: AdminPrincipal, session: DbSession
) -> VivariumPlanRead:
    """Move a vivarium to another plan. Platform admins only: payments are out of scope, so
    there is no self-service upgrade yet; billing will call the same service function."""
    return await service.change_plan(session, admin, vivarium_id, body.plan_code)


@router.put("/vivariums/{vivarium_id}/entitlement-overrides", response_model=VivariumPlanRead)
async def set_entitlement_overrides(
    vivarium_id: uuid.UUID,
    body: EntitlementOverridesUpdate,
    admin: AdminPrincipal,
    session: DbSession,
) -> VivariumPlanRead:
    """Replace the vivarium's overrides (platform admins only). Each key replaces the plan's
    value; `null` for a numeric limit means unlimited; `{}` removes every override."""
    return await service.set_overrides(session, admin, vivarium_id, body.overrides.as_json())
