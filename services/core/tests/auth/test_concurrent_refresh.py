"""Two tabs refreshing the same token at the same moment, over real HTTP, both stay signed in.

Marked `worker`: the requests run on their own connections at the same time, so the user they
need is committed for real and removed afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.models.core import RefreshToken, User
from reptidex_common.testing.plugin import DEFAULT_PASSWORD, UserFactory
from reptidex_common.testing.servers import running_server

pytestmark = pytest.mark.worker


@pytest.fixture
async def committed_user(db_session: AsyncSession, make_user: UserFactory) -> AsyncIterator[User]:
    user = await make_user()
    await db_session.commit()
    user_id = user.id
    try:
        yield user
    finally:
        await db_session.rollback()
        await db_session.execute(delete(RefreshToken).where(RefreshToken.user_id == user_id))
        await db_session.execute(delete(User).where(User.id == user_id))
        await db_session.commit()


async def test_tabs_refreshing_one_token_at_once_all_stay_signed_in(
    app: FastAPI, committed_user: User
) -> None:
    email = committed_user.email
    async with (
        running_server(app, lifespan="off") as base_url,
        httpx.AsyncClient(base_url=base_url) as http,
    ):
        login = await http.post(
            "/api/v1/auth/login", json={"email": email, "password": DEFAULT_PASSWORD}
        )
        assert login.status_code == 200, login.text
        token = login.json()["refresh_token"]

        # Separate connections, sent together: the row lock serialises them in the database.
        clients = [httpx.AsyncClient(base_url=base_url) for _ in range(4)]
        try:
            answers = await asyncio.gather(
                *(c.post("/api/v1/auth/refresh", json={"refresh_token": token}) for c in clients)
            )
        finally:
            for c in clients:
                await c.aclose()
        assert [a.status_code for a in answers] == [200] * 4, [a.text for a in answers]
        for answer in answers:
            pair = answer.json()
            me = await http.get(
                "/api/v1/auth/me", headers={"Authorization": f"Bearer {pair['access_token']}"}
            )
            assert me.status_code == 200, me.text
            again = await http.post(
                "/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}
            )
            assert again.status_code == 200, again.text
