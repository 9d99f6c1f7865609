"""Where outgoing email goes: .eml files for developers, or an SMTP server in production."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Protocol

from reptidex_common.settings import BaseServiceSettings

# The message key becomes part of a file name; anything unexpected is replaced.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def build_message(
    *, sender: str, to: str, subject: str, text: str, html: str | None, message_key: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    # Stable per outbox row, so a receiving system can recognise a re-delivered duplicate.
    message["Message-ID"] = f"<{_UNSAFE.sub('-', message_key)}@reptidex.local>"
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


class EmailBackend(Protocol):
    def send(self, message: EmailMessage, *, message_key: str) -> None: ...


class FileEmailBackend:
    """One RFC 5322 `.eml` file per message, named `<UTC time>_<message key>.eml`.

    The outbox relay may deliver a task twice; a message key that already has a file
    overwrites that file instead of adding a second copy.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, message_key: str) -> Path:
        key = _UNSAFE.sub("-", message_key)
        existing = sorted(self.directory.glob(f"*_{key}.eml"))
        if existing:
            return existing[0]
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        return self.directory / f"{stamp}_{key}.eml"

    def send(self, message: EmailMessage, *, message_key: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.path_for(message_key)
        # Write then rename: a reader (or a test) never sees half a message.
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(message.as_bytes())
        tmp.replace(target)


class SmtpEmailBackend:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        timeout: float = 30.0,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.starttls = starttls
        self.timeout = timeout

    def send(self, message: EmailMessage, *, message_key: str) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


def backend_from_settings(settings: BaseServiceSettings) -> EmailBackend:
    if settings.email_backend == "smtp":
        return SmtpEmailBackend(
            settings.smtp_host,
            settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            starttls=settings.smtp_starttls,
            timeout=settings.http_timeout_seconds * 3,
        )
    return FileEmailBackend(settings.mail_dir)
