"""Auth errors."""

from __future__ import annotations

from reptidex_common.errors import Conflict, Unauthorized


class EmailTaken(Conflict):
    type_slug = "email-taken"

    def __init__(self) -> None:
        super().__init__("An account with this email already exists. Log in or reset the password.")


class InvalidCredentials(Unauthorized):
    type_slug = "invalid-credentials"

    def __init__(self) -> None:
        super().__init__("The email or password is wrong.")


class AccountSuspended(Unauthorized):
    type_slug = "account-suspended"

    def __init__(self) -> None:
        super().__init__("This account is suspended. Contact support if you think this is a mistake.")


class InvalidRefreshToken(Unauthorized):
    type_slug = "invalid-refresh-token"

    def __init__(self, detail: str = "The refresh token is not valid; log in again.") -> None:
        super().__init__(detail)


class RefreshTokenReused(InvalidRefreshToken):
    type_slug = "refresh-token-reused"
    # The family revocation must stick even though the request fails.
    keeps_changes = True

    def __init__(self) -> None:
        super().__init__("This refresh token was already used; every session started from it is now logged out.")
