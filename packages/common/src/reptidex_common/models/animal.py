"""Tables owned by repti-animal (schema `animal`): the lineage-first record.

Integrity lives in the schema where it can: foreign keys, checks, unique keys. Lineage rules
that need other rows (sire male, dam female, parents older, no cycles) are enforced by the
service on write and re-checked by the `animal.check_lineage` trigger (see the migration).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reptidex_common.bounds import (
    MAX_INCUBATION_CELSIUS,
    MAX_LENGTH_CM,
    MAX_WEIGHT_GRAMS,
    MIN_INCUBATION_CELSIUS,
    date_in_range_sql,
    dates_in_range_sql,
    instant_in_range_sql,
    number_in_range_sql,
)
from reptidex_common.db.base import Base, IdMixin, TimestampMixin
from reptidex_common.models.animal_enums import (
    AnimalStatus,
    ClutchStatus,
    FeedingOutcome,
    GenotypeProof,
    GenotypeState,
    Inheritance,
    LeaseStatus,
    LogKind,
    PairingStatus,
    ParentLinkStatus,
    ParentRole,
    Sex,
    TransferStatus,
    Visibility,
    WelfareFlag,
    WelfareScope,
)
from reptidex_common.models.columns import str_enum

SCHEMA = "animal"
CORE_VIVARIUMS = "core.vivariums.id"
CORE_USERS = "core.users.id"


class Species(IdMixin, TimestampMixin, Base):
    __tablename__ = "species"
    __table_args__ = {"schema": SCHEMA}

    common_name: Mapped[str] = mapped_column(String(120))
    scientific_name: Mapped[str] = mapped_column(String(160), unique=True)
    # Prefix of generated display ids: `CR` gives `CR-062`.
    code_prefix: Mapped[str] = mapped_column(String(8), unique=True)
    incubation_days_min: Mapped[int | None] = mapped_column(SmallInteger)
    incubation_days_max: Mapped[int | None] = mapped_column(SmallInteger)
    incubation_temp_min_c: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    incubation_temp_max_c: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    default_feeding_interval_days: Mapped[int | None] = mapped_column(SmallInteger)
    egg_laying: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    # Live-bearers: days from ovulation to birth.
    gestation_days_min: Mapped[int | None] = mapped_column(SmallInteger)
    gestation_days_max: Mapped[int | None] = mapped_column(SmallInteger)
    # Set for species whose hatchlings first eat after their first shed (snakes): the days
    # after hatching that shed is expected within.
    first_shed_days: Mapped[int | None] = mapped_column(SmallInteger)


class Trait(IdMixin, TimestampMixin, Base):
    """A gene (or line-bred/polygenic look) of one species."""

    __tablename__ = "traits"
    __table_args__ = (
        UniqueConstraint("species_id", "name"),
        {"schema": SCHEMA},
    )

    species_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.species.id", ondelete="RESTRICT")
    )
    name: Mapped[str] = mapped_column(String(80))
    inheritance: Mapped[Inheritance] = mapped_column(str_enum(Inheritance, "trait_inheritance"))
    # The homozygous form of an incomplete dominant gene, e.g. "Super Pastel", "Blue Eyed Leucistic".
    super_form_name: Mapped[str | None] = mapped_column(String(80))
    # Alleles of one locus share a group (the BEL complex: Mojave, Lesser, Butter, Russo).
    allelic_group: Mapped[str | None] = mapped_column(String(80))
    welfare_flag: Mapped[WelfareFlag] = mapped_column(
        str_enum(WelfareFlag, "trait_welfare_flag"), default=WelfareFlag.none, server_default="none"
    )
    welfare_scope: Mapped[WelfareScope] = mapped_column(
        str_enum(WelfareScope, "trait_welfare_scope"),
        default=WelfareScope.carrier,
        server_default="carrier",
    )
    welfare_note: Mapped[str | None] = mapped_column(Text)
    # The homozygous form's own flag when it is worse than the carriers' (Spider: a welfare
    # concern with one copy, non-viable with two).
    homozygous_welfare_flag: Mapped[WelfareFlag] = mapped_column(
        str_enum(WelfareFlag, "trait_homozygous_welfare_flag"),
        default=WelfareFlag.none,
        server_default="none",
    )
    aliases: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")


class AllelicCombination(IdMixin, Base):
    """The name breeders use for two alleles of one gene together ("Blue-Eyed Leucistic"
    for Mojave with Lesser); the same trait twice names its homozygous form."""

    __tablename__ = "allelic_combinations"
    __table_args__ = (
        UniqueConstraint("first_trait_id", "second_trait_id"),
        CheckConstraint("first_trait_id <= second_trait_id", name="ordered_pair"),
        {"schema": SCHEMA},
    )

    species_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.species.id", ondelete="CASCADE"), index=True
    )
    first_trait_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.traits.id", ondelete="CASCADE")
    )
    second_trait_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.traits.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(80))


class Enclosure(IdMixin, TimestampMixin, Base):
    __tablename__ = "enclosures"
    __table_args__ = (UniqueConstraint("vivarium_id", "name"), {"schema": SCHEMA})

    vivarium_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(CORE_VIVARIUMS, ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str | None] = mapped_column(String(40))
    location: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class DisplayIdCounter(Base):
    """Next sequence number per vivarium and id prefix; an upsert hands them out race-free."""

    __tablename__ = "display_id_counters"
    __table_args__ = {"schema": SCHEMA}

    vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(CORE_VIVARIUMS, ondelete="CASCADE"), primary_key=True
    )
    prefix: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Animal(IdMixin, TimestampMixin, Base):
    __tablename__ = "animals"
    __table_args__ = (
        UniqueConstraint("vivarium_id", "display_id"),
        CheckConstraint("sire_id IS NULL OR sire_id <> id", name="sire_not_self"),
        CheckConstraint("dam_id IS NULL OR dam_id <> id", name="dam_not_self"),
        CheckConstraint(
            "sire_id IS NULL OR dam_id IS NULL OR sire_id <> dam_id", name="parents_differ"
        ),
        CheckConstraint("coi IS NULL OR (coi >= 0 AND coi < 1)", name="coi_range"),
        # Dates inside a reptile's life (see `reptidex_common.bounds`): never an infinity.
        CheckConstraint(date_in_range_sql("hatch_date"), name="hatch_date_in_range"),
        CheckConstraint(date_in_range_sql("acquisition_date"), name="acquisition_date_in_range"),
        CheckConstraint(date_in_range_sql("disposal_date"), name="disposal_date_in_range"),
        CheckConstraint(
            number_in_range_sql("acquisition_price_cents", 0, 2_147_483_647),
            name="acquisition_price_cents_in_range",
        ),
        CheckConstraint(
            number_in_range_sql("feeding_interval_days", 1, 365),
            name="feeding_interval_days_in_range",
        ),
        Index("ix_animals_vivarium_id_id", "vivarium_id", "id"),
        Index("ix_animals_sire_id", "sire_id"),
        Index("ix_animals_dam_id", "dam_id"),
        Index("ix_animals_clutch_id", "clutch_id"),
        Index("ix_animals_species_id", "species_id"),
        Index("ix_animals_visibility_public", "id", postgresql_where=text("visibility = 'public'")),
        {"schema": SCHEMA},
    )

    vivarium_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(CORE_VIVARIUMS, ondelete="RESTRICT"))
    species_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.species.id", ondelete="RESTRICT")
    )
    display_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str | None] = mapped_column(String(120))
    sex: Mapped[Sex] = mapped_column(
        str_enum(Sex, "animal_sex"), default=Sex.unknown, server_default="unknown"
    )
    hatch_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[AnimalStatus] = mapped_column(
        str_enum(AnimalStatus, "animal_status"),
        default=AnimalStatus.active,
        server_default="active",
    )
    visibility: Mapped[Visibility] = mapped_column(
        str_enum(Visibility, "animal_visibility"),
        default=Visibility.private,
        server_default="private",
    )
    # Free text as the breeder says it ("Pastel Clown het Pied"); genotypes are kept apart.
    morph: Mapped[str | None] = mapped_column(String(200))
    sire_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    dam_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    # use_alter: animals and clutches refer to each other (a clutch has a dam; a hatchling a clutch).
    clutch_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.clutches.id", ondelete="RESTRICT", use_alter=True)
    )
    enclosure_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.enclosures.id", ondelete="SET NULL")
    )
    microchip: Mapped[str | None] = mapped_column(String(40))
    acquisition_date: Mapped[date | None] = mapped_column(Date)
    acquisition_source: Mapped[str | None] = mapped_column(String(200))
    acquisition_price_cents: Mapped[int | None] = mapped_column(Integer)
    acquisition_currency: Mapped[str | None] = mapped_column(String(3))
    disposal_date: Mapped[date | None] = mapped_column(Date)
    disposal_reason: Mapped[str | None] = mapped_column(String(200))
    feeding_interval_days: Mapped[int | None] = mapped_column(SmallInteger)
    notes: Mapped[str | None] = mapped_column(Text)
    # Wright's inbreeding coefficient and the pedigree depth it was computed on.
    coi: Mapped[float | None] = mapped_column(Float)
    coi_generations: Mapped[int | None] = mapped_column(SmallInteger)
    coi_computed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CORE_USERS, ondelete="SET NULL")
    )


class Genotype(IdMixin, TimestampMixin, Base):
    __tablename__ = "genotypes"
    __table_args__ = (
        UniqueConstraint("animal_id", "trait_id"),
        Index("ix_genotypes_trait_id", "trait_id"),
        CheckConstraint(
            "(state = 'possible_het') = (het_percent IS NOT NULL)",
            name="het_percent_only_for_possible_het",
        ),
        CheckConstraint(
            "het_percent IS NULL OR het_percent IN (50, 66)", name="het_percent_values"
        ),
        {"schema": SCHEMA},
    )

    animal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="CASCADE")
    )
    trait_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.traits.id", ondelete="RESTRICT")
    )
    state: Mapped[GenotypeState] = mapped_column(str_enum(GenotypeState, "genotype_state"))
    het_percent: Mapped[int | None] = mapped_column(SmallInteger)
    proof: Mapped[GenotypeProof] = mapped_column(
        str_enum(GenotypeProof, "genotype_proof"),
        default=GenotypeProof.visual,
        server_default="visual",
    )


class Pairing(IdMixin, TimestampMixin, Base):
    __tablename__ = "pairings"
    __table_args__ = (
        CheckConstraint("sire_id <> dam_id", name="parents_differ"),
        CheckConstraint(number_in_range_sql("season", 1900, 2200), name="season_in_range"),
        CheckConstraint(dates_in_range_sql("lock_dates"), name="lock_dates_in_range"),
        Index("ix_pairings_vivarium_id_id", "vivarium_id", "id"),
        Index("ix_pairings_sire_id", "sire_id"),
        Index("ix_pairings_dam_id", "dam_id"),
        {"schema": SCHEMA},
    )

    vivarium_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(CORE_VIVARIUMS, ondelete="RESTRICT"))
    sire_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    dam_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    season: Mapped[int | None] = mapped_column(SmallInteger)
    status: Mapped[PairingStatus] = mapped_column(
        str_enum(PairingStatus, "pairing_status"),
        default=PairingStatus.planned,
        server_default="planned",
    )
    # Dates of each step, as breeders record them.
    events: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    # Every date the pair was seen locked, ascending; `events.locked_at` is the first of them.
    lock_dates: Mapped[list[date]] = mapped_column(
        ARRAY(Date), default=list, server_default=text("'{}'::date[]")
    )
    notes: Mapped[str | None] = mapped_column(Text)


class Clutch(IdMixin, TimestampMixin, Base):
    __tablename__ = "clutches"
    __table_args__ = (
        CheckConstraint(
            "eggs_total >= 0 AND eggs_fertile >= 0 AND eggs_infertile >= 0",
            name="egg_counts_positive",
        ),
        CheckConstraint("eggs_fertile + eggs_infertile <= eggs_total", name="egg_counts_add_up"),
        CheckConstraint(
            "hatched_count >= 0 AND hatched_count <= eggs_total", name="hatched_within_total"
        ),
        CheckConstraint(date_in_range_sql("laid_date"), name="laid_date_in_range"),
        CheckConstraint(
            date_in_range_sql("expected_hatch_date"), name="expected_hatch_date_in_range"
        ),
        CheckConstraint(date_in_range_sql("hatch_date"), name="hatch_date_in_range"),
        CheckConstraint(
            number_in_range_sql(
                "incubation_temp_c", MIN_INCUBATION_CELSIUS, MAX_INCUBATION_CELSIUS
            ),
            name="incubation_temp_c_in_range",
        ),
        CheckConstraint(
            number_in_range_sql("incubation_humidity_pct", 0, 100),
            name="incubation_humidity_pct_in_range",
        ),
        CheckConstraint("eggs_total <= 1000", name="eggs_total_in_range"),
        Index("ix_clutches_vivarium_id_id", "vivarium_id", "id"),
        Index("ix_clutches_pairing_id", "pairing_id"),
        {"schema": SCHEMA},
    )

    vivarium_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(CORE_VIVARIUMS, ondelete="RESTRICT"))
    pairing_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.pairings.id", ondelete="RESTRICT")
    )
    sire_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    dam_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    species_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.species.id", ondelete="RESTRICT")
    )
    laid_date: Mapped[date] = mapped_column(Date)
    eggs_total: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    eggs_fertile: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    eggs_infertile: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    incubation_temp_c: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    incubation_humidity_pct: Mapped[int | None] = mapped_column(SmallInteger)
    expected_hatch_date: Mapped[date | None] = mapped_column(Date)
    hatch_date: Mapped[date | None] = mapped_column(Date)
    hatched_count: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    status: Mapped[ClutchStatus] = mapped_column(
        str_enum(ClutchStatus, "clutch_status"),
        default=ClutchStatus.incubating,
        server_default="incubating",
    )
    notes: Mapped[str | None] = mapped_column(Text)
    # When the sweep emitted `animal.clutch.due` for the current expected hatch date: once,
    # again only if that date moves.
    due_noticed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HusbandryLog(IdMixin, TimestampMixin, Base):
    """One event in an animal's care. Columns for what lists and charts query; the rest in details."""

    __tablename__ = "husbandry_logs"
    __table_args__ = (
        Index("ix_husbandry_logs_animal_id_occurred_at", "animal_id", text("occurred_at DESC")),
        Index(
            "ix_husbandry_logs_vivarium_id_kind_occurred_at",
            "vivarium_id",
            "kind",
            text("occurred_at DESC"),
        ),
        CheckConstraint("weight_grams IS NULL OR weight_grams > 0", name="weight_positive"),
        CheckConstraint("prey_count IS NULL OR prey_count > 0", name="prey_count_positive"),
        CheckConstraint(instant_in_range_sql("occurred_at"), name="occurred_at_in_range"),
        CheckConstraint(
            number_in_range_sql("weight_grams", 0, MAX_WEIGHT_GRAMS, low_exclusive=True),
            name="weight_grams_in_range",
        ),
        CheckConstraint(
            number_in_range_sql("length_cm", 0, MAX_LENGTH_CM, low_exclusive=True),
            name="length_cm_in_range",
        ),
        CheckConstraint(number_in_range_sql("prey_count", 1, 100), name="prey_count_in_range"),
        {"schema": SCHEMA},
    )

    animal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="CASCADE")
    )
    # The vivarium the animal lived in when this was logged (history survives transfers).
    vivarium_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(CORE_VIVARIUMS, ondelete="RESTRICT"))
    kind: Mapped[LogKind] = mapped_column(str_enum(LogKind, "log_kind"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    weight_grams: Mapped[Decimal | None] = mapped_column(Numeric(9, 2))
    length_cm: Mapped[Decimal | None] = mapped_column(Numeric(6, 1))
    prey_type: Mapped[str | None] = mapped_column(String(60))
    prey_size: Mapped[str | None] = mapped_column(String(40))
    prey_count: Mapped[int | None] = mapped_column(SmallInteger)
    feeding_outcome: Mapped[FeedingOutcome | None] = mapped_column(
        str_enum(FeedingOutcome, "feeding_outcome")
    )
    shed_complete: Mapped[bool | None] = mapped_column(Boolean)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    notes: Mapped[str | None] = mapped_column(Text)
    logged_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CORE_USERS, ondelete="SET NULL")
    )


