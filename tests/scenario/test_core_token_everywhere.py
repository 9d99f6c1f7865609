"""A token issued by the real repti-core is accepted by the five other services.

Core runs under uvicorn on a real port; the other services verify tokens against core's
JWKS over HTTP (`RemoteJwks`), exactly as they do in production. Core commits for real, so
this is a `worker` test with unique emails and its own clean-up.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from sqlalchemy import delete, select

import repti_animal.main
import repti_commerce.main
import repti_community.main
import repti_core.main
import repti_media.main
import repti_ops.main
from reptidex_common.auth.dependencies import auth_state
from reptidex_common.auth.jwks import RemoteJwks
from reptidex_common.auth.keys import SigningKey, public_jwk
from reptidex_common.auth.tokens import issue_access_token
from reptidex_common.db import engine as db_engine
from reptidex_common.models.core import Membership, RefreshToken, User, Vivarium
from reptidex_common.models.enums import PlatformRole
from reptidex_common.models.outbox import OUTBOX_MODELS
from reptidex_common.settings import get_settings
from reptidex_common.testing.servers import running_server
from reptidex_common.testing.service_checks import assert_problem

pytestmark = pytest.mark.worker

PASSWORD = "Scenario-gecko-2026"
CoreOutbox = OUTBOX_MODELS["core"]
OTHER_SERVICES: dict[str, Callable[[], FastAPI]] = {
    "animal": repti_animal.main.create_app,
    "commerce": repti_commerce.main.create_app,
    "media": repti_media.main.create_app,
    "community": repti_community.main.create_app,
    "ops": repti_ops.main.create_app,
}


@pytest.fixture
async def core_url() -> AsyncIterator[str]:
    previous_jwks = auth_state.jwks
    previous_hooks = list(db_engine.state.after_commit_hooks)
    app = repti_core.main.create_app()  # sets auth_state.jwks to core's own key; restored below
    try:
        async with running_server(app) as url:
            yield url
    finally:
        auth_state.jwks = previous_jwks
        db_engine.state.after_commit_hooks[:] = previous_hooks


async def _delete_user(email: str) -> None:
    sessionmaker = db_engine.state.sessionmaker
    assert sessionmaker is not None
    async with sessionmaker() as session:
        # Whatever core queued for this address (e.g. a verification email) goes too.
        await session.execute(delete(CoreOutbox).where(CoreOutbox.payload["to"].astext == email))
        user_id = await session.scalar(select(User.id).where(User.email == email))
        if user_id is None:
            await session.commit()
            return
        vivarium_ids = (
            await session.scalars(
                select(Membership.vivarium_id).where(Membership.user_id == user_id)
            )
        ).all()
        await session.execute(delete(RefreshToken).where(RefreshToken.user_id == user_id))
        await session.execute(delete(Membership).where(Membership.user_id == user_id))
        await session.execute(delete(Vivarium).where(Vivarium.id.in_(vivarium_ids)))
        await session.execute(delete(User).where(User.id == user_id))
        await session.commit()


def _foreign_token(user_id: uuid.UUID, *, kid: str | None = None) -> str:
    private_key = Ed25519PrivateKey.generate()
    key = SigningKey(
        private_key=private_key, kid=kid or public_jwk(private_key.public_key())["kid"]
    )
    settings = get_settings()
    return issue_access_token(
        key,
        user_id=user_id,
        platform_role=PlatformRole.user,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=300,
    )


async def test_core_token_is_accepted_by_every_service(
    core_url: str, client_for: Callable[[FastAPI], httpx.AsyncClient]
) -> None:
    email = f"scenario-{uuid.uuid4().hex[:12]}@example.com"
    try:
        async with httpx.AsyncClient(base_url=core_url, timeout=10) as core:
            registered = await core.post(
                "/api/v1/auth/register",
                json={"email": email, "password": PASSWORD, "display_name": "Scenario Keeper"},
            )
            assert registered.status_code == 201, registered.text
            user_id = registered.json()["id"]
            login = await core.post(
                "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
            )
            assert login.status_code == 200, login.text
            access_token = login.json()["access_token"]
            core_kid = (await core.get("/.well-known/jwks.json")).json()["keys"][0]["kid"]

        # The other services hold no key: they fetch core's JWKS over HTTP.
        auth_state.jwks = RemoteJwks(f"{core_url}/.well-known/jwks.json")
        clients = {name: client_for(factory()) for name, factory in OTHER_SERVICES.items()}
        bearer = {"Authorization": f"Bearer {access_token}"}
        for name, client in clients.items():
            response = await client.get("/api/v1/whoami", headers=bearer)
            assert response.status_code == 200, (name, response.text)
            assert response.json() == {"user_id": user_id, "platform_role": "user", "kind": "user"}

        uid = uuid.UUID(user_id)
        for forged in (_foreign_token(uid), _foreign_token(uid, kid=core_kid)):
            for name, client in clients.items():
                response = await client.get(
                    "/api/v1/whoami", headers={"Authorization": f"Bearer {forged}"}
                )
                assert response.status_code == 401, (name, response.text)
                assert_problem(response, 401)
    finally:
        await _delete_user(email)
