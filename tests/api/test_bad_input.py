"""A corpus of bad input thrown at every write endpoint the app publishes.

The endpoints and their body schemas come from the app itself (its OpenAPI document, built from
its routes), so endpoints added later are covered without touching this file. Every answer must
be a 4xx ``application/problem+json`` document, a field-level mistake must be named in ``errors``,
and no table may gain or lose a row. Text that looks like SQL or script is stored and returned
verbatim.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlmodel import SQLModel

from api.app import create_app
from api.settings import Settings

SPEC_ONLY_URL = f"sqlite+aiosqlite:///{tempfile.gettempdir()}/okr-spec-only.db"
"""Never connected to: the app is built only to read its OpenAPI document."""
SPEC = create_app(Settings(database_url=SPEC_ONLY_URL, demo=False)).openapi()
WRITE_METHODS = ("post", "put", "patch", "delete")
MISSING_ID = str(uuid.uuid4())


def _write_operations() -> list[tuple[str, str, dict[str, Any] | None]]:
    """(method, path, body schema or None) of every write operation."""
    found = []
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method not in WRITE_METHODS:
                continue
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            found.append((method.upper(), path, _resolve(schema) if schema else None))
    return found


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _non_null(schema: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of a nullable field."""
    for branch in schema.get("anyOf", []):
        if branch.get("type") != "null":
            return _resolve(branch)
    return _resolve(schema)


def _bad_values(name: str, schema: dict[str, Any]) -> list[Any]:
    """Values of the wrong type, out of range or malformed for one field."""
    field = _non_null(schema)
    kind = field.get("type")
    values: list[Any] = [{"$gt": ""}] if kind == "array" else [{"$gt": ""}, ["x"]]
    if "enum" in field:
        return [*values, "no_such_value", "", 1]
    if kind == "number":
        values += ["1", True, 10**16, 1.0000001, -(10**16)]
        if field.get("exclusiveMinimum", field.get("minimum", -1)) >= 0:
            values.append(-5)  # negative weights, scores, shares
    elif kind == "integer":
        values += [1.5, "3", True, 10**30]
    elif kind == "boolean":
        values += ["true", 1]
    elif kind == "array":
        values += ["not a list", 1]
    elif kind == "string" and field.get("format") == "date":
        values += [0, "0", "2026-02-30", "99999-01-01", "2026-1-5", "2026-01-01T00:00:00Z"]
    elif kind == "string" and field.get("format") == "date-time":
        values += [0, "0", "2026-02-30T00:00:00Z", "99999-01-01T00:00:00Z", "2026-01-01T10:00:00"]
    elif kind == "string":
        values += [12345, True]  # ids and text of the wrong type
        if "maxLength" in field:
            values.append("x" * (field["maxLength"] + 1))
    return values


def _path(template: str) -> str:
    """The path with every parameter set to an id that does not exist."""
    parts = template.split("/")
    return "/".join(MISSING_ID if p.startswith("{") else p for p in parts)


OPERATIONS = _write_operations()
KEYED = {
    (method.upper(), path)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
}
"""Operations that take an ``Idempotency-Key``."""
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]


PER_ITEM = {("POST", "/v1/check-ins/batch")}
"""Bodies whose list items are checked one by one (api.md: valid items are stored even when others
are refused), so a malformed item is answered in the 200 result, not with 422."""

ACCOUNTING = {"rate_counters"}
"""Counts attempts by design (a refused push still uses up the caller's rate)."""


async def _row_counts(app: FastAPI) -> dict[str, int]:
    counts = {}
    async with app.state.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in ACCOUNTING:
                continue
            counts[table.name] = (
                await conn.execute(select(func.count()).select_from(table))
            ).scalar_one()
    return counts


def _assert_refused(response: httpx.Response, what: str) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, (
        f"{what}: {response.status_code} {response.text[:300]}"
    )
    assert response.headers["content-type"].startswith("application/problem+json"), what
    problem: dict[str, Any] = response.json()
    assert problem["status"] == response.status_code, what
    assert {"type", "title", "detail", "code", "errors"} <= problem.keys(), what
    return problem


