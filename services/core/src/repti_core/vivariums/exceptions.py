"""Vivarium errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Forbidden


class LastPersonalVivarium(Conflict):
    type_slug = "last-personal-vivarium"

    def __init__(self) -> None:
        super().__init__(
            "This is the last personal vivarium of one of its owners and cannot be deleted. "
            "Every account keeps a personal vivarium; it goes away only with the account."
        )


class SettingsNeedOwner(Forbidden):
    type_slug = "insufficient-role"

    def __init__(self) -> None:
        super().__init__(
            "Only a herpetologist (owner) may change the vivarium settings or time zone."
        )
