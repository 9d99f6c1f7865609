"""One audit event per transaction that writes, emitted in that transaction.

A session opened for a request or a task carries an `AuditContext` (who, what action, from
where). While it flushes, the rows it inserts, updates and deletes are noted with their changed
fields (before and after; anything that looks like a secret is left out). Just before the
commit, if anything was written, one `<service>.audit.recorded` event joins the transaction's
outbox: the record exists exactly when the write does, and never for a rolled-back one.

The target is the first row the transaction wrote (the one the action is about: the animal
created, the transfer accepted); the other rows it touched are listed in `changes` under
`related`, by type and id with the names of their changed fields.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from reptidex_common.events.emitting import emit
from reptidex_common.events.envelope import Actor
from reptidex_common.events.types.audit import AUDIT_EVENTS
from reptidex_common.models.ops import AuditRecord
from reptidex_common.models.outbox import DeadLetter, InboxEvent, OutboxEvent

CONTEXT_KEY = "audit_context"
# Column names never copied into the log, whatever table they are in: hashes of passwords,
# tokens and keys, secrets, and anything named a password or a token itself. (When a password
# changed is no secret: `password_changed_at` is kept.)
SECRET_MARKERS = ("hash", "secret", "pepper", "private", "otp", "salt")
SECRET_NAMES = ("password", "token", "api_key", "key")
SECRET_SUFFIXES = ("_password", "_token")
MAX_VALUE_CHARS = 500
MAX_RELATED = 50
# Rows that are the machinery of the log itself, not writes anyone made.
_INFRASTRUCTURE = (OutboxEvent, InboxEvent, DeadLetter, AuditRecord)


@dataclass
class AuditContext:
    service: str
    actor: Actor
    action: str
    request_id: str | None = None
    client_ip: str | None = None
    user_agent: str | None = None
    # The vivarium the request names (a path parameter), when the rows do not say.
    vivarium_id: uuid.UUID | None = None
    written: list[RowChange] = field(default_factory=list)
    # The row the action is about, when the first row written is not (see `mark_target`).
    target: Any = None


@dataclass
class RowChange:
    type: str
    id: str | None
    operation: str
    vivarium_id: uuid.UUID | None
    fields: dict[str, dict[str, Any]]
    # An inserted row, read again at the commit: its id and defaults exist only after the flush.
    inserted: Any = None
    instance: Any = None


def begin_audit(session: Session, context: AuditContext) -> None:
    """Audit what `session` writes from now on (its next commits), as `context` says."""
    session.info[CONTEXT_KEY] = context


def mark_target(session: Session, instance: Any) -> None:
    """Name the row this transaction's action is about, when it is not the first one written
    (a password change revokes sessions before it updates the user)."""
    if (context := audit_context(session)) is not None:
        context.target = instance


def audit_context(session: Session) -> AuditContext | None:
    context = session.info.get(CONTEXT_KEY)
    return context if isinstance(context, AuditContext) else None


def is_secret(column: str) -> bool:
    name = column.lower()
    return (
        any(marker in name for marker in SECRET_MARKERS)
        or name in SECRET_NAMES
        or name.endswith(SECRET_SUFFIXES)
    )


def jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in list(value.items())[:MAX_RELATED]}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in list(value)[:MAX_RELATED]]
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"


def _row_change(instance: Any, operation: str) -> RowChange:
    state = inspect(instance)
    mapper = state.mapper
    fields: dict[str, dict[str, Any]] = {}
    for attribute in mapper.column_attrs:
        name = attribute.key
        if is_secret(name) or operation == "insert":
            continue
        history = state.attrs[name].history
        if operation == "delete":
            # Only what is loaded: reading more would cost a query per deleted row.
            value = state.dict.get(name)
            if value is not None:
                fields[name] = {"before": jsonable(value), "after": None}
        elif history.has_changes():
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if before != after:
                fields[name] = {"before": jsonable(before), "after": jsonable(after)}
    identity = mapper.primary_key_from_instance(instance)
    key = ",".join(str(part) for part in identity if part is not None) or None
    # What is loaded only: an expired attribute would cost a query inside the flush.
    vivarium = state.dict.get("vivarium_id")
    return RowChange(
        type=str(mapper.local_table.name),
        id=key,
        operation=operation,
        vivarium_id=vivarium if isinstance(vivarium, uuid.UUID) else None,
        fields=fields,
        inserted=instance if operation == "insert" else None,
        instance=instance,
    )


def _settle_insert(change: RowChange) -> None:
    """An inserted row's id and values, once flushed (loaded values only: no extra query)."""
    state = inspect(change.inserted)
    identity = state.mapper.primary_key_from_instance(change.inserted)
    change.id = ",".join(str(part) for part in identity if part is not None) or None
    change.fields = {
        attribute.key: {"before": None, "after": jsonable(state.dict[attribute.key])}
        for attribute in state.mapper.column_attrs
        if not is_secret(attribute.key) and state.dict.get(attribute.key) is not None
    }
    vivarium = state.dict.get("vivarium_id")
    change.vivarium_id = vivarium if isinstance(vivarium, uuid.UUID) else None
    change.inserted = None


@event.listens_for(Session, "before_flush")
def _note_writes(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    context = audit_context(session)
    if context is None:
        return
    for operation, instances in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for instance in instances:
            if isinstance(instance, _INFRASTRUCTURE):
                continue
            if operation == "update" and not session.is_modified(instance):
                continue
            change = _row_change(instance, operation)
            if operation != "update" or change.fields:
                context.written.append(change)


@event.listens_for(Session, "before_commit")
def _emit_audit_event(session: Session) -> None:
    context = audit_context(session)
    if context is None:
        return
    # Commit flushes what is pending only after this hook: flush it now so it is counted.
    session.flush()
    if not context.written:
        return
    written, context.written = context.written, []
    for change in written:
        if change.inserted is not None:
            _settle_insert(change)
    marked = [c for c in written if context.target is not None and c.instance is context.target]
    target = marked[0] if marked else written[0]
    related = [c for c in written if c is not target]
    for change in written:
        change.instance = None
    context.target = None
    changes: dict[str, Any] = dict(target.fields)
    if related:
        changes["related"] = [
            {"type": r.type, "id": r.id, "operation": r.operation, "fields": sorted(r.fields)}
            for r in related[:MAX_RELATED]
        ]
    vivarium_id = (
        context.vivarium_id
        or target.vivarium_id
        or next((r.vivarium_id for r in related if r.vivarium_id), None)
    )
    emit(
        session,
        AUDIT_EVENTS[context.service](
            action=context.action,
            target_type=target.type,
            target_id=target.id,
            changes=changes,
            request_id=context.request_id,
            client_ip=context.client_ip,
            user_agent=(context.user_agent or "")[:1000] or None,
        ),
        actor=context.actor,
        vivarium_id=vivarium_id,
    )


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    context = audit_context(session)
    if context is not None:
        context.written = []
        context.target = None
