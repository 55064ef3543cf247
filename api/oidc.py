"""Bearer JWTs from the company's OpenID Connect provider, validated against its JWKS.

The key set is fetched from ``OKR_OIDC_JWKS_URL`` and kept for ``oidc_jwks_ttl_seconds`` (a cache
for speed only: a fresh process fetches it again). A token whose ``kid`` is unknown triggers one
refetch (key rotation), at most once per ``oidc_jwks_min_refetch_seconds``, so a stream of forged
``kid`` values cannot make the service hammer the provider.

Checked: signature with a key of the set, algorithm from the configured allow-list *and* matching
the key's type (never ``none``, never HMAC: a public key is never used as a secret), issuer,
audience, expiry and not-before with a small clock skew. The claim ``OKR_OIDC_CLAIM`` (``email``
or ``sub``) names the person; an ``email`` names them only when ``email_verified``, if the token
has it, is JSON ``true``. E-mail addresses match whatever their case.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt
from jwt import PyJWK

from api.auth import unauthenticated
from api.errors import ApiError
from api.settings import Settings

logger = logging.getLogger(__name__)

_FAMILIES = {"RSA": ("RS", "PS"), "EC": ("ES",), "OKP": ("EdDSA",)}
"""Which algorithms a key type may verify."""


def _unauthenticated(detail: str) -> Exception:
    return unauthenticated(detail)


class OidcVerifier:
    """Validates provider JWTs; one per app (its key cache is per process)."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not (settings.oidc_issuer and settings.oidc_jwks_url and settings.oidc_audience):
            raise ValueError("OIDC needs OKR_OIDC_ISSUER, OKR_OIDC_AUDIENCE and OKR_OIDC_JWKS_URL")
        self.issuer: str = settings.oidc_issuer
        self.audience: str = settings.oidc_audience
        self.jwks_url: str = settings.oidc_jwks_url
        self.claim = settings.oidc_claim
        self.algorithms = list(settings.oidc_algorithms)
        self.leeway = settings.oidc_leeway_seconds
        self.ttl = settings.oidc_jwks_ttl_seconds
        self.min_refetch = settings.oidc_jwks_min_refetch_seconds
        self.transport = transport
        self.clock = clock
        self.fetches = 0
        """How many times the key set was fetched (observable in tests and metrics)."""
        self._keys: dict[str | None, PyJWK] = {}
        self._fetched_at: float | None = None
        self._lock = asyncio.Lock()

    async def _fetch(self) -> None:
        self.fetches += 1
        self._fetched_at = self.clock()
        try:
            async with httpx.AsyncClient(transport=self.transport, timeout=5.0) as client:
                response = await client.get(self.jwks_url)
                response.raise_for_status()
                document = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            logger.warning("could not fetch the OIDC key set from %s: %s", self.jwks_url, exc)
            if not self._keys:
                raise ApiError(
                    503,
                    "auth.provider_unavailable",
                    "the identity provider's keys cannot be fetched; retry later",
                    headers={"Retry-After": "5"},
                ) from exc
            return
        keys: dict[str | None, PyJWK] = {}
        for entry in document.get("keys", []) if isinstance(document, dict) else []:
            if not isinstance(entry, dict) or entry.get("kty") not in _FAMILIES:
                continue  # symmetric ("oct") and unknown key types are never trusted
            if entry.get("use", "sig") != "sig":
                continue
            try:
                key = PyJWK(entry)
            except jwt.PyJWTError:
                continue
            keys[key.key_id] = key
        self._keys = keys

    async def _key(self, kid: str | None) -> PyJWK:
        async with self._lock:
            now = self.clock()
            if self._fetched_at is None or now - self._fetched_at >= self.ttl:
                await self._fetch()
            key = self._lookup(kid)
            if key is None and self._fetched_at is not None:
                if self.clock() - self._fetched_at >= self.min_refetch:
                    await self._fetch()  # an unknown kid: the provider may have rotated keys
                    key = self._lookup(kid)
            if key is None:
                raise _unauthenticated("the token is signed with an unknown key")
            return key

    def _lookup(self, kid: str | None) -> PyJWK | None:
        if kid is None:
            return next(iter(self._keys.values())) if len(self._keys) == 1 else None
        return self._keys.get(kid)

    def _algorithms_for(self, key: PyJWK) -> list[str]:
        families = _FAMILIES.get(key.key_type or "", ())
        return [a for a in self.algorithms if a.startswith(families)]

    async def claims(self, token: str) -> dict[str, Any]:
        """The verified claims of a token; 401 for any defect."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise _unauthenticated("the token is not a valid JWT") from exc
        alg = header.get("alg")
        if not isinstance(alg, str) or alg not in self.algorithms:
            raise _unauthenticated(f"the token's algorithm {alg!r} is not accepted")
        kid = header.get("kid")
        key = await self._key(kid if isinstance(kid, str) else None)
        allowed = self._algorithms_for(key)
        if alg not in allowed:
            raise _unauthenticated(f"the token's algorithm {alg!r} does not fit its key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=allowed,
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise _unauthenticated("the token has expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise _unauthenticated("the token is not meant for this service") from exc
        except jwt.InvalidIssuerError as exc:
            raise _unauthenticated("the token comes from another issuer") from exc
        except jwt.PyJWTError as exc:
            raise _unauthenticated("the token is not valid") from exc
        return claims

    async def identity(self, token: str) -> tuple[str, str]:
        """The configured claim and its value (the person's e-mail or subject)."""
        claims = await self.claims(token)
        value = claims.get(self.claim)
        if not isinstance(value, str) or not value:
            raise _unauthenticated(f"the token has no '{self.claim}' claim")
        # Only JSON true vouches for the address: "false", "true", 1, null... are refused.
        if (
            self.claim == "email"
            and "email_verified" in claims
            and claims["email_verified"] is not True
        ):
            raise _unauthenticated("the token's e-mail address is not verified")
        return self.claim, value
