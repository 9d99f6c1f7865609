"""Staff see each service's dead letters, newest first, a page at a time; nobody else does."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete

from repti_ops.main import create_app
from reptidex_common.models.core import User
from reptidex_common.models.enums import PlatformRole
from reptidex_common.models.outbox import DEAD_LETTER_MODELS
from reptidex_common.tasks.dead_letters import record_dead_letter
from reptidex_common.tasks.worker_db import worker_session
from reptidex_common.testing.plugin import UserFactory

PATH = "/api/v1/admin/dead-letters"


@pytest.fixture
def letters() -> Iterator[list[str]]:
    """Three ops tasks that failed for good, oldest first (their task ids)."""
    task_ids = [f"dead-{uuid.uuid4()}" for _ in range(3)]
    for number, task_id in enumerate(task_ids):
        assert record_dead_letter(
            "ops.reports.build",
            task_id,
            [number],
            {"report": "monthly", "secretless": True},
            RuntimeError(f"failure {number}"),
            "Traceback (most recent call last): ...",
            8,
        )
    yield task_ids
    dead = DEAD_LETTER_MODELS["ops"]
    with worker_session() as session:
        session.execute(delete(dead).where(dead.task_id.in_(task_ids)))
        session.commit()


async def test_staff_page_through_the_dead_letters_newest_first(
    letters: list[str],
    make_user: UserFactory,
    auth_headers: Callable[[User], dict[str, str]],
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(create_app())
    support = await make_user(platform_role=PlatformRole.support)
    seen: list[dict[str, object]] = []
    cursor: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        response = await client.get(PATH, params=params, headers=auth_headers(support))
        assert response.status_code == 200, response.text
        body = response.json()
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    ours = [item for item in seen if item["task_id"] in letters]
    assert [item["task_id"] for item in ours] == list(reversed(letters))
    newest = ours[0]
    assert newest["task_name"] == "ops.reports.build"
    assert newest["task_args"] == [2]
    assert newest["task_kwargs"] == {"report": "monthly", "secretless": True}
    assert newest["error"] == "RuntimeError: failure 2"
    assert newest["retries"] == 8


@pytest.mark.parametrize("role", [None, PlatformRole.user])
async def test_only_staff_see_dead_letters(
    role: PlatformRole | None,
    letters: list[str],
    make_user: UserFactory,
    auth_headers: Callable[[User], dict[str, str]],
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(create_app())
    headers = auth_headers(await make_user(platform_role=role)) if role else {}
    response = await client.get(PATH, headers=headers)
    assert response.status_code == (401 if role is None else 403)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert all(task_id not in response.text for task_id in letters)


async def test_a_bad_cursor_is_a_clear_error(
    make_user: UserFactory,
    auth_headers: Callable[[User], dict[str, str]],
    client_for: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    client = client_for(create_app())
    admin = await make_user(platform_role=PlatformRole.admin)
    response = await client.get(PATH, params={"cursor": "%%%"}, headers=auth_headers(admin))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
