"""Where a service finds core's public keys: a local key (core, tests) or core's JWKS URL."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol

import httpx

from reptidex_common.errors import ServiceUnavailable

# A token with an unknown kid triggers a refetch, but not more often than this.
MIN_REFRESH_INTERVAL_SECONDS = 30.0
CACHE_SECONDS = 3600.0


class JwksSource(Protocol):
    async def get(self, *, force_refresh: bool = False) -> dict[str, Any]: ...


class StaticJwks:
    def __init__(self, jwks: dict[str, Any]) -> None:
        self._jwks = jwks

    async def get(self, *, force_refresh: bool = False) -> dict[str, Any]:
        return self._jwks


class RemoteJwks:
    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        self._url = url
        self._timeout = timeout
        self._jwks: dict[str, Any] | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def get(self, *, force_refresh: bool = False) -> dict[str, Any]:
        age = time.monotonic() - self._fetched_at
        stale = self._jwks is None or age > CACHE_SECONDS
        wanted = force_refresh and age > MIN_REFRESH_INTERVAL_SECONDS
        if stale or wanted:
            async with self._lock:
                await self._fetch()
        assert self._jwks is not None
        return self._jwks

    async def _fetch(self) -> None:
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                response = await client.get(self._url)
                response.raise_for_status()
                self._jwks = response.json()
                self._fetched_at = time.monotonic()
        except (httpx.HTTPError, ValueError) as exc:
            if self._jwks is None:
                raise ServiceUnavailable(
                    "Cannot reach the identity service to verify tokens."
                ) from exc
