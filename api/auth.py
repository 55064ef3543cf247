"""Bearer personal access tokens and the authenticated ``Principal``.

A token reads ``okr_pat_<prefix>_<secret>``. Only the prefix (to find the row) and the SHA-256 of
the whole token are stored; the hash is compared in constant time. A bootstrap token of any other
shape is found by a prefix derived from its hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ApiError
from domain.errors import PermissionDenied
from domain.model import Role
from persistence.tables import PersonRow, PersonTokenRow
from persistence.types import utcnow

TOKEN_SCHEME = "okr_pat_"
LAST_USED_RESOLUTION = timedelta(minutes=5)
"""``last_used_at`` is rewritten at most this often, so reads do not all become writes."""


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller."""

    person_id: str
    role: Role
    kind: Literal["person"] = "person"

    @property
    def key(self) -> str:
        """A stable string naming the caller (idempotency records are kept per caller)."""
        return f"{self.kind}:{self.person_id}"

    @property
    def is_admin(self) -> bool:
        """Whether the caller has the admin role."""
        return self.role is Role.ADMIN


def hash_token(token: str) -> str:
    """The stored form of a token: hex SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_prefix(token: str) -> str:
    """The lookup prefix of a token: the embedded one, or one derived from the hash."""
    if token.startswith(TOKEN_SCHEME):
        prefix, sep, _secret = token.removeprefix(TOKEN_SCHEME).partition("_")
        if sep and prefix:
            return prefix
    return "h" + hash_token(token)[:20]


def new_token() -> str:
    """A fresh personal access token."""
    return f"{TOKEN_SCHEME}{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}"


def token_row(person_id: str, name: str, token: str) -> PersonTokenRow:
    """The row that stores a token for a person (the token itself is not kept)."""
    return PersonTokenRow(
        person_id=person_id, name=name, prefix=token_prefix(token), token_hash=hash_token(token)
    )


def _unauthenticated(detail: str) -> ApiError:
    return ApiError(
        401,
        "auth.unauthenticated",
        detail,
        field="authorization",
        headers={"WWW-Authenticate": 'Bearer realm="okr"'},
    )


async def authenticate(session: AsyncSession, token: str | None) -> Principal:
    """The principal of a bearer token; 401 when it is missing or invalid."""
    if not token:
        raise _unauthenticated("an 'Authorization: Bearer <token>' header is required")
    stmt = (
        select(PersonTokenRow, PersonRow)
        .join(PersonRow, PersonRow.id == PersonTokenRow.person_id)  # type: ignore[arg-type]
        .where(PersonTokenRow.prefix == token_prefix(token))  # type: ignore[arg-type]
    )
    found = (await session.execute(stmt)).first()
    now = utcnow()
    if found is None:
        raise _unauthenticated("the token is not valid")
    stored, person = found
    if not hmac.compare_digest(stored.token_hash, hash_token(token)):
        raise _unauthenticated("the token is not valid")
    if stored.revoked_at is not None or (
        stored.expires_at is not None and stored.expires_at <= now
    ):
        raise _unauthenticated("the token is revoked or expired")
    if not person.active:
        raise _unauthenticated("the token's owner is deactivated")
    if stored.last_used_at is None or now - stored.last_used_at > LAST_USED_RESOLUTION:
        stored.last_used_at = now
    return Principal(person_id=person.id, role=Role(person.role))


def require_admin(principal: Principal) -> Principal:
    """The principal when it is an admin; 403 naming the missing role otherwise."""
    if not principal.is_admin:
        raise PermissionDenied(
            "this action needs the admin role", code="permission.admin_required", field="role"
        )
    return principal
