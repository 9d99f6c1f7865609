"""The matrix cast (`world`) for these tests."""

from __future__ import annotations

from ..husbandry.world import world

__all__ = ["world"]
