"""``OKR_LOG_FORMAT=json``: one JSON line per request and per error, through ``logging``; plain
text stays the default (no request lines of the service's own)."""

from __future__ import annotations

import io
import json
import logging
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app, dispose_app
from api.logs import REQUEST_LOGGER, JsonFormatter, logging_config
from api.settings import Settings
from tests.conftest import ADMIN_TOKEN, Actor, Database


@pytest.fixture
async def json_app(database: Database, admin: Actor) -> AsyncIterator[FastAPI]:
    app = create_app(Settings(database_url=database.url, demo=False, log_format="json"))
    yield app
    await dispose_app(app)


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://test",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    """What a JSON handler on the root logger writes (as ``okr serve`` configures it)."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield out
    root.removeHandler(handler)
    root.setLevel(level)


def _all(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [line for line in _all(stream) if line["logger"] == REQUEST_LOGGER]


async def test_one_json_line_per_request(
    json_app: FastAPI, admin: Actor, stream: io.StringIO
) -> None:
    unknown = str(uuid.uuid4())

    async with _client(json_app) as client:
        ok = await client.get("/v1/cycles")
        missing = await client.get(f"/v1/objectives/{unknown}?limit=x")
        await client.get("/v1/cycles", headers={"Authorization": ""})

    lines = _lines(stream)
    assert len(lines) == 3
    first, second, third = lines
    assert first["request_id"] == ok.headers["X-Request-ID"]
    assert first["principal_id"] == admin.id
    assert (first["method"], first["route"], first["status"]) == ("GET", "/v1/cycles", 200)
    assert first["level"] == "INFO" and isinstance(first["duration_ms"], float)
    assert str(first["time"]).endswith("+00:00")
    assert second["request_id"] == missing.headers["X-Request-ID"]
    assert second["route"] == "/v1/objectives/{objective_id}" and second["level"] == "WARNING"
    assert third["status"] == 401 and third["principal_id"] is None
    text = json.dumps(lines)
    assert unknown not in text and ADMIN_TOKEN not in text


async def test_an_error_is_one_json_line_with_its_request_id(
    json_app: FastAPI, stream: io.StringIO
) -> None:
    async def broken() -> None:
        raise RuntimeError("boom")

    json_app.add_api_route("/broken-for-the-test", broken)
    async with _client(json_app) as client:
        answer = await client.get("/broken-for-the-test")

    assert answer.status_code == 500
    errors = [line for line in _all(stream) if "exception" in line]
    assert len(errors) == 1
    assert errors[0]["level"] == "ERROR"
    assert errors[0]["request_id"] == answer.headers["X-Request-ID"]
    assert "RuntimeError: boom" in str(errors[0]["exception"])
    request_line = _lines(stream)[-1]
    assert (request_line["status"], request_line["level"]) == (500, "ERROR")


def test_the_formatter_writes_one_object_per_line() -> None:
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        record = logging.getLogger("api").makeRecord(
            "api", logging.ERROR, __file__, 1, "failed %s", ("twice",), sys.exc_info()
        )

    line = JsonFormatter().format(record)

    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "failed twice" and "ValueError" in parsed["exception"]


async def test_plain_text_is_the_default(
    app: FastAPI, client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)

    assert (await client.get("/v1/cycles")).status_code == 200

    assert not [r for r in caplog.records if r.name == REQUEST_LOGGER]
    assert logging_config("plain", "info") is None
    assert logging_config("json", "info") is not None
