"""A pedigree of an animal in the caller's own vivarium, served ahead of FastAPI.

`reptidex_common.fast_reads`: the same rules and body as the `pedigree` route, with its
statements sent straight to the driver (`driver_reads`); an animal reached another way (a
lease, a partnership) or not there at all returns None, and the route answers by the general
rules.
"""

from __future__ import annotations

import uuid

from repti_animal.lineage import driver_reads
from repti_animal.lineage.coi import MAX_GENERATIONS
from repti_animal.lineage.pedigree import DEFAULT_PEDIGREE_GENERATIONS
from repti_animal.lineage.pedigree_schemas import pedigree_json
from repti_animal.lineage.service import pedigree_of
from reptidex_common.db.engine import raw_read_connection
from reptidex_common.fast_reads import FastRequest


def _generations(query: dict[str, str]) -> int | None:
    if not query.keys() <= {"generations"}:
        return None
    raw = query.get("generations")
    if raw is None:
        return DEFAULT_PEDIGREE_GENERATIONS
    # Only plain decimal numbers in range; anything else gets the route's own 422.
    if not raw.isdigit() or raw.startswith("0") or int(raw) > MAX_GENERATIONS:
        return None
    return int(raw)


async def pedigree(request: FastRequest) -> bytes | None:
    generations = _generations(request.query)
    if generations is None:
        return None
    animal_id = uuid.UUID(request.path_params["animal_id"])
    async with raw_read_connection() as connection:
        viewer = await driver_reads.own_animal_viewer(connection, request.principal, animal_id)
        if viewer is None:
            return None
        rows, genotypes = await driver_reads.ancestors(connection, animal_id, generations)
    return pedigree_json(pedigree_of(rows, animal_id, viewer, generations, genotypes))
