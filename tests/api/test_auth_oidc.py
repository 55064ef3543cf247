"""OIDC bearer JWTs, validated against a JWKS served in-process by an httpx MockTransport."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI

from api.app import create_app, dispose_app
from api.oidc import OidcVerifier
from api.settings import Settings
from tests.conftest import Actor, Database
from tests.support.problems import assert_problem

ISSUER = "https://id.example.com"
AUDIENCE = "okr-service"
JWKS_URL = "https://id.example.com/jwks"


def _rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Provider:
    """A fake identity provider: signing keys, and the JWKS it publishes."""

    keys: dict[str, rsa.RSAPrivateKey] = field(default_factory=dict)
    requests: int = 0

    def publish(self, kid: str) -> rsa.RSAPrivateKey:
        self.keys[kid] = _rsa_key()
        return self.keys[kid]

    def jwks(self) -> dict[str, Any]:
        entries = []
        for kid, key in self.keys.items():
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
            entries.append({**jwk, "kid": kid, "use": "sig", "alg": "RS256"})
        return {"keys": entries}

    def transport(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            assert str(request.url) == JWKS_URL
            self.requests += 1
            return httpx.Response(200, json=self.jwks())

        return httpx.MockTransport(handle)


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "user-1",
        "email": "admin@localhost",
        "iat": now,
        "exp": now + 300,
    }
    base.update(overrides)
    return base


def sign(key: rsa.RSAPrivateKey, kid: str, **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), key, algorithm="RS256", headers={"kid": kid})


@pytest.fixture
async def oidc_app(database: Database, admin: Actor) -> AsyncIterator[tuple[FastAPI, Provider]]:
    settings = Settings(
        database_url=database.url,
        demo=False,
        oidc_issuer=ISSUER,
        oidc_audience=AUDIENCE,
        oidc_jwks_url=JWKS_URL,
        oidc_jwks_min_refetch_seconds=0,
    )
    application = create_app(settings)
    provider = Provider()
    application.state.oidc = OidcVerifier(settings, transport=provider.transport())
    yield application, provider
    await dispose_app(application)


async def call(application: FastAPI, token: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get("/v1/people", headers={"Authorization": f"Bearer {token}"})


class TestOidcTokens:
    async def test_valid_token_maps_the_email_claim_to_the_person(
        self, oidc_app: tuple[FastAPI, Provider]
    ) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")

        response = await call(application, sign(key, "k1"))

        assert response.status_code == 200, response.text
        assert provider.requests == 1

    async def test_expired_token_is_401(self, oidc_app: tuple[FastAPI, Provider]) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")
        past = int(time.time()) - 3600

        response = await call(application, sign(key, "k1", iat=past - 60, exp=past))

        body = assert_problem(response, 401, "auth.unauthenticated")
        assert "expired" in str(body["detail"])

    async def test_expiry_within_the_clock_skew_is_accepted(
        self, oidc_app: tuple[FastAPI, Provider]
    ) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")

        response = await call(application, sign(key, "k1", exp=int(time.time()) - 10))

        assert response.status_code == 200, response.text

    async def test_wrong_audience_and_wrong_issuer_are_401(
        self, oidc_app: tuple[FastAPI, Provider]
    ) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")

        audience = await call(application, sign(key, "k1", aud="another-service"))
        issuer = await call(application, sign(key, "k1", iss="https://evil.example.com"))

        assert "not meant" in str(assert_problem(audience, 401, "auth.unauthenticated")["detail"])
        assert "issuer" in str(assert_problem(issuer, 401, "auth.unauthenticated")["detail"])

    async def test_bad_signature_is_401(self, oidc_app: tuple[FastAPI, Provider]) -> None:
        application, provider = oidc_app
        provider.publish("k1")
        forger = _rsa_key()

        response = await call(application, sign(forger, "k1"))

        assert_problem(response, 401, "auth.unauthenticated")

    async def test_alg_none_is_401(self, oidc_app: tuple[FastAPI, Provider]) -> None:
        application, provider = oidc_app
        provider.publish("k1")
        unsigned = jwt.encode(claims(), "", algorithm="none", headers={"kid": "k1"})

        response = await call(application, unsigned)

        body = assert_problem(response, 401, "auth.unauthenticated")
        assert "algorithm" in str(body["detail"])

    async def test_hs256_signed_with_the_public_key_is_401(
        self, oidc_app: tuple[FastAPI, Provider]
    ) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")
        public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        header = {"alg": "HS256", "typ": "JWT", "kid": "k1"}
        signing_input = (
            jwt.utils.base64url_encode(json.dumps(header).encode())
            + b"."
            + jwt.utils.base64url_encode(json.dumps(claims()).encode())
        )
        mac = hmac.new(public_pem, signing_input, hashlib.sha256).digest()
        forged = (signing_input + b"." + jwt.utils.base64url_encode(mac)).decode()

        response = await call(application, forged)

        body = assert_problem(response, 401, "auth.unauthenticated")
        assert "HS256" in str(body["detail"])

    async def test_unknown_kid_refetches_once_then_is_401(
        self, oidc_app: tuple[FastAPI, Provider]
    ) -> None:
        application, provider = oidc_app
        provider.publish("k1")
        stranger = _rsa_key()

        response = await call(application, sign(stranger, "nobody-knows"))

        assert_problem(response, 401, "auth.unauthenticated")
        assert provider.requests == 2  # the first fetch, and one refetch for the unknown kid

    async def test_rotated_key_is_picked_up_by_one_refetch(
        self, oidc_app: tuple[FastAPI, Provider]
    ) -> None:
        application, provider = oidc_app
        old = provider.publish("k1")
        assert (await call(application, sign(old, "k1"))).status_code == 200
        new = provider.publish("k2")
        del provider.keys["k1"]

        response = await call(application, sign(new, "k2"))

        assert response.status_code == 200, response.text
        assert provider.requests == 2

    @pytest.mark.parametrize("verified", [False, "false", "true", 1, 0, None, [], {}])
    async def test_email_verified_other_than_json_true_is_401(
        self, oidc_app: tuple[FastAPI, Provider], verified: Any
    ) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")

        response = await call(application, sign(key, "k1", email_verified=verified))

        body = assert_problem(response, 401, "auth.unauthenticated")
        assert "not verified" in str(body["detail"])

    async def test_email_verified_true_or_absent_is_accepted(
        self, oidc_app: tuple[FastAPI, Provider]
    ) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")

        verified = await call(application, sign(key, "k1", email_verified=True))
        absent = await call(application, sign(key, "k1"))

        assert verified.status_code == 200, verified.text
        assert absent.status_code == 200, absent.text

    async def test_the_email_claim_matches_whatever_its_case(
        self, oidc_app: tuple[FastAPI, Provider], admin: Actor
    ) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")
        created = await admin.client.post(
            "/v1/people", json={"name": "Ann", "email": "Ann.Lee@Example.com"}
        )
        # Differing only in case, a second address is refused: the lookup can never be ambiguous.
        twin = await admin.client.post(
            "/v1/people", json={"name": "Ann", "email": "ann.lee@example.com"}
        )

        response = await call(application, sign(key, "k1", email="ANN.LEE@example.COM"))

        assert created.status_code == 201, created.text
        assert_problem(twin, 409, "person.email_taken")
        assert response.status_code == 200, response.text

    async def test_unknown_person_is_401(self, oidc_app: tuple[FastAPI, Provider]) -> None:
        application, provider = oidc_app
        key = provider.publish("k1")

        response = await call(application, sign(key, "k1", email="stranger@example.com"))

        body = assert_problem(response, 401, "auth.unauthenticated")
        assert "email" in str(body["detail"])


class TestRefetchIsRateLimited:
    async def test_unknown_kids_within_the_interval_do_not_refetch(self) -> None:
        provider = Provider()
        provider.publish("k1")
        now = [1000.0]
        settings = Settings(
            oidc_issuer=ISSUER,
            oidc_audience=AUDIENCE,
            oidc_jwks_url=JWKS_URL,
            oidc_jwks_min_refetch_seconds=30,
        )
        verifier = OidcVerifier(settings, transport=provider.transport(), clock=lambda: now[0])
        stranger = _rsa_key()

        for _ in range(5):
            with pytest.raises(Exception, match="unknown key"):
                await verifier.claims(sign(stranger, "forged"))
        assert provider.requests == 1
        now[0] += 31
        with pytest.raises(Exception, match="unknown key"):
            await verifier.claims(sign(stranger, "forged"))

        assert provider.requests == 2

    def test_settings_refuse_none_and_hmac_algorithms(self) -> None:
        for algorithms in (["none"], ["RS256", "HS256"]):
            with pytest.raises(ValueError, match="not allowed"):
                Settings(oidc_algorithms=algorithms)
