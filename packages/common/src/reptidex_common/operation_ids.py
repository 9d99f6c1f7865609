"""OpenAPI operation ids: `tag-name`, so a generated TypeScript client reads `vivariums-create`."""

from __future__ import annotations

from fastapi.routing import APIRoute


def operation_id(route: APIRoute) -> str:
    tag = str(route.tags[0]) if route.tags else "default"
    return f"{tag}-{route.name}".replace("_", "-")


def route_operation_id(route: APIRoute) -> str:
    """The id the OpenAPI document shows for `route`: its explicit one, else `operation_id`."""
    return route.operation_id or operation_id(route)
