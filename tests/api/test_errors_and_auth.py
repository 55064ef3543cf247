"""Authentication, the problem+json answers and the HTTP-level refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app, dispose_app
from api.settings import Settings
from tests.conftest import Actor, Database, MakeActor
from tests.support.problems import PROBLEM, assert_problem


class TestAuthentication:
    async def test_missing_token_is_401_with_bearer_challenge(
        self, anonymous: httpx.AsyncClient
    ) -> None:
        response = await anonymous.get("/v1/cycles")

        assert_problem(response, 401, "auth.unauthenticated")
        assert response.headers["www-authenticate"].startswith("Bearer")

    async def test_unknown_and_malformed_tokens_are_401(
        self, anonymous: httpx.AsyncClient, admin: Actor
    ) -> None:
        wrong_secret = admin.token[:-4] + "xxxx"

        answers = [
            await anonymous.get("/v1/people", headers={"Authorization": f"Bearer {wrong_secret}"}),
            await anonymous.get("/v1/people", headers={"Authorization": "Bearer okr_pat_nope"}),
            await anonymous.get("/v1/people", headers={"Authorization": f"Basic {admin.token}"}),
        ]

        for response in answers:
            assert_problem(response, 401, "auth.unauthenticated")

    async def test_member_may_read_but_not_write_admin_resources(
        self, make_actor: MakeActor
    ) -> None:
        member = await make_actor()

        read = await member.client.get("/v1/cycles")
        write = await member.client.post(
            "/v1/cycles",
            json={
                "name": "Y",
                "kind": "annual",
                "starts_on": "2026-01-01",
                "ends_on": "2026-12-31",
            },
        )

        assert read.status_code == 200
        body = assert_problem(write, 403, "permission.admin_required")
        assert body["errors"] == [
            {"code": "permission.admin_required", "message": body["detail"], "field": "role"}
        ]
        assert "admin" in str(body["detail"])


class TestProblems:
    async def test_unknown_route_and_method_are_problems(self, client: httpx.AsyncClient) -> None:
        assert_problem(await client.get("/v1/nothing-here"), 404, "route.not_found")
        assert_problem(await client.put("/v1/cycles"), 405, "method.not_allowed")

    async def test_unknown_entity_is_404_with_its_code(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/v1/cycles/00000000-0000-0000-0000-000000000000")

        assert_problem(response, 404, "cycle.not_found")

    async def test_body_over_one_mebibyte_is_413(self, client: httpx.AsyncClient) -> None:
        big = b'{"name": "' + b"x" * (1024 * 1024) + b'"}'

        response = await client.post(
            "/v1/org-units", content=big, headers={"content-type": "application/json"}
        )

        assert_problem(response, 413, "request.too_large")

    async def test_chunked_body_over_the_limit_is_413_without_content_length(
        self, client: httpx.AsyncClient
    ) -> None:
        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(20):
                yield b"x" * 65536

        response = await client.post(
            "/v1/org-units", content=chunks(), headers={"content-type": "application/json"}
        )

        assert "content-length" not in response.request.headers
        assert_problem(response, 413, "request.too_large")

    async def test_non_json_body_is_415(self, client: httpx.AsyncClient) -> None:
        response = await client.post(
            "/v1/org-units", content=b"name=x", headers={"content-type": "text/plain"}
        )

        assert_problem(response, 415, "request.unsupported_media_type")

    async def test_string_for_number_and_impossible_date_are_422_per_field(
        self, client: httpx.AsyncClient
    ) -> None:
        policy = await client.patch("/v1/policy", json={"grade_good": "0.7"})
        cycle = await client.post(
            "/v1/cycles",
            json={"name": "Q", "kind": "quarterly", "starts_on": "2026-02-30", "ends_on": 20260331},
        )

        policy_body = assert_problem(policy, 422, "request.invalid")
        assert [e["field"] for e in policy_body["errors"]] == ["grade_good"]  # type: ignore[attr-defined]
        cycle_body = assert_problem(cycle, 422, "request.invalid")
        assert {e["field"] for e in cycle_body["errors"]} == {"starts_on", "ends_on"}  # type: ignore[attr-defined]

    async def test_nan_unknown_fields_and_coercible_strings_are_refused(
        self, client: httpx.AsyncClient
    ) -> None:
        nan = await client.patch(
            "/v1/policy",
            content=b'{"grade_good": NaN}',
            headers={"content-type": "application/json"},
        )
        extra = await client.post("/v1/org-units", json={"name": "Root", "colour": "red"})
        integer_as_string = await client.patch("/v1/policy", json={"stale_after_days": "7"})

        assert_problem(nan, 422, "request.invalid")
        assert_problem(extra, 422, "request.invalid")
        assert_problem(integer_as_string, 422, "request.invalid")

    async def test_unexpected_error_is_500_without_trace(self, database: Database) -> None:
        app = create_app(Settings(database_url=database.url, demo=False))

        @app.get("/boom")
        async def boom() -> None:
            raise RuntimeError("secret internals")

        async with _plain_client(app) as client:
            response = await client.get("/boom")
        await dispose_app(app)

        body = assert_problem(response, 500, "internal.error")
        assert "secret internals" not in response.text
        assert "Traceback" not in str(body)

    @pytest.mark.parametrize(
        "url",
        [
            "sqlite+aiosqlite:////nonexistent/dir/okr.db",
            "postgresql+asyncpg://postgres@127.0.0.1:1/okr",
            "postgresql+asyncpg://postgres@no-such-host.invalid/okr",
        ],
    )
    async def test_unreachable_database_is_503(self, url: str) -> None:
        app = create_app(Settings(database_url=url, demo=False))

        async with _plain_client(app) as client:
            response = await client.get("/v1/people", headers={"Authorization": "Bearer x"})
        await dispose_app(app)

        assert_problem(response, 503, "service.unavailable")
        assert response.headers["retry-after"] == "1"


def _plain_client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://test",
    )


class TestOpenAPIDeclaresProblems:
    async def test_every_v1_operation_declares_the_problem_answers(
        self, client: httpx.AsyncClient
    ) -> None:
        spec = (await client.get("/openapi.json")).json()

        for path, item in spec["paths"].items():
            if not path.startswith("/v1"):
                continue
            for method, operation in item.items():
                for status in ("401", "403", "404", "409", "412", "413", "422"):
                    content = operation["responses"][status]["content"]
                    assert list(content) == [PROBLEM], (method, path, status)

    async def test_input_constraints_are_in_the_schema(self, client: httpx.AsyncClient) -> None:
        schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]

        name = schemas["CycleCreate"]["properties"]["name"]
        grade = schemas["PolicyUpdate"]["properties"]["grade_good"]
        assert (name["minLength"], name["maxLength"]) == (1, 200)
        assert schemas["CycleCreate"]["additionalProperties"] is False
        assert (grade["type"], grade["minimum"], grade["maximum"]) == ("number", 0, 1)
