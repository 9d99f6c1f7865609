"""The SQL of export: one streamed query per section, no per-animal queries."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Select, String, case, func, literal, select, type_coerce
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import aliased

from reptidex_common.models.animal import (
    Animal,
    Clutch,
    Enclosure,
    Genotype,
    HusbandryLog,
    Pairing,
    Species,
    Trait,
)


def _genotype_json() -> Any:
    """The animal's genotype as a JSON list, aggregated in the database next to the animal."""
    entry = func.jsonb_build_object(
        literal("trait", String),
        Trait.name,
        literal("state", String),
        Genotype.state,
        literal("het_percent", String),
        Genotype.het_percent,
        literal("super_form_name", String),
        Trait.super_form_name,
    )
    aggregated = (
        select(func.coalesce(func.jsonb_agg(entry), literal([], JSONB)))
        .select_from(Genotype)
        .join(Trait, Trait.id == Genotype.trait_id)
        .where(Genotype.animal_id == Animal.id)
        .scalar_subquery()
    )
    # Typed, so the driver hands back a list rather than the JSON text.
    return type_coerce(aggregated, JSONB)


def csv_rows(vivarium_id: uuid.UUID) -> Select[Any]:
    """Animals with what the CSV shows; parents outside the collection come back as None."""
    sire = aliased(Animal)
    dam = aliased(Animal)

    def in_collection(parent: type[Animal]) -> Any:
        return case((parent.vivarium_id == vivarium_id, parent.display_id))

    # Parents are joined on their primary key alone, the collection test is in the select:
    # with the vivarium in the join condition, stale statistics (right after a large import,
    # before autovacuum's ANALYZE) made the planner scan the whole collection once per row.
    return (
        select(
            Animal,
            Species.scientific_name,
            in_collection(sire).label("sire_display_id"),
            in_collection(dam).label("dam_display_id"),
            _genotype_json().label("genotype"),
        )
        .join(Species, Species.id == Animal.species_id)
        .outerjoin(sire, sire.id == Animal.sire_id)
        .outerjoin(dam, dam.id == Animal.dam_id)
        .where(Animal.vivarium_id == vivarium_id)
        .order_by(Animal.id)
    )


def species_used(vivarium_id: uuid.UUID) -> Select[Any]:
    used = select(Animal.species_id).where(Animal.vivarium_id == vivarium_id).distinct()
    return select(Species).where(Species.id.in_(used)).order_by(Species.common_name)


def animals(vivarium_id: uuid.UUID) -> Select[Any]:
    return select(Animal).where(Animal.vivarium_id == vivarium_id).order_by(Animal.id)


def genotypes(vivarium_id: uuid.UUID) -> Select[Any]:
    statement = (
        select(Genotype, Trait.name)
        .join(Trait, Trait.id == Genotype.trait_id)
        .join(Animal, Animal.id == Genotype.animal_id)
        .where(Animal.vivarium_id == vivarium_id)
        .order_by(Genotype.animal_id, Trait.name)
    )
    return cast(Select[Any], statement)


def husbandry_logs(vivarium_id: uuid.UUID) -> Select[Any]:
    """Every log of the collection's animals, those written by earlier keepers included."""
    return (
        select(HusbandryLog)
        .join(Animal, Animal.id == HusbandryLog.animal_id)
        .where(Animal.vivarium_id == vivarium_id)
        .order_by(HusbandryLog.animal_id, HusbandryLog.occurred_at, HusbandryLog.id)
    )


def pairings(vivarium_id: uuid.UUID) -> Select[Any]:
    return select(Pairing).where(Pairing.vivarium_id == vivarium_id).order_by(Pairing.id)


def clutches(vivarium_id: uuid.UUID) -> Select[Any]:
    return select(Clutch).where(Clutch.vivarium_id == vivarium_id).order_by(Clutch.id)


def enclosures(vivarium_id: uuid.UUID) -> Select[Any]:
    return select(Enclosure).where(Enclosure.vivarium_id == vivarium_id).order_by(Enclosure.id)
