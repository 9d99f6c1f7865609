"""Property tests are reproducible: two runs of one test draw the same examples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


def _examples_of_one_run() -> list[tuple[int, str]]:
    seen: list[tuple[int, str]] = []

    @settings(max_examples=25)
    @given(st.integers(), st.text())
    def probe(number: int, text: str) -> None:
        seen.append((number, text))

    probe()
    return seen


def test_property_tests_draw_the_same_examples_on_every_run() -> None:
    assert _examples_of_one_run() == _examples_of_one_run()


def test_no_example_database_carries_one_run_into_the_next() -> None:
    assert settings.default.derandomize is True
    assert settings.default.database is None
