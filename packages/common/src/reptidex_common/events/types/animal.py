"""Events repti-animal emits."""

from __future__ import annotations

import uuid

from reptidex_common.events.catalogue import EventData, event


class TransferData(EventData):
    """An ownership transfer of one animal between two vivariums, at one step of its life."""

    transfer_id: uuid.UUID
    animal_id: uuid.UUID
    from_vivarium_id: uuid.UUID
    to_vivarium_id: uuid.UUID
    # Why it closed when neither side answered (e.g. a vivarium was deleted); else none.
    reason: str | None = None


@event("animal.transfer.offered")
class TransferOffered(TransferData):
    pass


@event("animal.transfer.accepted")
class TransferAccepted(TransferData):
    pass


@event("animal.transfer.declined")
class TransferDeclined(TransferData):
    pass


@event("animal.transfer.canceled")
class TransferCanceled(TransferData):
    pass


@event("animal.transfer.expired")
class TransferExpired(TransferData):
    pass
