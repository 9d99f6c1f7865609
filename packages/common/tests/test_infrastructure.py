"""Pagination cursors, rate limits and the service HTTP client."""

from __future__ import annotations

import uuid

import httpx
import pytest

from reptidex_common.db.pagination import decode_cursor, encode_cursor
from reptidex_common.errors import RateLimited, UnprocessableEntity
from reptidex_common.http_client import ServiceClient
from reptidex_common.observability.context import request_id_var
from reptidex_common.ratelimit import RateLimit, enforce, reset


def test_cursor_round_trips_and_garbage_is_422() -> None:
    some_id = uuid.uuid4()
    assert decode_cursor(encode_cursor(some_id)) == some_id
    with pytest.raises(UnprocessableEntity):
        decode_cursor("!!not-a-cursor!!")
    with pytest.raises(UnprocessableEntity):
        decode_cursor("c2hvcnQ")


async def test_rate_limit_blocks_past_the_limit_per_subject() -> None:
    rule = RateLimit("probe", limit=3, window_seconds=60)
    for _ in range(3):
        await enforce(rule, "Keeper@Example.com")
    with pytest.raises(RateLimited) as caught:
        await enforce(rule, "keeper@example.com")
    assert 1 <= caught.value.retry_after <= 60
    await enforce(rule, "someone-else@example.com")
    await reset(rule, "keeper@example.com")
    await enforce(rule, "keeper@example.com")


class FlakyUpstream:
    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        if len(self.seen) <= self.failures:
            return httpx.Response(503)
        return httpx.Response(200, json={"ok": True})


async def _token() -> str:
    return "service-token"


async def test_client_retries_idempotent_calls_and_propagates_ids() -> None:
    upstream = FlakyUpstream(failures=2)
    client = ServiceClient(
        "http://core", transport=httpx.MockTransport(upstream), token_provider=_token
    )
    token = request_id_var.set("req-42")
    try:
        response = await client.request("GET", "/api/v1/things")
    finally:
        request_id_var.reset(token)
        await client.aclose()
    assert response.status_code == 200
    assert len(upstream.seen) == 3
    assert upstream.seen[0].headers["x-request-id"] == "req-42"
    assert upstream.seen[0].headers["authorization"] == "Bearer service-token"


async def test_client_never_retries_a_post() -> None:
    upstream = FlakyUpstream(failures=5)
    client = ServiceClient("http://core", transport=httpx.MockTransport(upstream))
    response = await client.request("POST", "/api/v1/things", json={})
    await client.aclose()
    assert response.status_code == 503
    assert len(upstream.seen) == 1
