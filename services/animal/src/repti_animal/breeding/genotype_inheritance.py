"""What a hatchling's genotype may be, from its parents' recorded genotypes.

Only recessive traits are inferred. Incomplete dominant and dominant genes show on the animal,
so a hatchling carrying them is recognised by looking at it, not assumed from its parents;
polygenic and line-bred looks are not single genes at all.

The rules describe a hatchling that does not itself look visual (a visual one is recognised
and recorded as such by the breeder):

- both parents visual: every offspring is visual (proof: parentage);
- one parent visual, the other anything else: every non-visual offspring carries the visual
  parent's copy, so it is het (proof: parentage). This holds for visual x het too: half of
  those offspring are visual, and the other half are all het, never "possibly" het;
- het x het: two in three non-visual offspring are het, so possible het 66 %;
- het x no record: half the offspring are het, so possible het 50 %;
- anything with only possible hets involved gives odds (25 %, 33 %) the record cannot hold,
  so nothing is noted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reptidex_common.models.animal_enums import GenotypeProof, GenotypeState, Inheritance


@dataclass(frozen=True)
class ParentGene:
    """One parent's record for one trait (None state: the parent has no record for it)."""

    state: GenotypeState | None


@dataclass(frozen=True)
class Possibility:
    trait_id: uuid.UUID
    state: GenotypeState
    het_percent: int | None
    proof: GenotypeProof = GenotypeProof.parentage


def _homozygous_as_visual(state: GenotypeState | None) -> GenotypeState | None:
    # "super" means two copies; for a recessive gene that is the visual form.
    return GenotypeState.visual if state is GenotypeState.super else state


def _recessive(
    sire: GenotypeState | None, dam: GenotypeState | None
) -> tuple[GenotypeState, int | None] | None:
    sire, dam = _homozygous_as_visual(sire), _homozygous_as_visual(dam)
    states = {sire, dam}
    visual = GenotypeState.visual
    het = GenotypeState.het
    if sire is visual and dam is visual:
        return visual, None
    if visual in states:
        return het, None
    if sire is het and dam is het:
        return GenotypeState.possible_het, 66
    if het in states and None in states:
        return GenotypeState.possible_het, 50
    return None


def hatchling_possibilities(
    traits: dict[uuid.UUID, Inheritance],
    sire: dict[uuid.UUID, GenotypeState],
    dam: dict[uuid.UUID, GenotypeState],
) -> list[Possibility]:
    """Genotype rows to note for every hatchling of this sire and dam.

    `traits` maps each trait either parent has a record for to its inheritance; `sire` and
    `dam` map trait ids to the parent's recorded state (a missing key: no record).
    """
    possibilities: list[Possibility] = []
    for trait_id in sorted(traits):
        if traits[trait_id] is not Inheritance.recessive:
            continue
        outcome = _recessive(sire.get(trait_id), dam.get(trait_id))
        if outcome is not None:
            possibilities.append(Possibility(trait_id, outcome[0], outcome[1]))
    return possibilities
