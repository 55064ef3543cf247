"""``GET /metrics``: requests by route template, check-ins by source and outcome, the scrape-time
gauges and the optional bearer token (in process; two workers: tests/e2e/test_serve_workers.py).

The counters live as long as the test process, so every test compares a scrape before with one
after what it does."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app, dispose_app
from api.settings import Settings
from tests.conftest import Actor, Database
from tests.support.builders import make_cycle
from tests.support.seed import KR, seed_objective


async def _samples(
    client: httpx.AsyncClient,
) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _value(
    samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def test_requests_are_counted_by_route_template_method_and_status(
    client: httpx.AsyncClient,
) -> None:
    unknown = str(uuid.uuid4())
    before = await _samples(client)

    assert (await client.get(f"/v1/objectives/{unknown}")).status_code == 404
    assert (await client.get("/v1/cycles")).status_code == 200
    assert (await client.get("/no/such/path")).status_code == 404
    response = await client.get("/metrics")

    after = await _samples(client)
    route = "/v1/objectives/{objective_id}"
    assert (
        _value(after, "okr_http_requests_total", route=route, method="GET", status="404")
        - _value(before, "okr_http_requests_total", route=route, method="GET", status="404")
        == 1
    )
    assert (
        _value(after, "okr_http_requests_total", route="/v1/cycles", method="GET", status="200")
        - _value(before, "okr_http_requests_total", route="/v1/cycles", method="GET", status="200")
        == 1
    )
    assert (
        _value(after, "okr_http_requests_total", route="unmatched", method="GET", status="404") > 0
    )
    assert _value(
        after, "okr_http_request_duration_seconds_count", route="/v1/cycles", method="GET"
    ) > _value(before, "okr_http_request_duration_seconds_count", route="/v1/cycles", method="GET")
    assert unknown not in response.text  # ids are never label values
    assert "okr_db_pool_connections" in response.text


async def test_check_ins_are_counted_by_source_and_outcome(
    app: FastAPI, admin: Actor, client: httpx.AsyncClient
) -> None:
    cycle = await make_cycle(client, state="active")
    seeded = await seed_objective(app, cycle_id=cycle["id"], owner_id=admin.id, key_results=[KR()])
    kr = seeded.key_result_ids[0]
    source = f"probe-{uuid.uuid4().hex[:6]}"
    before = await _samples(client)

    one = {"value": 10, "source": source, "external_id": "a"}
    assert (await client.post(f"/v1/key-results/{kr}/check-ins", json=one)).status_code == 201
    assert (await client.post(f"/v1/key-results/{kr}/check-ins", json=one)).status_code == 200
    refused = await client.post(
        f"/v1/key-results/{uuid.uuid4()}/check-ins", json={"value": 1, "source": source}
    )
    assert refused.status_code == 404
    items = [
        {"key_result_id": kr, "value": 20, "source": source, "external_id": "b"},
        {"key_result_id": kr, "value": 20, "source": source, "external_id": "a"},
        {"key_result_id": str(uuid.uuid4()), "value": 20, "source": source},
        {"key_result_id": kr, "value": 20, "source": 7},  # refused alone; no label of its own
    ]
    batch = await client.post("/v1/check-ins/batch", json={"items": items})
    assert batch.status_code == 200, batch.text

    after = await _samples(client)

    def delta(outcome: str, of: str = source) -> float:
        labels = {"source": of, "outcome": outcome}
        return _value(after, "okr_check_ins_total", **labels) - _value(
            before, "okr_check_ins_total", **labels
        )

    assert (delta("created"), delta("duplicate"), delta("refused")) == (2, 2, 2)
    assert delta("refused", "(invalid)") == 1
    assert _value(after, "okr_feed_head_position") > 0


async def test_stale_key_results_of_active_cycles(
    app: FastAPI, admin: Actor, client: httpx.AsyncClient
) -> None:
    cycle = await make_cycle(
        client, state="active", name="Long ago", starts_on="2020-01-01", ends_on="2020-03-31"
    )
    await seed_objective(app, cycle_id=cycle["id"], owner_id=admin.id, key_results=[KR(), KR()])

    samples = await _samples(client)

    assert _value(samples, "okr_stale_key_results", cycle_id=cycle["id"]) == 2


@pytest.fixture
async def guarded(database: Database, admin: Actor) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(database_url=database.url, demo=False, metrics_token="scrape-me"))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as guarded_client:
        yield guarded_client
    await dispose_app(app)


async def test_the_metrics_token_guards_the_endpoint(guarded: httpx.AsyncClient) -> None:
    missing = await guarded.get("/metrics")
    wrong = await guarded.get("/metrics", headers={"Authorization": "Bearer scrape-you"})
    right = await guarded.get("/metrics", headers={"Authorization": "Bearer scrape-me"})

    assert missing.status_code == wrong.status_code == 401
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert "scrape-me" not in missing.text + wrong.text
    assert right.status_code == 200
    assert re.search(r"^okr_http_requests_total", right.text, re.MULTILINE)
