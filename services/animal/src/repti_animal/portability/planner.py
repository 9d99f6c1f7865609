"""Turn CSV records into an import plan, or the list of everything wrong with them.

Pure: it works on what the service loaded (species, traits, the vivarium's display ids) and
writes nothing, so a dry run and a real import validate exactly alike. The plan lists animals
parents first, so a parent row may come after its child in the file.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from repti_animal.portability.columns import MAX_LENGTHS
from repti_animal.portability.csv_reader import CsvRecord
from repti_animal.portability.genotype_text import (
    GenotypeEntry,
    GenotypeTextError,
    TraitIndex,
    format_entry,
    parse_genotype,
)
from repti_animal.portability.row_fields import (
    CellError,
    parse_display_id,
    parse_hatch_date,
    parse_sex,
    parse_status,
    parse_text,
    parse_visibility,
)
from reptidex_common.db.base import new_id
from reptidex_common.models.animal_enums import AnimalStatus, Sex, Visibility

T = TypeVar("T")


@dataclass(frozen=True)
class SpeciesInfo:
    id: uuid.UUID
    common_name: str
    scientific_name: str
    code_prefix: str
    traits: TraitIndex


@dataclass(frozen=True)
class ExistingAnimal:
    id: uuid.UUID
    display_id: str
    species_id: uuid.UUID
    sex: Sex
    hatch_date: date | None


# Identity equality: rows are graph nodes, and two rows with equal cells are still two animals.
@dataclass(eq=False)
class PlannedAnimal:
    row: int
    id: uuid.UUID
    display_id: str | None
    name: str | None
    species: SpeciesInfo | None
    sex: Sex
    hatch_date: date | None
    status: AnimalStatus
    visibility: Visibility
    morph: str | None
    microchip: str | None
    notes: str | None
    sire_ref: str | None
    dam_ref: str | None
    genotype: list[GenotypeEntry] = field(default_factory=list)
    # Resolved parents: another planned row or an animal already in the vivarium.
    sire: PlannedAnimal | ExistingAnimal | None = None
    dam: PlannedAnimal | ExistingAnimal | None = None

    def preview(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "display_id": self.display_id,
            "name": self.name,
            "species": self.species.common_name if self.species else None,
            "sex": self.sex,
            "hatch_date": self.hatch_date,
            "status": self.status,
            "visibility": self.visibility,
            "morph": self.morph,
            "sire": self.sire_ref,
            "dam": self.dam_ref,
            "genotype": [
                format_entry(g.trait_name, g.state, g.het_percent, None) for g in self.genotype
            ],
        }


@dataclass
class ImportPlan:
    animals: list[PlannedAnimal]  # parents before their offspring
    errors: list[dict[str, Any]]

    @property
    def valid(self) -> bool:
        return not self.errors


class _Collector:
    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def add(self, row: int, column: str, value: str | None, message: str) -> None:
        self.errors.append({"row": row, "column": column, "value": value, "message": message})

    def cell(self, record: CsvRecord, column: str, parse: Callable[[str], T], default: T) -> T:
        value = record.values.get(column, "")
        try:
            return parse(value)
        except CellError as exc:
            self.add(record.row, column, value, str(exc))
            return default


class SpeciesLookup:
    def __init__(self, species: Iterable[SpeciesInfo]) -> None:
        self.by_key: dict[str, SpeciesInfo] = {}
        for item in species:
            for key in (item.common_name, item.scientific_name, item.code_prefix):
                self.by_key.setdefault(" ".join(key.lower().split()), item)

    def find(self, text: str) -> SpeciesInfo | None:
        return self.by_key.get(" ".join(text.lower().split()))


def build_plan(
    records: list[CsvRecord],
    species: SpeciesLookup,
    existing: dict[str, ExistingAnimal],
    *,
    today: date,
) -> ImportPlan:
    collector = _Collector()
    animals = [_read_row(record, species, collector, today) for record in records]
    by_display_id = _index_display_ids(animals, existing, collector)
    for animal in animals:
        _resolve_parents(animal, by_display_id, existing, collector)
    ordered = _parents_first(animals, collector)
    collector.errors.sort(key=lambda e: (e["row"], e["column"]))
    return ImportPlan(animals=ordered, errors=collector.errors)


def _read_row(
    record: CsvRecord, species: SpeciesLookup, collector: _Collector, today: date
) -> PlannedAnimal:
    def text(column: str) -> str | None:
        return collector.cell(
            record, column, lambda v: parse_text(v, max_length=MAX_LENGTHS[column]), None
        )

    species_text = record.values.get("species", "")
    found = species.find(species_text) if species_text else None
    if found is None:
        collector.add(
            record.row,
            "species",
            species_text,
            "The species is required."
            if not species_text
            else f"Unknown species '{species_text}'; use its common name, scientific name or code prefix.",
        )
    animal = PlannedAnimal(
        row=record.row,
        # Time-ordered like every animal's id, drawn in file order.
        id=new_id(),
        display_id=collector.cell(
            record,
            "display_id",
            lambda v: parse_display_id(v, max_length=MAX_LENGTHS["display_id"]),
            None,
        ),
        name=text("name"),
        species=found,
        sex=collector.cell(record, "sex", parse_sex, Sex.unknown),
        hatch_date=collector.cell(
            record, "hatch_date", lambda v: parse_hatch_date(v, today=today), None
        ),
        status=collector.cell(record, "status", parse_status, AnimalStatus.active),
        visibility=collector.cell(record, "visibility", parse_visibility, Visibility.private),
        morph=text("morph"),
        microchip=text("microchip"),
        notes=text("notes"),
        sire_ref=record.values.get("sire") or None,
        dam_ref=record.values.get("dam") or None,
    )
    genotype_text = text("genotype")
    if genotype_text and found is not None:
        try:
            animal.genotype = parse_genotype(genotype_text, found.traits)
        except GenotypeTextError as exc:
            collector.add(record.row, "genotype", genotype_text, str(exc))
    return animal


def _index_display_ids(
    animals: list[PlannedAnimal], existing: dict[str, ExistingAnimal], collector: _Collector
) -> dict[str, PlannedAnimal]:
    first_row: dict[str, PlannedAnimal] = {}
    for animal in animals:
        if animal.display_id is None:
            continue
        if animal.display_id in existing:
            collector.add(
                animal.row,
                "display_id",
                animal.display_id,
                f"'{animal.display_id}' is already used by an animal in this vivarium.",
            )
            # References to this id mean the animal already in the vivarium.
            continue
        if (earlier := first_row.get(animal.display_id)) is not None:
            collector.add(
                animal.row,
                "display_id",
                animal.display_id,
                f"'{animal.display_id}' is also used on row {earlier.row}; display ids must be unique.",
            )
            continue
        first_row[animal.display_id] = animal
    return first_row


def _resolve_parents(
    animal: PlannedAnimal,
    in_file: dict[str, PlannedAnimal],
    existing: dict[str, ExistingAnimal],
    collector: _Collector,
) -> None:
    if animal.sire_ref is not None and animal.sire_ref == animal.dam_ref:
        collector.add(
            animal.row, "dam", animal.dam_ref, "The sire and the dam must be two different animals."
        )
        return
    for column in ("sire", "dam"):
        reference = animal.sire_ref if column == "sire" else animal.dam_ref
        if reference is None:
            continue
        parent: PlannedAnimal | ExistingAnimal | None = in_file.get(reference) or existing.get(
            reference
        )
        if parent is None:
            collector.add(
                animal.row,
                column,
                reference,
                f"No animal with display id '{reference}' in this file or in this vivarium.",
            )
            continue
        if parent is animal:
            collector.add(animal.row, column, reference, f"An animal cannot be its own {column}.")
            continue
        if message := _parent_rule_broken(animal, parent, column):
            collector.add(animal.row, column, reference, message)
            continue
        setattr(animal, column, parent)


def _parent_rule_broken(
    child: PlannedAnimal, parent: PlannedAnimal | ExistingAnimal, column: str
) -> str | None:
    """The rules of `lineage.rules.check_parents`, worded the same, on not-yet-written rows."""
    if column == "sire" and parent.sex is Sex.female:
        return "The sire is recorded as female; a sire must be male or unknown."
    if column == "dam" and parent.sex is Sex.male:
        return "The dam is recorded as male; a dam must be female or unknown."
    parent_species = (
        parent.species_id
        if isinstance(parent, ExistingAnimal)
        else (parent.species.id if parent.species else None)
    )
    if child.species and parent_species and parent_species != child.species.id:
        return f"The {column} is of another species."
    if parent.hatch_date and child.hatch_date and parent.hatch_date >= child.hatch_date:
        return (
            f"The {column} hatched on {parent.hatch_date.isoformat()}, not before this animal "
            f"({child.hatch_date.isoformat()}); a parent must be older than its offspring."
        )
    return None


def _file_parents(animal: PlannedAnimal) -> list[PlannedAnimal]:
    return [p for p in (animal.sire, animal.dam) if isinstance(p, PlannedAnimal)]


def _parents_first(animals: list[PlannedAnimal], collector: _Collector) -> list[PlannedAnimal]:
    """Kahn's order over the in-file parent links; rows left over sit on or behind a cycle."""
    waiting = {a.row: len(_file_parents(a)) for a in animals}
    children: dict[int, list[PlannedAnimal]] = {a.row: [] for a in animals}
    for animal in animals:
        for parent in _file_parents(animal):
            children[parent.row].append(animal)
    ready = [a for a in animals if waiting[a.row] == 0]
    ordered: list[PlannedAnimal] = []
    while ready:
        animal = ready.pop()
        ordered.append(animal)
        for child in children[animal.row]:
            waiting[child.row] -= 1
            if waiting[child.row] == 0:
                ready.append(child)
    stuck = [a for a in animals if waiting[a.row] > 0]
    for animal in stuck:
        loop = sorted(r.row for r in _reachable(animal) if animal in _reachable(r))
        if loop:
            rows = ", ".join(str(r) for r in loop)
            message = f"The sire/dam links of rows {rows} form a cycle; an animal cannot be its own ancestor."
        else:
            message = "An ancestor of this animal in the file is part of a sire/dam cycle."
        collector.add(animal.row, "sire" if animal.sire_ref else "dam", None, message)
    return ordered + stuck


def _reachable(start: PlannedAnimal) -> set[PlannedAnimal]:
    seen: set[int] = set()
    found: list[PlannedAnimal] = []
    pending = _file_parents(start)
    while pending:
        current = pending.pop()
        if current.row in seen:
            continue
        seen.add(current.row)
        found.append(current)
        pending.extend(_file_parents(current))
    return set(found)
