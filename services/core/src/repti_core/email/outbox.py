"""Queue an email in the current transaction; the core worker sends it after commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from reptidex_common.tasks.outbox import add_outbox_event

SEND_EMAIL_TASK = "core.email.send"


def queue_email(
    session: AsyncSession, *, to: str, subject: str, text: str, html: str | None = None
) -> None:
    add_outbox_event(
        session, SEND_EMAIL_TASK, {"to": to, "subject": subject, "text": text, "html": html}
    )
