"""repti-animal answers like every service: health, docs, metrics, problems, auth, request ids."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from reptidex_common.models.core import User
from reptidex_common.testing import service_checks as checks
from reptidex_common.testing.plugin import UserFactory

SERVICE = "animal"


async def test_liveness(client: httpx.AsyncClient) -> None:
    await checks.check_liveness(client, SERVICE)


async def test_readiness_checks_database_and_redis(client: httpx.AsyncClient) -> None:
    await checks.check_readiness(client, SERVICE)


async def test_docs_and_openapi(client: httpx.AsyncClient) -> None:
    await checks.check_docs(client, "ReptiDex Animal API")


async def test_metrics_are_labelled_by_route_template(client: httpx.AsyncClient) -> None:
    await checks.check_metrics_use_route_templates(client, SERVICE)


async def test_unknown_path_is_a_404_problem(client: httpx.AsyncClient) -> None:
    await checks.check_unknown_path_is_problem_404(client)


async def test_whoami_without_token_is_401(client: httpx.AsyncClient) -> None:
    await checks.check_whoami_requires_a_token(client)


async def test_whoami_with_garbage_token_is_401(client: httpx.AsyncClient) -> None:
    await checks.check_whoami_rejects_a_garbage_token(client)


async def test_whoami_with_access_token(
    client: httpx.AsyncClient,
    make_user: UserFactory,
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    user = await make_user()
    await checks.check_whoami_with_token(client, auth_headers(user), user.id)


async def test_request_id_is_echoed(client: httpx.AsyncClient) -> None:
    await checks.check_request_id_is_echoed(client)
