"""The audit context of a request and of a Celery task."""

from __future__ import annotations

import uuid

from fastapi import Request
from fastapi.routing import APIRoute

from reptidex_common.audit.capture import AuditContext
from reptidex_common.auth.principal import Principal
from reptidex_common.client_address import client_ip
from reptidex_common.events.actors import actor_of
from reptidex_common.events.envelope import SYSTEM
from reptidex_common.observability.context import request_id_var
from reptidex_common.operation_ids import route_operation_id

PRINCIPAL_STATE = "principal"


def request_audit_context(request: Request) -> AuditContext | None:
    """Who is writing, what action (the route's operation id) and from where; None outside a
    platform service's app (no service to report to)."""
    service = getattr(request.app.state, "service", None)
    if service is None:
        return None
    route = request.scope.get("route")
    # The operation id, as the API documents it (e.g. "transfers-accept").
    action = (
        route_operation_id(route)
        if isinstance(route, APIRoute)
        else f"{request.method} {request.url.path}"[:120]
    )
    vivarium = request.path_params.get("vivarium_id")
    try:
        vivarium_id = uuid.UUID(str(vivarium)) if vivarium else None
    except ValueError:
        vivarium_id = None
    return AuditContext(
        service=service,
        actor=SYSTEM,
        action=action,
        request_id=request_id_var.get(),
        client_ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
        vivarium_id=vivarium_id,
    )


def settle_request_actor(request: Request, context: AuditContext) -> None:
    """The actor, known once authentication ran (it may run after the session opened)."""
    principal = getattr(request.state, PRINCIPAL_STATE, None)
    context.actor = actor_of(principal if isinstance(principal, Principal) else None)


def task_audit_context(service: str, task_name: str, task_id: str | None) -> AuditContext:
    return AuditContext(service=service, actor=SYSTEM, action=task_name, request_id=task_id)
