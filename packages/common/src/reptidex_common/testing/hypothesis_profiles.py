"""Hypothesis profiles: property tests draw the same examples on every run.

`ci` (the default) derandomises: examples are seeded from each test's own code, and no
example database carries failures from one machine's run into the next, so a red build is
red again on a re-run and on a laptop. `explore` draws fresh random examples, for hunting
new counterexamples locally (`HYPOTHESIS_PROFILE=explore`); whatever it finds belongs in a
test as an explicit `@example`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", deadline=None, print_blob=True)


def load() -> None:
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
