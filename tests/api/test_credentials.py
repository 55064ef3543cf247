"""Credentials and identity rules: keyed token storage (and the upgrade of tokens stored before),
no hash or prefix in any answer, event or audit entry, the failed-authentication limit,
deactivation revoking tokens, expiry at creation, case-insensitive unique e-mail addresses and
the last-admin rule under concurrent requests, and what an ``org:write`` key may do to people."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, select, text
from sqlmodel import col

import api.auth_limits
from api.app import create_app, dispose_app
from api.auth import legacy_token_prefix, token_prefix
from api.bootstrap import bootstrap
from api.settings import Settings
from persistence.repositories.org import PersonRepository
from persistence.tables import ApiKeyRow, PersonRow, PersonTokenRow
from tests.conftest import Actor, Database, MakeActor, _empty_all_tables
from tests.support.keys import new_key, with_key
from tests.support.problems import assert_problem


def client_at(app: FastAPI, address: str, token: str | None) -> httpx.AsyncClient:
    """A client of the app seen from ``address``."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(address, 40000)),
        base_url="http://test",
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )


async def get_as(app: FastAPI, address: str, token: str | None) -> httpx.Response:
    async with client_at(app, address, token) as client:
        return await client.get("/v1/cycles")


async def token_rows(app: FastAPI) -> list[PersonTokenRow]:
    async with app.state.session_factory() as session:
        return list((await session.execute(select(PersonTokenRow))).scalars())


def keyed(secret_key: bytes, value: str) -> str:
    return hmac.new(secret_key, value.encode(), hashlib.sha256).hexdigest()


def plain(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


async def insert_legacy_token(app: FastAPI, person_id: str, token: str) -> str:
    """A token row as versions before keyed hashing stored it (plain SHA-256)."""
    token_id = str(uuid.uuid4())
    now = datetime.now(UTC)
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO person_tokens (id, created_at, updated_at, person_id, name, prefix,"
                " token_hash, hash_scheme) VALUES (:id, :now, :now, :person, 'old', :prefix,"
                " :hash, 'sha256')"
            ),
            {
                "id": token_id,
                "now": now.replace(tzinfo=None)
                if app.state.engine.dialect.name == "sqlite"
                else now,
                "person": person_id,
                "prefix": legacy_token_prefix(token),
                "hash": plain(token),
            },
        )
    return token_id


class TestKeyedStorage:
    async def test_tokens_and_the_bootstrap_token_are_stored_as_keyed_hashes(
        self, app: FastAPI, admin: Actor, make_actor: MakeActor
    ) -> None:
        member = await make_actor()

        rows = {row.person_id: row for row in await token_rows(app)}

        for actor in (admin, member):
            row = rows[actor.id]
            assert row.hash_scheme == "hmac-sha256"
            assert row.token_hash == keyed(app.state.secret_key, actor.token)
            assert row.token_hash != plain(actor.token)

    async def test_a_bootstrap_token_of_another_shape_gets_a_keyed_prefix(
        self, app: FastAPI, database: Database
    ) -> None:
        await _empty_all_tables(app, database.backend)
        weak = "correct horse battery staple"
        created = await bootstrap(
            app.state.session_factory, token=weak, secret_key=app.state.secret_key
        )
        assert created is not None

        (row,) = await token_rows(app)
        works = await get_as(app, "10.9.0.1", weak)

        assert row.prefix == token_prefix(weak, app.state.secret_key)
        assert row.prefix != "h" + plain(weak)[:20]
        assert row.prefix[1:] not in row.token_hash
        assert row.token_hash == keyed(app.state.secret_key, weak)
        assert works.status_code == 200, works.text

    @pytest.mark.parametrize("token", ["okr_pat_legacy1_" + "x" * 40, "an old bootstrap secret"])
    async def test_a_token_stored_before_is_accepted_and_stored_keyed(
        self, app: FastAPI, admin: Actor, token: str
    ) -> None:
        token_id = await insert_legacy_token(app, admin.id, token)
        wrong = token[:-3] + "abc"

        guessed = await get_as(app, "10.9.0.2", wrong)
        first = await get_as(app, "10.9.0.2", token)
        second = await get_as(app, "10.9.0.2", token)

        assert_problem(guessed, 401, "auth.unauthenticated")
        assert first.status_code == 200, first.text
        assert second.status_code == 200, second.text
        row = next(r for r in await token_rows(app) if r.id == token_id)
        assert row.hash_scheme == "hmac-sha256"
        assert row.token_hash == keyed(app.state.secret_key, token)
        assert row.prefix == token_prefix(token, app.state.secret_key)
        assert plain(token) not in {r.token_hash for r in await token_rows(app)}

    async def test_the_configured_bootstrap_token_is_stored_keyed_on_start(
        self, app: FastAPI, admin: Actor
    ) -> None:
        token = "the bootstrap token of an older version"
        token_id = await insert_legacy_token(app, admin.id, token)

        again = await bootstrap(
            app.state.session_factory, token=token, secret_key=app.state.secret_key
        )

        assert again is None
        row = next(r for r in await token_rows(app) if r.id == token_id)
        assert (row.hash_scheme, row.token_hash) == (
            "hmac-sha256",
            keyed(app.state.secret_key, token),
        )