class Reminder(IdMixin, TimestampMixin, Base):
    """A recurring care task for one animal or a whole enclosure."""

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint("interval_days IS NULL OR interval_days > 0", name="interval_positive"),
        CheckConstraint(
            number_in_range_sql("interval_days", 1, 3650), name="interval_days_in_range"
        ),
        CheckConstraint(instant_in_range_sql("next_due_at"), name="next_due_at_in_range"),
        CheckConstraint(instant_in_range_sql("last_fired_at"), name="last_fired_at_in_range"),
        Index("ix_reminders_due", "next_due_at", postgresql_where=text("active")),
        Index("ix_reminders_lease_id", "lease_id", postgresql_where=text("lease_id IS NOT NULL")),
        {"schema": SCHEMA},
    )

    vivarium_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(CORE_VIVARIUMS, ondelete="CASCADE"))
    animal_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="CASCADE")
    )
    enclosure_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.enclosures.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[LogKind | None] = mapped_column(str_enum(LogKind, "reminder_kind"))
    interval_days: Mapped[int | None] = mapped_column(SmallInteger)
    next_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_fired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CORE_USERS, ondelete="SET NULL")
    )
    # A lease's return reminder: stops with the lease (returned or canceled).
    lease_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.leases.id", ondelete="CASCADE")
    )


