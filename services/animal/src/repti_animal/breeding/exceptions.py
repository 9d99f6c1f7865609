"""Breeding errors, each with its own problem type."""

from __future__ import annotations

from typing import Any

from reptidex_common.errors import Conflict, NotFound, UnprocessableEntity
from reptidex_common.models.animal_enums import ClutchStatus, PairingStatus


class PairingNotFound(NotFound):
    type_slug = "pairing-not-found"

    def __init__(self) -> None:
        super().__init__("Pairing not found.")


class ClutchNotFound(NotFound):
    type_slug = "clutch-not-found"

    def __init__(self) -> None:
        super().__init__("Clutch not found.")


class BreedingValidation(UnprocessableEntity):
    """A 422 that names every broken rule, each with its field, as payload errors do."""

    def __init__(self, type_slug: str, reasons: list[tuple[str, str]]) -> None:
        errors: list[dict[str, Any]] = [
            {"field": field, "message": message, "type": type_slug} for field, message in reasons
        ]
        super().__init__(
            " ".join(message for _field, message in reasons),
            type_slug=type_slug,
            extra={"errors": errors},
        )


class UnsuitablePairing(BreedingValidation):
    title = "These animals cannot be paired"

    def __init__(self, reasons: list[tuple[str, str]]) -> None:
        super().__init__("unsuitable-pairing", reasons)


class InvalidEggCounts(BreedingValidation):
    title = "Egg counts do not add up"

    def __init__(self, reasons: list[tuple[str, str]]) -> None:
        super().__init__("invalid-egg-counts", reasons)


class InvalidHatch(BreedingValidation):
    title = "This hatch cannot be recorded"

    def __init__(self, reasons: list[tuple[str, str]]) -> None:
        super().__init__("invalid-hatch", reasons)


class InvalidPairingDates(BreedingValidation):
    title = "These pairing dates are impossible"

    def __init__(self, reasons: list[tuple[str, str]]) -> None:
        super().__init__("invalid-pairing-dates", reasons)


class LaidBeforePairing(BreedingValidation):
    title = "A clutch cannot be laid before its pairing began"

    def __init__(self, reasons: list[tuple[str, str]]) -> None:
        super().__init__("laid-before-pairing", reasons)


class EarlyHatchNeedsConfirmation(Conflict):
    """Hatching sooner than the species' shortest incubation is possible (a hot incubator, a
    mistyped date); the breeder confirms it before it is recorded."""

    type_slug = "early-hatch-unconfirmed"

    def __init__(self, days: int, days_min: int) -> None:
        super().__init__(
            f"These eggs would have hatched after {days} day(s) of incubation; the species "
            f"needs at least {days_min}. Check the dates, or send confirm_early_hatch: true "
            "to record it anyway.",
            extra={"days_incubated": days, "incubation_days_min": days_min},
        )


class InvalidPairingTransition(Conflict):
    type_slug = "invalid-pairing-transition"

    def __init__(
        self, current: PairingStatus, wanted: PairingStatus, allowed: tuple[PairingStatus, ...]
    ) -> None:
        following = ", ".join(status.value for status in allowed)
        detail = f"A {current.value} pairing cannot become {wanted.value}; " + (
            f"it can become: {following}." if allowed else f"{current.value} is final."
        )
        super().__init__(
            detail,
            extra={"current": current.value, "allowed": [status.value for status in allowed]},
        )


class PairingHasClutches(Conflict):
    type_slug = "pairing-has-clutches"

    def __init__(self) -> None:
        super().__init__(
            "This pairing has clutches recorded; it stays as part of their history and cannot be deleted."
        )


class PairingNotLaying(Conflict):
    type_slug = "pairing-cannot-lay"

    def __init__(self, status: PairingStatus) -> None:
        super().__init__(
            f"A {status.value} pairing cannot have a clutch recorded; start a new pairing instead."
        )


class ClutchStatusConflict(Conflict):
    type_slug = "clutch-status"

    def __init__(self, action: str, status: ClutchStatus) -> None:
        super().__init__(f"A clutch that is {status.value} cannot be {action}.")


class EggsAlreadyHatched(Conflict):
    type_slug = "eggs-already-hatched"

    def __init__(self, asked: int, remaining: int) -> None:
        super().__init__(
            f"{asked} hatchling(s) asked for, but only {remaining} fertile egg(s) of this clutch "
            "have not hatched yet; the others were already recorded as hatched.",
            extra={"remaining": remaining},
        )


class DisplayIdTaken(Conflict):
    type_slug = "display-id-taken"

    def __init__(self, taken: list[tuple[int, str]]) -> None:
        ids = ", ".join(display_id for _index, display_id in taken)
        super().__init__(
            f"Display id(s) already used in this vivarium or repeated in the request: {ids}. Nothing was recorded.",
            extra={
                "errors": [
                    {
                        "field": f"body.hatchlings.{index}.display_id",
                        "message": f"{display_id} is already used.",
                        "type": "display-id-taken",
                    }
                    for index, display_id in taken
                ]
            },
        )
