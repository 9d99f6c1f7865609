"""Fixtures of the whole-platform scenarios."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator

import pytest

from reptidex_common.settings import REPO_ROOT


@pytest.fixture
def one_platform_at_a_time() -> Iterator[None]:
    """Held while a test runs a whole platform (19 processes): pytest's other worker waits,
    so two platforms never start side by side on two cores and miss their start-up bound."""
    path = REPO_ROOT / ".data" / "whole-platform.lock"
    path.parent.mkdir(exist_ok=True)
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
