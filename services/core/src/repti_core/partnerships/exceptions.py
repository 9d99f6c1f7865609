"""Partnership errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Forbidden, NotFound, UnprocessableEntity
from reptidex_common.models.enums import PartnershipStatus


class PartnershipNotFound(NotFound):
    type_slug = "partnership-not-found"

    def __init__(self) -> None:
        super().__init__("Partnership not found.")


class PartnerNotFound(NotFound):
    type_slug = "partner-not-found"

    def __init__(self) -> None:
        super().__init__("No vivarium has this slug.")


class SelfPartnership(UnprocessableEntity):
    type_slug = "self-partnership"

    def __init__(self) -> None:
        super().__init__("A vivarium cannot partner with itself.")


class OpenPartnershipExists(Conflict):
    type_slug = "partnership-exists"

    def __init__(self) -> None:
        super().__init__(
            "These two vivariums already have a proposed or active partnership. End it first to start a new one."
        )


class PartnershipStatusConflict(Conflict):
    type_slug = "partnership-status"

    def __init__(self, action: str, status: PartnershipStatus) -> None:
        super().__init__(f"A partnership that is {status.value} cannot be {action}.")


class OnlyPartnerAccepts(Forbidden):
    type_slug = "insufficient-role"

    def __init__(self) -> None:
        super().__init__(
            "Only a curator or herpetologist of the invited (partner) vivarium may accept."
        )


class NeedsCurator(Forbidden):
    type_slug = "insufficient-role"

    def __init__(self) -> None:
        super().__init__(
            "Ending a partnership needs the curator role or higher in one of its vivariums."
        )
