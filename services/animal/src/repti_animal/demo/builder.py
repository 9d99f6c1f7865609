"""Build the demo collection through the service functions the API itself calls.

So the collection obeys the API's rules: display ids from the vivarium's template, lineage
checks (and the database trigger), genotype rules, pairing transitions, laying and hatching
(hatchlings inherit hets from their parents), plan limits. COIs are computed with the lineage
code, exactly as the recompute task stores them. Nothing is committed here: the caller does.

Idempotent: under an advisory lock, a vivarium that already holds animals is left alone, so a
second run creates nothing and a breeder's own records are never mixed with demo ones.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals import service as animals
from repti_animal.animals.schemas import AnimalCreate, AnimalUpdate
from repti_animal.breeding import clutches, hatching, pairings
from repti_animal.breeding.schemas import (
    ClutchCreate,
    GenotypeNote,
    HatchCreate,
    HatchlingCreate,
    PairingCreate,
    PairingUpdate,
)
from repti_animal.demo.care import logs_for
from repti_animal.demo.data import DemoPlan, Founder, Gene, Hatchling, PairingPlan, plan
from repti_animal.demo.naming import morph_name
from repti_animal.enclosures import service as enclosures
from repti_animal.enclosures.schemas import AnimalMove, EnclosureCreate
from repti_animal.genotypes import service as genotypes
from repti_animal.genotypes.schemas import GenotypeEntry
from repti_animal.husbandry import repository as husbandry
from repti_animal.husbandry.schemas import log_create_adapter
from repti_animal.husbandry.service import log_columns
from repti_animal.lineage import repository as lineage
from repti_animal.lineage.coi import DEFAULT_GENERATIONS, inbreeding_coefficient
from repti_animal.lineage.coi_service import parents_of
from repti_animal.lineage.recompute import COI_DIGITS
from repti_animal.reminders import service as reminders
from repti_animal.reminders.schemas import ReminderCreate
from reptidex_common.auth.dependencies import VivariumAccess, authorize_vivarium
from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import Animal, Pairing, Species, Trait
from reptidex_common.models.animal_enums import PairingStatus
from reptidex_common.models.enums import PlatformRole, VivariumRole

# Serialises concurrent demo runs (pg_advisory_xact_lock takes a bigint).
DEMO_LOCK_ID = 0x5EED_A41A
LOG_CHUNK = 400


@dataclass
class DemoReport:
    created: bool
    existing_animals: int = 0
    animals_by_species: dict[str, int] = field(default_factory=dict)
    generations: int = 0
    pairings_by_status: dict[str, int] = field(default_factory=dict)
    clutches: list[str] = field(default_factory=list)
    logs_by_kind: dict[str, int] = field(default_factory=dict)
    enclosures: int = 0
    reminders: int = 0
    inbred: list[str] = field(default_factory=list)
    due_today: list[str] = field(default_factory=list)


@dataclass
class _Catalogue:
    species: dict[str, Species]
    traits: dict[tuple[uuid.UUID, str], Trait]

    def trait(self, species_id: uuid.UUID, name: str) -> Trait:
        trait = self.traits.get((species_id, name))
        if trait is None:
            raise LookupError(f"The species catalogue has no trait {name!r}; migrate first.")
        return trait


@dataclass
class _Built:
    """What has been created so far, by the plan's keys."""

    animals: dict[str, Animal] = field(default_factory=dict)
    generation: dict[str, int] = field(default_factory=dict)
    report: DemoReport = field(default_factory=lambda: DemoReport(created=True))


async def _catalogue(session: AsyncSession, demo: DemoPlan) -> _Catalogue:
    names = {f.species for f in demo.founders}
    found = (await session.scalars(select(Species).where(Species.scientific_name.in_(names)))).all()
    species = {s.scientific_name: s for s in found}
    missing = names - species.keys()
    if missing:
        raise LookupError(f"Species missing from the catalogue: {sorted(missing)}; migrate first.")
    traits = await session.scalars(
        select(Trait).where(Trait.species_id.in_([s.id for s in species.values()]))
    )
    return _Catalogue(species, {(t.species_id, t.name): t for t in traits})


