"""Send one email through the configured backend; what the Celery task calls."""

from __future__ import annotations

from repti_core.email.backends import backend_from_settings, build_message
from reptidex_common.settings import get_settings


def send_email(*, to: str, subject: str, text: str, html: str | None, message_key: str) -> None:
    settings = get_settings()
    message = build_message(
        sender=settings.email_from,
        to=to,
        subject=subject,
        text=text,
        html=html,
        message_key=message_key,
    )
    backend_from_settings(settings).send(message, message_key=message_key)
