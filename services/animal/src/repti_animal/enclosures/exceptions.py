"""Errors of the enclosures domain."""

from __future__ import annotations

from typing import Any

from reptidex_common.errors import Conflict, NotFound, UnprocessableEntity


class EnclosureNotFound(NotFound):
    type_slug = "enclosure-not-found"

    def __init__(self) -> None:
        super().__init__("Enclosure not found.")


class EnclosureNameTaken(Conflict):
    type_slug = "enclosure-name-taken"

    def __init__(self, name: str) -> None:
        super().__init__(f"This vivarium already has an enclosure named {name!r}.")


class EnclosureNotEmpty(Conflict):
    type_slug = "enclosure-not-empty"

    def __init__(self, count: int) -> None:
        super().__init__(
            f"{count} animal(s) still live in this enclosure; move them out first, or archive it."
        )


class EnclosureArchived(Conflict):
    type_slug = "enclosure-archived"

    def __init__(self) -> None:
        super().__init__("This enclosure is archived; unarchive it before moving animals in.")


class MoveRejected(UnprocessableEntity):
    type_slug = "move-rejected"

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(
            f"{len(errors)} animal(s) cannot be moved here; nothing was moved.",
            extra={"errors": errors},
        )