def _entries(
    catalogue: _Catalogue, species_id: uuid.UUID, genes: tuple[Gene, ...]
) -> list[GenotypeEntry]:
    return [
        GenotypeEntry.model_validate(
            {
                "trait_id": catalogue.trait(species_id, gene.trait).id,
                "state": gene.state,
                "het_percent": gene.het_percent,
                "proof": gene.proof,
            }
        )
        for gene in genes
    ]


def _trait_names(catalogue: _Catalogue) -> dict[uuid.UUID, Trait]:
    return {trait.id: trait for trait in catalogue.traits.values()}


class DemoBuilder:
    def __init__(
        self, session: AsyncSession, *, vivarium_id: uuid.UUID, user_id: uuid.UUID, now: datetime
    ) -> None:
        self.session = session
        self.vivarium_id = vivarium_id
        self.principal = Principal(user_id=user_id, platform_role=PlatformRole.user)
        self.now = now
        self.today = now.date()
        self.plan = plan(self.today)
        self.built = _Built()
        self.feed_every = {profile.key: profile.feed_every for profile in self.plan.care}

    async def build(self) -> DemoReport:
        access = await authorize_vivarium(
            self.session, self.principal, self.vivarium_id, VivariumRole.herpetologist
        )
        self.catalogue = await _catalogue(self.session, self.plan)
        self.traits = _trait_names(self.catalogue)
        for founder in sorted(self.plan.founders, key=lambda f: f.hatched):
            await self._founder(founder)
        for pairing in self.plan.pairings:
            await self._pairing(pairing)
        await self._store_coi()
        await self._enclosures(access)
        await self._logs()
        await self._reminders(access)
        return self.built.report

    def _interval(self, key: str, species: Species) -> int | None:
        """An animal's own feeding interval, when it differs from its species' default."""
        every = self.feed_every.get(key)
        return every if every and every != species.default_feeding_interval_days else None

    async def _founder(self, founder: Founder) -> None:
        species = self.catalogue.species[founder.species]
        entries = _entries(self.catalogue, species.id, founder.genes)
        animal = await animals.create(
            self.session,
            self.principal,
            AnimalCreate(
                vivarium_id=self.vivarium_id,
                species_id=species.id,
                name=founder.name,
                sex=founder.sex,
                hatch_date=founder.hatched,
                status=founder.status,
                visibility=founder.visibility,
                morph=morph_name(entries, self.traits),
                acquisition_date=founder.acquired,
                acquisition_source=founder.source,
                acquisition_price_cents=founder.price_cents,
                acquisition_currency="USD" if founder.price_cents else None,
                feeding_interval_days=self._interval(founder.key, species),
                notes=founder.notes,
            ),
        )
        await genotypes.replace(self.session, self.principal, animal.id, entries)
        self.built.animals[founder.key] = animal
        self.built.generation[founder.key] = 1

    async def _pairing(self, planned: PairingPlan) -> None:
        sire, dam = self.built.animals[planned.sire], self.built.animals[planned.dam]
        read = await pairings.create(
            self.session,
            self.principal,
            PairingCreate(
                sire_id=sire.id,
                dam_id=dam.id,
                season=planned.season,
                events=planned.extra_events,
                notes=planned.notes,
            ),
        )
        for status, on in planned.steps:
            await pairings.update(
                self.session,
                self.principal,
                read.id,
                PairingUpdate(status=status, events={f"{status.value}_at": on}),
            )
        if planned.clutch is not None:
            await self._clutch(planned, read.id, sire, dam)

    async def _clutch(
        self, planned: PairingPlan, pairing_id: uuid.UUID, sire: Animal, dam: Animal
    ) -> None:
        assert planned.clutch is not None
        plan_ = planned.clutch
        clutch = await clutches.lay(
            self.session,
            self.principal,
            pairing_id,
            ClutchCreate(
                laid_date=plan_.laid,
                eggs_total=plan_.eggs_total,
                eggs_fertile=plan_.eggs_fertile,
                eggs_infertile=plan_.eggs_infertile,
                incubation_temp_c=plan_.temp_c,
                incubation_humidity_pct=plan_.humidity_pct,
                notes=plan_.notes,
            ),
        )
        label = f"{sire.name} x {dam.name} ({plan_.eggs_total} eggs, laid {plan_.laid.isoformat()})"
        if plan_.hatched is None:
            countdown = clutch.days_until_expected_hatch
            expected = clutch.expected_hatch_date.isoformat() if clutch.expected_hatch_date else "?"
            self.built.report.clutches.append(
                f"{label}: incubating, expected to hatch {expected} (in {countdown} days)"
            )
            return
        hatched = await hatching.hatch(
            self.session,
            self.principal,
            clutch.id,
            HatchCreate(
                hatch_date=plan_.hatched,
                hatchlings=[HatchlingCreate(sex=h.sex, name=h.name) for h in plan_.hatchlings],
            ),
        )
        self.built.report.clutches.append(
            f"{label}: hatched {plan_.hatched.isoformat()}, {len(hatched)} hatchlings kept on record"
        )
        generation = 1 + max(
            self.built.generation[planned.sire], self.built.generation[planned.dam]
        )
        for hatchling, read in zip(plan_.hatchlings, hatched, strict=True):
            await self._hatchling(hatchling, read.id, read.genotypes, generation)

    async def _hatchling(
        self,
        hatchling: Hatchling,
        animal_id: uuid.UUID,
        inherited: list[GenotypeNote],
        generation: int,
    ) -> None:
        animal = await self.session.get(Animal, animal_id)
        assert animal is not None
        species = next(s for s in self.catalogue.species.values() if s.id == animal.species_id)
        # What the parents pass on, then what the breeder sees (a visual replaces a het).
        by_trait = {
            note.trait_id: GenotypeEntry.model_validate(
                {
                    "trait_id": note.trait_id,
                    "state": note.state,
                    "het_percent": note.het_percent,
                    "proof": note.proof,
                }
            )
            for note in inherited
        }
        seen = _entries(self.catalogue, species.id, hatchling.genes)
        for entry in seen:
            by_trait.pop(entry.trait_id, None)
        entries = [*seen, *by_trait.values()]
        await genotypes.replace(self.session, self.principal, animal_id, entries)
        changes: dict[str, Any] = {
            "morph": morph_name(entries, self.traits),
            "status": hatchling.status,
            "visibility": hatchling.visibility,
            "feeding_interval_days": self._interval(hatchling.key, species),
            "notes": hatchling.notes,
        }
        if hatchling.sold_on is not None:
            changes.update(disposal_date=hatchling.sold_on, disposal_reason="Sold")
        loaded = await animals.update(
            self.session, self.principal, animal_id, AnimalUpdate(**changes)
        )
        self.built.animals[hatchling.key] = loaded.animal
        self.built.generation[hatchling.key] = generation

    async def _store_coi(self) -> None:
        """Every animal's COI, as `lineage.recompute.recompute_coi` stores it."""
        ids = [animal.id for animal in self.built.animals.values()]
        pedigree = parents_of(await lineage.ancestors(self.session, ids, DEFAULT_GENERATIONS))
        for animal in self.built.animals.values():
            coi = round(
                inbreeding_coefficient(pedigree, animal.id, DEFAULT_GENERATIONS), COI_DIGITS
            )
            animal.coi = coi
            animal.coi_generations = DEFAULT_GENERATIONS
            animal.coi_computed_at = self.now
            if coi > 0:
                self.built.report.inbred.append(f"{animal.display_id} {animal.name} COI {coi:.1%}")
        await self.session.flush()

    async def _enclosures(self, access: VivariumAccess) -> None:
        for planned in self.plan.enclosures:
            enclosure = await enclosures.create(
                self.session,
                access,
                EnclosureCreate(name=planned.name, kind=planned.kind, location=planned.location),
            )
            ids = [self.built.animals[key].id for key in planned.residents]
            await enclosures.move_in(
                self.session, self.principal, enclosure.id, AnimalMove(animal_ids=ids)
            )
        self.built.report.enclosures = len(self.plan.enclosures)

    def _days_in_care(self, animal: Animal) -> int:
        since = animal.hatch_date or self.today
        return (self.today - since).days

    async def _logs(self) -> None:
        plans: list[tuple[Animal, int, dict[str, Any]]] = []
        for profile in self.plan.care:
            animal = self.built.animals[profile.key]
            for days, body in logs_for(profile, days_in_care=self._days_in_care(animal)):
                plans.append((animal, days, body))
        for key, days, body in self.plan.health:
            plans.append((self.built.animals[key], days, body))
        rows = []
        kinds: Counter[str] = Counter()
        for index, (animal, days, body) in enumerate(plans):
            # Evenings, a little apart so one animal's logs of a day keep their order.
            occurred = self.now - timedelta(days=days, hours=2, minutes=index % 50)
            log = log_create_adapter.validate_python({**body, "occurred_at": occurred})
            rows.append(
                log_columns((animal.id, self.vivarium_id), log, self.principal.user_id, self.now)
            )
            kinds[body["kind"]] += 1
        for start in range(0, len(rows), LOG_CHUNK):
            await husbandry.insert_logs(self.session, rows[start : start + LOG_CHUNK])
        self.built.report.logs_by_kind = dict(sorted(kinds.items()))
        for profile in self.plan.care:
            if profile.last_fed == profile.feed_every and profile.last_fed not in profile.refused:
                animal = self.built.animals[profile.key]
                self.built.report.due_today.append(f"{animal.display_id} {animal.name}")

    async def _reminders(self, access: VivariumAccess) -> None:
        for planned in self.plan.reminders:
            await reminders.create(
                self.session,
                access,
                ReminderCreate.model_validate(
                    {
                        "title": planned.title,
                        "animal_id": self.built.animals[planned.animal].id
                        if planned.animal
                        else None,
                        "kind": planned.kind,
                        "interval_days": planned.interval_days,
                        "next_due_at": self.now + timedelta(hours=planned.due_in_hours),
                    }
                ),
            )
        self.built.report.reminders = len(self.plan.reminders)

    def summarise(self) -> None:
        report = self.built.report
        names = {s.id: s.common_name for s in self.catalogue.species.values()}
        report.animals_by_species = dict(
            Counter(names[a.species_id] for a in self.built.animals.values()).most_common()
        )
        report.generations = max(self.built.generation.values(), default=0)


