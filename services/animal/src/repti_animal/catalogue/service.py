"""Catalogue rules: staff add species and traits; a trait's fields must agree with each other."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.catalogue import repository
from repti_animal.catalogue.exceptions import (
    CatalogueConflict,
    InvalidTrait,
    SpeciesNotFound,
    TraitInUse,
    TraitNotFound,
)
from repti_animal.catalogue.inheritance import allowed_states
from repti_animal.catalogue.schemas import SpeciesCreate, TraitCreate, TraitUpdate
from reptidex_common.db.pagination import PageParams
from reptidex_common.models.animal import Species, Trait
from reptidex_common.models.animal_enums import Inheritance, WelfareFlag

# Only genes with a visible dose effect (or a provable homozygous form) have a super form.
SUPER_FORM_INHERITANCE = frozenset({Inheritance.incomplete_dominant, Inheritance.dominant})


async def list_species(
    session: AsyncSession, params: PageParams, q: str | None
) -> tuple[Sequence[Species], str | None]:
    return await repository.page_of_species(session, params, q=q)


async def get_species(session: AsyncSession, species_id: uuid.UUID) -> Species:
    species = await repository.get_species(session, species_id)
    if species is None:
        raise SpeciesNotFound()
    return species


async def create_species(session: AsyncSession, data: SpeciesCreate) -> Species:
    clash = await repository.species_clash(
        session, scientific_name=data.scientific_name, code_prefix=data.code_prefix
    )
    if clash == "scientific_name":
        raise CatalogueConflict(f"A species named {data.scientific_name} already exists.")
    if clash == "code_prefix":
        raise CatalogueConflict(f"The code prefix {data.code_prefix} is already in use.")
    species = Species(**data.model_dump())
    session.add(species)
    await session.flush()
    await session.refresh(species)  # created_at comes from the database
    return species


async def traits_of(session: AsyncSession, species_id: uuid.UUID, q: str | None) -> Sequence[Trait]:
    await get_species(session, species_id)
    return await repository.traits_of(session, species_id, q=q)


async def get_trait(session: AsyncSession, trait_id: uuid.UUID) -> Trait:
    trait = await repository.get_trait(session, trait_id)
    if trait is None:
        raise TraitNotFound()
    return trait


def _check_consistent(trait: Trait) -> None:
    if trait.super_form_name and trait.inheritance not in SUPER_FORM_INHERITANCE:
        raise InvalidTrait(
            "super_form_name",
            f"A {trait.inheritance.value.replace('_', ' ')} trait has no super form; only "
            "incomplete dominant and dominant traits do.",
        )
    if (
        trait.welfare_flag is not WelfareFlag.none
        or trait.homozygous_welfare_flag is not WelfareFlag.none
    ) and not trait.welfare_note:
        raise InvalidTrait(
            "welfare_note", "A trait flagged for welfare or as lethal needs a note saying why."
        )


async def create_trait(session: AsyncSession, species_id: uuid.UUID, data: TraitCreate) -> Trait:
    await get_species(session, species_id)
    if await repository.trait_name_taken(session, species_id, data.name):
        raise CatalogueConflict(f"This species already has a trait named {data.name}.")
    values = data.model_dump()
    values["aliases"] = values["aliases"] or []
    trait = Trait(species_id=species_id, **values)
    _check_consistent(trait)
    session.add(trait)
    await session.flush()
    return trait


async def update_trait(session: AsyncSession, trait_id: uuid.UUID, data: TraitUpdate) -> Trait:
    trait = await repository.get_trait(session, trait_id, for_update=True)
    if trait is None:
        raise TraitNotFound()
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and await repository.trait_name_taken(
        session, trait.species_id, changes["name"], except_id=trait.id
    ):
        raise CatalogueConflict(f"This species already has a trait named {changes['name']}.")
    for field, value in changes.items():
        setattr(trait, field, value)
    _check_consistent(trait)
    if {"inheritance", "super_form_name"} & changes.keys():
        # Recorded genotypes must stay meaningful: a gene that stops being recessive cannot
        # leave hets behind.
        allowed = allowed_states(trait.inheritance, trait.super_form_name)
        stranded = await repository.genotype_states_in_use(session, trait.id) - allowed
        if stranded:
            names = ", ".join(sorted(state.value for state in stranded))
            raise TraitInUse(
                f"Animals have this trait recorded as {names}, which the new inheritance does "
                "not allow; correct those genotypes first."
            )
    await session.flush()
    return trait
