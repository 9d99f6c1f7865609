"""HTTP for registration, login, tokens and the current user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from reptidex_common.db.engine import DbSession
from repti_core.auth import service, tokens
from repti_core.auth.dependencies import CurrentUser, client_ip
from repti_core.auth.schemas import LoginRequest, MeRead, RefreshRequest, RegisterRequest, TokenPair, UserRead
from repti_core.auth.views import me_read, user_read

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserRead)
async def register(body: RegisterRequest, session: DbSession) -> UserRead:
    user = await service.register(session, body)
    await session.refresh(user)
    return user_read(user)


@router.post("/login", response_model=TokenPair)
async def login(body: LoginRequest, request: Request, session: DbSession) -> TokenPair:
    ip = client_ip(request)
    user = await service.authenticate(session, str(body.email), body.password, body.otp, ip_address=ip)
    return await tokens.issue_token_pair(
        session, user, user_agent=request.headers.get("user-agent"), ip_address=ip
    )


@router.post("/token", response_model=TokenPair, summary="OAuth2 password login (for the docs' Authorize button)")
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, session: DbSession
) -> TokenPair:
    ip = client_ip(request)
    user = await service.authenticate(session, form.username, form.password, None, ip_address=ip)
    return await tokens.issue_token_pair(session, user, user_agent=request.headers.get("user-agent"), ip_address=ip)


@router.post("/refresh", response_model=TokenPair)
async def refresh(body: RefreshRequest, request: Request, session: DbSession) -> TokenPair:
    return await tokens.rotate_refresh_token(
        session, body.refresh_token, user_agent=request.headers.get("user-agent"), ip_address=client_ip(request)
    )


@router.get("/me", response_model=MeRead)
async def me(user: CurrentUser, session: DbSession) -> MeRead:
    return await me_read(session, user)
