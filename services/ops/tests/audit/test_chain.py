"""The audit log is append-only and chained: redeliveries add nothing, concurrent appends keep
one unbroken chain, and any change made behind the application's back shows when verified."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from repti_ops.audit.chain import GENESIS, verify_chain
from repti_ops.audit.consumer import HANDLERS
from reptidex_common.db.urls import libpq_url
from reptidex_common.events.receiving import apply_event
from reptidex_common.models.ops import AuditRecord
from reptidex_common.settings import REPO_ROOT, get_settings
from reptidex_common.tasks.worker_db import worker_session

from .conftest import Record


def records_of(session: Session, event_ids: list[uuid.UUID]) -> list[AuditRecord]:
    return list(
        session.scalars(
            select(AuditRecord).where(AuditRecord.event_id.in_(event_ids)).order_by(AuditRecord.seq)
        )
    )


def test_each_event_appends_one_linked_record_and_a_redelivery_nothing(
    record_write: Record,
) -> None:
    vivarium = uuid.uuid4()
    envelopes = [record_write(vivarium_id=vivarium) for _ in range(3)]
    with worker_session() as session:
        again = apply_event(session, "ops", envelopes[1].model_dump(mode="json"), HANDLERS)
        session.commit()
        records = records_of(session, [e.id for e in envelopes])
    assert again is False
    assert len(records) == 3
    assert [r.event_id for r in records] == [e.id for e in envelopes]
    seqs = [r.seq for r in records]
    assert seqs == sorted(seqs)
    assert records[1].prev_hash == records[0].hash or records[1].seq > records[0].seq + 1
    first = records[0]
    assert first.action == "animal.update"
    assert first.vivarium_id == vivarium
    assert first.changes == {"name": {"before": "Nyx", "after": "Nox"}}
    assert first.actor_type == "user"
    assert first.actor_id == envelopes[0].actor.id
    assert first.producer == "animal"
    assert len(first.hash) == 64
    assert first.prev_hash != first.hash


def test_concurrent_appends_keep_one_unbroken_chain(record_write: Record) -> None:
    errors: list[BaseException] = []

    def write_many() -> None:
        try:
            for _ in range(15):
                record_write(producer="core", action="vivarium.update", target_type="vivarium")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write_many) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with worker_session() as session:
        check = verify_chain(session)
        seqs = list(session.scalars(select(AuditRecord.seq).order_by(AuditRecord.seq)))
    assert check.intact, check
    assert seqs == list(range(1, len(seqs) + 1))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ops.audit_records SET action = 'nothing.happened'",
        "DELETE FROM ops.audit_records",
        "TRUNCATE ops.audit_records",
    ],
)
def test_the_application_cannot_alter_or_remove_records(
    record_write: Record, statement: str
) -> None:
    record_write()
    with psycopg.connect(libpq_url(get_settings().sync_database_url)) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            conn.execute(statement)
        conn.rollback()


@contextmanager
def tampering() -> Iterator[Session]:
    """A session that may alter records (the trigger disabled, as an attacker with the table
    owner's rights could), all of it rolled back afterwards. It locks the table: write the
    records first."""
    with worker_session() as session:
        session.execute(text("ALTER TABLE ops.audit_records DISABLE TRIGGER USER"))
        try:
            yield session
        finally:
            session.rollback()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("UPDATE ops.audit_records SET changes = '{}' WHERE seq = :seq", "does not match its hash"),
        ("DELETE FROM ops.audit_records WHERE seq = :seq", "is missing"),
        (
            "UPDATE ops.audit_records SET prev_hash = :genesis WHERE seq = :seq",
            "does not link",
        ),
    ],
)
def test_a_change_behind_the_applications_back_breaks_the_chain_visibly(
    record_write: Record, change: str, reason: str
) -> None:
    middle = record_write()
    record_write()
    with tampering() as session:
        [record] = records_of(session, [middle.id])
        assert verify_chain(session).intact
        session.execute(text(change), {"seq": record.seq, "genesis": GENESIS})
        check = verify_chain(session)
    assert not check.intact
    assert check.broken_at == record.seq
    assert check.reason is not None
    assert reason in check.reason


def test_the_verify_command_reports_an_intact_chain(record_write: Record) -> None:
    record_write()
    result = subprocess.run(
        [sys.executable, "-m", "repti_ops.audit.verify"],
        cwd=REPO_ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "audit chain intact" in result.stdout
