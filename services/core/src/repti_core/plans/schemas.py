"""Request and response bodies of the plan endpoints."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
)

from reptidex_common.db.pagination import Page
from reptidex_common.entitlements import ListingKind

# JSON clients (JavaScript) lose precision above 2**53, so no limit may be larger.
MAX_LIMIT = 2**53 - 1
# A limit is a whole number >= 0; `null` means unlimited. Strict: `true` or `5.0` are not limits.
Limit = Annotated[StrictInt, Field(ge=0, le=MAX_LIMIT)] | None


class PlanRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    description: str
    monthly_price_cents: int
    is_default: bool
    sort_order: int
    entitlements: dict[str, Any]


PlanPage = Page[PlanRead]


class VivariumPlanRead(BaseModel):
    vivarium_id: uuid.UUID
    plan: PlanRead
    entitlements: dict[str, Any] = Field(
        description="What applies: the plan with the overrides on top."
    )
    overrides: dict[str, Any] = Field(
        description="Staff grants that replace the plan's value, key by key."
    )
    usage: dict[str, int] = Field(description="What core counts itself: members and collaborators.")


class PlanChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class EntitlementOverrides(BaseModel):
    """One optional field per Entitlement; a key that is left out follows the plan."""

    model_config = ConfigDict(extra="forbid")

    max_animals: Limit = None
    max_pairings: Limit = None
    storage_bytes: Limit = None
    collaborators: Limit = None
    listing_kinds: Annotated[list[ListingKind], Field(max_length=len(ListingKind))] | None = None
    featured_placement: StrictBool | None = None
    pedigree_qr: StrictBool | None = None

    @field_validator("listing_kinds", "featured_placement", "pedigree_qr", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        # `null` means unlimited for numeric limits only; here it would mean nothing at all.
        if value is None:
            raise ValueError("must not be null; leave the key out to follow the plan")
        return value

    @field_validator("listing_kinds")
    @classmethod
    def _unique_kinds(cls, kinds: list[ListingKind] | None) -> list[ListingKind] | None:
        return None if kinds is None else list(dict.fromkeys(kinds))

    def as_json(self) -> dict[str, Any]:
        """Only the keys the caller sent, so an explicit `null` limit is kept as unlimited."""
        return self.model_dump(mode="json", exclude_unset=True)


class EntitlementOverridesUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overrides: EntitlementOverrides
