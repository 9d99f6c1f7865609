"""The audit log's hash chain: each record's hash covers its content and the previous hash.

The content is canonicalised with RFC 8785 (JSON Canonicalization Scheme), so anyone can
recompute a hash from an exported record with any JCS implementation. Appends take one
transaction-scoped advisory lock, so the chain has one order however many workers append.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

import rfc8785
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reptidex_common.events.envelope import EventEnvelope
from reptidex_common.events.types.audit import AuditData
from reptidex_common.models.ops import AuditRecord

# The previous hash of the first record.
GENESIS = "0" * 64
# pg_advisory_xact_lock key of the chain ("audit" in ASCII).
CHAIN_LOCK = 0x6175646974
VERIFY_BATCH = 1000


def record_content(record: AuditRecord) -> dict[str, Any]:
    """What a record's hash covers: everything it says, in a form JSON keeps exactly."""
    return {
        "seq": record.seq,
        "event_id": str(record.event_id),
        "producer": record.producer,
        "occurred_at": record.occurred_at.astimezone(UTC).isoformat(),
        "actor": {"type": record.actor_type, "id": record.actor_id, "via": record.actor_via},
        "action": record.action,
        "target": {"type": record.target_type, "id": record.target_id},
        "vivarium_id": str(record.vivarium_id) if record.vivarium_id else None,
        "changes": record.changes,
        "request_id": record.request_id,
        "client_ip": record.client_ip,
        "user_agent": record.user_agent,
        "prev_hash": record.prev_hash,
    }


def record_hash(record: AuditRecord) -> str:
    return hashlib.sha256(rfc8785.dumps(record_content(record))).hexdigest()


def append(session: Session, envelope: EventEnvelope, data: AuditData) -> AuditRecord | None:
    """Append the event's record at the end of the chain (in the caller's transaction); None
    when this event was appended before."""
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    if session.scalar(select(AuditRecord.id).where(AuditRecord.event_id == envelope.id)):
        return None
    last = session.execute(
        select(AuditRecord.seq, AuditRecord.hash).order_by(AuditRecord.seq.desc()).limit(1)
    ).one_or_none()
    record = AuditRecord(
        seq=(last.seq if last else 0) + 1,
        event_id=envelope.id,
        producer=envelope.producer,
        occurred_at=envelope.occurred_at.astimezone(UTC),
        actor_type=envelope.actor.type.value,
        actor_id=envelope.actor.id,
        actor_via=envelope.actor.via,
        action=data.action,
        target_type=data.target_type,
        target_id=data.target_id,
        vivarium_id=envelope.vivarium_id,
        changes=data.changes,
        request_id=data.request_id,
        client_ip=data.client_ip,
        user_agent=data.user_agent,
        prev_hash=last.hash if last else GENESIS,
    )
    record.hash = record_hash(record)
    session.add(record)
    session.flush()
    return record


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    # The first record whose hash or link does not hold, with why; None when all hold.
    broken_at: int | None = None
    reason: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def _records(session: Session) -> Iterator[AuditRecord]:
    after = 0
    while True:
        batch = session.scalars(
            select(AuditRecord)
            .where(AuditRecord.seq > after)
            .order_by(AuditRecord.seq)
            .limit(VERIFY_BATCH)
        ).all()
        if not batch:
            return
        yield from batch
        after = batch[-1].seq
        session.expunge_all()


def verify_chain(session: Session) -> ChainCheck:
    """Walk the whole chain in order: every seq present, every link and hash as recorded."""
    previous_hash, expected_seq, checked = GENESIS, 1, 0
    for record in _records(session):
        if record.seq != expected_seq:
            return ChainCheck(checked, expected_seq, f"record {expected_seq} is missing")
        if record.prev_hash != previous_hash:
            return ChainCheck(checked, record.seq, "it does not link to the record before it")
        if record_hash(record) != record.hash:
            return ChainCheck(checked, record.seq, "its content does not match its hash")
        previous_hash, expected_seq, checked = record.hash, expected_seq + 1, checked + 1
    return ChainCheck(checked)
