"""Parent-link errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Forbidden, NotFound


class ParentLinkNotFound(NotFound):
    type_slug = "parent-link-not-found"

    def __init__(self) -> None:
        super().__init__("Parent link request not found.")


class ParentLinkNotOpen(Conflict):
    type_slug = "parent-link-not-open"

    def __init__(self, status: str, action: str) -> None:
        super().__init__(f"This parent link is {status}; it can no longer be {action}.")


class NotTheParentsOwner(Forbidden):
    type_slug = "insufficient-role"

    def __init__(self) -> None:
        super().__init__(
            "Only the parent's owner (curator or higher in its vivarium) may approve or decline."
        )


class NotTheChildsKeeper(Forbidden):
    type_slug = "insufficient-role"

    def __init__(self) -> None:
        super().__init__(
            "Only the child's vivarium (handler or higher) may cancel or remove this link."
        )
