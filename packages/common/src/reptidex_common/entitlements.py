"""Reading a vivarium's effective entitlements and enforcing plan limits, for every service.

A limit is an int (`None` = unlimited). A key that neither the plan nor the overrides define
counts as not granted: a plan row missing a key must never turn into an unlimited plan.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.errors import NotFound, PlanLimitExceeded
from reptidex_common.models.core import Plan, Vivarium
from reptidex_common.plans import Entitlement, effective_entitlements


class ListingKind(StrEnum):
    """Listing kinds a plan may grant (the `listing_kinds` entitlement); commerce owns listings."""

    animal = "animal"
    pair = "pair"
    group = "group"
    equipment = "equipment"


LIMIT_ENTITLEMENTS = frozenset(
    {
        Entitlement.max_animals,
        Entitlement.max_pairings,
        Entitlement.storage_bytes,
        Entitlement.collaborators,
    }
)
FEATURE_ENTITLEMENTS = frozenset({Entitlement.featured_placement, Entitlement.pedigree_qr})


@dataclass(frozen=True)
class _LimitWording:
    noun: str
    remedy: str


_WORDING: dict[Entitlement, _LimitWording] = {
    Entitlement.max_animals: _LimitWording("animals", "archive animals"),
    Entitlement.max_pairings: _LimitWording("pairings", "archive pairings"),
    Entitlement.storage_bytes: _LimitWording("of storage", "delete photos or files"),
    Entitlement.collaborators: _LimitWording("collaborators", "remove members"),
}

_FEATURE_NAMES: dict[Entitlement, str] = {
    Entitlement.featured_placement: "featured placement",
    Entitlement.pedigree_qr: "pedigree QR codes",
}


@dataclass(frozen=True)
class VivariumPlan:
    plan: Plan
    overrides: dict[str, Any]

    @property
    def entitlements(self) -> dict[str, Any]:
        return effective_entitlements(self.plan.entitlements or {}, self.overrides)


async def load_vivarium_plan(session: AsyncSession, vivarium_id: uuid.UUID) -> VivariumPlan:
    row = (
        await session.execute(
            select(Plan, Vivarium.entitlement_overrides)
            .join(Vivarium, Vivarium.plan_id == Plan.id)
            .where(Vivarium.id == vivarium_id, Vivarium.deleted_at.is_(None))
        )
    ).one_or_none()
    if row is None:
        raise NotFound("Vivarium not found.")
    return VivariumPlan(plan=row[0], overrides=dict(row[1] or {}))


async def vivarium_entitlements(session: AsyncSession, vivarium_id: uuid.UUID) -> dict[str, Any]:
    """The plan's entitlements with the staff overrides applied (`None` = unlimited)."""
    return (await load_vivarium_plan(session, vivarium_id)).entitlements


def limit_of(entitlements: dict[str, Any], entitlement: Entitlement) -> int | None:
    """The one reading of a numeric limit, for every service: `None` means unlimited.

    A key the plan does not define is not granted (0), so a plan row that lacks a key, or a
    typo in one, can only ever refuse, never open a plan up without limits.
    """
    if entitlement not in LIMIT_ENTITLEMENTS:
        raise ValueError(f"{entitlement} is not a numeric limit")
    value = entitlements.get(entitlement.value, 0)
    return None if value is None else int(value)


async def vivarium_limit(
    session: AsyncSession, vivarium_id: uuid.UUID, entitlement: Entitlement
) -> int | None:
    """The vivarium's effective limit for `entitlement` (`None` = unlimited)."""
    return limit_of(await vivarium_entitlements(session, vivarium_id), entitlement)


def _human_bytes(value: int) -> str:
    size = float(value)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024:
            return f"{size:g} {unit}"
        size /= 1024
    return f"{size:g} TiB"


def _amount(entitlement: Entitlement, value: int) -> str:
    if entitlement is Entitlement.storage_bytes:
        return _human_bytes(value)
    return str(value)


async def enforce_limit(
    session: AsyncSession,
    vivarium_id: uuid.UUID,
    entitlement: Entitlement,
    current_count: int,
    *,
    adding: int = 1,
) -> None:
    """Raise 402 when `current_count + adding` would go past the vivarium's limit.

    Call it before creating the thing, with the count the vivarium has now; `adding` is how
    many are about to be created (or the upload size for storage).
    """
    if entitlement not in LIMIT_ENTITLEMENTS:
        raise ValueError(f"{entitlement} is not a numeric limit; use require_feature")
    loaded = await load_vivarium_plan(session, vivarium_id)
    limit = limit_of(loaded.entitlements, entitlement)
    if limit is None or current_count + adding <= limit:
        return
    wording = _WORDING[entitlement]
    raise PlanLimitExceeded(
        f"Your {loaded.plan.name} plan allows {_amount(entitlement, limit)} {wording.noun}; "
        f"you have {_amount(entitlement, current_count)}. Upgrade the plan or {wording.remedy}.",
        extra={"entitlement": entitlement.value, "limit": limit, "current": current_count},
    )


async def require_feature(
    session: AsyncSession, vivarium_id: uuid.UUID, entitlement: Entitlement
) -> None:
    """Raise 402 unless the vivarium's plan includes an on/off feature such as pedigree QR."""
    if entitlement not in FEATURE_ENTITLEMENTS:
        raise ValueError(f"{entitlement} is not an on/off feature; use enforce_limit")
    loaded = await load_vivarium_plan(session, vivarium_id)
    if loaded.entitlements.get(entitlement) is True:
        return
    raise PlanLimitExceeded(
        f"Your {loaded.plan.name} plan does not include {_FEATURE_NAMES[entitlement]}. Upgrade the plan to use it.",
        extra={"entitlement": entitlement.value},
    )


async def require_listing_kind(session: AsyncSession, vivarium_id: uuid.UUID, kind: str) -> None:
    """Raise 402 unless the vivarium's plan allows listings of this kind."""
    loaded = await load_vivarium_plan(session, vivarium_id)
    allowed = loaded.entitlements.get(Entitlement.listing_kinds) or []
    if kind in allowed:
        return
    raise PlanLimitExceeded(
        f"Your {loaded.plan.name} plan does not include {kind} listings "
        f"(it allows: {', '.join(allowed) or 'none'}). Upgrade the plan to list it.",
        extra={"entitlement": Entitlement.listing_kinds.value, "kind": kind},
    )
