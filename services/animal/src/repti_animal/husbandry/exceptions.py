"""Errors of the husbandry domain."""

from __future__ import annotations

from typing import Any

from reptidex_common.errors import Conflict, NotFound, UnprocessableEntity


class LogNotFound(NotFound):
    type_slug = "log-not-found"

    def __init__(self) -> None:
        super().__init__("Log entry not found.")


class ArchivedAnimal(Conflict):
    type_slug = "animal-archived"

    def __init__(self) -> None:
        super().__init__("This animal is archived; its record is read-only.")


class LogFromEarlierKeeper(Conflict):
    type_slug = "log-read-only"

    def __init__(self) -> None:
        super().__init__(
            "This entry was written while the animal lived in another vivarium; "
            "history from an earlier keeper is read-only."
        )


class BatchRejected(UnprocessableEntity):
    """Nothing of the batch was written; `errors` names every bad entry by index."""

    type_slug = "batch-rejected"

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(
            f"{len(errors)} entr{'y' if len(errors) == 1 else 'ies'} cannot be logged; "
            "nothing was written.",
            extra={"errors": errors},
        )