@pytest.mark.parametrize(("method", "path", "schema"), OPERATIONS, ids=IDS)
async def test_bad_input_is_refused_whole_and_writes_nothing(
    app: FastAPI, client: httpx.AsyncClient, method: str, path: str, schema: dict[str, Any] | None
) -> None:
    url = _path(path)
    json_headers = {"content-type": "application/json"}
    before = await _row_counts(app)

    over_limit = await client.request(method, url, content=b"[" + b" " * (1024 * 1024) + b"]")
    _assert_refused(over_limit, "body over 1 MiB")
    assert over_limit.status_code == 413

    raw_bodies = {
        "deeply nested": b"[" * 100_000 + b"]" * 100_000,
        "invalid UTF-8": b'{"name": "\xff\xfe\xfd"}',
        "NaN": b'{"value": NaN}',
        "Infinity": b'{"value": -Infinity}',
        "truncated": b'{"name": ',
        "huge exponent": b'{"value": 1e999999999}',
        "NUL in a string": b'{"name": "a\\u0000b", "title": "a\\u0000b"}',
    }
    for what, raw in raw_bodies.items():
        _assert_refused(await client.request(method, url, content=raw, headers=json_headers), what)
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/xml"):
        response = await client.request(
            method, url, content=b'{"name": "x"}', headers={"content-type": content_type}
        )
        _assert_refused(response, content_type)
        if schema is not None:
            assert response.status_code == 415, content_type
    if (method, path) in KEYED:
        long_key = {"Idempotency-Key": "k" * 201}
        response = await client.request(method, url, json={}, headers=long_key)
        assert _assert_refused(response, "Idempotency-Key too long")["status"] == 422

    if schema is not None:
        if schema.get("type") == "object":
            _assert_refused(await client.request(method, url, json=[]), "array for an object")
            extra = await client.request(method, url, json={"no_such_field": 1})
            assert "no_such_field" in _fields(_assert_refused(extra, "unknown field"))
        for name, field in schema.get("properties", {}).items():
            if (method, path) in PER_ITEM and _non_null(field).get("type") == "array":
                continue
            for value in _bad_values(name, field):
                what = f"{name}={json.dumps(value)[:40]}"
                response = await client.request(method, url, json={name: value})
                problem = _assert_refused(response, what)
                assert response.status_code == 422, f"{what}: {response.text[:300]}"
                assert name in _fields(problem), f"{what}: {problem['errors']}"

    assert await _row_counts(app) == before


def _fields(problem: dict[str, Any]) -> set[str]:
    return {str(e.get("field") or "").split(".")[0] for e in problem["errors"]}


FRAGMENTS = [
    "Robert'); DROP TABLE people;--",
    "' OR '1'='1",
    '<script>alert("x")</script>',
    '"; SELECT pg_sleep(5); --',
    "{{7*7}} ${7*7} %s %n",
    "名前 😀 \u200b",
]


async def test_sql_and_script_fragments_are_stored_and_returned_as_text(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    before = await _row_counts(app)
    root = await client.post("/v1/org-units", json={"name": "Root"})
    assert root.status_code == 201, root.text
    for n, text in enumerate(FRAGMENTS):
        unit = await client.post(
            "/v1/org-units", json={"name": text, "parent_id": root.json()["id"]}
        )
        assert unit.status_code == 201, unit.text
        person = await client.post(
            "/v1/people", json={"name": text, "email": f"p{n}@example.com", "external_id": text}
        )
        assert person.status_code == 201, person.text
        cycle = await client.post(
            "/v1/cycles",
            json={
                "name": text,
                "kind": "quarterly",
                "starts_on": "2026-01-01",
                "ends_on": "2026-03-31",
            },
        )
        assert cycle.status_code == 201, cycle.text

        for url, created in (
            (f"/v1/org-units/{unit.json()['id']}", unit),
            (f"/v1/people/{person.json()['id']}", person),
            (f"/v1/cycles/{cycle.json()['id']}", cycle),
        ):
            assert created.json()["name"] == text
            read = await client.get(url)
            assert read.status_code == 200 and read.json()["name"] == text
        assert person.json()["external_id"] == text

    found = await client.get("/v1/people", params={"external_id": FRAGMENTS[1]})
    assert [p["name"] for p in found.json()["items"]] == [FRAGMENTS[1]]
    after = await _row_counts(app)
    assert after["people"] == before["people"] + len(FRAGMENTS)
    assert after["org_units"] == before["org_units"] + len(FRAGMENTS) + 1


async def test_ids_of_the_wrong_shape_in_paths_are_404(client: httpx.AsyncClient) -> None:
    for bad in ("1", "' OR 1=1 --", "%00", "..%2F..%2Fetc%2Fpasswd", "x" * 300):
        for template in ("/v1/cycles/{}", "/v1/people/{}", "/v1/org-units/{}"):
            response = await client.get(template.format(bad))
            _assert_refused(response, bad)
            # No id holds NUL: SQLite finds nothing, PostgreSQL cannot even compare it (422).
            assert response.status_code in ((404, 422) if bad == "%00" else (404,)), bad
