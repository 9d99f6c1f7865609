"""Events repti-animal emits.

Each carries what its consumers (notifications, audit, search, webhooks, listing snapshots)
act on without reading this service's tables: the ids, every vivarium concerned, and the
values that changed. The envelope's `vivarium_id` is the vivarium whose record changed (for
transfers and leases, the sending or lending side; the other side is in the data).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from reptidex_common.events.catalogue import EventData, event

# -- Animals -------------------------------------------------------------------------------


class AnimalData(EventData):
    animal_id: uuid.UUID
    vivarium_id: uuid.UUID


@event("animal.animal.created")
class AnimalCreated(AnimalData):
    """A new animal record: entered by hand, hatched from a clutch or imported from a file."""

    source: Literal["manual", "hatching", "import"]
    display_id: str
    name: str | None
    species_id: uuid.UUID
    sex: str
    status: str
    visibility: str
    hatch_date: date | None
    morph: str | None
    sire_id: uuid.UUID | None
    dam_id: uuid.UUID | None
    clutch_id: uuid.UUID | None


@event("animal.animal.updated")
class AnimalUpdated(AnimalData):
    """The fields whose value changed, by name, with their new values (JSON)."""

    changes: dict[str, Any]


@event("animal.animal.archived")
class AnimalArchived(AnimalData):
    pass


@event("animal.animal.restored")
class AnimalRestored(AnimalData):
    pass


@event("animal.lineage.changed")
class LineageChanged(AnimalData):
    """The animal's sire or dam changed: set by its keeper, or by the parent's owner approving
    a link request (`parent_link_id`)."""

    sire_id: uuid.UUID | None
    dam_id: uuid.UUID | None
    previous_sire_id: uuid.UUID | None
    previous_dam_id: uuid.UUID | None
    parent_link_id: uuid.UUID | None = None


class GenotypeEntry(EventData):
    trait_id: uuid.UUID
    state: str
    het_percent: int | None
    proof: str | None


@event("animal.genotype.changed")
class GenotypeChanged(AnimalData):
    """The animal's whole genotype after the change (it is replaced as a whole)."""

    genotype: list[GenotypeEntry]


# -- Transfers and leases ----------------------------------------------------------------


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


@event("animal.transfer.expiring")
class TransferExpiring(TransferData):
    """Still unanswered and about to expire (emitted once, a little before `expires_at`)."""

    expires_at: datetime


class LeaseData(EventData):
    """A breeding loan: the animal stays the lender's and lives with the borrower."""

    lease_id: uuid.UUID
    animal_id: uuid.UUID
    lender_vivarium_id: uuid.UUID
    borrower_vivarium_id: uuid.UUID
    start_date: date
    end_date: date | None
    # Who ended it and why (returned, canceled, a vivarium deleted); none while it runs.
    reason: str | None = None


@event("animal.lease.started")
class LeaseStarted(LeaseData):
    pass


@event("animal.lease.returned")
class LeaseReturned(LeaseData):
    pass


@event("animal.lease.canceled")
class LeaseCanceled(LeaseData):
    pass


# -- Breeding ------------------------------------------------------------------------------


class PairingData(EventData):
    pairing_id: uuid.UUID
    vivarium_id: uuid.UUID
    sire_id: uuid.UUID
    dam_id: uuid.UUID
    season: int | None
    status: str


@event("animal.pairing.created")
class PairingCreated(PairingData):
    pass


@event("animal.pairing.updated")
class PairingUpdated(PairingData):
    """The fields whose value changed, by name, with their new values (JSON)."""

    changes: dict[str, Any]


@event("animal.pairing.deleted")
class PairingDeleted(PairingData):
    pass


class ClutchData(EventData):
    clutch_id: uuid.UUID
    vivarium_id: uuid.UUID
    pairing_id: uuid.UUID | None
    sire_id: uuid.UUID | None
    dam_id: uuid.UUID
    species_id: uuid.UUID
    status: str
    laid_date: date
    eggs_total: int
    # When it should hatch, from the species' incubation and the clutch's temperature.
    expected_hatch_date: date | None


@event("animal.clutch.laid")
class ClutchLaid(ClutchData):
    pass


@event("animal.clutch.updated")
class ClutchUpdated(ClutchData):
    """The fields whose value changed, by name, with their new values (JSON)."""

    changes: dict[str, Any]


@event("animal.clutch.failed")
class ClutchFailed(ClutchData):
    pass


@event("animal.clutch.due")
class ClutchDue(ClutchData):
    """Still incubating and due to hatch within days (by `expected_hatch_date`, in the
    vivarium's calendar); emitted once per expected date."""


@event("animal.clutch.hatched")
class ClutchHatched(ClutchData):
    """Hatchlings recorded from the clutch; each is also an `animal.animal.created`."""

    hatch_date: date
    animal_ids: list[uuid.UUID]


# -- Care reminders -----------------------------------------------------------------------


@event("animal.reminder.due")
class ReminderDue(EventData):
    """One occurrence of a care reminder fell due (recorded once per reminder and due time)."""

    reminder_id: uuid.UUID
    due_notification_id: uuid.UUID
    vivarium_id: uuid.UUID
    animal_id: uuid.UUID | None
    # Set for a lease's return reminder: "lease return due" rather than a care task.
    lease_id: uuid.UUID | None
    title: str
    due_at: datetime


# -- Import --------------------------------------------------------------------------------


@event("animal.import.completed")
class ImportCompleted(EventData):
    """A CSV import was written; each animal it created is also an `animal.animal.created`."""

    job_id: uuid.UUID | None
    vivarium_id: uuid.UUID
    animals_created: int
    genotypes_created: int
