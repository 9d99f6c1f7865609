"""Service-to-service HTTP: timeouts, retries on idempotent calls, request-id propagation."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from reptidex_common.observability.context import request_id_var

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({502, 503, 504})
TokenProvider = Callable[[], Awaitable[str | None]]


class ServiceClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        retries: int = 2,
        token_provider: TokenProvider | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)
        self._retries = retries
        self._token_provider = token_provider

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if (request_id := request_id_var.get()) is not None:
            headers.setdefault("X-Request-ID", request_id)
        if self._token_provider is not None and (token := await self._token_provider()):
            headers.setdefault("Authorization", f"Bearer {token}")
        attempts = self._retries + 1 if method.upper() in IDEMPOTENT_METHODS else 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = await self._client.request(method, url, headers=headers, **kwargs)
            except (httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError):
                if last:
                    raise
            else:
                if response.status_code not in RETRY_STATUSES or last:
                    return response
            await asyncio.sleep(0.1 * 2**attempt)
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        await self._client.aclose()
