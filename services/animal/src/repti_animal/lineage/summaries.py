"""Turning lineage rows into what the caller may see of them: one set of fields serves the
pedigree nodes and the relatives (descendants, siblings) alike."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from repti_animal.lineage.pedigree_schemas import PedigreeGenotype, VisibleAnimal
from repti_animal.lineage.repository import GenotypeRow, LineageRow
from repti_animal.lineage.schemas import Access
from repti_animal.lineage.visibility import Viewer


def genotype_fields(genotypes: Sequence[GenotypeRow]) -> list[PedigreeGenotype]:
    return [
        {
            "trait_id": g.trait_id,
            "trait": g.trait,
            "state": g.state,
            "het_percent": g.het_percent,
            "proof": g.proof,
        }
        for g in genotypes
    ]


def visible_fields(
    row: LineageRow, member: bool, genotypes: Sequence[GenotypeRow]
) -> VisibleAnimal:
    """Everything shown of an animal the caller may see; `member`: of its vivarium."""
    return {
        "id": row.id,
        "display_id": row.display_id,
        "name": row.name,
        "sex": row.sex,
        "hatch_date": row.hatch_date,
        "morph": row.morph,
        "visibility": row.visibility,
        "status": row.status,
        "archived": row.archived_at is not None,
        "access": Access.full if member else Access.shared,
        # Another breeder's vivarium id is not the caller's to know.
        "vivarium_id": row.vivarium_id if member else None,
        "genotype": genotype_fields(genotypes),
    }


def summary_fields(
    row: LineageRow, viewer: Viewer, genotypes: dict[uuid.UUID, list[GenotypeRow]]
) -> dict[str, Any]:
    """The fields of `RelativeSummary` for an animal the caller may see."""
    return dict(visible_fields(row, viewer.is_member(row.vivarium_id), genotypes.get(row.id, [])))
