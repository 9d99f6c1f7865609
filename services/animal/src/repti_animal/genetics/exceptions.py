"""Genetics calculator errors."""

from __future__ import annotations

from dataclasses import dataclass

from reptidex_common.errors import UnprocessableEntity


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with the request, with the field path a client can point at."""

    field: str
    message: str
    type: str = "genotype"


class InvalidPairing(UnprocessableEntity):
    """The parents' genotypes cannot exist or do not belong to the species.

    Carries every problem found, in the same `errors` shape as payload validation, so a
    client can mark each bad entry at once.
    """

    type_slug = "invalid-genotype"

    def __init__(self, problems: list[FieldProblem]) -> None:
        summary = "; ".join(f"{p.field}: {p.message}" for p in problems[:5])
        super().__init__(
            f"The parents' genotypes cannot be calculated. {summary}",
            extra={
                "errors": [
                    {"field": p.field, "message": p.message, "type": p.type} for p in problems
                ]
            },
        )
        self.problems = problems


class TooManyOutcomes(UnprocessableEntity):
    """The pairing involves more genes than the calculator answers in one response."""

    type_slug = "pairing-too-complex"
