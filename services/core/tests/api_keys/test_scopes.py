"""`require_scope` on a tiny app: keys carry only their scopes, signed-in users carry all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI

from reptidex_common.auth.dependencies import require_scope
from reptidex_common.auth.principal import Principal
from reptidex_common.errors import install_error_handlers
from reptidex_common.models.core import User
from reptidex_common.testing.plugin import UserFactory

Headers = Callable[[User], dict[str, str]]


def scoped_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/needs-animals-read")
    async def needs_animals_read(
        principal: Annotated[Principal, Depends(require_scope("animals:read"))],
    ) -> dict[str, str]:
        return {"user_id": str(principal.user_id)}

    return app


@pytest.fixture
def scoped_client(client_for: Callable[[FastAPI], httpx.AsyncClient]) -> httpx.AsyncClient:
    return client_for(scoped_app())


async def mint(client: httpx.AsyncClient, headers: dict[str, str], scopes: list[str]) -> str:
    response = await client.post(
        "/api/v1/api-keys", json={"name": "s", "scopes": scopes}, headers=headers
    )
    assert response.status_code == 201, response.text
    key: str = response.json()["key"]
    return key


async def test_require_scope(
    client: httpx.AsyncClient,
    scoped_client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Headers,
) -> None:
    user = await make_user()
    with_scope = await mint(client, auth_headers(user), ["animals:read", "embed"])
    without_scope = await mint(client, auth_headers(user), ["embed", "animals:write"])

    allowed = await scoped_client.get("/needs-animals-read", headers={"X-API-Key": with_scope})
    assert allowed.status_code == 200
    assert allowed.json() == {"user_id": str(user.id)}

    denied = await scoped_client.get(
        "/needs-animals-read", headers={"Authorization": f"Bearer {without_scope}"}
    )
    assert denied.status_code == 403
    assert denied.headers["content-type"] == "application/problem+json"
    assert denied.json()["type"].endswith("/missing-scope")
    assert "animals:read" in denied.json()["detail"]

    # A signed-in user (JWT) is not limited by scopes.
    assert (
        await scoped_client.get("/needs-animals-read", headers=auth_headers(user))
    ).status_code == 200
    assert (await scoped_client.get("/needs-animals-read")).status_code == 401
