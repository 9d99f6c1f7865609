from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from repti_core.email.backends import (
    FileEmailBackend,
    SmtpEmailBackend,
    backend_from_settings,
    build_message,
)
from reptidex_common.settings import BaseServiceSettings


def _message(subject: str = "Welcome to ReptiDex") -> EmailMessage:
    return build_message(
        sender="ReptiDex <no-reply@reptidex.local>",
        to="keeper@example.com",
        subject=subject,
        text="Plain body",
        html="<p>HTML body</p>",
        message_key="0a1b-2c3d",
    )


def _read(path: Path) -> EmailMessage:
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_file_backend_writes_one_rfc5322_file(tmp_path: Path) -> None:
    FileEmailBackend(tmp_path / "mail").send(_message(), message_key="0a1b-2c3d")

    files = list((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 1
    assert files[0].name.endswith("_0a1b-2c3d.eml")
    parsed = _read(files[0])
    assert parsed["To"] == "keeper@example.com"
    assert parsed["Subject"] == "Welcome to ReptiDex"
    assert parsed["Message-ID"] == "<0a1b-2c3d@reptidex.local>"
    text = parsed.get_body(preferencelist=("plain",))
    html = parsed.get_body(preferencelist=("html",))
    assert text is not None
    assert "Plain body" in text.get_content()
    assert html is not None
    assert "HTML body" in html.get_content()


def test_file_backend_redelivery_overwrites_instead_of_duplicating(tmp_path: Path) -> None:
    backend = FileEmailBackend(tmp_path)
    backend.send(_message("First try"), message_key="0a1b-2c3d")
    backend.send(_message("Second try"), message_key="0a1b-2c3d")
    backend.send(_message("Other"), message_key="ffff")

    files = sorted(tmp_path.glob("*_0a1b-2c3d.eml"))
    assert len(files) == 1
    assert _read(files[0])["Subject"] == "Second try"
    assert len(list(tmp_path.glob("*.eml"))) == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_file_backend_keeps_unsafe_keys_inside_the_folder(tmp_path: Path) -> None:
    FileEmailBackend(tmp_path).send(_message(), message_key="../../etc/passwd")
    [written] = list(tmp_path.glob("*.eml"))
    assert written.parent == tmp_path


@pytest.mark.parametrize(
    ("backend", "expected"), [("file", FileEmailBackend), ("smtp", SmtpEmailBackend)]
)
def test_backend_is_chosen_by_settings(backend: str, expected: type, tmp_path: Path) -> None:
    settings = BaseServiceSettings(
        email_backend=backend, data_dir=tmp_path, smtp_host="mail.example.com"
    )
    chosen = backend_from_settings(settings)
    assert isinstance(chosen, expected)
    if isinstance(chosen, FileEmailBackend):
        assert chosen.directory == tmp_path / "mail"
    else:
        assert isinstance(chosen, SmtpEmailBackend)
        assert (chosen.host, chosen.port, chosen.starttls) == ("mail.example.com", 587, True)
