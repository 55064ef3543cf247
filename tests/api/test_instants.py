"""Instants outside the supported range are a 422 wherever an instant is accepted.

The range (years 1970 to 9999, offsets of at most ±18:00, never past the year 9999 in UTC) is one
rule in ``api.schemas.common``; every body field and query parameter that takes an instant states
it as the schema's ``pattern``, and the server refuses what the pattern refuses.
"""

from __future__ import annotations

import re
import tempfile
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from api.schemas.common import INSTANT_PATTERN
from api.settings import Settings
from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle, make_unit
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective

OUT_OF_RANGE = [
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-01:00",
    "9999-12-31T00:00:00-00:01",
    "1969-12-31T23:59:59Z",
    "0001-01-01T00:00:00Z",
    "2026-01-01T00:00:00+18:01",
    "2026-01-01T00:00:00-19:00",
    "2026-01-01T00:00:00+23:59",
    "10000-01-01T00:00:00Z",
]
"""Well-formed RFC 3339 (or nearly) but outside what the service stores."""

AT_THE_EDGES = [
    "1970-01-01T00:00:00Z",
    "1970-01-01T00:00:00+18:00",
    "2026-01-01T00:00:00-18:00",
    "9999-12-31T23:59:59.999999Z",
    "9999-12-31T23:59:59+01:00",
    "9999-12-31T23:59:59-00:00",
    "9999-12-30T23:59:59-18:00",
]
"""The last values inside the range on each side: accepted."""

MISSHAPEN = ["2026-01-01 10:00:00Z", "2026-01-01T10:00:60Z", "2026-01-01T24:00:00Z"]
"""Not JSON Schema's ``date-time``: a space for the ``T``, a leap second, hour 24."""

SPEC_ONLY_URL = f"sqlite+aiosqlite:///{tempfile.gettempdir()}/okr-spec-only.db"
"""Never connected to: the app is built only to read its OpenAPI document."""


