"""Every route that changes state, in every service, writes through the audited session.

Whatever a request writes through `DbSession` reports itself to the audit log (one record per
writing transaction, reptidex_common.audit.capture). A write route that does not take that
session (it writes through its own connection, or to Redis alone) would write unaudited: this
walk fails for it until it does, or until it is listed below with the reason it writes nothing
worth a record.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from reptidex_common.db.base import SERVICE_SCHEMAS
from reptidex_common.db.engine import open_session
from reptidex_common.operation_ids import route_operation_id

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# service -> {operation id: why it needs no audit record}
NOT_AUDITED: dict[str, dict[str, str]] = {}


def _calls(dependant: Dependant) -> Iterator[object]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "effective_route_contexts"):
            # An included router (FastAPI resolves those lazily): the routes it brings.
            yield from _api_routes(c.original_route for c in route.effective_route_contexts())


def write_routes() -> Iterator[tuple[str, APIRoute]]:
    for service in SERVICE_SCHEMAS:
        app = importlib.import_module(f"repti_{service}.main").create_app()
        for route in _api_routes(app.routes):
            if route.methods & WRITE_METHODS:
                yield service, route


ROUTES = list(write_routes())


def test_the_walk_sees_the_write_routes_of_every_service_with_any() -> None:
    services = {service for service, _route in ROUTES}
    assert {"core", "animal"} <= services
    assert len(ROUTES) > 50


@pytest.mark.parametrize(
    ("service", "route"),
    ROUTES,
    ids=[f"{service}:{route_operation_id(route)}" for service, route in ROUTES],
)
def test_every_write_route_writes_through_the_audited_session(
    service: str, route: APIRoute
) -> None:
    operation = route_operation_id(route)
    if operation in NOT_AUDITED.get(service, {}):
        return
    assert open_session in set(_calls(route.dependant)), (
        f"{service} {sorted(route.methods)} {route.path} ({operation}) writes without the "
        "audited session (DbSession): take it, or list the route in NOT_AUDITED with why"
    )


def test_every_exemption_names_a_route_that_exists() -> None:
    operations = {(service, route_operation_id(route)) for service, route in ROUTES}
    for service, exempt in NOT_AUDITED.items():
        for operation in exempt:
            assert (service, operation) in operations, (service, operation)
