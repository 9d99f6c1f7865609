"""The tabular kinship method gives exactly the recursion's values (it is only faster)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from repti_animal.lineage.coi import Kinship, tabular_kinship, truncate, window_kinship


@st.composite
def pedigrees(draw: st.DrawFn) -> dict[int, tuple[int | None, int | None]]:
    """Random acyclic pedigrees: each animal's parents are drawn among the earlier ones."""
    size = draw(st.integers(min_value=2, max_value=40))
    pedigree: dict[int, tuple[int | None, int | None]] = {}
    for animal in range(size):
        earlier = (
            st.one_of(st.none(), st.integers(min_value=0, max_value=animal - 1))
            if animal
            else st.none()
        )
        sire, dam = draw(earlier), draw(earlier)
        if sire is not None and sire == dam:
            dam = None
        pedigree[animal] = (sire, dam)
    return pedigree


@settings(max_examples=200, deadline=None)
@given(pedigrees(), st.data())
def test_tabular_equals_recursive(
    pedigree: dict[int, tuple[int | None, int | None]], data: st.DataObject
) -> None:
    a = data.draw(st.sampled_from(sorted(pedigree)))
    b = data.draw(st.sampled_from(sorted(pedigree)))
    index, matrix = tabular_kinship(pedigree)
    recursive = Kinship(pedigree)
    assert abs(matrix[index[a], index[b]] - recursive.kinship(a, b)) < 1e-12
    assert abs(window_kinship(pedigree, a, b) - recursive.kinship(a, b)) < 1e-12


def test_full_sib_offspring_is_a_quarter() -> None:
    pedigree: dict[str, tuple[str | None, str | None]] = {
        "sire": (None, None),
        "dam": (None, None),
        "son": ("sire", "dam"),
        "daughter": ("sire", "dam"),
        "foal": ("son", "daughter"),
    }
    window = truncate(pedigree, ["foal"], 10)
    assert window_kinship(window, "son", "daughter") == 0.25
