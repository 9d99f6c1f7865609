"""Turning lineage rows into what the caller may see of them."""

from __future__ import annotations

import uuid
from typing import Any

from repti_animal.lineage.repository import GenotypeRow, LineageRow
from repti_animal.lineage.schemas import Access, GenotypeSummary
from repti_animal.lineage.visibility import Viewer


def summary_fields(
    row: LineageRow, viewer: Viewer, genotypes: dict[uuid.UUID, list[GenotypeRow]]
) -> dict[str, Any]:
    """The fields of `RelativeSummary` for an animal the caller may see."""
    member = viewer.is_member(row.vivarium_id)
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
        "vivarium_id": row.vivarium_id if member else None,
        "genotype": [
            GenotypeSummary(
                trait_id=g.trait_id,
                trait=g.trait,
                state=g.state,
                het_percent=g.het_percent,
                proof=g.proof,
            )
            for g in genotypes.get(row.id, ())
        ],
    }
