"""The what-if COI and the stored COI equal, bit for bit, what the row-by-row method gave.

The reference below is the calculation as it was before the rank-by-rank matrix and the
numbered windows: the window truncated from the ids, the tabular matrix filled one animal at
a time (the recursion beyond TABULAR_LIMIT animals), the common ancestors from the
recursion's ancestry sets, and each parent's distances by a breadth-first walk. Every value
is compared with `==`, not approximately: kinships are dyadic rationals that doubles hold
exactly at these depths, so any correct order of evaluation must give the same bits.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Hashable, Mapping
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from repti_animal.lineage.coi import (
    EXACT_RANK,
    TABULAR_LIMIT,
    Kinship,
    PlannedPairing,
    inbreeding_coefficient,
    planned_pairing_coi,
    tabular_kinship,
    truncate,
    window_kinship,
)

K = TypeVar("K", bound=Hashable)
Ped = dict[str, tuple[str | None, str | None]]


def reference_kinship(window: Mapping[K, tuple[K | None, K | None]], a: K, b: K) -> float:
    if len(window) <= TABULAR_LIMIT:
        index, matrix = tabular_kinship(window)
        return float(matrix[index[a], index[b]])
    return Kinship(window).kinship(a, b)


def reference_distances(window: Mapping[K, tuple[K | None, K | None]], start: K) -> dict[K, int]:
    distance = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for parent in window.get(node, (None, None)):
            if parent is not None and parent in window and parent not in distance:
                distance[parent] = distance[node] + 1
                queue.append(parent)
    return distance


def reference_pairing(
    pedigree: Mapping[K, tuple[K | None, K | None]], sire: K, dam: K, generations: int
) -> tuple[float, list[tuple[K, int, int]]]:
    window = truncate(pedigree, [sire, dam], generations, start_depth=1)
    kinship = Kinship(window)
    coi = reference_kinship(window, sire, dam)
    shared = kinship.ancestry(sire) & kinship.ancestry(dam)
    from_sire, from_dam = reference_distances(window, sire), reference_distances(window, dam)
    common = sorted(
        ((node, from_sire[node], from_dam[node]) for node in shared),
        key=lambda c: (c[1] + c[2], c[1], str(c[0])),
    )
    return coi, common


def reference_inbreeding(
    pedigree: Mapping[K, tuple[K | None, K | None]], animal: K, generations: int
) -> float:
    window = truncate(pedigree, [animal], generations)
    sire, dam = window[animal]
    if sire is None or dam is None:
        return 0.0
    return reference_kinship(window, sire, dam)


def as_tuples(result: PlannedPairing[K]) -> tuple[float, list[tuple[K, int, int]]]:
    return result.coi, [(c.animal, c.from_sire, c.from_dam) for c in result.common_ancestors]


def closed_line(rng: random.Random, generations: int, per_generation: int) -> Ped:
    """A closed line as breeders keep them: parents from the previous one or two generations."""
    pedigree: Ped = {}
    by_generation: list[list[str]] = []
    for generation in range(generations):
        current = [f"g{generation}-{index}" for index in range(per_generation)]
        for index, animal in enumerate(current):
            if generation == 0 or rng.random() < 0.05:
                pedigree[animal] = (None, None)
                continue
            pool = by_generation[-1] + (by_generation[-2] if generation > 1 else [])
            males, females = pool[0::2], pool[1::2]
            sire = rng.choice(males) if rng.random() > 0.05 else None
            pedigree[animal] = (sire, rng.choice(females))
            if index == 0 and generation > 2:
                # Now and then an old sire comes back: a shortcut across generations.
                pedigree[animal] = (by_generation[0][0], pedigree[animal][1])
        by_generation.append(current)
    return pedigree


@st.composite
def pedigrees(draw: st.DrawFn) -> Ped:
    """Random acyclic pedigrees, from outbred to heavily closed: parents among earlier animals."""
    size = draw(st.integers(min_value=2, max_value=60))
    reach = draw(st.integers(min_value=1, max_value=size))
    pedigree: Ped = {}
    for index in range(size):
        earlier = [f"n{i}" for i in range(max(0, index - reach), index)]
        parent = st.one_of(st.none(), st.sampled_from(earlier)) if earlier else st.none()
        sire, dam = draw(parent), draw(parent)
        if sire is not None and sire == dam:
            dam = None
        pedigree[f"n{index}"] = (sire, dam)
    return pedigree


@settings(max_examples=200, deadline=None)
@given(pedigrees(), st.data(), st.integers(min_value=1, max_value=10))
def test_what_if_equals_the_reference_exactly(
    pedigree: Ped, data: st.DataObject, generations: int
) -> None:
    animals = sorted(pedigree)
    sire = data.draw(st.sampled_from(animals))
    dam = data.draw(st.sampled_from(animals))
    assert as_tuples(planned_pairing_coi(pedigree, sire, dam, generations)) == (
        reference_pairing(pedigree, sire, dam, generations)
    )


@settings(max_examples=120, deadline=None)
@given(pedigrees(), st.integers(min_value=1, max_value=10))
def test_stored_coi_equals_the_reference_exactly(pedigree: Ped, generations: int) -> None:
    for animal in list(pedigree)[-8:]:
        assert inbreeding_coefficient(pedigree, animal, generations) == reference_inbreeding(
            pedigree, animal, generations
        )


@settings(max_examples=120, deadline=None)
@given(pedigrees(), st.data())
def test_window_kinship_equals_the_recursion_exactly(pedigree: Ped, data: st.DataObject) -> None:
    a = data.draw(st.sampled_from(sorted(pedigree)))
    b = data.draw(st.sampled_from(sorted(pedigree)))
    assert window_kinship(pedigree, a, b) == Kinship(pedigree).kinship(a, b)


def test_closed_lines_at_every_depth() -> None:
    # Lines like the benchmark's (50 a generation, 20 generations) and tighter ones: heavy
    # inbreeding, shortcuts across generations, windows of hundreds of animals.
    rng = random.Random(20261204)
    checked = 0
    for per_generation in (4, 12, 50):
        pedigree = closed_line(rng, 20, per_generation)
        youngest = [a for a in pedigree if a.startswith(("g19-", "g18-", "g12-"))]
        for _ in range(8):
            sire, dam = rng.sample(youngest, 2)
            for generations in range(1, 11):
                expected = reference_pairing(pedigree, sire, dam, generations)
                assert as_tuples(planned_pairing_coi(pedigree, sire, dam, generations)) == expected
                checked += expected[0] > 0
            animal = rng.choice(youngest)
            assert inbreeding_coefficient(pedigree, animal) == reference_inbreeding(
                pedigree, animal, 10
            )
    # The comparison is not trivially between zeros.
    assert checked > 100


def test_deeper_than_the_exact_bound_keeps_the_row_by_row_values() -> None:
    # A founder sire backcrossed for 40 generations: ranks beyond EXACT_RANK, where doubles
    # round. Such windows keep the row-by-row method, so even the rounding is unchanged.
    pedigree: Ped = {"d0": ("S", "D")}
    for n in range(1, 41):
        pedigree[f"d{n}"] = ("S", f"d{n - 1}")
    window = truncate(pedigree, ["d40"], 45)
    assert len(window) > EXACT_RANK
    assert window_kinship(window, "S", "d39") == reference_kinship(window, "S", "d39")
    assert as_tuples(planned_pairing_coi(pedigree, "S", "d40", 45)) == reference_pairing(
        pedigree, "S", "d40", 45
    )


def test_a_missing_parent_record_shares_nothing() -> None:
    pedigree: Ped = {"a": ("S", "D")}
    assert as_tuples(planned_pairing_coi(pedigree, "a", "nobody")) == (0.0, [])


def test_an_ancestors_stored_coi_is_not_its_coi_inside_the_window() -> None:
    # Why the what-if does not start from the ancestors' stored COIs: brother x sister for 14
    # generations; planning m13 x f13, the great-grandsire m10 sits at depth 4 of the window,
    # so only six generations above him count there, not the ten of his own stored COI.
    pedigree: Ped = {"m0": (None, None), "f0": (None, None)}
    for t in range(1, 15):
        pedigree[f"m{t}"] = pedigree[f"f{t}"] = (f"m{t - 1}", f"f{t - 1}")
    window = truncate(pedigree, ["m13", "f13"], 10, start_depth=1)
    inside = Kinship(window).inbreeding("m10")
    assert inside == inbreeding_coefficient(pedigree, "m10", 6)
    assert inside < inbreeding_coefficient(pedigree, "m10")
