"""argon2id password hashing and the password strength rules."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# A hash to verify against when the account does not exist, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("reptidex-timing-equaliser")

MIN_LENGTH = 10
MAX_LENGTH = 128
COMMON_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "password123",
        "123456789",
        "1234567890",
        "qwertyuiop",
        "iloveyou",
        "letmein123",
        "welcome123",
        "admin12345",
        "passw0rd",
        "qwerty123",
        "ballpython",
        "reptiles123",
        "geckogecko",
        "11111111111",
        "abc1234567",
    }
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problems(password: str, *, email: str | None = None) -> list[str]:
    """Every reason the password is too weak, in words a user can act on."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"must be at least {MIN_LENGTH} characters long")
    if len(password) > MAX_LENGTH:
        problems.append(f"must be at most {MAX_LENGTH} characters long")
    if password.lower() in COMMON_PASSWORDS:
        problems.append("is one of the most common passwords")
    if not any(c.isalpha() for c in password) or not any(not c.isalpha() for c in password):
        problems.append("must mix letters with digits or symbols")
    if len(set(password)) < 4:
        problems.append("must not repeat the same few characters")
    if email:
        local = email.split("@", 1)[0].lower()
        if len(local) >= 4 and local in password.lower():
            problems.append("must not contain your email address")
    return problems
