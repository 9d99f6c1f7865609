"""Production refuses to start on any default that only fits a developer's machine."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from reptidex_common.app_factory import create_service_app
from reptidex_common.settings import (
    DEVELOPMENT_API_KEY_PEPPER,
    PRODUCTION_MUST_SET,
    BaseServiceSettings,
    get_settings,
)

PRODUCTION = {
    "environment": "production",
    "database_url": "postgresql://app:s3cret@db.internal:5432/reptidex",
    "redis_url": "rediss://:s3cret@cache.internal:6379/0",
    "api_key_pepper": "p" * 48,
    "trusted_proxy_hops": 1,
}


def settings(**fields: Any) -> BaseServiceSettings:
    return BaseServiceSettings(_env_file=None, **fields)


@pytest.fixture(autouse=True)
def bare_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test passes counts: not the variables the test run itself was given."""
    for name in (*PRODUCTION_MUST_SET, "environment"):
        monkeypatch.delenv(name.upper(), raising=False)


def test_production_with_every_secret_of_its_own_starts() -> None:
    assert settings(**PRODUCTION).environment == "production"


@pytest.mark.parametrize("missing", PRODUCTION_MUST_SET)
def test_production_refuses_a_default_it_must_set(missing: str) -> None:
    fields = {name: value for name, value in PRODUCTION.items() if name != missing}
    with pytest.raises(ValidationError, match=f"{missing.upper()} is not set"):
        settings(**fields)
    # Development keeps its defaults.
    assert settings(**{**fields, "environment": "development"}).environment == "development"


@pytest.mark.parametrize(
    ("pepper", "reason"),
    [(DEVELOPMENT_API_KEY_PEPPER, "the development pepper"), ("short", "shorter than 32")],
)
def test_production_refuses_a_weak_or_development_pepper(pepper: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        settings(**{**PRODUCTION, "api_key_pepper": pepper})


def test_a_service_refuses_to_start_in_production_on_development_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.delenv("API_KEY_PEPPER", raising=False)
    get_settings.cache_clear()
    try:
        with pytest.raises(ValidationError, match="API_KEY_PEPPER"):
            create_service_app("ops", title="Ops", description="Ops")
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
