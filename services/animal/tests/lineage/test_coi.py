"""Wright's F as a pure function: textbook matings, and properties over random pedigrees.

The random pedigrees are also checked against an independent implementation: Wright's path
formula with every path listed (exponential, fine for ten animals).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repti_animal.lineage.coi import (
    Kinship,
    inbreeding_coefficient,
    planned_pairing_coi,
    truncate,
)

Ped = dict[str, tuple[str | None, str | None]]


def test_unrelated_parents_and_founders_have_zero() -> None:
    assert inbreeding_coefficient({}, "founder") == 0.0
    assert inbreeding_coefficient({"x": ("s", "d")}, "x") == 0.0
    assert inbreeding_coefficient({"x": ("s", None)}, "x") == 0.0


@pytest.mark.parametrize(
    ("pedigree", "expected"),
    [
        pytest.param({"a": ("S", "D"), "b": ("S", "D"), "x": ("a", "b")}, 0.25, id="full sibs"),
        pytest.param({"a": ("S", "D1"), "b": ("S", "D2"), "x": ("a", "b")}, 0.125, id="half sibs"),
        pytest.param({"o": ("S", "D"), "x": ("S", "o")}, 0.25, id="parent x offspring"),
        pytest.param(
            {"a": ("S", "D"), "b": ("S", "D"), "c": ("a", "m"), "d": ("f", "b"), "x": ("c", "d")},
            0.0625,
            id="first cousins",
        ),
        pytest.param(
            {"a": ("S", "D1"), "b": ("S", "D2"), "c": ("a", "m"), "d": ("f", "b"), "x": ("c", "d")},
            0.03125,
            id="half first cousins",
        ),
        pytest.param(
            {"a": ("g", "h"), "x": ("g", "a")}, 0.25, id="sire x daughter (sire a founder)"
        ),
    ],
)
def test_textbook_matings(pedigree: Ped, expected: float) -> None:
    assert inbreeding_coefficient(pedigree, "x") == pytest.approx(expected)


def test_repeated_full_sib_mating_follows_the_recurrence() -> None:
    # F_t = (1 + 2 F_{t-1} + F_{t-2}) / 4: 0, .25, .375, .5, .59375, .671875, ...
    pedigree: Ped = {"m0": (None, None), "f0": (None, None)}
    expected = [0.0, 0.0]
    for t in range(1, 12):
        pedigree[f"m{t}"] = (f"m{t - 1}", f"f{t - 1}")
        pedigree[f"f{t}"] = (f"m{t - 1}", f"f{t - 1}")
        if t >= 2:
            expected.append((1 + 2 * expected[-1] + expected[-2]) / 4)
    for t in range(2, 12):
        assert inbreeding_coefficient(pedigree, f"m{t}", 20) == pytest.approx(expected[t])
    assert expected[2:6] == [0.25, 0.375, 0.5, 0.59375]


def test_founder_backcrossed_each_generation() -> None:
    # A founder sire bred to his daughter, granddaughter, ...: F = 1/2 - (1/2)^(n+1).
    pedigree: Ped = {"d0": ("S", "D")}
    for n in range(1, 8):
        pedigree[f"d{n}"] = ("S", f"d{n - 1}")
        assert inbreeding_coefficient(pedigree, f"d{n}") == pytest.approx(0.5 - 0.5 ** (n + 1))


def test_inbred_common_ancestor_adds_its_own_inbreeding() -> None:
    # A is itself the offspring of full sibs (F_A = .25); half sibs through A: F = 1/8 * 1.25.
    pedigree: Ped = {
        "p": ("G", "H"),
        "q": ("G", "H"),
        "A": ("p", "q"),
        "a": ("A", "m1"),
        "b": ("A", "m2"),
        "x": ("a", "b"),
    }
    assert inbreeding_coefficient(pedigree, "A") == pytest.approx(0.25)
    assert inbreeding_coefficient(pedigree, "x") == pytest.approx(0.125 * 1.25)


def test_depth_truncation() -> None:
    pedigree: Ped = {"a": ("S", "D"), "b": ("S", "D"), "x": ("a", "b")}
    # With one generation the parents are founders; two reach the shared grandparents.
    assert inbreeding_coefficient(pedigree, "x", 1) == 0.0
    assert inbreeding_coefficient(pedigree, "x", 2) == pytest.approx(0.25)
    window = truncate(pedigree, ["x"], 1)
    assert window == {"x": ("a", "b"), "a": (None, None), "b": (None, None)}


def test_planned_pairing_names_common_ancestors() -> None:
    pedigree: Ped = {"a": ("S", "D"), "b": ("S", "D2")}
    result = planned_pairing_coi(pedigree, "a", "b")
    assert result.coi == pytest.approx(0.125)
    assert result.generations == 10
    assert [(c.animal, c.from_sire, c.from_dam) for c in result.common_ancestors] == [("S", 1, 1)]
    # Parent x offspring: the parent is a common ancestor at distance 0 from itself.
    offspring = planned_pairing_coi({"o": ("S", "D")}, "S", "o")
    assert offspring.coi == pytest.approx(0.25)
    assert ("S", 0, 1) in [(c.animal, c.from_sire, c.from_dam) for c in offspring.common_ancestors]
    # The planned offspring is generation 0: one generation sees only the two parents.
    assert planned_pairing_coi(pedigree, "a", "b", 1).coi == 0.0


# --- an independent reference: Wright's path formula, every path listed -------------------


def _paths_up(pedigree: Mapping[str, tuple[str | None, str | None]], start: str) -> list[list[str]]:
    """Every path from `start` upwards (start included), to each ancestor."""
    found = [[start]]
    for parent in pedigree.get(start, (None, None)):
        if parent is not None:
            found += [[start, *path] for path in _paths_up(pedigree, parent)]
    return found


def wright_path_f(pedigree: Mapping[str, tuple[str | None, str | None]], animal: str) -> float:
    sire, dam = pedigree.get(animal, (None, None))
    if sire is None or dam is None:
        return 0.0
    total = 0.0
    for left, right in itertools.product(_paths_up(pedigree, sire), _paths_up(pedigree, dam)):
        ancestor = left[-1]
        # A path pair counts when it meets only at the common ancestor.
        if ancestor == right[-1] and not set(left[:-1]) & set(right[:-1]):
            n1, n2 = len(left) - 1, len(right) - 1
            total += 0.5 ** (n1 + n2 + 1) * (1 + wright_path_f(pedigree, ancestor))
    return total


@st.composite
def pedigrees(draw: st.DrawFn, max_size: int = 10) -> Ped:
    """Random acyclic pedigrees: each animal's parents are drawn from older animals."""
    size = draw(st.integers(min_value=1, max_value=max_size))
    pedigree: Ped = {}
    for index in range(size):
        older = [f"n{i}" for i in range(index)]
        choice = st.sampled_from(older) if older else st.nothing()
        sire = draw(st.one_of(st.none(), choice)) if older else None
        dam = draw(st.one_of(st.none(), choice)) if older else None
        if sire is not None and sire == dam:
            dam = None
        pedigree[f"n{index}"] = (sire, dam)
    return pedigree