async def all_pages(client: httpx.AsyncClient, path: str) -> list[str]:
    """The bodies of every page of a list."""
    bodies: list[str] = []
    params: dict[str, str] = {"limit": "500"}
    while True:
        response = await client.get(path, params=params)
        assert response.status_code == 200, response.text
        bodies.append(response.text)
        body = response.json()
        cursor = body.get("next_cursor")
        if path == "/v1/events":
            if not body["items"]:
                return bodies
            params = {"limit": "500", "after": body["items"][-1]["cursor"]}
        elif cursor is None:
            return bodies
        else:
            params = {"limit": "500", "cursor": cursor}


class TestNoHashOrPrefixLeaks:
    async def test_answers_events_and_audit_entries_carry_neither(
        self, app: FastAPI, admin: Actor, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        client = admin.client
        answers = [
            await client.post(f"/v1/people/{member.id}/tokens", json={"name": "laptop"}),
            await client.get(f"/v1/people/{member.id}/tokens"),
            await client.get(f"/v1/people/{admin.id}/tokens"),
        ]
        token_id = answers[0].json()["id"]
        answers.append(await client.delete(f"/v1/people/{member.id}/tokens/{token_id}"))
        key = await client.post("/v1/api-keys", json={"name": "sync", "scopes": ["org:write"]})
        answers += [
            key,
            await client.get("/v1/api-keys"),
            await client.get(f"/v1/api-keys/{key.json()['id']}"),
            await client.delete(f"/v1/api-keys/{key.json()['id']}"),
            await client.delete(f"/v1/people/{member.id}"),
        ]
        async with with_key(app, key.json()["secret"]) as revoked:
            answers.append(await revoked.get("/v1/people"))

        feed = await all_pages(client, "/v1/events")
        trail = await all_pages(client, "/v1/audit-events")

        async with app.state.session_factory() as session:
            tokens = list((await session.execute(select(PersonTokenRow))).scalars())
            keys = list((await session.execute(select(ApiKeyRow))).scalars())
        secrets = [t.prefix for t in tokens] + [t.token_hash for t in tokens]
        secrets += [k.prefix for k in keys] + [k.secret_hash for k in keys]
        assert len(secrets) == 2 * (3 + 1)
        shown_once = (answers[0].json()["token"], key.json()["secret"])  # they embed a prefix
        answered = [a.text.replace(shown_once[0], "").replace(shown_once[1], "") for a in answers]
        for body in answered + feed + trail:
            for secret in secrets:
                assert secret not in body
        for body in answered + feed:
            assert '"prefix"' not in body and "_hash" not in body
        for body in trail:
            assert body.count('"prefix"') == body.count('"prefix":"[redacted]"')
        assert any('"token.created"' in page for page in feed)
        assert any('"api_key.revoked"' in page for page in feed)
        assert any('"[redacted]"' in page for page in trail)


FIXED_NOW = datetime.now(UTC).replace(second=30, microsecond=0)
"""The instant the limit tests count in: the middle of a minute, whenever they run."""


@pytest.fixture
async def limited(
    database: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[FastAPI]:
    """The app with at most 3 failed authentications a minute, counting at ``FIXED_NOW``."""
    monkeypatch.setattr(api.auth_limits, "utcnow", lambda: FIXED_NOW)
    application = create_app(Settings(database_url=database.url, demo=False, auth_failure_limit=3))
    yield application
    await dispose_app(application)


def assert_too_many(response: httpx.Response) -> None:
    assert_problem(response, 429, "auth.too_many_failures")
    assert response.headers["retry-after"] == "30"


class TestFailedAuthenticationLimit:
    async def test_one_address_is_refused_after_the_limit_and_others_still_work(
        self, limited: FastAPI, admin: Actor
    ) -> None:
        guesses = [await get_as(limited, "10.0.0.1", f"okr_pat_g{n}_{'x' * 40}") for n in range(3)]

        over = await get_as(limited, "10.0.0.1", "okr_pat_g9_" + "x" * 40)
        good_there = await get_as(limited, "10.0.0.1", admin.token)
        good_elsewhere = await get_as(limited, "10.0.0.2", admin.token)

        for guess in guesses:
            assert_problem(guess, 401, "auth.unauthenticated")
        assert_too_many(over)
        assert_too_many(good_there)
        assert good_elsewhere.status_code == 200, good_elsewhere.text

    async def test_guesses_at_one_prefix_from_several_addresses_are_limited(
        self, limited: FastAPI, admin: Actor, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        at_admin = admin.token.rsplit("_", 1)[0] + "_"
        guesses = [await get_as(limited, f"10.0.1.{n}", at_admin + f"wrong{n}") for n in range(3)]

        over = await get_as(limited, "10.0.1.9", at_admin + "wrong9")
        admin_elsewhere = await get_as(limited, "10.0.1.10", admin.token)
        member_elsewhere = await get_as(limited, "10.0.1.10", member.token)

        for guess in guesses:
            assert_problem(guess, 401, "auth.unauthenticated")
        assert_too_many(over)
        assert_too_many(admin_elsewhere)
        assert member_elsewhere.status_code == 200, member_elsewhere.text

    async def test_guesses_at_a_service_key_and_at_odd_shapes_are_limited(
        self, limited: FastAPI, admin: Actor
    ) -> None:
        key = await new_key(admin, "okrs:read")
        at_key = key["secret"].rsplit("_", 1)[0] + "_"
        at_key_guesses = [
            await get_as(limited, f"10.0.2.{n}", at_key + f"wrong{n}") for n in range(4)
        ]
        odd_guesses = [await get_as(limited, f"10.0.3.{n}", f"guess {n}") for n in range(4)]
        other_key = await get_as(limited, "10.0.4.1", (await new_key(admin, "okrs:read"))["secret"])

        for guesses in (at_key_guesses, odd_guesses):
            for guess in guesses[:3]:
                assert_problem(guess, 401, "auth.unauthenticated")
            assert_too_many(guesses[3])
        assert other_key.status_code == 200, other_key.text

    async def test_requests_without_credentials_are_not_counted(self, limited: FastAPI) -> None:
        answers = [await get_as(limited, "10.0.5.1", None) for _ in range(5)]

        for answer in answers:
            assert_problem(answer, 401, "auth.unauthenticated")

    async def test_zero_turns_the_limit_off(
        self, database: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(api.auth_limits, "utcnow", lambda: FIXED_NOW)
        unlimited = create_app(
            Settings(database_url=database.url, demo=False, auth_failure_limit=0)
        )
        try:
            answers = [await get_as(unlimited, "10.0.6.1", f"guess {n}") for n in range(5)]
        finally:
            await dispose_app(unlimited)

        for answer in answers:
            assert_problem(answer, 401, "auth.unauthenticated")

    async def test_a_success_runs_no_statement_more_and_counts_nothing(
        self, limited: FastAPI, database: Database, admin: Actor, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        key = await new_key(admin, "okrs:read")
        unlimited = create_app(
            Settings(database_url=database.url, demo=False, auth_failure_limit=0)
        )
        statements: dict[str, int] = {}

        def counter(name: str) -> Callable[..., None]:
            def count(*_args: Any) -> None:
                statements[name] = statements.get(name, 0) + 1

            return count

        try:
            for application in (limited, unlimited):  # connected, and the last uses are fresh
                for token in (member.token, key["secret"]):
                    assert (await get_as(application, "10.0.7.1", token)).status_code == 200
            for application, name in ((limited, "limited"), (unlimited, "unlimited")):
                for engine, suffix in (
                    (application.state.engine, ""),
                    (application.state.counter_engine, " counters"),
                ):
                    event.listen(
                        engine.sync_engine, "before_cursor_execute", counter(name + suffix)
                    )
            for application in (limited, unlimited):
                for token in (member.token, key["secret"]):
                    assert (await get_as(application, "10.0.7.1", token)).status_code == 200
        finally:
            await dispose_app(unlimited)

        assert statements["limited"] == statements["unlimited"] > 0
        assert "limited counters" not in statements


class TestDeactivationRevokesTokens:
    @pytest.mark.parametrize("how", ["patch", "delete"])
    async def test_tokens_are_revoked_for_good(
        self, client: httpx.AsyncClient, make_actor: MakeActor, how: str
    ) -> None:
        member = await make_actor()
        second = await client.post(f"/v1/people/{member.id}/tokens", json={"name": "phone"})
        assert (await member.client.get("/v1/people")).status_code == 200

        if how == "patch":
            off = await client.patch(f"/v1/people/{member.id}", json={"active": False})
            assert off.status_code == 200, off.text
        else:
            assert (await client.delete(f"/v1/people/{member.id}")).status_code == 204
        back = await client.patch(f"/v1/people/{member.id}", json={"active": True})
        listed = (await client.get(f"/v1/people/{member.id}/tokens")).json()["items"]
        events = (await client.get("/v1/events", params={"limit": 500})).json()["items"]

        assert back.status_code == 200 and back.json()["active"] is True
        assert len(listed) == 2 and all(t["revoked_at"] is not None for t in listed)
        for token in (member.token, second.json()["token"]):
            auth = {"Authorization": f"Bearer {token}"}
            refused = await member.client.get("/v1/people", headers=auth)
            assert_problem(refused, 401, "auth.unauthenticated")
        revoked = {e["entity_id"] for e in events if e["type"] == "token.revoked"}
        assert revoked == {t["id"] for t in listed}

    async def test_no_token_is_issued_to_a_deactivated_person(
        self, client: httpx.AsyncClient, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        await client.delete(f"/v1/people/{member.id}")

        response = await client.post(f"/v1/people/{member.id}/tokens", json={"name": "x"})

        assert_problem(response, 409, "token.person_inactive")


class TestExpiryAtCreation:
    @pytest.mark.parametrize("ago", [timedelta(0), timedelta(days=400)])
    async def test_a_token_or_key_born_expired_is_refused_naming_the_field(
        self, client: httpx.AsyncClient, admin: Actor, ago: timedelta
    ) -> None:
        expires_at = (datetime.now(UTC) - ago).isoformat()

        token = await client.post(
            f"/v1/people/{admin.id}/tokens", json={"name": "x", "expires_at": expires_at}
        )
        key = await client.post(
            "/v1/api-keys", json={"name": "x", "scopes": ["admin"], "expires_at": expires_at}
        )

        for response in (token, key):
            body = assert_problem(response, 409, "credential.expired")
            errors = body["errors"]
            assert [(e["code"], e["field"]) for e in errors] == [  # type: ignore[attr-defined]
                ("credential.expired", "expires_at")
            ]

    async def test_a_future_expiry_is_accepted(
        self, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        soon = (datetime.now(UTC) + timedelta(minutes=1)).isoformat()

        token = await client.post(
            f"/v1/people/{admin.id}/tokens", json={"name": "x", "expires_at": soon}
        )
        key = await client.post(
            "/v1/api-keys", json={"name": "x", "scopes": ["admin"], "expires_at": soon}
        )

        assert (token.status_code, key.status_code) == (201, 201), token.text + key.text


Barrier = Callable[[], Awaitable[None]]


def barrier_of(parties: int) -> Barrier:
    """Wait until ``parties`` callers arrived (or fail after 10 s)."""
    barrier = asyncio.Barrier(parties)

    async def wait() -> None:
        await asyncio.wait_for(barrier.wait(), timeout=10)

    return wait


def meeting_of(parties: int, *, patience: float) -> Barrier:
    """Wait until ``parties`` callers arrived, or ``patience`` seconds: a caller that cannot
    come because it waits for a lock held by one that waits here does not hang the test."""
    arrived = [0]
    everyone = asyncio.Event()

    async def wait() -> None:
        arrived[0] += 1
        if arrived[0] >= parties:
            everyone.set()
        try:
            await asyncio.wait_for(everyone.wait(), timeout=patience)
        except TimeoutError:
            pass

    return wait


class TestEmailAddresses:
    async def test_addresses_are_unique_and_found_whatever_their_case(
        self, client: httpx.AsyncClient
    ) -> None:
        ann = await client.post("/v1/people", json={"name": "Ann", "email": "Ann@Example.com"})
        bob = await client.post("/v1/people", json={"name": "Bob", "email": "bob@example.com"})

        taken = await client.patch(
            f"/v1/people/{bob.json()['id']}", json={"email": "ANN@example.COM"}
        )
        own = await client.patch(
            f"/v1/people/{ann.json()['id']}", json={"email": "ann@example.com"}
        )
        found = await client.get("/v1/people", params={"email": "ANN@EXAMPLE.COM"})

        assert_problem(taken, 409, "person.email_taken")
        assert own.status_code == 200 and own.json()["email"] == "ann@example.com"
        assert [p["id"] for p in found.json()["items"]] == [ann.json()["id"]]

    async def test_two_people_created_at_once_differing_in_case_one_is_409(
        self, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert (await client.get("/v1/people")).status_code == 200  # the token's last use is fresh
        both_checked = barrier_of(2)
        find = PersonRepository.find_by_email

        async def checked_together(self: PersonRepository, email: str) -> PersonRow | None:
            found = await find(self, email)
            await both_checked()  # both requests have seen no such address before they insert
            return found

        monkeypatch.setattr(PersonRepository, "find_by_email", checked_together)

        answers = await asyncio.gather(
            client.post("/v1/people", json={"name": "Race", "email": "Race@example.com"}),
            client.post("/v1/people", json={"name": "Race", "email": "race@EXAMPLE.com"}),
        )

        assert sorted(a.status_code for a in answers) == [201, 409], [a.text for a in answers]
        assert_problem(next(a for a in answers if a.status_code == 409), 409, "person.email_taken")
        listed = await client.get("/v1/people", params={"email": "race@example.com"})
        assert len(listed.json()["items"]) == 1


class TestLastAdmin:
    async def _two_admins(self, admin: Actor, make_actor: MakeActor) -> Actor:
        other = await make_actor(role="admin")
        for actor in (admin, other):  # the tokens' last use is fresh: no write before the race
            assert (await actor.client.get("/v1/people")).status_code == 200
        return other

    def _loaded_together(self, monkeypatch: pytest.MonkeyPatch) -> None:
        both_loaded = barrier_of(2)
        both_written = meeting_of(2, patience=0.5)
        get = PersonRepository.get
        count = PersonRepository.active_admin_ids

        async def loaded_together(self: PersonRepository, id: str, **kwargs: Any) -> PersonRow:
            row = await get(self, id, **kwargs)
            await both_loaded()  # both requests have read their target before either writes
            return row

        async def counted_together(self: PersonRepository) -> list[str]:
            # Unless the lock keeps the other request waiting, both count before either commits.
            await both_written()
            return await count(self)

        monkeypatch.setattr(PersonRepository, "get", loaded_together)
        monkeypatch.setattr(PersonRepository, "active_admin_ids", counted_together)

    async def _active_admins(self, client: httpx.AsyncClient) -> list[str]:
        listed = await client.get("/v1/people", params={"role": "admin", "active": "true"})
        return [p["id"] for p in listed.json()["items"]]

    async def test_two_admins_demoting_each_other_at_once_leave_one(
        self, admin: Actor, make_actor: MakeActor, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        other = await self._two_admins(admin, make_actor)
        self._loaded_together(monkeypatch)

        answers = await asyncio.gather(
            admin.client.patch(f"/v1/people/{other.id}", json={"role": "member"}),
            other.client.patch(f"/v1/people/{admin.id}", json={"role": "member"}),
        )

        assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
        refused = next(a for a in answers if a.status_code == 409)
        assert assert_problem(refused, 409, "person.last_admin")["errors"][0]["field"] == "role"  # type: ignore[index]
        monkeypatch.undo()
        assert len(await self._active_admins(admin.client)) == 1

    async def test_two_admins_deactivating_each_other_at_once_leave_one(
        self, admin: Actor, make_actor: MakeActor, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        other = await self._two_admins(admin, make_actor)
        self._loaded_together(monkeypatch)

        answers = await asyncio.gather(
            admin.client.delete(f"/v1/people/{other.id}"),
            other.client.delete(f"/v1/people/{admin.id}"),
        )

        assert sorted(a.status_code for a in answers) == [204, 409], [a.text for a in answers]
        monkeypatch.undo()
        survivor = admin if answers[0].status_code == 204 else other
        assert await self._active_admins(survivor.client) == [survivor.id]

    async def test_a_deactivated_admin_does_not_count(
        self, client: httpx.AsyncClient, admin: Actor, make_actor: MakeActor
    ) -> None:
        other = await make_actor(role="admin")
        assert (await client.delete(f"/v1/people/{other.id}")).status_code == 204

        demote = await client.patch(f"/v1/people/{admin.id}", json={"role": "member"})

        assert_problem(demote, 409, "person.last_admin")


class TestOrgWriteKeys:
    @pytest.fixture
    async def hris(self, app: FastAPI, admin: Actor) -> AsyncIterator[httpx.AsyncClient]:
        key = await new_key(admin, "org:write")
        async with with_key(app, key["secret"]) as client:
            yield client

    async def _person(self, client: httpx.AsyncClient, role: str = "member") -> dict[str, Any]:
        body = {"name": "P", "email": f"p-{uuid.uuid4().hex[:8]}@example.com", "role": role}
        response = await client.post("/v1/people", json=body)
        assert response.status_code == 201, response.text
        person: dict[str, Any] = response.json()
        return person

    def _refused(self, response: httpx.Response, *fields: str) -> None:
        body = assert_problem(response, 403, "permission.admin_required")
        assert [e["field"] for e in body["errors"]] == list(fields)  # type: ignore[attr-defined]
        assert all(e["code"] == "permission.admin_required" for e in body["errors"])  # type: ignore[attr-defined]

    async def test_never_grants_the_admin_role(
        self, client: httpx.AsyncClient, hris: httpx.AsyncClient
    ) -> None:
        member = await self._person(hris)

        create = await hris.post(
            "/v1/people", json={"name": "Boss", "email": "boss@example.com", "role": "admin"}
        )
        promote = await hris.patch(f"/v1/people/{member['id']}", json={"role": "admin"})
        after = (await client.get(f"/v1/people/{member['id']}")).json()

        self._refused(create, "role")
        self._refused(promote, "role")
        assert after["role"] == "member"
        assert (await client.get("/v1/people", params={"email": "boss@example.com"})).json()[
            "items"
        ] == []

    async def test_never_removes_the_role_nor_changes_an_admins_identity(
        self, client: httpx.AsyncClient, admin: Actor, hris: httpx.AsyncClient
    ) -> None:
        other = await self._person(client, role="admin")
        path = f"/v1/people/{other['id']}"

        refused = {
            "role": await hris.patch(path, json={"role": "member"}),
            "email": await hris.patch(path, json={"email": "admin@evil.example"}),
            "external_id": await hris.patch(path, json={"external_id": "hr-666"}),
            "active": await hris.patch(path, json={"active": False}),
            "delete": await hris.delete(path),
            "several": await hris.patch(
                path, json={"email": "x@evil.example", "external_id": "x", "name": "X"}
            ),
        }
        after = (await client.get(path)).json()

        for name in ("role", "email", "external_id", "active"):
            self._refused(refused[name], name)
        self._refused(refused["delete"], "active")
        self._refused(refused["several"], "email", "external_id")
        assert {k: after[k] for k in other if k != "updated_at"} == {
            k: other[k] for k in other if k != "updated_at"
        }
        self._refused(await hris.delete(f"/v1/people/{admin.id}"), "active")

    async def test_never_reactivates_an_admin(
        self, client: httpx.AsyncClient, hris: httpx.AsyncClient
    ) -> None:
        other = await self._person(client, role="admin")
        assert (await client.delete(f"/v1/people/{other['id']}")).status_code == 204

        response = await hris.patch(f"/v1/people/{other['id']}", json={"active": True})

        self._refused(response, "active")

    async def test_may_change_the_rest_of_an_admin_and_everything_of_members(
        self, client: httpx.AsyncClient, hris: httpx.AsyncClient
    ) -> None:
        other = await self._person(client, role="admin")
        member = await self._person(hris)
        unit = await hris.post("/v1/org-units", json={"name": "Root"})

        renamed = await hris.patch(
            f"/v1/people/{other['id']}",
            json={"name": "Renamed", "unit_id": unit.json()["id"], "email": other["email"]},
        )
        changed = await hris.patch(
            f"/v1/people/{member['id']}",
            json={"email": "moved@example.com", "external_id": "hr-7", "role": "member"},
        )
        off = await hris.patch(f"/v1/people/{member['id']}", json={"active": False})
        on = await hris.patch(f"/v1/people/{member['id']}", json={"active": True})
        gone = await hris.delete(f"/v1/people/{member['id']}")

        assert renamed.status_code == 200, renamed.text
        assert renamed.json()["name"] == "Renamed" and renamed.json()["role"] == "admin"
        assert changed.status_code == 200, changed.text
        assert (off.status_code, on.status_code, gone.status_code) == (200, 200, 204)

    async def test_an_admin_scope_key_may_do_it_all(
        self, app: FastAPI, client: httpx.AsyncClient, admin: Actor
    ) -> None:
        key = await new_key(admin, "admin")
        other = await self._person(client, role="admin")

        async with with_key(app, key["secret"]) as root:
            created = await root.post(
                "/v1/people", json={"name": "A", "email": "a@example.com", "role": "admin"}
            )
            changed = await root.patch(
                f"/v1/people/{other['id']}",
                json={"email": "new@example.com", "external_id": "hr-1", "role": "member"},
            )
            gone = await root.delete(f"/v1/people/{created.json()['id']}")

        assert created.status_code == 201, created.text
        assert changed.status_code == 200, changed.text
        assert gone.status_code == 204, gone.text


async def test_person_rows_keep_the_key_of_their_address(app: FastAPI, admin: Actor) -> None:
    async with app.state.session_factory() as session:
        row = (
            await session.execute(select(PersonRow).where(col(PersonRow.id) == admin.id))
        ).scalar_one()

    assert row.email_key == row.email.lower()
