"""Errors of the lineage domain."""

from __future__ import annotations

from repti_animal.lineage.rules import LineageViolation


class InvalidPairing(LineageViolation):
    """A planned pairing that could never produce offspring (wrong sexes, species, same animal)."""

    type_slug = "invalid-pairing"
    title = "Pairing not possible"
