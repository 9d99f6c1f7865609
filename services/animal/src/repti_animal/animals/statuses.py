"""Status `lease` belongs to the lease: only lending sets it and only its end clears it.

The one rule every writer of `status` asks (create, update, import), so that the status can
never say "on loan" without a lease behind it, nor lose the loan while the lease runs.
"""

from __future__ import annotations

from reptidex_common.models.animal_enums import AnimalStatus

SET_BY_LEASE = (
    "Status 'lease' is set by lending the animal (a lease), not by hand; create a lease instead."
)
CLEARED_BY_LEASE = (
    "This animal is on loan; record its return or cancel the lease to change its status."
)


def status_change_problem(current: AnimalStatus | None, new: AnimalStatus) -> str | None:
    """Why `current` (None for a new animal) may not become `new` by hand, or None if it may."""
    if new is current:
        return None
    if new is AnimalStatus.lease:
        return SET_BY_LEASE
    if current is AnimalStatus.lease:
        return CLEARED_BY_LEASE
    return None
