"""The hottest reads, answered before FastAPI's routing and dependency machinery.

Opening a record or a list is what users do all day, and for those reads the framework's own
work per request (routing through every route, resolving the dependency tree, the session,
validating the answer again) cost several times what the database takes to answer. A route
listed here is served by a plain function: the same authentication (`principal_from_access_token`:
token, suspension, password change and sign-out all checked), the same access rules and the
same JSON body as its FastAPI route, which stays in place, documents the API and serves
everything the function declines (API keys, unusual queries, animals reached through a grant):
a handler returning None hands the request to it untouched.

It runs inside the outer middlewares, so request ids, metrics (labelled with the route's
template), CORS, admission control and body limits apply as to every other request; an error
is answered by the app's own exception handlers, as FastAPI would.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from reptidex_common.auth.api_keys import KEY_PREFIX
from reptidex_common.auth.dependencies import principal_from_access_token
from reptidex_common.auth.principal import Principal
from reptidex_common.observability.context import user_id_var

_UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_CANONICAL_UUID = re.compile(_UUID)
_TEMPLATE_PARAMETER = re.compile(r"\{(\w+)\}")


def canonical_uuid(text: str) -> uuid.UUID | None:
    """A UUID written the usual way (36 characters); None for any other spelling, which the
    general route parses by its own rules."""
    return uuid.UUID(text) if _CANONICAL_UUID.fullmatch(text) else None


@dataclass(frozen=True)
class FastRequest:
    principal: Principal
    path_params: dict[str, str]
    # Each name once (a repeated name is left to the general route); values decoded.
    query: dict[str, str]


# The JSON body of a 200, or None: let the FastAPI route answer.
FastHandler = Callable[[FastRequest], Awaitable[bytes | None]]


@dataclass(frozen=True)
class FastRoute:
    """A GET route template whose every `{parameter}` is a UUID, and the function serving it."""

    template: str
    handler: FastHandler


def _pattern(template: str) -> re.Pattern[str]:
    parts = _TEMPLATE_PARAMETER.split(template)
    # split() alternates literal text and parameter names.
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>{_UUID})"
        for index, part in enumerate(parts)
    )
    return re.compile(regex)


def _query(raw: bytes) -> dict[str, str] | None:
    if not raw:
        return {}
    try:
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return None
    query = dict(pairs)
    return query if len(query) == len(pairs) else None


def _bearer_token(scope: Scope) -> str | None:
    """The access token of `Authorization: Bearer ...`; None for anything else (API keys)."""
    token = None
    for name, value in scope["headers"]:
        if name == b"authorization":
            header: str = value.decode("latin-1")
            scheme, _, credentials = header.partition(" ")
            if scheme.lower() != "bearer" or not credentials or token is not None:
                return None
            token = credentials
    if token is None or token.startswith(KEY_PREFIX):
        return None
    return token


class FastReadsMiddleware:
    def __init__(self, app: ASGIApp, *, service_app: FastAPI, routes: Sequence[FastRoute]) -> None:
        self.app = app
        self.service_app = service_app
        self.routes = [(_pattern(route.template), route) for route in routes]
        self._api_routes: dict[str, APIRoute | None] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            for pattern, route in self.routes:
                matched = pattern.fullmatch(scope["path"])
                if matched is not None:
                    if await self._serve(route, matched.groupdict(), scope, receive, send):
                        return
                    break
        await self.app(scope, receive, send)

    async def _serve(
        self,
        route: FastRoute,
        path_params: dict[str, str],
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> bool:
        token = _bearer_token(scope)
        query = _query(scope["query_string"])
        if token is None or query is None:
            return False
        scope["route"] = self._api_route(route.template)
        try:
            principal = await principal_from_access_token(self.service_app, token)
            user_id_var.set(str(principal.user_id))
            body = await route.handler(FastRequest(principal, path_params, query))
        except Exception as exc:
            await self._answer_error(exc, scope, receive, send)
            return True
        if body is None:
            return False
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-length", str(len(body)).encode()),
                    (b"content-type", b"application/json"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
        return True

    def _api_route(self, template: str) -> APIRoute | None:
        """The FastAPI route of the template: metrics label the request by it."""
        if template not in self._api_routes:
            self._api_routes[template] = next(
                (
                    r
                    for r in self.service_app.routes
                    if isinstance(r, APIRoute) and r.path == template and "GET" in (r.methods or ())
                ),
                None,
            )
        return self._api_routes[template]

    async def _answer_error(
        self, exc: Exception, scope: Scope, receive: Receive, send: Send
    ) -> None:
        """As FastAPI's exception middleware would; what no handler takes is a 500 upstream."""
        handlers: dict[Any, Any] = self.service_app.exception_handlers
        handler = next(
            (
                handlers[cls]
                for cls in type(exc).__mro__
                if cls in handlers and cls is not Exception
            ),
            None,
        )
        if handler is None:
            raise exc
        response = await handler(Request(scope, receive), exc)
        await response(scope, receive, send)
