"""Enumerations of the animal domain (repti-animal)."""

from __future__ import annotations

from enum import StrEnum


class Inheritance(StrEnum):
    recessive = "recessive"
    incomplete_dominant = "incomplete_dominant"
    dominant = "dominant"
    polygenic = "polygenic"
    line_bred = "line_bred"


class WelfareFlag(StrEnum):
    none = "none"
    welfare = "welfare"
    lethal = "lethal"


class WelfareScope(StrEnum):
    """Which animals the flag concerns: any carrier of the gene, or only the super form."""

    carrier = "carrier"
    homozygous = "homozygous"


class Sex(StrEnum):
    male = "male"
    female = "female"
    unknown = "unknown"


class AnimalStatus(StrEnum):
    active = "active"
    sold = "sold"
    deceased = "deceased"
    holdback = "holdback"
    external = "external"
    lease = "lease"


class Visibility(StrEnum):
    private = "private"
    lineage_only = "lineage_only"
    public = "public"


class GenotypeState(StrEnum):
    visual = "visual"
    het = "het"
    possible_het = "possible_het"
    super = "super"


class GenotypeProof(StrEnum):
    visual = "visual"
    parentage = "parentage"
    test_breeding = "test_breeding"
    dna_test = "dna_test"
    seller_claim = "seller_claim"


class PairingStatus(StrEnum):
    planned = "planned"
    active = "active"
    locked = "locked"
    ovulated = "ovulated"
    completed = "completed"
    failed = "failed"


class ClutchStatus(StrEnum):
    incubating = "incubating"
    hatched = "hatched"
    failed = "failed"


class LogKind(StrEnum):
    feeding = "feeding"
    weight = "weight"
    shed = "shed"
    health = "health"
    vet = "vet"
    medication = "medication"
    cleaning = "cleaning"
    note = "note"


class FeedingOutcome(StrEnum):
    accepted = "accepted"
    refused = "refused"
    regurgitated = "regurgitated"


class TransferStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    declined = "declined"
    canceled = "canceled"
    expired = "expired"


class LeaseStatus(StrEnum):
    active = "active"
    returned = "returned"
    canceled = "canceled"


class ParentRole(StrEnum):
    sire = "sire"
    dam = "dam"


class ParentLinkStatus(StrEnum):
    """A parent from another vivarium: asked for, then linked only once its owner approves.

    `suspended`: an approved link the parent's owner later broke by correcting their own
    animal (hatch date, sex); it is unlinked and shown to the child's owner to fix or remove.
    """

    pending = "pending"
    approved = "approved"
    declined = "declined"
    canceled = "canceled"
    suspended = "suspended"
