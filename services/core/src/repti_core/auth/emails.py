"""The account emails core sends; each carries a link to the breeder app and the raw token."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from repti_core.email.outbox import queue_email
from reptidex_common.models.core import User
from reptidex_common.settings import get_settings


def _link(path: str, token: str) -> str:
    return f"{get_settings().breeder_web_url}/{path}?token={quote(token, safe='')}"


def queue_password_reset(session: AsyncSession, user: User, token: str) -> None:
    link = _link("reset-password", token)
    text = (
        f"Hello {user.display_name},\n\n"
        "Someone asked to reset the password of your ReptiDex account. To choose a new one, open\n"
        f"{link}\n\n"
        f"or enter this code in the app: {token}\n\n"
        "The link works once, for one hour. If you did not ask for it, ignore this email; "
        "your password stays as it is.\n"
    )
    queue_email(session, to=user.email, subject="Reset your ReptiDex password", text=text)


def queue_email_verification(session: AsyncSession, user: User, token: str) -> None:
    link = _link("verify-email", token)
    text = (
        f"Hello {user.display_name},\n\n"
        "Please confirm that this is your email address by opening\n"
        f"{link}\n\n"
        f"or entering this code in the app: {token}\n\n"
        "The link works for 24 hours.\n"
    )
    queue_email(session, to=user.email, subject="Confirm your email for ReptiDex", text=text)
