"""Health probes answer without credentials; readiness follows the database."""

import time

import httpx

from api.app import create_app, dispose_app
from api.settings import Settings
from tests.support.live import free_port
from tests.support.problems import assert_problem


async def test_healthz_answers_ok() -> None:
    transport = httpx.ASGITransport(app=create_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_ready_when_the_database_answers(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.get("/readyz")

    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ready"}


async def test_readyz_is_503_when_the_database_is_unreachable() -> None:
    closed = free_port()
    app = create_app(
        Settings(database_url=f"postgresql+asyncpg://postgres@127.0.0.1:{closed}/okr", demo=False)
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            started = time.monotonic()
            response = await client.get("/readyz")
            elapsed = time.monotonic() - started
            liveness = await client.get("/healthz")
    finally:
        await dispose_app(app)

    assert_problem(response, 503, "service.unavailable")
    assert response.headers["retry-after"] == "1"
    assert elapsed < 3, elapsed
    assert liveness.status_code == 200


async def test_readyz_declares_ready_and_unavailable_in_openapi() -> None:
    app = create_app(Settings(demo=False))
    try:
        responses = app.openapi()["paths"]["/readyz"]["get"]["responses"]
    finally:
        await dispose_app(app)

    assert "security" not in app.openapi()["paths"]["/readyz"]["get"]
    assert responses["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/HealthStatus"
    }
    assert list(responses["503"]["content"]) == ["application/problem+json"]
    assert responses["503"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }
