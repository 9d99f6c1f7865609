"""Request and response bodies of the auth endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from reptidex_common.auth.passwords import MAX_LENGTH, password_problems
from reptidex_common.models.enums import PlatformRole, UserStatus, VivariumRole
from reptidex_common.vivarium_time import DEFAULT_TIME_ZONE, TimeZone

DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Password = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH)]


class RegisterRequest(BaseModel):
    email: EmailStr
    password: Password
    display_name: DisplayName
    # The browser's zone: the personal vivarium's "today" is the breeder's from the start.
    time_zone: TimeZone = DEFAULT_TIME_ZONE

    @model_validator(mode="after")
    def _strong_password(self) -> RegisterRequest:
        problems = password_problems(self.password, email=str(self.email))
        if problems:
            raise ValueError("Password " + "; ".join(problems) + ".")
        return self


# ASCII digits only (spaces allowed, as authenticator apps show "123 456").
OtpCode = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=6, max_length=12, pattern=r"^[0-9 ]+$")
]


class LoginRequest(BaseModel):
    email: EmailStr
    password: Password
    otp: Annotated[
        OtpCode | None, Field(description="Six-digit code when two-factor login is on")
    ] = None


RefreshTokenText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class RefreshRequest(BaseModel):
    """API clients send their refresh token here; browsers send none (their cookie has it)."""

    refresh_token: RefreshTokenText | None = None


class TokenPair(BaseModel):
    access_token: str
    refresh_token: Annotated[
        str | None,
        Field(
            description=(
                "Only for API clients (requests without an Origin header). Browsers get it "
                "as an HttpOnly cookie instead and never see it here."
            )
        ),
    ] = None
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 scheme name, not a secret
    expires_in: int


class MembershipRead(BaseModel):
    vivarium_id: uuid.UUID
    vivarium_name: str
    vivarium_slug: str
    role: VivariumRole
    is_personal: bool
    # The app's "today" for this vivarium (date inputs, what is due) comes from it.
    vivarium_time_zone: str


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    display_name: str
    bio: str | None = None
    location: str | None = None
    contact_preferences: dict[str, Any] = Field(default_factory=dict)
    privacy_settings: dict[str, Any] = Field(default_factory=dict)
    platform_role: PlatformRole
    status: UserStatus
    email_verified: bool
    two_factor_enabled: bool
    created_at: datetime


class MeRead(UserRead):
    memberships: list[MembershipRead]


MailedToken = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Accepted(BaseModel):
    """A request taken in; its effect (an email) follows asynchronously."""

    detail: str


class LogoutRequest(BaseModel):
    """API clients name the refresh token to revoke; browsers send none (their cookie has it)."""

    refresh_token: RefreshTokenText | None = None


class ForgotPasswordRequest(BaseModel):
    email: EmailStr


class ResetPasswordRequest(BaseModel):
    token: MailedToken
    # Strength is checked against the account's email in the service, with the same wording.
    new_password: Password


class ChangePasswordRequest(BaseModel):
    current_password: Password
    new_password: Password


class VerifyEmailConfirm(BaseModel):
    token: MailedToken


class TwoFactorSetupRead(BaseModel):
    secret: str = Field(description="Base32 secret, for apps that cannot scan the QR code")
    provisioning_uri: str = Field(description="otpauth:// URI to show as a QR code")


class TwoFactorEnableRequest(BaseModel):
    otp: OtpCode


class TwoFactorDisableRequest(BaseModel):
    password: Password
    otp: OtpCode
