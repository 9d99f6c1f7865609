"""The whole path: outbox row committed → relay task → real Celery worker → .eml file."""

from __future__ import annotations

import asyncio
import email
import email.policy
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from sqlalchemy import delete, select

import repti_core.email.tasks  # registers core.email.send on the app
from repti_core.email.outbox import queue_email
from repti_core.worker import celery_app
from reptidex_common.db import engine as db_engine
from reptidex_common.models.outbox import OUTBOX_MODELS
from reptidex_common.settings import get_settings

pytestmark = pytest.mark.worker
CoreOutbox = OUTBOX_MODELS["core"]
DELIVERY_TIMEOUT_SECONDS = 20.0


def _find_mail(mail_dir: Path, to: str) -> EmailMessage | None:
    for path in mail_dir.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == to:
            assert isinstance(message, EmailMessage)
            return message
    return None


async def _wait_for_mail(mail_dir: Path, to: str) -> EmailMessage:
    deadline = time.monotonic() + DELIVERY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        found = await asyncio.to_thread(_find_mail, mail_dir, to)
        if found is not None:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"no email to {to} in {mail_dir} after {DELIVERY_TIMEOUT_SECONDS} s")


async def test_outbox_email_is_delivered_by_a_real_worker() -> None:
    assert repti_core.email.tasks.send_email_task.name == "core.email.send"
    to = f"worker-{uuid.uuid4().hex[:10]}@example.com"
    subject = f"Verify your email {uuid.uuid4().hex[:6]}"
    sessionmaker = db_engine.state.sessionmaker
    assert sessionmaker is not None
    try:
        async with sessionmaker() as session:
            queue_email(session, to=to, subject=subject, text="Welcome!", html="<p>Welcome!</p>")
            await session.commit()

        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            # Through the broker, as beat would do it: the worker relays, then sends.
            celery_app.send_task("core.outbox.relay", queue="core")
            message = await _wait_for_mail(get_settings().mail_dir, to)

        assert message["Subject"] == subject
        async with sessionmaker() as session:
            row = (
                await session.scalars(
                    select(CoreOutbox).where(CoreOutbox.payload["to"].astext == to)
                )
            ).one()
            assert row.published_at is not None
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        assert "Welcome!" in body.get_content()
    finally:
        async with sessionmaker() as session:
            await session.execute(delete(CoreOutbox).where(CoreOutbox.payload["to"].astext == to))
            await session.commit()
