"""Passwords, hashed with Argon2id; a check spends the same time whether or not the user exists."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from armstrace.exceptions import InputError

__all__ = ["MIN_PASSWORD", "hash_password", "rehashed", "verify_password"]

MIN_PASSWORD = 10

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("not a real password, used to spend equal time on unknown users")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"password: use at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; spends the same time when there is no hash to compare."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def rehashed(password_hash: str, password: str) -> str | None:
    """A new hash of a verified password when ``password_hash`` used weaker parameters than today's, else None."""
    return _hasher.hash(password) if _hasher.check_needs_rehash(password_hash) else None
