"""Member errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Forbidden, NotFound


class MemberNotFound(NotFound):
    type_slug = "member-not-found"

    def __init__(self) -> None:
        super().__init__("This user is not a member of the vivarium.")


class LastOwner(Conflict):
    type_slug = "last-owner"

    def __init__(self) -> None:
        super().__init__(
            "A vivarium always keeps at least one herpetologist (owner). Make another member "
            "herpetologist first, or delete the vivarium."
        )


class CannotManageMember(Forbidden):
    type_slug = "insufficient-role"

    def __init__(self) -> None:
        super().__init__(
            "Curators may manage keepers and handlers only; granting or removing the curator or "
            "herpetologist role needs a herpetologist."
        )
