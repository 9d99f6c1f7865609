"""Auth errors."""

from __future__ import annotations

from reptidex_common.errors import (
    BadRequest,
    Conflict,
    Gone,
    Unauthorized,
    UnprocessableEntity,
)


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
        super().__init__(
            "This account is suspended. Contact support if you think this is a mistake."
        )


class InvalidRefreshToken(Unauthorized):
    type_slug = "invalid-refresh-token"

    def __init__(self, detail: str = "The refresh token is not valid; log in again.") -> None:
        super().__init__(detail)


class RefreshTokenReused(InvalidRefreshToken):
    type_slug = "refresh-token-reused"
    # The family revocation must stick even though the request fails.
    keeps_changes = True

    def __init__(self) -> None:
        super().__init__(
            "This refresh token was already used; every session started from it is now logged out."
        )


class TwoFactorRequired(Unauthorized):
    type_slug = "two-factor-required"

    def __init__(self) -> None:
        super().__init__("Enter the six-digit code from your authenticator app.")


class InvalidTwoFactorCode(Unauthorized):
    """At login the code is part of the credentials, hence 401."""

    type_slug = "invalid-two-factor-code"

    def __init__(self) -> None:
        super().__init__("The two-factor code is wrong or has expired.")


class WrongTwoFactorCode(BadRequest):
    """For a signed-in user a wrong code is a bad input, not a lost session, hence 400."""

    type_slug = "invalid-two-factor-code"

    def __init__(self) -> None:
        super().__init__("The two-factor code is wrong, expired or was already used.")


class TwoFactorAlreadyEnabled(Conflict):
    type_slug = "two-factor-already-enabled"

    def __init__(self) -> None:
        super().__init__(
            "Two-factor login is already on. Turn it off first to set up a new authenticator."
        )


class TwoFactorNotSetUp(Conflict):
    type_slug = "two-factor-not-set-up"

    def __init__(self) -> None:
        super().__init__("Start two-factor setup first; then confirm it with a code from your app.")


class TwoFactorNotEnabled(Conflict):
    type_slug = "two-factor-not-enabled"

    def __init__(self) -> None:
        super().__init__("Two-factor login is not on for this account.")


class WrongPassword(BadRequest):
    type_slug = "wrong-password"

    def __init__(self) -> None:
        super().__init__("The password is wrong.")


class WeakPassword(UnprocessableEntity):
    type_slug = "weak-password"

    def __init__(self, problems: list[str], field: str = "body.new_password") -> None:
        message = "Password " + "; ".join(problems) + "."
        super().__init__(
            message,
            extra={"errors": [{"field": field, "message": message, "type": "weak_password"}]},
        )


class EmailAlreadyVerified(Conflict):
    type_slug = "email-already-verified"

    def __init__(self) -> None:
        super().__init__("This email address is already verified.")


class InvalidMailedToken(BadRequest):
    type_slug = "invalid-token"

    def __init__(self, what: str) -> None:
        super().__init__(f"This {what} link is not valid. Request a new one.")


class MailedTokenExpired(Gone):
    type_slug = "token-expired"

    def __init__(self, what: str) -> None:
        super().__init__(f"This {what} link has expired. Request a new one.")


class MailedTokenUsed(Gone):
    type_slug = "token-used"

    def __init__(self, what: str) -> None:
        super().__init__(
            f"This {what} link was already used. Request a new one if you still need it."
        )
