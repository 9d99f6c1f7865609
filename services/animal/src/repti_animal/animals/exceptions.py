"""Animal errors (the not-found one lives in access.py, next to the check that raises it)."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Forbidden, UnprocessableEntity


class InvalidAnimalField(UnprocessableEntity):
    """A field that passed the schema but breaks a rule needing the database."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(
            message, extra={"errors": [{"field": field, "message": message, "type": "animal"}]}
        )


class DisplayIdTaken(Conflict):
    type_slug = "display-id-taken"

    def __init__(self, display_id: str) -> None:
        super().__init__(f"Another animal in this vivarium already has the id {display_id}.")


class AnimalArchived(Conflict):
    type_slug = "animal-archived"

    def __init__(self) -> None:
        super().__init__("This animal is archived; restore it before changing it.")


class VisibilityNeedsCurator(Forbidden):
    type_slug = "insufficient-role"

    def __init__(self) -> None:
        super().__init__("Changing who may see an animal needs the curator role or higher.")
