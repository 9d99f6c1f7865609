"""Feature-flag errors."""

from __future__ import annotations

from reptidex_common.errors import NotFound


class FeatureFlagNotFound(NotFound):
    type_slug = "feature-flag-not-found"

    def __init__(self, key: str) -> None:
        super().__init__(f"There is no feature flag '{key}'.")
