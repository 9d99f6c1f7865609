"""Where browsers keep the refresh token and the known-device mark: HttpOnly cookies.

The web apps reach the session endpoints on their own origin (the gateway, like the ALB in
production, forwards `SESSION_PATHS` of each web-app host to core), so both cookies are
first-party, host-only cookies of the app that signed in. Each `*.localhost` host is a site of
its own and browsers block third-party cookies, so a cookie set by `api.localhost` would never
come back from `breeder.localhost`.

Scripts never see the refresh token: it travels only in a cookie scoped to the refresh and
logout paths, and answers to browsers leave it out of the JSON.
"""

from __future__ import annotations

from fastapi import Request, Response

from repti_core.auth.schemas import TokenPair
from reptidex_common.settings import get_settings

REFRESH_COOKIE = "reptidex_refresh"
DEVICE_COOKIE = "reptidex_device"
REFRESH_PATHS = ("/api/v1/auth/refresh", "/api/v1/auth/logout")
DEVICE_PATH = "/api/v1/auth/login"
DEVICE_MAX_AGE_SECONDS = 365 * 24 * 3600


def is_browser(request: Request) -> bool:
    """Browsers name the page's origin on every POST; scripts there cannot leave it out.

    That makes it the safe switch for the refresh token's delivery: whatever runs in a page
    gets it as an HttpOnly cookie only, and API clients (no Origin) get it in the JSON.
    """
    return "origin" in request.headers


def _secure(request: Request) -> bool:
    """Secure over https, and always in production.

    Local development serves http://*.localhost; Chromium and Firefox would accept Secure
    cookies there, Safari would not, so the flag follows the scheme the browser used (the
    gateway and the ALB say which in X-Forwarded-Proto).
    """
    if get_settings().environment == "production":
        return True
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return (forwarded or request.url.scheme) == "https"


def set_refresh_cookie(request: Request, response: Response, refresh_token: str) -> None:
    for path in REFRESH_PATHS:
        response.set_cookie(
            REFRESH_COOKIE,
            refresh_token,
            max_age=get_settings().refresh_token_ttl_seconds,
            path=path,
            secure=_secure(request),
            httponly=True,
            samesite="strict",
        )


def clear_refresh_cookie(request: Request, response: Response) -> None:
    for path in REFRESH_PATHS:
        response.delete_cookie(
            REFRESH_COOKIE, path=path, secure=_secure(request), httponly=True, samesite="strict"
        )


def set_device_cookie(request: Request, response: Response, device_token: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        device_token,
        max_age=DEVICE_MAX_AGE_SECONDS,
        path=DEVICE_PATH,
        secure=_secure(request),
        httponly=True,
        samesite="strict",
    )


def deliver(request: Request, response: Response, pair: TokenPair) -> TokenPair:
    """The answer to a sign-in or refresh: browsers get the refresh token as a cookie only."""
    if not is_browser(request) or pair.refresh_token is None:
        return pair
    set_refresh_cookie(request, response, pair.refresh_token)
    return pair.model_copy(update={"refresh_token": None})
