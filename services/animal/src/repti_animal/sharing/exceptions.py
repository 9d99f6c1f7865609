"""Errors of sharing."""

from __future__ import annotations

from reptidex_common.errors import NotFound


class PublicAnimalNotFound(NotFound):
    """Missing, private, lineage_only and archived animals all look the same from outside."""

    type_slug = "animal-not-found"

    def __init__(self) -> None:
        super().__init__("No public animal with this id.")