class DueNotification(IdMixin, Base):
    """A reminder that came due; community delivers these once it exists."""

    __tablename__ = "due_notifications"
    __table_args__ = (
        UniqueConstraint("reminder_id", "due_at"),
        CheckConstraint(instant_in_range_sql("due_at"), name="due_at_in_range"),
        Index("ix_due_notifications_vivarium_id_id", "vivarium_id", "id"),
        {"schema": SCHEMA},
    )

    reminder_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.reminders.id", ondelete="CASCADE")
    )
    vivarium_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(CORE_VIVARIUMS, ondelete="CASCADE"))
    animal_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(120))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=text("now()")
    )
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Transfer(IdMixin, TimestampMixin, Base):
    __tablename__ = "transfers"
    __table_args__ = (
        CheckConstraint("from_vivarium_id <> to_vivarium_id", name="different_vivariums"),
        Index(
            "uq_transfers_one_pending_per_animal",
            "animal_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_transfers_to_vivarium_id", "to_vivarium_id"),
        Index("ix_transfers_from_vivarium_id", "from_vivarium_id"),
        {"schema": SCHEMA},
    )

    animal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    from_vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(CORE_VIVARIUMS, ondelete="RESTRICT")
    )
    to_vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(CORE_VIVARIUMS, ondelete="RESTRICT")
    )
    status: Mapped[TransferStatus] = mapped_column(
        str_enum(TransferStatus, "transfer_status"),
        default=TransferStatus.pending,
        server_default="pending",
    )
    message: Mapped[str | None] = mapped_column(Text)
    initiated_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CORE_USERS, ondelete="SET NULL")
    )
    responded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CORE_USERS, ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The sender's read-only record of the animal as it left.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    # Why it closed without an answer from the parties (a vivarium deleted, the animal archived).
    close_reason: Mapped[str | None] = mapped_column(String(300))
    # When the sweep emitted `animal.transfer.expiring` for it: once per transfer.
    expiring_noticed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Lease(IdMixin, TimestampMixin, Base):
    """A breeding loan: the animal stays the lender's, lives with the borrower for a while."""

    __tablename__ = "leases"
    __table_args__ = (
        CheckConstraint("lender_vivarium_id <> borrower_vivarium_id", name="different_vivariums"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        CheckConstraint(date_in_range_sql("start_date"), name="start_date_in_range"),
        CheckConstraint(date_in_range_sql("end_date"), name="end_date_in_range"),
        Index(
            "uq_leases_one_active_per_animal",
            "animal_id",
            unique=True,
            postgresql_where=text("status = 'active'"),
        ),
        {"schema": SCHEMA},
    )

    animal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    lender_vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(CORE_VIVARIUMS, ondelete="RESTRICT")
    )
    borrower_vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(CORE_VIVARIUMS, ondelete="RESTRICT")
    )
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[LeaseStatus] = mapped_column(
        str_enum(LeaseStatus, "lease_status"), default=LeaseStatus.active, server_default="active"
    )
    terms: Mapped[str | None] = mapped_column(Text)
    return_reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Who or what ended it, shown to both sides.
    end_reason: Mapped[str | None] = mapped_column(String(300))


class ParentLink(IdMixin, TimestampMixin, Base):
    """A request to record another vivarium's animal as a parent, and what became of it.

    The child's `sire_id`/`dam_id` is set only when the parent's owner approves, so nobody can
    attach offspring to someone else's animal (and so restrict its owner's corrections) alone.
    """

    __tablename__ = "parent_links"
    __table_args__ = (
        CheckConstraint("child_id <> parent_id", name="not_self"),
        # One pending request per parent slot of a child (suspended links may pile up).
        Index(
            "uq_parent_links_one_pending_per_role",
            "child_id",
            "role",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_parent_links_parent_id", "parent_id"),
        {"schema": SCHEMA},
    )

    child_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    role: Mapped[ParentRole] = mapped_column(str_enum(ParentRole, "parent_role"))
    parent_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.animals.id", ondelete="RESTRICT")
    )
    status: Mapped[ParentLinkStatus] = mapped_column(
        str_enum(ParentLinkStatus, "parent_link_status"),
        default=ParentLinkStatus.pending,
        server_default="pending",
    )
    # Why a link was suspended, in words for the child's owner.
    reason: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CORE_USERS, ondelete="SET NULL")
    )
    responded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CORE_USERS, ondelete="SET NULL")
    )
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
