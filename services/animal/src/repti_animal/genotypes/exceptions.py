"""Genotype errors: each names the entry (by its index in the request) and the trait."""

from __future__ import annotations

from reptidex_common.errors import UnprocessableEntity


class InvalidGenotype(UnprocessableEntity):
    type_slug = "invalid-genotype"
    title = "Genotype not valid"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(
            message, extra={"errors": [{"field": field, "message": message, "type": "genotype"}]}
        )
