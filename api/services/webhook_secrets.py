"""Signing secrets of webhook subscriptions, stored encrypted.

A secret must be usable for signing, so it cannot be stored as a hash: it is encrypted with
Fernet (AES-128-CBC and HMAC-SHA256) under a key derived from the server secret
(``OKR_SECRET_KEY``) with HKDF-SHA256, so a copy of the database alone reveals no secret. Every
replica needs the same server secret (as for the keyed credential hashes).
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"okr-service webhook signing secrets v1"


class SecretBox:
    """Encrypts and decrypts signing secrets under the key derived from the server secret."""

    def __init__(self, server_secret: bytes) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
            server_secret
        )
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, secret: str) -> str:
        """The stored form of a secret."""
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        """The secret behind its stored form; ValueError when another server secret sealed it."""
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("the signing secret was sealed under another server secret") from exc
