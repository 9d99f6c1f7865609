"""Errors of the reminders domain."""

from __future__ import annotations

from reptidex_common.errors import NotFound, UnprocessableEntity


class ReminderNotFound(NotFound):
    type_slug = "reminder-not-found"

    def __init__(self) -> None:
        super().__init__("Reminder not found.")


class DueNotificationNotFound(NotFound):
    type_slug = "due-notification-not-found"

    def __init__(self) -> None:
        super().__init__("Notification not found.")


class TargetNotInVivarium(UnprocessableEntity):
    def __init__(self, field: str) -> None:
        super().__init__(
            f"{field} does not name an active record of this vivarium.",
            extra={"errors": [{"field": f"body.{field}", "message": "not found in this vivarium"}]},
        )
