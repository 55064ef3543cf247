"""Service keys for metric pushers, over HTTP on the real check-in routes.

A `metrics:write` key restricted to some metric keys pushes only those (the others are refused
item by item, the allowed ones stored), reads nothing else, and is rate-limited with 429 and
`Retry-After`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Actor
from tests.support.builders import key_result, make_cycle
from tests.support.problems import assert_problem
from tests.support.seed import KR, seed_objective


async def _service_client(
    app: FastAPI, admin: Actor, **key: Any
) -> AsyncIterator[httpx.AsyncClient]:
    created = await admin.client.post("/v1/api-keys", json={"name": "pusher", **key})
    assert created.status_code == 201, created.text
    secret = created.json()["secret"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://test",
        headers={"Authorization": f"Bearer {secret}"},
    ) as client:
        yield client


@pytest.fixture
async def seeded(app: FastAPI, admin: Actor) -> list[str]:
    quarter = (await make_cycle(admin.client, state="active"))["id"]
    okr = await seed_objective(
        app,
        cycle_id=quarter,
        owner_id=admin.id,
        key_results=[
            KR(weight="50", target="10", metric_key="sales.allowed"),
            KR(weight="50", target="10", metric_key="sales.other"),
        ],
    )
    return okr.key_result_ids


def _item(metric_key: str, external_id: str, value: int) -> dict[str, Any]:
    return {
        "metric_key": metric_key,
        "value": value,
        "observed_at": "2026-01-10T12:00:00Z",
        "source": "sales-db",
        "external_id": external_id,
    }


async def test_a_restricted_key_pushes_only_its_metric_keys(
    app: FastAPI, admin: Actor, seeded: list[str]
) -> None:
    allowed_kr, other_kr = seeded
    async for pusher in _service_client(
        app, admin, scopes=["metrics:write"], metric_keys=["sales.allowed"]
    ):
        batch = await pusher.post(
            "/v1/check-ins/batch",
            json={"items": [_item("sales.allowed", "a-1", 4), _item("sales.other", "o-1", 9)]},
        )
        single = await pusher.post(
            f"/v1/key-results/{other_kr}/check-ins",
            json={"value": 3, "observed_at": "2026-01-10T12:00:00Z", "source": "sales-db"},
        )
        reading = await pusher.get("/v1/objectives")

    assert batch.status_code == 200, batch.text
    outcomes = batch.json()["items"]
    assert [o["outcome"] for o in outcomes] == ["created", "refused"]
    assert outcomes[1]["error"]["code"] == "check_in.key_restricted"
    assert (batch.json()["created"], batch.json()["refused"]) == (1, 1)
    assert single.status_code == 403, single.text
    assert_problem(reading, 403, "permission.scope_required")
    assert (await key_result(admin.client, allowed_kr))["current_value"] == 4
    assert (await key_result(admin.client, other_kr))["current_value"] is None


async def test_check_in_ingestion_is_rate_limited_per_caller(
    app: FastAPI, admin: Actor, seeded: list[str]
) -> None:
    # Set and restore by hand: pytest's monkeypatch deletes attributes of Starlette's State on undo.
    configured = app.state.settings
    app.state.settings = configured.model_copy(update={"checkin_rate_limit": 2})
    try:
        async for pusher in _service_client(app, admin, scopes=["metrics:write"]):
            answers = [
                await pusher.post(
                    "/v1/check-ins/batch", json={"items": [_item("sales.allowed", f"r-{n}", n)]}
                )
                for n in range(3)
            ]
    finally:
        app.state.settings = configured

    assert [a.status_code for a in answers[:2]] == [200, 200]
    assert_problem(answers[2], 429, "rate_limit.exceeded")
    assert int(answers[2].headers["Retry-After"]) >= 1
