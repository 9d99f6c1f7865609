"""Errors of transfers and leases."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Gone, NotFound, UnprocessableEntity


class TransferNotFound(NotFound):
    type_slug = "transfer-not-found"

    def __init__(self) -> None:
        super().__init__("Transfer not found.")


class LeaseNotFound(NotFound):
    type_slug = "lease-not-found"

    def __init__(self) -> None:
        super().__init__("Lease not found.")


class AnimalBusy(Conflict):
    """The animal is already promised elsewhere: a pending transfer or an active lease."""

    type_slug = "animal-busy"


class AnimalOnLoan(Conflict):
    type_slug = "animal-on-loan"


class TransferClosed(Conflict):
    """A vivarium of the transfer was deleted: it is canceled, and stays so."""

    type_slug = "transfer-closed"
    # Recording the cancellation is right even though the request fails.
    keeps_changes = True


class NotPending(Conflict):
    type_slug = "transfer-not-pending"


class TransferExpired(Gone):
    type_slug = "transfer-expired"
    # Recording the expiry is right even though the request fails.
    keeps_changes = True


class BadCounterparty(UnprocessableEntity):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(
            message, extra={"errors": [{"field": field, "message": message, "type": "value_error"}]}
        )
