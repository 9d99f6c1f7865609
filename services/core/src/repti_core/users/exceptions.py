"""User domain errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Forbidden, NotFound


class UserNotFound(NotFound):
    type_slug = "user-not-found"

    def __init__(self) -> None:
        super().__init__("User not found.")


class CannotModerateSelf(Conflict):
    type_slug = "cannot-moderate-self"

    def __init__(self) -> None:
        super().__init__("Staff cannot suspend or reactivate their own account.")


class OutranksModerator(Forbidden):
    type_slug = "insufficient-platform-role"

    def __init__(self) -> None:
        super().__init__("Only an admin may suspend or reactivate another staff account.")
