"""HTTP for registration, login, tokens, sessions, passwords, email verification and 2FA."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from repti_core.auth import (
    devices,
    passwords,
    service,
    sessions,
    tokens,
    two_factor,
    verification,
)
from repti_core.auth.cookies import (
    DEVICE_COOKIE,
    REFRESH_COOKIE,
    clear_refresh_cookie,
    deliver,
    is_browser,
    set_device_cookie,
)
from repti_core.auth.csrf import CSRF_HEADER, check_origin, require_same_app
from repti_core.auth.dependencies import CurrentUser, client_ip
from repti_core.auth.exceptions import InvalidRefreshToken
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


@router.post(
    "/login",
    response_model=TokenPair,
    response_model_exclude_none=True,
    summary="Sign in; browsers get the refresh token as an HttpOnly cookie, API clients in JSON",
)
async def login(
    body: LoginRequest, request: Request, response: Response, session: DbSession
) -> TokenPair:
    check_origin(request)
    ip = client_ip(request)
    signed_in = await service.authenticate(
        session,
        str(body.email),
        body.password,
        body.otp,
        ip_address=ip,
        device_token=request.cookies.get(DEVICE_COOKIE),
    )
    pair = await tokens.issue_token_pair(
        session, signed_in.user, user_agent=request.headers.get("user-agent"), ip_address=ip
    )
    if is_browser(request):
        device_token = devices.issue_device_token(signed_in.user.id, signed_in.device_id)
        set_device_cookie(request, response, device_token)
    return deliver(request, response, pair)


@router.post(
    "/token",
    response_model=TokenPair,
    response_model_exclude_none=True,
    summary="OAuth2 password login (for the docs' Authorize button)",
    description=(
        "Answers an access token. A refresh token comes along only for API clients (requests "
        "without an Origin header); the docs page in a browser gets none."
    ),
)
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, session: DbSession
) -> TokenPair:
    check_origin(request)
    ip = client_ip(request)
    signed_in = await service.authenticate(
        session, form.username, form.password, None, ip_address=ip
    )
    pair = await tokens.issue_token_pair(
        session, signed_in.user, user_agent=request.headers.get("user-agent"), ip_address=ip
    )
    return pair.model_copy(update={"refresh_token": None}) if is_browser(request) else pair


@router.post(
    "/refresh",
    response_model=TokenPair,
    response_model_exclude_none=True,
    summary="Rotate the refresh token: from the session cookie (browsers) or the body (API clients)",
    description=(
        f"Browsers send no body: the `{REFRESH_COOKIE}` cookie carries the token, and the request "
        f"must come from a ReptiDex web app with the `{CSRF_HEADER}: 1` header. API clients send "
        "`refresh_token` in the body and get the next one in the answer."
    ),
)
async def refresh(
    request: Request, response: Response, session: DbSession, body: RefreshRequest | None = None
) -> TokenPair:
    presented = body.refresh_token if body else None
    if presented is None:
        require_same_app(request)
        presented = request.cookies.get(REFRESH_COOKIE)
        if not presented:
            raise InvalidRefreshToken("No session to refresh; sign in.")
    else:
        check_origin(request)
    pair = await tokens.rotate_refresh_token(
        session,
        presented,
        user_agent=request.headers.get("user-agent"),
        ip_address=client_ip(request),
    )
    return deliver(request, response, pair)


@router.get("/me", response_model=MeRead)
async def me(user: CurrentUser, session: DbSession) -> MeRead:
    return await me_read(session, user)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End this login: the session cookie's (browsers) or the body's refresh token",
)
async def logout(
    request: Request, session: DbSession, body: LogoutRequest | None = None
) -> Response:
    presented = body.refresh_token if body else None
    if presented is None:
        require_same_app(request)
        presented = request.cookies.get(REFRESH_COOKIE)
    else:
        check_origin(request)
    if presented:
        await sessions.logout(session, presented)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    if is_browser(request):
        clear_refresh_cookie(request, response)
    return response


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
    response_model_exclude_none=True,
    summary="Change the password; every other session ends and this one gets a new token pair",
)
async def change_password(
    body: ChangePasswordRequest,
    user: CurrentUser,
    request: Request,
    response: Response,
    session: DbSession,
) -> TokenPair:
    check_origin(request)
    await passwords.change(session, user, body.current_password, body.new_password)
    pair = await tokens.issue_token_pair(
        session, user, user_agent=request.headers.get("user-agent"), ip_address=client_ip(request)
    )
    return deliver(request, response, pair)


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
