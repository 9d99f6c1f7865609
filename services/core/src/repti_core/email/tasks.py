"""Celery tasks of the email domain: thin wrappers around `repti_core.email.sender`."""

from __future__ import annotations

import uuid

from celery import Task

from repti_core.email.outbox import SEND_EMAIL_TASK
from repti_core.email.sender import send_email
from repti_core.worker import celery_app
from reptidex_common.tasks.celery_app import RETRY_POLICY


@celery_app.task(name=SEND_EMAIL_TASK, bind=True, **RETRY_POLICY)
def send_email_task(
    self: Task,  # type: ignore[type-arg]
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
) -> None:
    # The relay uses the outbox row id as task id: retries and re-deliveries share one key.
    send_email(
        to=to,
        subject=subject,
        text=text,
        html=html,
        message_key=self.request.id or uuid.uuid4().hex,
    )
