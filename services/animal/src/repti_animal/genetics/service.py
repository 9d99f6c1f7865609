"""Feeding the calculator: resolve each parent to genes, load the traits, predict."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from repti_animal.animals.access import AnimalNotFound, load_animal
from repti_animal.genetics import repository
from repti_animal.genetics.calculator import Prediction, predict
from repti_animal.genetics.exceptions import FieldProblem, InvalidPairing
from repti_animal.genetics.model import ParentGene, TraitSpec
from repti_animal.genetics.schemas import Parent, ParentByAnimal, PredictRequest
from reptidex_common.auth.principal import Principal
from reptidex_common.models.animal import Animal, Trait
from reptidex_common.models.animal_enums import GenotypeProof, Visibility
from reptidex_common.models.enums import VivariumRole

# Animals whose genotype anyone signed in may plan with: public ones, and lineage-only ones
# (those are shown inside pedigrees, where breeders plan their pairings).
OPEN_VISIBILITY = (Visibility.public, Visibility.lineage_only)


@dataclass
class ResolvedParent:
    role: str
    # Where the genes came from in the request, so problems point at it.
    path: str
    genes: list[ParentGene]
    proofs: dict[uuid.UUID, GenotypeProof] = field(default_factory=dict)
    animal: Animal | None = None


@dataclass(frozen=True)
class PredictionResult:
    species_id: uuid.UUID
    sire: ResolvedParent
    dam: ResolvedParent
    traits: dict[uuid.UUID, TraitSpec]
    prediction: Prediction


async def visible_animal(
    session: AsyncSession, principal: Principal, animal_id: uuid.UUID
) -> Animal:
    """The animal if the caller may use it here; 404 alike for missing and hidden ones."""
    animal = await repository.get_animal(session, animal_id)
    if animal is None:
        raise AnimalNotFound()
    if animal.visibility in OPEN_VISIBILITY:
        return animal
    return (await load_animal(session, principal, animal_id, VivariumRole.keeper)).animal


async def _resolve(
    session: AsyncSession, principal: Principal, role: str, parent: Parent
) -> ResolvedParent:
    if isinstance(parent, ParentByAnimal):
        animal = await visible_animal(session, principal, parent.animal_id)
        return ResolvedParent(role=role, path=f"{role}.animal_id", genes=[], animal=animal)
    return ResolvedParent(
        role=role,
        path=f"{role}.genotype",
        genes=[ParentGene(g.trait_id, g.state, g.het_percent) for g in parent.genotype],
        proofs={g.trait_id: g.proof for g in parent.genotype if g.proof is not None},
    )


async def _load_animal_genes(session: AsyncSession, parents: list[ResolvedParent]) -> None:
    """One query for the genotypes of every parent given as an animal."""
    by_animal = {p.animal.id: p for p in parents if p.animal is not None}
    rows = await repository.genotypes_of(session, by_animal.keys())
    for parent in parents:
        if parent.animal is None:
            continue
        for row in rows:
            if row.animal_id == parent.animal.id:
                parent.genes.append(ParentGene(row.trait_id, row.state, row.het_percent))
                parent.proofs[row.trait_id] = row.proof


def _trait_spec(trait: Trait, rank: int) -> TraitSpec:
    return TraitSpec(
        id=trait.id,
        name=trait.name,
        inheritance=trait.inheritance,
        rank=rank,
        super_form_name=trait.super_form_name,
        allelic_group=trait.allelic_group,
        welfare_flag=trait.welfare_flag,
        welfare_scope=trait.welfare_scope,
        welfare_note=trait.welfare_note,
        homozygous_welfare_flag=trait.homozygous_welfare_flag,
    )


async def predict_pairing(
    session: AsyncSession, principal: Principal, body: PredictRequest
) -> PredictionResult:
    sire = await _resolve(session, principal, "sire", body.sire)
    dam = await _resolve(session, principal, "dam", body.dam)
    parents = [sire, dam]

    if await repository.get_species(session, body.species_id) is None:
        raise InvalidPairing([FieldProblem("species_id", "no such species", "unknown-species")])
    wrong_species = [
        FieldProblem(p.path, "this animal is of another species", "wrong-species")
        for p in parents
        if p.animal is not None and p.animal.species_id != body.species_id
    ]
    if wrong_species:
        raise InvalidPairing(wrong_species)

    await _load_animal_genes(session, parents)
    trait_ids = {gene.trait_id for p in parents for gene in p.genes}
    rows = await repository.species_traits(session, body.species_id, trait_ids)
    # Rows come in catalogue order; that order is how names are written.
    traits = {row.id: _trait_spec(row, rank) for rank, row in enumerate(rows)}

    prediction = predict(
        traits,
        sire.genes,
        dam.genes,
        sire_field=sire.path,
        dam_field=dam.path,
        limit=body.limit,
        combination_names=await repository.combination_names(session, body.species_id, trait_ids),
    )
    return PredictionResult(
        species_id=body.species_id, sire=sire, dam=dam, traits=traits, prediction=prediction
    )
