"""Credentials and the authenticated ``Principal``.

Three kinds of bearer credential are accepted::

    okr_pat_<prefix>_<secret>    personal access token: prefix finds the row, SHA-256 of the whole
                                 token compared in constant time (a bootstrap token of any other
                                 shape is found by a prefix derived from its hash)
    okr_key_<prefix>_<secret>    service API key: prefix finds the row, HMAC-SHA256 of the whole
                                 key under the server secret compared in constant time
    <header>.<payload>.<sig>     an OpenID Connect JWT (when configured), see ``api.oidc``

A person acts by role (admin or member; object-level rules live in the domain); a service acts by
the scopes of its key, optionally restricted to listed key results or metric keys.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ApiError
from domain.access import ALL_SCOPES, Viewer, sees_everything
from domain.errors import PermissionDenied
from domain.model import Role
from persistence.repositories import PersonRepository
from persistence.tables import ApiKeyRow, PersonRow, PersonTokenRow
from persistence.types import utcnow

if TYPE_CHECKING:
    from api.oidc import OidcVerifier

TOKEN_SCHEME = "okr_pat_"
KEY_SCHEME = "okr_key_"
LAST_USED_RESOLUTION = timedelta(minutes=5)
"""``last_used_at`` is rewritten at most this often, so reads do not all become writes."""


PrincipalKind = Literal["person", "service"]


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller: a person (by role) or a service (by the scopes of its key).

    For a service, ``person_id`` is the API key's id (it names no person: use ``author_id`` for
    columns that refer to people).
    """

    person_id: str
    role: Role
    kind: PrincipalKind = "person"
    scopes: frozenset[str] = field(default=ALL_SCOPES)
    key_result_ids: frozenset[str] | None = None
    """For a restricted key: the key results it may push check-ins to (None: any)."""
    metric_keys: frozenset[str] | None = None
    """For a restricted key: the metric keys it may push check-ins under (None: any)."""

    @property
    def id(self) -> str:
        """The caller's id: a person's id, or a service key's id."""
        return self.person_id

    @property
    def key(self) -> str:
        """A stable string naming the caller (idempotency records are kept per caller)."""
        return f"{self.kind}:{self.person_id}"

    @property
    def author_id(self) -> str | None:
        """The person to record as author or creator; None for a service."""
        return self.person_id if self.kind == "person" else None

    @property
    def viewer(self) -> Viewer:
        """The caller as the access rules (``domain.access``) see it."""
        return Viewer(
            id=self.person_id, is_person=self.kind == "person", role=self.role, scopes=self.scopes
        )

    @property
    def is_admin(self) -> bool:
        """Whether the caller has the admin role (a service: the ``admin`` scope)."""
        return sees_everything(self.viewer)

    def has_scope(self, *scopes: str) -> bool:
        """Whether the caller holds one of the scopes (``admin`` holds them all)."""
        return "admin" in self.scopes or any(s in self.scopes for s in scopes)

    @property
    def is_restricted(self) -> bool:
        """Whether the caller may push check-ins to listed key results or metric keys only."""
        return self.key_result_ids is not None or self.metric_keys is not None

    def may_push(self, key_result_id: str, metric_key: str | None) -> bool:
        """Whether the caller may push a check-in to this key result (with this metric key).

        The check-in service calls this for every item (single and batch). A person or an
        unrestricted key may push anywhere (object rules aside); a restricted key only to a listed
        key result id or a listed metric key.
        """
        if not self.is_restricted:
            return True
        if self.key_result_ids is not None and key_result_id in self.key_result_ids:
            return True
        return (
            self.metric_keys is not None
            and metric_key is not None
            and metric_key in self.metric_keys
        )


def hash_token(token: str) -> str:
    """The stored form of a personal access token: hex SHA-256."""
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


def new_api_key() -> tuple[str, str]:
    """A fresh service key and its lookup prefix."""
    prefix = secrets.token_hex(8)
    return f"{KEY_SCHEME}{prefix}_{secrets.token_urlsafe(32)}", prefix


def hash_api_key(key: str, secret_key: bytes) -> str:
    """The stored form of a service key: hex HMAC-SHA256 under the server secret."""
    return hmac.new(secret_key, key.encode(), hashlib.sha256).hexdigest()


def api_key_prefix(key: str) -> str | None:
    """The lookup prefix embedded in a service key, or None when it is not shaped like one."""
    prefix, sep, secret = key.removeprefix(KEY_SCHEME).partition("_")
    return prefix if key.startswith(KEY_SCHEME) and sep and prefix and secret else None


