"""The pure rules: the pairing life cycle, the incubation estimate, genotype possibilities."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest

from repti_animal.breeding import incubation, transitions
from repti_animal.breeding.genotype_inheritance import hatchling_possibilities
from reptidex_common.models.animal_enums import GenotypeState, Inheritance, PairingStatus

P = PairingStatus


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (P.planned, P.active, True),
        (P.active, P.locked, True),
        (P.locked, P.ovulated, True),
        (P.ovulated, P.completed, True),
        (P.planned, P.failed, True),
        (P.ovulated, P.failed, True),
        (P.planned, P.locked, False),
        (P.active, P.completed, False),
        (P.locked, P.active, False),
        (P.completed, P.failed, False),
        (P.failed, P.planned, False),
    ],
)
def test_transitions(current: PairingStatus, new: PairingStatus, allowed: bool) -> None:
    assert transitions.can_move(current, new) is allowed


def test_open_and_final_states() -> None:
    assert {P.completed, P.failed} == transitions.FINAL_STATES
    assert transitions.event_key(P.locked) == "locked_at"


# (days min, days max, temp min, temp max): real species' incubation figures.
BALL_PYTHON = (55, 60, Decimal("31.0"), Decimal("32.5"))
LEOPARD_GECKO = (35, 89, Decimal("26.0"), Decimal("32.0"))
CRESTED_GECKO = (60, 120, Decimal("22.0"), Decimal("26.0"))


@pytest.mark.parametrize(
    ("species", "temp", "days"),
    [
        (BALL_PYTHON, None, 58),  # the middle, 57.5, rounded half up
        (BALL_PYTHON, Decimal("31.0"), 60),  # coolest: longest
        (BALL_PYTHON, Decimal("32.5"), 55),  # warmest: shortest
        (BALL_PYTHON, Decimal("31.8"), 57),
        (BALL_PYTHON, Decimal("34.0"), 55),  # hotter than the range: clamped
        (LEOPARD_GECKO, Decimal("29.0"), 62),
        (LEOPARD_GECKO, Decimal("32.0"), 35),
        (CRESTED_GECKO, Decimal("22.0"), 120),
        (CRESTED_GECKO, Decimal("24.0"), 90),
        (CRESTED_GECKO, Decimal("20.0"), 120),  # cooler than the range: clamped
    ],
)
def test_incubation_days(
    species: tuple[int, int, Decimal, Decimal], temp: Decimal | None, days: int
) -> None:
    days_min, days_max, temp_min, temp_max = species
    assert (
        incubation.expected_incubation_days(
            days_min=days_min,
            days_max=days_max,
            temp_min_c=temp_min,
            temp_max_c=temp_max,
            temp_c=temp,
        )
        == days
    )


def test_incubation_without_data() -> None:
    assert (
        incubation.expected_incubation_days(
            days_min=None, days_max=None, temp_min_c=None, temp_max_c=None, temp_c=Decimal(30)
        )
        is None
    )
    # One bound only, no temperature range: that bound.
    assert (
        incubation.expected_incubation_days(
            days_min=70, days_max=None, temp_min_c=None, temp_max_c=None, temp_c=Decimal(30)
        )
        == 70
    )
    assert incubation.expected_hatch_date(date(2025, 1, 1), None) is None
    assert incubation.expected_hatch_date(date(2025, 1, 1), 60) == date(2025, 3, 2)
    assert incubation.days_until(date(2025, 1, 10), date(2025, 1, 1)) == 9
    assert incubation.days_until(date(2025, 1, 1), date(2025, 1, 1) + timedelta(days=2)) == -2


V, H, PH, S = (
    GenotypeState.visual,
    GenotypeState.het,
    GenotypeState.possible_het,
    GenotypeState.super,
)


@pytest.mark.parametrize(
    ("sire", "dam", "expected"),
    [
        (V, V, (V, None)),
        (V, None, (H, None)),
        (None, V, (H, None)),
        (V, H, (H, None)),  # non-visual offspring of visual x het are all het
        (H, V, (H, None)),
        (S, None, (H, None)),  # two copies of a recessive: as visual
        (H, H, (PH, 66)),
        (H, None, (PH, 50)),
        (None, H, (PH, 50)),
        (PH, None, None),
        (PH, H, None),
        (None, None, None),
    ],
)
def test_recessive_possibilities(
    sire: GenotypeState | None,
    dam: GenotypeState | None,
    expected: tuple[GenotypeState, int | None] | None,
) -> None:
    trait = uuid.uuid4()
    result = hatchling_possibilities(
        {trait: Inheritance.recessive},
        {trait: sire} if sire else {},
        {trait: dam} if dam else {},
    )
    if expected is None:
        assert result == []
    else:
        assert [(p.state, p.het_percent, p.proof.value) for p in result] == [
            (*expected, "parentage")
        ]


@pytest.mark.parametrize(
    "inheritance",
    [Inheritance.incomplete_dominant, Inheritance.dominant, Inheritance.polygenic],
)
def test_non_recessive_genes_are_not_assumed(inheritance: Inheritance) -> None:
    trait = uuid.uuid4()
    assert hatchling_possibilities({trait: inheritance}, {trait: V}, {trait: V}) == []
