"""Keeping stored COIs current: an animal and every descendant its parentage can reach.

Runs in the Celery worker on a synchronous session. Idempotent: it recomputes from the
database as it is now and writes only values that changed, so a second run (or the relay
publishing twice) writes nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from repti_animal.lineage import repository
from repti_animal.lineage.coi import DEFAULT_GENERATIONS, inbreeding_coefficient

# Stored with enough digits for any display, few enough that float noise never counts as a change.
COI_DIGITS = 12


def recompute_coi(
    session: Session, animal_id: uuid.UUID, generations: int = DEFAULT_GENERATIONS
) -> int:
    """Recompute and store the COI of `animal_id` and its descendants; returns rows changed.

    A descendant k generations below sees this animal's parents at depth k + 1, so only
    descendants within `generations - 1` can change.
    """
    affected = repository.lock_descendants_sync(session, animal_id, generations - 1)
    if not affected:
        return 0
    pedigree = repository.pedigree_sync(session, [a.animal_id for a in affected], generations)
    changed = []
    for current in affected:
        coi = round(inbreeding_coefficient(pedigree, current.animal_id, generations), COI_DIGITS)
        if current.coi != coi or current.generations != generations:
            changed.append((current.animal_id, coi))
    repository.store_coi_sync(session, changed, generations, datetime.now(UTC))
    return len(changed)