def unauthenticated(detail: str) -> ApiError:
    """A 401 problem with the bearer challenge."""
    return ApiError(
        401,
        "auth.unauthenticated",
        detail,
        field="authorization",
        headers={"WWW-Authenticate": 'Bearer realm="okr"'},
    )


def _looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2 and not token.startswith((TOKEN_SCHEME, KEY_SCHEME))


async def authenticate(
    session: AsyncSession,
    token: str | None,
    *,
    secret_key: bytes | None = None,
    oidc: OidcVerifier | None = None,
) -> Principal:
    """The principal of a bearer credential; 401 when it is missing or invalid."""
    if not token:
        raise unauthenticated("an 'Authorization: Bearer <token>' header is required")
    if token.startswith(KEY_SCHEME):
        if secret_key is None:
            raise unauthenticated("service keys are not accepted here")
        return await _authenticate_key(session, token, secret_key)
    if oidc is not None and _looks_like_jwt(token):
        return await _authenticate_jwt(session, token, oidc)
    return await _authenticate_pat(session, token)


_TOKEN_BY_PREFIX = (
    select(PersonTokenRow, PersonRow)
    .join(PersonRow, PersonRow.id == PersonTokenRow.person_id)  # type: ignore[arg-type]
    .where(PersonTokenRow.prefix == bindparam("prefix"))  # type: ignore[arg-type]
)
_KEY_BY_PREFIX = select(ApiKeyRow).where(ApiKeyRow.prefix == bindparam("prefix"))  # type: ignore[arg-type]
"""Built once: every authenticated request runs one of them."""


async def _authenticate_pat(session: AsyncSession, token: str) -> Principal:
    found = (await session.execute(_TOKEN_BY_PREFIX, {"prefix": token_prefix(token)})).first()
    now = utcnow()
    if found is None:
        raise unauthenticated("the token is not valid")
    stored, person = found
    if not hmac.compare_digest(stored.token_hash, hash_token(token)):
        raise unauthenticated("the token is not valid")
    if stored.revoked_at is not None or (
        stored.expires_at is not None and stored.expires_at <= now
    ):
        raise unauthenticated("the token is revoked or expired")
    if not person.active:
        raise unauthenticated("the token's owner is deactivated")
    if stored.last_used_at is None or now - stored.last_used_at > LAST_USED_RESOLUTION:
        stored.last_used_at = now
    return Principal(person_id=person.id, role=Role(person.role))


async def _authenticate_key(session: AsyncSession, key: str, secret_key: bytes) -> Principal:
    prefix = api_key_prefix(key)
    stored = None
    if prefix is not None:
        stored = (await session.execute(_KEY_BY_PREFIX, {"prefix": prefix})).scalar_one_or_none()
    # Compare even when nothing was found, so timing does not tell a known prefix apart.
    expected = stored.secret_hash if stored is not None else "0" * 64
    if not hmac.compare_digest(expected, hash_api_key(key, secret_key)) or stored is None:
        raise unauthenticated("the key is not valid")
    now = utcnow()
    if stored.revoked_at is not None or (
        stored.expires_at is not None and stored.expires_at <= now
    ):
        raise unauthenticated("the key is revoked or expired")
    if stored.last_used_at is None or now - stored.last_used_at > LAST_USED_RESOLUTION:
        stored.last_used_at = now
    scopes = frozenset(stored.scopes)
    return Principal(
        person_id=stored.id,
        role=Role.ADMIN if "admin" in scopes else Role.MEMBER,
        kind="service",
        scopes=scopes,
        key_result_ids=frozenset(stored.key_result_ids)
        if stored.key_result_ids is not None
        else None,
        metric_keys=frozenset(stored.metric_keys) if stored.metric_keys is not None else None,
    )


async def _authenticate_jwt(session: AsyncSession, token: str, oidc: OidcVerifier) -> Principal:
    claim, value = await oidc.identity(token)
    people = PersonRepository(session)
    if claim == "email":
        person = await people.find_by_email(value)
    else:
        person = await people.find_by_external_id(value)
    if person is None:
        raise unauthenticated(f"no person matches the token's '{claim}' claim")
    if not person.active:
        raise unauthenticated("the token's person is deactivated")
    return Principal(person_id=person.id, role=Role(person.role))


def require_admin(principal: Principal) -> Principal:
    """The principal when it is an admin; 403 naming the missing role otherwise."""
    if not principal.is_admin:
        raise PermissionDenied(
            "this action needs the admin role", code="permission.admin_required", field="role"
        )
    return principal
