"""Credentials and the authenticated ``Principal``.

Three kinds of bearer credential are accepted::

    okr_pat_<prefix>_<secret>    personal access token: prefix finds the row, HMAC-SHA256 of the
                                 whole token under the server secret compared in constant time
                                 (a bootstrap token of any other shape is found by a prefix that
                                 is itself a keyed hash of it)
    okr_key_<prefix>_<secret>    service API key: prefix finds the row, HMAC-SHA256 of the whole
                                 key under the server secret compared in constant time
    <header>.<payload>.<sig>     an OpenID Connect JWT (when configured), see ``api.oidc``

No stored value helps an offline guess without the server secret, and no answer, event or audit
entry carries a hash or a prefix. Tokens stored before keyed hashing (plain SHA-256, and for a
bootstrap token of another shape a prefix taken from that hash) are accepted and stored again
keyed when next used (``hash_scheme``).

A failed attempt raises ``Unauthenticated`` naming the credential it is counted under
(``pat:<prefix>``, ``key:<prefix>``; every token of another shape shares ``pat:*``); the lookup
statement also reads how many failures were counted in the window (``FailureWatch``), so that a
blocked credential is refused before it is checked (``api.auth_limits`` counts and answers 429).

A person acts by role (admin or member; object-level rules live in the domain); a service acts by
the scopes of its key, optionally restricted to listed key results or metric keys.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from domain import errors as domain_errors
from domain.access import ALL_SCOPES, Viewer, sees_everything
from domain.errors import PermissionDenied
from domain.model import Role
from persistence.repositories.identity import (
    FailureKeys,
    StoredToken,
    key_by_prefix,
    rekey_token,
    token_by_prefix,
    touch_key,
    touch_token,
)
from persistence.repositories.org import PersonRepository
from persistence.tables import TOKEN_HASH_KEYED, PersonTokenRow
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
        key result id or a listed metric key (the KR of any cycle that carries it: a metric key
        is unique per cycle, and a push by metric key lands on the running cycle's KR).
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


MAX_PREFIX = 32
"""The longest lookup prefix a row can hold."""
OTHER_SHAPE = "*"
"""The credential name under which failures of tokens of no standard shape are counted."""
_PREFIX_KEY_LABEL = b"okr personal access token lookup prefix"


def hash_token(token: str, secret_key: bytes) -> str:
    """The stored form of a personal access token: hex HMAC-SHA256 under the server secret."""
    return hmac.new(secret_key, token.encode(), hashlib.sha256).hexdigest()


def legacy_hash_token(token: str) -> str:
    """How tokens were stored before keyed hashing (plain hex SHA-256): only to recognise them."""
    return hashlib.sha256(token.encode()).hexdigest()


def _embedded_prefix(token: str) -> str | None:
    if token.startswith(TOKEN_SCHEME):
        prefix, sep, _secret = token.removeprefix(TOKEN_SCHEME).partition("_")
        if sep and prefix:
            return prefix
    return None


def token_prefix(token: str, secret_key: bytes) -> str:
    """The lookup prefix of a token: the embedded one, or one derived from a keyed hash (under
    a key of its own, so that it tells nothing about the stored hash either)."""
    prefix = _embedded_prefix(token)
    if prefix is not None and len(prefix) <= MAX_PREFIX:
        return prefix
    prefix_key = hmac.new(secret_key, _PREFIX_KEY_LABEL, hashlib.sha256).digest()
    return "h" + hmac.new(prefix_key, token.encode(), hashlib.sha256).hexdigest()[:20]


def legacy_token_prefix(token: str) -> str:
    """The lookup prefix tokens were stored under before keyed hashing."""
    return _embedded_prefix(token) or "h" + legacy_hash_token(token)[:20]


def new_token() -> str:
    """A fresh personal access token."""
    return f"{TOKEN_SCHEME}{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}"


def token_row(person_id: str, name: str, token: str, secret_key: bytes) -> PersonTokenRow:
    """The row that stores a token for a person (the token itself is not kept)."""
    return PersonTokenRow(
        person_id=person_id,
        name=name,
        prefix=token_prefix(token, secret_key),
        token_hash=hash_token(token, secret_key),
        hash_scheme=TOKEN_HASH_KEYED,
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


def credential_name(token: str) -> str | None:
    """What the failed attempts with this bearer value are counted under (None: a JWT)."""
    if token.startswith(KEY_SCHEME):
        prefix = api_key_prefix(token)
        ok = prefix is not None and len(prefix) <= MAX_PREFIX
        return f"key:{prefix if ok else OTHER_SHAPE}"
    prefix = _embedded_prefix(token)
    return f"pat:{prefix if prefix is not None and len(prefix) <= MAX_PREFIX else OTHER_SHAPE}"


class Unauthenticated(domain_errors.Unauthenticated):
    """No valid credential (401 with the bearer challenge).

    ``credential`` names what the attempt is counted under (None: the client address only);
    ``counted`` is False when no credential was sent at all; ``blocked`` when the credential was
    not even checked because the failures counted at it or its address reached the limit.
    """

    def __init__(
        self,
        detail: str,
        *,
        credential: str | None = None,
        counted: bool = True,
        blocked: bool = False,
    ) -> None:
        super().__init__(detail, field="authorization")
        self.credential = credential
        self.counted = counted
        self.blocked = blocked


def unauthenticated(detail: str) -> Unauthenticated:
    """A 401 problem with the bearer challenge."""
    return Unauthenticated(detail)


@dataclass(frozen=True, slots=True)
class FailureWatch:
    """Failed authentications are limited to ``limit`` per window, per address and credential."""

    address: str | None
    limit: int
    window_start: datetime


def _looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2 and not token.startswith((TOKEN_SCHEME, KEY_SCHEME))


async def authenticate(
    session: AsyncSession,
    token: str | None,
    *,
    secret_key: bytes,
    oidc: OidcVerifier | None = None,
    failures: FailureWatch | None = None,
) -> Principal:
    """The principal of a bearer credential; ``Unauthenticated`` when it is missing or invalid."""
    if not token:
        raise Unauthenticated(
            "an 'Authorization: Bearer <token>' header is required", counted=False
        )
    credential = credential_name(token)
    watch = None
    if failures is not None and failures.limit > 0:
        watch = FailureKeys(failures.address, credential, failures.window_start)
    limit = failures.limit if failures is not None else 0
    try:
        if token.startswith(KEY_SCHEME):
            return await _authenticate_key(session, token, secret_key, watch, limit)
        if oidc is not None and _looks_like_jwt(token):
            credential = None
            return await _authenticate_jwt(session, token, oidc)
        return await _authenticate_pat(session, token, secret_key, watch, limit)
    except Unauthenticated as exc:
        exc.credential = credential
        raise


def _blocked(failures: int, limit: int) -> None:
    if limit > 0 and failures >= limit:
        raise Unauthenticated("too many failed attempts; not checked", blocked=True)


def _usable(
    revoked_at: datetime | None, expires_at: datetime | None, now: datetime, what: str
) -> None:
    if revoked_at is not None or (expires_at is not None and expires_at <= now):
        raise unauthenticated(f"the {what} is revoked or expired")


_NOTHING = "0" * 64
"""Compared with when no row was found, so that timing does not tell a known prefix apart."""


async def _authenticate_pat(
    session: AsyncSession,
    token: str,
    secret_key: bytes,
    failures: FailureKeys | None,
    limit: int,
) -> Principal:
    prefix = token_prefix(token, secret_key)
    found = await token_by_prefix(session, prefix, failures)
    legacy_prefix = legacy_token_prefix(token)
    if found is None and legacy_prefix != prefix:
        # Stored before keyed hashing under a prefix taken from the plain hash.
        found = await token_by_prefix(session, legacy_prefix, failures)
    if found is None:
        hmac.compare_digest(_NOTHING, hash_token(token, secret_key))
        raise unauthenticated("the token is not valid")
    stored, counted = found
    _blocked(counted, limit)
    if stored.hash_scheme == TOKEN_HASH_KEYED:
        valid = hmac.compare_digest(stored.token_hash, hash_token(token, secret_key))
    else:
        valid = hmac.compare_digest(stored.token_hash, legacy_hash_token(token))
    if not valid:
        raise unauthenticated("the token is not valid")
    now = utcnow()
    _usable(stored.revoked_at, stored.expires_at, now, "token")
    if not stored.person_active:
        raise unauthenticated("the token's owner is deactivated")
    if stored.hash_scheme != TOKEN_HASH_KEYED:
        await rekey(session, stored, token, secret_key)
    if stored.last_used_at is None or now - stored.last_used_at > LAST_USED_RESOLUTION:
        touch_token(session, stored.id, now)
    return Principal(person_id=stored.person_id, role=Role(stored.person_role))


async def rekey(session: AsyncSession, stored: StoredToken, token: str, secret_key: bytes) -> None:
    """Store a token of the plain SHA-256 scheme keyed (written with the transaction)."""
    await rekey_token(
        session,
        stored.id,
        prefix=token_prefix(token, secret_key),
        token_hash=hash_token(token, secret_key),
        hash_scheme=TOKEN_HASH_KEYED,
    )


async def rekey_legacy_token(session: AsyncSession, token: str, secret_key: bytes) -> bool:
    """Store ``token`` keyed when a row still holds it in the plain SHA-256 scheme (the
    configured bootstrap token on every start); whether one did."""
    found = await token_by_prefix(session, legacy_token_prefix(token))
    if found is None:
        return False
    stored = found[0]
    if stored.hash_scheme == TOKEN_HASH_KEYED or not hmac.compare_digest(
        stored.token_hash, legacy_hash_token(token)
    ):
        return False
    await rekey(session, stored, token, secret_key)
    return True


async def _authenticate_key(
    session: AsyncSession,
    key: str,
    secret_key: bytes,
    failures: FailureKeys | None,
    limit: int,
) -> Principal:
    prefix = api_key_prefix(key)
    found = None
    if prefix is not None and len(prefix) <= MAX_PREFIX:
        found = await key_by_prefix(session, prefix, failures)
    if found is None:
        hmac.compare_digest(_NOTHING, hash_api_key(key, secret_key))
        raise unauthenticated("the key is not valid")
    stored, counted = found
    _blocked(counted, limit)
    if not hmac.compare_digest(stored.secret_hash, hash_api_key(key, secret_key)):
        raise unauthenticated("the key is not valid")
    now = utcnow()
    _usable(stored.revoked_at, stored.expires_at, now, "key")
    if stored.last_used_at is None or now - stored.last_used_at > LAST_USED_RESOLUTION:
        touch_key(session, stored.id, now)
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
