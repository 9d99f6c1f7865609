"""The pairing life cycle: which status may follow which, and the event each step records.

planned → active → locked → ovulated → completed, and failed from any open state. Completed
and failed are final: a breeder who tries again the next season starts a new pairing, so each
season's record stays as it happened.
"""

from __future__ import annotations

from reptidex_common.models.animal_enums import PairingStatus

NEXT_STATES: dict[PairingStatus, tuple[PairingStatus, ...]] = {
    PairingStatus.planned: (PairingStatus.active, PairingStatus.failed),
    PairingStatus.active: (PairingStatus.locked, PairingStatus.failed),
    PairingStatus.locked: (PairingStatus.ovulated, PairingStatus.failed),
    PairingStatus.ovulated: (PairingStatus.completed, PairingStatus.failed),
    PairingStatus.completed: (),
    PairingStatus.failed: (),
}

OPEN_STATES = frozenset(status for status, following in NEXT_STATES.items() if following)
FINAL_STATES = frozenset(PairingStatus) - OPEN_STATES


def allowed_next(status: PairingStatus) -> tuple[PairingStatus, ...]:
    return NEXT_STATES[status]


def can_move(current: PairingStatus, new: PairingStatus) -> bool:
    return new in NEXT_STATES[current]


def event_key(status: PairingStatus) -> str:
    """The `events` key holding the date a pairing reached `status` (e.g. `locked_at`)."""
    return f"{status.value}_at"
