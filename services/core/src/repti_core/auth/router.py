"""HTTP for registration, login, tokens, sessions, passwords, email verification and 2FA."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from repti_core.auth import passwords, service, sessions, tokens, two_factor, verification
from repti_core.auth.dependencies import CurrentUser, client_ip
from repti_core.auth.schemas import (
    Accepted,
    ChangePasswordRequest,
    ForgotPasswordRequest,
    LoginRequest,
    LogoutRequest,
    MeRead,
    RefreshRequest,
    RegisterRequest,
    ResetPasswordRequest,
    TokenPair,
    TwoFactorDisableRequest,
    TwoFactorEnableRequest,
    TwoFactorSetupRead,
    UserRead,
    VerifyEmailConfirm,
)
from repti_core.auth.views import me_read, user_read
from reptidex_common.db.engine import DbSession

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserRead)
async def register(body: RegisterRequest, request: Request, session: DbSession) -> UserRead:
    user = await service.register(session, body, ip_address=client_ip(request))
    await session.refresh(user)
    return user_read(user)


@router.post("/login", response_model=TokenPair)
async def login(body: LoginRequest, request: Request, session: DbSession) -> TokenPair:
    ip = client_ip(request)
    user = await service.authenticate(
        session, str(body.email), body.password, body.otp, ip_address=ip
    )
    return await tokens.issue_token_pair(
        session, user, user_agent=request.headers.get("user-agent"), ip_address=ip
    )


@router.post(
    "/token",
    response_model=TokenPair,
    summary="OAuth2 password login (for the docs' Authorize button)",
)
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, session: DbSession
) -> TokenPair:
    ip = client_ip(request)
    user = await service.authenticate(session, form.username, form.password, None, ip_address=ip)
    return await tokens.issue_token_pair(
        session, user, user_agent=request.headers.get("user-agent"), ip_address=ip
    )


@router.post("/refresh", response_model=TokenPair)
async def refresh(body: RefreshRequest, request: Request, session: DbSession) -> TokenPair:
    return await tokens.rotate_refresh_token(
        session,
        body.refresh_token,
        user_agent=request.headers.get("user-agent"),
        ip_address=client_ip(request),
    )


@router.get("/me", response_model=MeRead)
async def me(user: CurrentUser, session: DbSession) -> MeRead:
    return await me_read(session, user)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(body: LogoutRequest, session: DbSession) -> Response:
    await sessions.logout(session, body.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/logout-all", status_code=status.HTTP_204_NO_CONTENT)
async def logout_all(user: CurrentUser, session: DbSession) -> Response:
    await sessions.logout_everywhere(session, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/password/forgot",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Mail a password reset link (the answer never says whether the account exists)",
)
async def forgot_password(
    body: ForgotPasswordRequest, request: Request, session: DbSession
) -> Accepted:
    await passwords.request_reset(session, str(body.email), ip_address=client_ip(request))
    return Accepted(detail="If an account uses this address, a reset link is on its way.")


@router.post("/password/reset", status_code=status.HTTP_204_NO_CONTENT)
async def reset_password(
    body: ResetPasswordRequest, request: Request, session: DbSession
) -> Response:
    await passwords.reset(session, body.token, body.new_password, ip_address=client_ip(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/password/change",
    response_model=TokenPair,
    summary="Change the password; every other session ends and this one gets a new token pair",
)
async def change_password(
    body: ChangePasswordRequest, user: CurrentUser, request: Request, session: DbSession
) -> TokenPair:
    await passwords.change(session, user, body.current_password, body.new_password)
    return await tokens.issue_token_pair(
        session, user, user_agent=request.headers.get("user-agent"), ip_address=client_ip(request)
    )


@router.post("/verify-email/request", status_code=status.HTTP_202_ACCEPTED)
async def request_email_verification(user: CurrentUser, session: DbSession) -> Accepted:
    await verification.request_verification(session, user)
    return Accepted(detail=f"A verification link is on its way to {user.email}.")


@router.post("/verify-email/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def confirm_email_verification(body: VerifyEmailConfirm, session: DbSession) -> Response:
    # No account data in the answer: the link may have been forwarded or opened elsewhere.
    await verification.confirm(session, body.token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/2fa/setup", response_model=TwoFactorSetupRead)
async def setup_two_factor(user: CurrentUser) -> TwoFactorSetupRead:
    setup = two_factor.begin_setup(user)
    return TwoFactorSetupRead(secret=setup.secret, provisioning_uri=setup.provisioning_uri)


@router.post("/2fa/enable", response_model=UserRead)
async def enable_two_factor(body: TwoFactorEnableRequest, user: CurrentUser) -> UserRead:
    await two_factor.enable(user, body.otp)
    return user_read(user)


@router.post("/2fa/disable", response_model=UserRead)
async def disable_two_factor(body: TwoFactorDisableRequest, user: CurrentUser) -> UserRead:
    await two_factor.disable(user, body.password, body.otp)
    return user_read(user)
