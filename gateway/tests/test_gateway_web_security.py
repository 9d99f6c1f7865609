"""Every web app answers with a strict CSP and the usual security headers; session endpoints
are served on the app's own origin so the refresh cookie is first-party."""

from __future__ import annotations

import httpx

BREEDER = {"Host": "breeder.localhost:8000"}


def directives(response: httpx.Response) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    parsed = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {name: values for name, *values in parsed}


async def test_pages_assets_and_errors_carry_the_security_headers(
    gateway: httpx.AsyncClient,
) -> None:
    for path in ("/", "/animals/CR-062", "/assets/app-1234.js", "/assets/missing.js"):
        response = await gateway.get(path, headers=BREEDER)
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response.headers["permissions-policy"]
        assert response.headers["x-frame-options"] == "DENY"
        assert "content-security-policy" in response.headers
        # Plain http (local): HSTS would be ignored, and must not pin *.localhost to https.
        assert "strict-transport-security" not in response.headers


async def test_the_breeder_csp_allows_no_inline_script_and_only_our_apis(
    gateway: httpx.AsyncClient,
) -> None:
    csp = directives(await gateway.get("/", headers=BREEDER))
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "http://api.localhost:8000" in csp["connect-src"]
    assert "http://animal-api.localhost:8000" in csp["connect-src"]
    assert "ws://animal-api.localhost:8000" in csp["connect-src"]
    assert "http://ops-api.localhost:8000" not in csp["connect-src"]
    # Photos come from media and an animal's QR code from the animal API; nothing else.
    assert csp["img-src"] == [
        "'self'",
        "data:",
        "blob:",
        "http://animal-api.localhost:8000",
        "http://media-api.localhost:8000",
    ]


async def test_over_https_the_origins_are_https_and_hsts_is_sent(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.get("/", headers={**BREEDER, "X-Forwarded-Proto": "https"})
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert "https://api.localhost:8000" in directives(response)["connect-src"]


async def test_session_endpoints_answer_on_the_apps_own_origin(
    gateway: httpx.AsyncClient,
) -> None:
    for path in ("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout"):
        response = await gateway.post(path, headers=BREEDER, content=b"{}")
        assert response.status_code == 201, path
        echoed = response.json()
        assert echoed["upstream"] == "core"
        # Core sees the app's host, and so scopes the cookie to it.
        assert ["host", "breeder.localhost:8000"] in echoed["headers"]
    # Nothing else of the API answers on the app's host.
    other = await gateway.post("/api/v1/auth/register", headers=BREEDER, content=b"{}")
    assert other.status_code == 405