def _date_times(schema: Any, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every string schema with ``format: date-time`` under ``schema`` (references followed)."""
    if isinstance(schema, list):
        return [found for item in schema for found in _date_times(item, spec)]
    if not isinstance(schema, dict):
        return []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _date_times(spec["components"]["schemas"][name], spec)
    found = [schema] if schema.get("format") == "date-time" else []
    return found + [f for value in schema.values() for f in _date_times(value, spec)]


def _inputs(spec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The date-time schemas of every operation's parameters and request body."""
    found: dict[str, list[dict[str, Any]]] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            schemas = [p["schema"] for p in operation.get("parameters", [])]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                schemas.append(body["schema"])
            if instants := _date_times(schemas, spec):
                found[f"{method.upper()} {path}"] = instants
    return found


def test_every_instant_an_operation_accepts_states_the_range() -> None:
    spec = create_app(Settings(database_url=SPEC_ONLY_URL, demo=False)).openapi()

    inputs = _inputs(spec)

    assert {
        "POST /v1/key-results/{key_result_id}/check-ins",
        "POST /v1/check-ins/batch",
        "POST /v1/api-keys",
        "POST /v1/people/{person_id}/tokens",
        "GET /v1/audit-events",
        "GET /v1/exports/{dataset}",
    } <= inputs.keys()
    for operation, schemas in inputs.items():
        for schema in schemas:
            assert schema.get("pattern") == INSTANT_PATTERN, operation
            assert "1970" in schema.get("description", ""), operation


def test_the_pattern_refuses_exactly_what_the_server_refuses() -> None:
    pattern = re.compile(INSTANT_PATTERN)

    assert not [v for v in [*OUT_OF_RANGE, *MISSHAPEN] if pattern.search(v)]
    assert all(pattern.search(v) for v in AT_THE_EDGES)


@pytest.fixture
async def kr_id(app: FastAPI, admin: Actor, make_actor: MakeActor) -> tuple[Actor, str]:
    """A member and a numeric KR of their agreed objective in an active quarter."""
    unit = await make_unit(admin.client, "Company")
    member = await make_actor(unit_id=unit)
    quarter = (await make_cycle(admin.client, state="active"))["id"]
    okr = await seed_objective(
        app, cycle_id=quarter, owner_id=member.id, key_results=[KR(metric_key="sales.count")]
    )
    return member, okr.key_result_ids[0]


def _names_field(response: httpx.Response, field: str) -> None:
    problem = assert_problem(response, 422, "request.invalid")
    errors = problem["errors"]
    assert isinstance(errors, list)
    fields = [str(e["field"]) for e in errors]
    assert any(f == field or f.endswith("." + field) for f in fields), (field, errors)
    assert any("1970" in str(e["message"]) for e in errors), errors


class TestBodies:
    async def test_a_check_in_with_an_instant_out_of_range_is_422(
        self, kr_id: tuple[Actor, str]
    ) -> None:
        member, kr = kr_id
        for instant in OUT_OF_RANGE:
            response = await member.client.post(
                f"/v1/key-results/{kr}/check-ins", json={"value": 5, "observed_at": instant}
            )
            _names_field(response, "observed_at")

        history = await member.client.get(f"/v1/key-results/{kr}/check-ins")
        assert history.json()["items"] == []

    async def test_in_a_batch_only_the_item_out_of_range_is_refused(
        self, kr_id: tuple[Actor, str]
    ) -> None:
        member, kr = kr_id
        items: list[dict[str, Any]] = [
            {"key_result_id": kr, "value": 1, "observed_at": "2026-01-05T10:00:00Z"},
            *(
                {"metric_key": "sales.count", "value": 2, "observed_at": instant}
                for instant in OUT_OF_RANGE
            ),
            {"metric_key": "sales.count", "value": 3, "observed_at": "2026-01-06T10:00:00+02:00"},
        ]

        response = await member.client.post("/v1/check-ins/batch", json={"items": items})

        assert response.status_code == 200, response.text
        answer = response.json()
        outcomes = [r["outcome"] for r in answer["items"]]
        assert outcomes == ["created", *["refused"] * len(OUT_OF_RANGE), "created"]
        for result in answer["items"][1:-1]:
            assert result["error"]["code"] == "request.invalid"
            assert result["error"]["field"] == f"items.{result['index']}.observed_at"
            assert "1970" in result["error"]["message"]
        history = await member.client.get(f"/v1/key-results/{kr}/check-ins")
        assert sorted(p["value"] for p in history.json()["items"]) == [1, 3]

    async def test_an_api_key_or_token_expiring_out_of_range_is_422(self, admin: Actor) -> None:
        for instant in OUT_OF_RANGE:
            key = await admin.client.post(
                "/v1/api-keys",
                json={"name": "k", "scopes": ["okrs:read"], "expires_at": instant},
            )
            _names_field(key, "expires_at")
            token = await admin.client.post(
                f"/v1/people/{admin.id}/tokens", json={"name": "t", "expires_at": instant}
            )
            _names_field(token, "expires_at")

        keys = await admin.client.get("/v1/api-keys")
        assert keys.json()["items"] == []

    async def test_expiries_at_the_far_edge_are_accepted(self, admin: Actor) -> None:
        for instant in ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59+05:00"):
            key = await admin.client.post(
                "/v1/api-keys",
                json={"name": "k", "scopes": ["okrs:read"], "expires_at": instant},
            )
            assert key.status_code == 201, key.text


class TestQueryParameters:
    @pytest.mark.parametrize("dataset", ["objectives", "check-ins"])
    async def test_an_export_since_an_instant_out_of_range_is_422_not_a_cut_stream(
        self, admin: Actor, dataset: str
    ) -> None:
        for instant in OUT_OF_RANGE:
            response = await admin.client.get(
                f"/v1/exports/{dataset}", params={"updated_since": instant}
            )
            _names_field(response, "updated_since")

    async def test_an_instant_not_shaped_as_the_schema_says_is_422(self, admin: Actor) -> None:
        for instant in MISSHAPEN:
            response = await admin.client.get(
                "/v1/exports/objectives", params={"updated_since": instant}
            )
            assert_problem(response, 422, "request.invalid")

    async def test_an_export_since_the_edges_answers(self, admin: Actor) -> None:
        for instant in AT_THE_EDGES:
            response = await admin.client.get(
                "/v1/exports/objectives", params={"updated_since": instant, "format": "ndjson"}
            )
            assert response.status_code == 200, (instant, response.text)

    async def test_the_audit_trail_between_instants_out_of_range_is_422(self, admin: Actor) -> None:
        for name in ("since", "until"):
            for instant in OUT_OF_RANGE:
                response = await admin.client.get("/v1/audit-events", params={name: instant})
                _names_field(response, name)
        for instant in AT_THE_EDGES:
            response = await admin.client.get(
                "/v1/audit-events", params={"since": AT_THE_EDGES[0], "until": instant}
            )
            assert response.status_code == 200, (instant, response.text)
