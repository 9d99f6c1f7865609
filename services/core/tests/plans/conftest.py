from __future__ import annotations

from functools import cache

import pytest

from reptidex_common.auth.passwords import hash_password
from reptidex_common.testing import plugin


@cache
def _hashed(password: str) -> str:
    return hash_password(password)


@pytest.fixture(autouse=True)
def _hash_each_password_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests make many users and never test passwords; argon2 per user would dominate.
    monkeypatch.setattr(plugin, "hash_password", _hashed)