@settings(max_examples=200, deadline=None)
@given(pedigrees())
def test_f_is_a_probability_and_matches_the_path_formula(pedigree: Ped) -> None:
    kinship = Kinship(pedigree)
    for animal in pedigree:
        f = kinship.inbreeding(animal)
        assert 0.0 <= f < 1.0
        assert f == pytest.approx(wright_path_f(pedigree, animal))
        assert inbreeding_coefficient(pedigree, animal, 50) == pytest.approx(f)


@settings(max_examples=200, deadline=None)
@given(pedigrees())
def test_f_is_symmetric_in_sire_and_dam(pedigree: Ped) -> None:
    for animal, (sire, dam) in pedigree.items():
        swapped = {**pedigree, animal: (dam, sire)}
        assert inbreeding_coefficient(swapped, animal) == pytest.approx(
            inbreeding_coefficient(pedigree, animal)
        )
        if sire is not None and dam is not None:
            assert planned_pairing_coi(pedigree, sire, dam).coi == pytest.approx(
                planned_pairing_coi(pedigree, dam, sire).coi
            )


@settings(max_examples=100, deadline=None)
@given(pedigrees())
def test_no_ancestry_means_zero(pedigree: Ped) -> None:
    for animal, (sire, dam) in pedigree.items():
        if sire is None or dam is None:
            assert inbreeding_coefficient(pedigree, animal) == 0.0


def test_a_wide_unrelated_pedigree_is_cheap() -> None:
    # Ten full generations of distinct ancestors (2046 of them): the bitset check answers 0
    # at the first pair instead of visiting a million pairs.
    pedigree: Ped = {}

    def fill(node: str, depth: int) -> None:
        if depth == 10:
            return
        pedigree[node] = (node + "s", node + "d")
        fill(node + "s", depth + 1)
        fill(node + "d", depth + 1)

    fill("x", 0)
    kinship = Kinship(truncate(pedigree, ["x"], 10))
    assert kinship.inbreeding("x") == 0.0
    assert len(kinship._memo) == 0
