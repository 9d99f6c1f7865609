"""`GET /api/v1/audit`: staff see every record; a vivarium's owner sees that vivarium's."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from repti_ops.audit.schemas import AuditActor, AuditPage, AuditRecordRead, AuditTarget
from reptidex_common.auth.dependencies import CurrentPrincipal, authorize_vivarium
from reptidex_common.db.engine import ReadSession
from reptidex_common.db.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from reptidex_common.errors import Forbidden, UnprocessableEntity
from reptidex_common.models.enums import VivariumRole
from reptidex_common.models.ops import AuditRecord

router = APIRouter(prefix="/api/v1", tags=["audit"])


def _cursor(seq: int) -> str:
    return f"s{seq}"


def _after(cursor: str) -> int:
    if not cursor.startswith("s") or not cursor[1:].isdigit() or len(cursor) > 20:
        raise UnprocessableEntity("The cursor is not valid; start again from the first page.")
    return int(cursor[1:])


def _read(record: AuditRecord, *, staff: bool) -> AuditRecordRead:
    return AuditRecordRead(
        id=record.id,
        seq=record.seq,
        occurred_at=record.occurred_at,
        actor=AuditActor(type=record.actor_type, id=record.actor_id, via=record.actor_via),
        action=record.action,
        target=AuditTarget(type=record.target_type, id=record.target_id),
        vivarium_id=record.vivarium_id,
        changes=record.changes,
        request_id=record.request_id,
        client_ip=record.client_ip if staff else None,
        user_agent=record.user_agent if staff else None,
    )


@router.get("/audit", response_model=AuditPage, summary="The audit log, newest first")
async def list_audit_records(
    principal: CurrentPrincipal,
    session: ReadSession,
    vivarium_id: uuid.UUID | None = None,
    actor_id: Annotated[str | None, Query(max_length=64)] = None,
    target_type: Annotated[str | None, Query(max_length=60)] = None,
    target_id: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=120)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: Annotated[str | None, Query(max_length=24)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
) -> AuditPage:
    staff = principal.is_staff
    if not staff:
        if vivarium_id is None:
            raise Forbidden(
                "Only platform staff see the whole audit log; ask for one of your vivariums "
                "(vivarium_id).",
                type_slug="insufficient-role",
            )
        await authorize_vivarium(session, principal, vivarium_id, VivariumRole.herpetologist)
    if since is not None and until is not None and until <= since:
        raise UnprocessableEntity("`until` must be after `since`.")
    statement = select(AuditRecord)
    for column, value in (
        (AuditRecord.vivarium_id, vivarium_id),
        (AuditRecord.actor_id, actor_id),
        (AuditRecord.target_type, target_type),
        (AuditRecord.target_id, target_id),
        (AuditRecord.action, action),
    ):
        if value is not None:
            statement = statement.where(column == value)
    if since is not None:
        statement = statement.where(AuditRecord.occurred_at >= since)
    if until is not None:
        statement = statement.where(AuditRecord.occurred_at < until)
    if cursor is not None:
        statement = statement.where(AuditRecord.seq < _after(cursor))
    rows = (
        await session.scalars(statement.order_by(AuditRecord.seq.desc()).limit(limit + 1))
    ).all()
    page = rows[:limit]
    return AuditPage(
        items=[_read(record, staff=staff) for record in page],
        next_cursor=_cursor(page[-1].seq) if len(rows) > limit else None,
    )
