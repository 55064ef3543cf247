"""Service API keys, the central scope gate (a permission matrix over app.routes), the audit
trail, request ids, CORS and the check-in rate limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from api.access import enforce_rate_limit
from api.app import create_app, dispose_app
from api.auth import Principal, hash_api_key
from api.errors import ApiError
from api.settings import Settings
from domain.access import required_scopes
from domain.model import Role
from persistence.tables import ApiKeyRow
from tests.conftest import Actor, Database
from tests.support.builders import make_cycle
from tests.support.keys import WRITE_METHODS, concrete, new_key, operations, with_key
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective


class TestApiKeys:
    async def test_secret_is_shown_once_and_stored_as_a_keyed_hash(
        self, app: FastAPI, admin: Actor
    ) -> None:
        created = await new_key(admin, "okrs:read")

        listed = (await admin.client.get("/v1/api-keys")).json()["items"]
        one = (await admin.client.get(f"/v1/api-keys/{created['id']}")).json()

        assert created["secret"].startswith("okr_key_")
        assert all("secret" not in item for item in listed) and "secret" not in one
        assert created["secret"] not in str(listed) + str(one)
        async with app.state.session_factory() as session:
            row = await session.get(ApiKeyRow, created["id"])
            assert row is not None
            assert row.secret_hash == hash_api_key(created["secret"], app.state.secret_key)
            assert created["secret"] not in row.secret_hash

    async def test_key_authenticates_and_records_last_use(self, app: FastAPI, admin: Actor) -> None:
        created = await new_key(admin, "okrs:read")
        assert created["last_used_at"] is None

        async with with_key(app, created["secret"]) as client:
            read = await client.get("/v1/cycles")

        assert read.status_code == 200, read.text
        after = (await admin.client.get(f"/v1/api-keys/{created['id']}")).json()
        assert after["last_used_at"] is not None

    async def test_revoked_expired_and_forged_keys_are_401(
        self, app: FastAPI, admin: Actor
    ) -> None:
        revoked = await new_key(admin, "okrs:read")
        expiring = await new_key(
            admin,
            "okrs:read",
            expires_at=(datetime.now(UTC) + timedelta(seconds=1)).isoformat(),
        )
        assert (await admin.client.delete(f"/v1/api-keys/{revoked['id']}")).status_code == 204
        forged = revoked["secret"][:-4] + "abcd"

        answers = []
        for secret in (revoked["secret"], forged, "okr_key_nothing_here"):
            async with with_key(app, secret) as client:
                answers.append(await client.get("/v1/cycles"))
        async with app.state.engine.begin() as conn:
            await conn.execute(
                text("UPDATE api_keys SET expires_at = :t WHERE id = :id"),
                {"t": datetime.now(UTC) - timedelta(minutes=1), "id": expiring["id"]},
            )
        async with with_key(app, expiring["secret"]) as client:
            answers.append(await client.get("/v1/cycles"))

        for response in answers:
            assert_problem(response, 401, "auth.unauthenticated")

    async def test_a_metrics_key_does_nothing_but_push(self, app: FastAPI, admin: Actor) -> None:
        created = await new_key(admin, "metrics:write")

        async with with_key(app, created["secret"]) as client:
            read = await client.get("/v1/cycles")
            write = await client.post("/v1/objectives", json={})

        body = assert_problem(read, 403, "permission.scope_required")
        assert "okrs:read" in str(body["detail"])
        assert "okrs:write" in str(
            assert_problem(write, 403, "permission.scope_required")["detail"]
        )

    async def test_unknown_key_results_in_a_restriction_are_refused_together(
        self, admin: Actor
    ) -> None:
        response = await admin.client.post(
            "/v1/api-keys",
            json={"name": "x", "scopes": ["metrics:write"], "key_result_ids": ["a", "b"]},
        )

        body = assert_problem(response, 409, "api_key.invalid")
        errors = body["errors"]
        assert isinstance(errors, list)
        assert [e["field"] for e in errors] == ["key_result_ids", "key_result_ids"]

    async def test_members_may_not_manage_keys(self, make_actor: Any) -> None:
        member = await make_actor()

        response = await member.client.post("/v1/api-keys", json={"name": "x", "scopes": ["admin"]})

        assert_problem(response, 403, "permission.admin_required")


class TestMayPush:
    def test_restriction_to_key_results_or_metric_keys(self) -> None:
        free = Principal("k0", Role.MEMBER, kind="service", scopes=frozenset({"metrics:write"}))
        by_kr = Principal("k1", Role.MEMBER, kind="service", key_result_ids=frozenset({"kr-1"}))
        by_metric = Principal("k2", Role.MEMBER, kind="service", metric_keys=frozenset({"m.a"}))

        assert free.may_push("kr-9", None)
        assert by_kr.may_push("kr-1", None) and not by_kr.may_push("kr-2", "m.a")
        assert by_metric.may_push("kr-2", "m.a") and not by_metric.may_push("kr-2", "m.b")
        assert not by_metric.may_push("kr-2", None)


class TestPermissionMatrix:
    async def test_every_v1_operation_needs_credentials(
        self, app: FastAPI, anonymous: httpx.AsyncClient
    ) -> None:
        ops = operations(app)
        assert len([op for op in ops if op[0] in WRITE_METHODS]) >= 10

        for method, path in ops:
            response = await anonymous.request(method, concrete(path), json={})
            assert_problem(response, 401, "auth.unauthenticated")

    async def test_a_key_without_the_scope_is_403_naming_it(
        self, app: FastAPI, admin: Actor
    ) -> None:
        reader = await new_key(admin, "okrs:read")
        pusher = await new_key(admin, "metrics:write")
        checked = 0

        async with (
            with_key(app, reader["secret"]) as reads,
            with_key(app, pusher["secret"]) as pushes,
        ):
            for method, path in operations(app):
                rule = required_scopes(method, path)
                client = pushes if method not in WRITE_METHODS else reads
                if set(rule.scopes) & ({"metrics:write"} if client is pushes else {"okrs:read"}):
                    continue
                response = await client.request(method, concrete(path), json={})
                body = assert_problem(response, 403, "permission.scope_required")
                assert rule.label in str(body["detail"]), (method, path)
                checked += 1

        assert checked >= 10

    def test_scope_map(self) -> None:
        assert required_scopes("GET", "/v1/objectives/{objective_id}").scopes == ("okrs:read",)
        assert required_scopes("PATCH", "/v1/key-results/{kr_id}").scopes == ("okrs:write",)
        assert required_scopes("POST", "/v1/check-ins/batch").scopes == (
            "metrics:write",
            "okrs:write",
        )
        assert required_scopes("POST", "/v1/key-results/{id}/check-ins").rate_limited
        assert required_scopes("POST", "/v1/people").scopes == ("org:write",)
        assert required_scopes("GET", "/v1/audit-events").scopes == ("admin",)
        assert required_scopes("POST", "/v1/people/{id}/tokens").scopes == ("admin",)
        assert required_scopes("PATCH", "/v1/policy").scopes == ("admin",)


class TestScopesAct:
    async def test_org_write_key_may_add_people_but_not_cycles(
        self, app: FastAPI, admin: Actor
    ) -> None:
        created = await new_key(admin, "org:write")

        async with with_key(app, created["secret"]) as client:
            person = await client.post(
                "/v1/people", json={"name": "Hris", "email": "hris@example.com"}
            )
            cycle = await client.post("/v1/cycles", json={})

        assert person.status_code == 201, person.text
        assert_problem(cycle, 403, "permission.scope_required")


class TestAuditTrail:
    async def test_writes_are_recorded_with_principal_fields_and_request_id(
        self, app: FastAPI, admin: Actor
    ) -> None:
        created = await admin.client.post(
            "/v1/people",
            json={"name": "Ann", "email": "ann@example.com"},
            headers={"X-Request-ID": "req-42"},
        )
        person_id = created.json()["id"]
        changed = await admin.client.patch(f"/v1/people/{person_id}", json={"name": "Anne"})

        trail = await admin.client.get(
            "/v1/audit-events", params={"entity": "person", "entity_id": person_id}
        )

        assert created.headers["x-request-id"] == "req-42"
        assert changed.headers["x-request-id"]
        items = trail.json()["items"]
        assert [i["action"] for i in items] == ["create", "update"]
        assert items[0]["principal_id"] == admin.id
        assert items[0]["principal_kind"] == "person"
        assert items[0]["request_id"] == "req-42"
        assert items[0]["after"]["email"] == "ann@example.com"
        assert items[1]["before"] == {"name": "Ann"} and items[1]["after"] == {"name": "Anne"}

    async def test_versioned_updates_and_service_writes_are_recorded(
        self, app: FastAPI, admin: Actor
    ) -> None:
        cycle = await admin.client.post(
            "/v1/cycles",
            json={
                "name": "Y",
                "kind": "annual",
                "starts_on": "2026-01-01",
                "ends_on": "2026-12-31",
            },
        )
        cycle_id = cycle.json()["id"]
        await admin.client.patch(f"/v1/cycles/{cycle_id}", json={"name": "Year"})
        key = await new_key(admin, "admin")
        async with with_key(app, key["secret"]) as client:
            await client.patch(f"/v1/cycles/{cycle_id}", json={"name": "Year 2026"})

        items = (await admin.client.get("/v1/audit-events", params={"entity_id": cycle_id})).json()[
            "items"
        ]

        updates = [i for i in items if i["action"] == "update"]
        assert updates[0]["before"]["name"] == "Y" and updates[0]["after"]["name"] == "Year"
        assert updates[0]["after"]["version"] == 2
        assert updates[1]["principal_kind"] == "service"
        assert updates[1]["principal_id"] == key["id"]

    async def test_a_check_in_batch_records_each_kr_change_once(
        self, app: FastAPI, admin: Actor
    ) -> None:
        cycle_id = (await make_cycle(admin.client, state="active"))["id"]
        halves = [KR(weight="50"), KR(weight="50")]
        okr = await seed_objective(app, cycle_id=cycle_id, owner_id=admin.id, key_results=halves)
        first, second = okr.key_result_ids
        items = [
            {"key_result_id": first, "value": 30, "observed_at": "2026-01-05T10:00:00Z"},
            {"key_result_id": first, "value": 40, "observed_at": "2026-01-06T10:00:00Z"},
        ]

        pushed = await admin.client.post(
            "/v1/check-ins/batch", json={"items": items}, headers={"X-Request-ID": "push-1"}
        )
        trail = (await admin.client.get("/v1/audit-events", params={"entity_id": first})).json()[
            "items"
        ]
        untouched = (
            await admin.client.get("/v1/audit-events", params={"entity_id": second})
        ).json()["items"]

        assert pushed.json()["created"] == 2
        updates = [i for i in trail if i["request_id"] == "push-1"]
        assert len(updates) == 1
        assert updates[0]["action"] == "update"
        after, before = updates[0]["after"], updates[0]["before"]
        assert Decimal(after["current_value"]) == 40 and Decimal(after["score"]) == Decimal("0.4")
        assert Decimal(before["score"]) == 0
        assert "last_check_in_at" in updates[0]["after"]
        assert not [i for i in untouched if i["request_id"] == "push-1"]

    async def test_secrets_never_reach_the_trail(self, admin: Actor) -> None:
        key = await new_key(admin, "okrs:read")

        items = (await admin.client.get("/v1/audit-events", params={"entity": "api_key"})).json()[
            "items"
        ]

        assert items[0]["after"]["secret_hash"] == "[redacted]"
        assert key["secret"] not in str(items)

    async def test_trail_is_paginated_filtered_and_admin_only(
        self, admin: Actor, make_actor: Any
    ) -> None:
        member = await make_actor()
        since = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()

        first = await admin.client.get("/v1/audit-events", params={"limit": 1, "since": since})
        second = await admin.client.get(
            "/v1/audit-events", params={"limit": 1, "cursor": first.json()["next_cursor"]}
        )
        refused = await member.client.get("/v1/audit-events")

        assert first.json()["items"][0]["id"] < second.json()["items"][0]["id"]
        assert_problem(refused, 403, "permission.admin_required")


class TestHardening:
    async def test_check_in_pushes_are_rate_limited_per_principal(
        self, app: FastAPI, admin: Actor
    ) -> None:
        pusher = Principal("key-1", Role.MEMBER, kind="service")
        other = Principal("key-2", Role.MEMBER, kind="service")
        engine = app.state.engine

        await enforce_rate_limit(engine, pusher, limit=2)
        await enforce_rate_limit(engine, pusher, limit=2)
        with pytest.raises(ApiError) as refused:
            await enforce_rate_limit(engine, pusher, limit=2)
        await enforce_rate_limit(engine, other, limit=2)

        assert refused.value.status == 429 and refused.value.code == "rate_limit.exceeded"
        assert 1 <= int(refused.value.headers["Retry-After"]) <= 60

    async def test_only_rate_counters_commit_without_waiting_for_the_disk(
        self, app: FastAPI, database: Database
    ) -> None:
        async def setting(engine: Any, postgres: str, sqlite: str) -> str:
            async with engine.connect() as conn:
                query = postgres if database.backend == "postgres" else sqlite
                return str((await conn.execute(text(query))).scalar_one())

        show = "SHOW synchronous_commit"
        # SQLite: both engines get the same pragmas (WAL); the setting is PostgreSQL's.
        wal = "PRAGMA journal_mode"
        main = await setting(app.state.engine, show, wal)
        counters = await setting(app.state.counter_engine, show, wal)

        if database.backend == "postgres":
            assert (main, counters) == ("on", "off")
        else:
            assert (main, counters) == ("wal", "wal")

    async def test_the_gate_rate_limits_check_in_routes_only(
        self, database: Database, admin: Actor
    ) -> None:
        limited = create_app(Settings(database_url=database.url, demo=False, checkin_rate_limit=1))
        try:
            async with with_key(limited, admin.token) as client:
                reads = [await client.get("/v1/cycles") for _ in range(3)]
        finally:
            await dispose_app(limited)

        assert [r.status_code for r in reads] == [200, 200, 200]

    async def test_cors_is_off_by_default_and_configurable(
        self, database: Database, client: httpx.AsyncClient
    ) -> None:
        default = await client.get("/healthz", headers={"Origin": "https://app.example.com"})
        allowed = create_app(
            Settings(database_url=database.url, demo=False, cors_origins=["https://app.example"])
        )
        try:
            async with with_key(allowed, "x") as other:
                answer = await other.get("/healthz", headers={"Origin": "https://app.example"})
        finally:
            await dispose_app(allowed)

        assert "access-control-allow-origin" not in default.headers
        assert answer.headers["access-control-allow-origin"] == "https://app.example"
