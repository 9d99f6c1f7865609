"""Catalogue errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, NotFound, UnprocessableEntity


class SpeciesNotFound(NotFound):
    type_slug = "species-not-found"

    def __init__(self) -> None:
        super().__init__("Species not found.")


class TraitNotFound(NotFound):
    type_slug = "trait-not-found"

    def __init__(self) -> None:
        super().__init__("Trait not found.")


class CatalogueConflict(Conflict):
    type_slug = "catalogue-conflict"


class InvalidTrait(UnprocessableEntity):
    """A trait whose fields contradict each other (e.g. a super form on a recessive gene)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(
            message, extra={"errors": [{"field": field, "message": message, "type": "trait"}]}
        )


class TraitInUse(Conflict):
    type_slug = "trait-in-use"
