"""API key errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Forbidden, NotFound


class ApiKeyNotFound(NotFound):
    type_slug = "api-key-not-found"

    def __init__(self) -> None:
        super().__init__("API key not found.")


class SignedInUserRequired(Forbidden):
    type_slug = "signed-in-user-required"

    def __init__(self) -> None:
        # A key that could mint keys could widen its own scopes or escape its vivarium.
        super().__init__("API keys are managed by a signed-in user, not with another API key.")


class TooManyApiKeys(Conflict):
    type_slug = "too-many-api-keys"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"You already have {limit} active API keys. Revoke one you no longer use first."
        )
