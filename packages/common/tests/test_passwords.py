from __future__ import annotations

from reptidex_common.auth.passwords import hash_password, password_problems, verify_password


def test_hash_verifies_only_the_right_password() -> None:
    stored = hash_password("Sturdy-gecko-42")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "Sturdy-gecko-42")
    assert not verify_password(stored, "sturdy-gecko-42")
    assert not verify_password(None, "anything-at-all-1")
    assert not verify_password("not-a-hash", "anything-at-all-1")


def test_weak_passwords_get_every_reason() -> None:
    assert password_problems("Sturdy-gecko-42") == []
    assert any("at least 10" in p for p in password_problems("ab1"))
    assert any("common" in p for p in password_problems("password123"))
    assert any("mix letters" in p for p in password_problems("onlyletterslong"))
    assert any(
        "email" in p for p in password_problems("morgan-2026-xyz", email="morgan@example.com")
    )