async def _existing_animals(session: AsyncSession, vivarium_id: uuid.UUID) -> int:
    return int(
        await session.scalar(
            select(func.count()).select_from(Animal).where(Animal.vivarium_id == vivarium_id)
        )
        or 0
    )


async def _pairing_counts(session: AsyncSession, vivarium_id: uuid.UUID) -> dict[str, int]:
    rows = await session.execute(
        select(Pairing.status, func.count())
        .where(Pairing.vivarium_id == vivarium_id)
        .group_by(Pairing.status)
    )
    order = list(PairingStatus)
    return {
        status.value: count for status, count in sorted(rows.all(), key=lambda r: order.index(r[0]))
    }


async def seed_demo_collection(
    session: AsyncSession,
    *,
    vivarium_id: uuid.UUID,
    user_id: uuid.UUID,
    now: datetime | None = None,
) -> DemoReport:
    """Stock the vivarium with the demo collection unless it already holds animals.

    `user_id` must own the vivarium (herpetologist). Never commits.
    """
    await session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": DEMO_LOCK_ID})
    existing = await _existing_animals(session, vivarium_id)
    if existing:
        return DemoReport(created=False, existing_animals=existing)
    builder = DemoBuilder(
        session, vivarium_id=vivarium_id, user_id=user_id, now=now or datetime.now(UTC)
    )
    report = await builder.build()
    builder.summarise()
    report.pairings_by_status = await _pairing_counts(session, vivarium_id)
    return report
