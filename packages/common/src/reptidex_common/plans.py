"""Plan entitlements: the keys every service reads, and how a vivarium's effective set is formed."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Entitlement(StrEnum):
    max_animals = "max_animals"
    max_pairings = "max_pairings"
    storage_bytes = "storage_bytes"
    collaborators = "collaborators"
    listing_kinds = "listing_kinds"
    featured_placement = "featured_placement"
    pedigree_qr = "pedigree_qr"


def effective_entitlements(plan: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Staff overrides win over the plan, key by key. `None` as a limit means unlimited."""
    return {**plan, **overrides}
