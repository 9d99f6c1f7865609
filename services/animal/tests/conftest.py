"""Fixtures for repti-animal's tests: the app, a species with its traits, animals."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.main import create_app
from reptidex_common.models.animal import Animal, Species, Trait
from reptidex_common.models.animal_enums import Inheritance, Sex, WelfareFlag, WelfareScope
from reptidex_common.models.core import Vivarium


@pytest.fixture(scope="session")
def app() -> FastAPI:
    return create_app()


@pytest.fixture
def client(app: FastAPI, client_for: Callable[[FastAPI], httpx.AsyncClient]) -> httpx.AsyncClient:
    return client_for(app)


@dataclass
class SpeciesFixture:
    """A ball-python-like species with one trait of each kind the calculator must handle."""

    species: Species
    traits: dict[str, Trait]

    @property
    def id(self) -> uuid.UUID:
        return self.species.id


@pytest.fixture
async def species(db_session: AsyncSession) -> SpeciesFixture:
    suffix = uuid.uuid4().hex[:6]
    species = Species(
        common_name=f"Test python {suffix}",
        scientific_name=f"Python testus {suffix}",
        code_prefix=f"T{suffix[:4].upper()}",
        incubation_days_min=55,
        incubation_days_max=60,
        incubation_temp_min_c=Decimal("31.0"),
        incubation_temp_max_c=Decimal("32.5"),
        default_feeding_interval_days=10,
    )
    db_session.add(species)
    await db_session.flush()
    definitions: list[dict[str, Any]] = [
        {"name": "Clown", "inheritance": Inheritance.recessive},
        {"name": "Piebald", "inheritance": Inheritance.recessive},
        {
            "name": "Pastel",
            "inheritance": Inheritance.incomplete_dominant,
            "super_form_name": "Super Pastel",
        },
        {
            "name": "Mojave",
            "inheritance": Inheritance.incomplete_dominant,
            "super_form_name": "Super Mojave",
            "allelic_group": "BEL",
        },
        {
            "name": "Lesser",
            "inheritance": Inheritance.incomplete_dominant,
            "super_form_name": "Super Lesser",
            "allelic_group": "BEL",
        },
        {
            "name": "Spider",
            "inheritance": Inheritance.dominant,
            "welfare_flag": WelfareFlag.welfare,
            "welfare_scope": WelfareScope.carrier,
            "welfare_note": "Neurological wobble in every Spider.",
        },
        {
            "name": "Yellow Belly",
            "inheritance": Inheritance.incomplete_dominant,
            "super_form_name": "Ivory",
        },
    ]
    traits = {}
    for definition in definitions:
        trait = Trait(species_id=species.id, **definition)
        db_session.add(trait)
        traits[definition["name"]] = trait
    await db_session.flush()
    return SpeciesFixture(species=species, traits=traits)


AnimalFactory = Callable[..., Awaitable[Animal]]


@pytest.fixture
def make_animal(db_session: AsyncSession) -> AnimalFactory:
    """Insert an animal directly (for arranging a test); the API is tested through HTTP."""
    counter = iter(range(1, 1_000_000))

    async def make(
        vivarium: Vivarium,
        species: SpeciesFixture | Species,
        *,
        sex: Sex = Sex.unknown,
        hatch_date: date | None = None,
        sire: Animal | None = None,
        dam: Animal | None = None,
        **fields: Any,
    ) -> Animal:
        species_row = species.species if isinstance(species, SpeciesFixture) else species
        animal = Animal(
            vivarium_id=vivarium.id,
            species_id=species_row.id,
            display_id=fields.pop("display_id", f"{species_row.code_prefix}-{next(counter):03d}"),
            sex=sex,
            hatch_date=hatch_date,
            sire_id=sire.id if sire else None,
            dam_id=dam.id if dam else None,
            **fields,
        )
        db_session.add(animal)
        await db_session.flush()
        return animal

    return make
