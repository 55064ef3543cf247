"""The same-work baseline of the read benchmark (``bench/raw_app.py``) answers the very bytes the
service answers: one objective (body and ``ETag``) and pages of objectives with their cursor.

PostgreSQL only (the baseline runs on asyncpg): the tests take only that backend's database.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import Actor, Database, MakeActor
from tests.support.builders import add_kr, agreed_of, make_objective, make_team, post_ok

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from raw_app import RawReadApp, create_raw_app  # noqa: E402

pytestmark = pytest.mark.parametrize(
    "database", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
"""The baseline runs on asyncpg: only the PostgreSQL database (no SQLite variant to skip)."""

YEAR = {"name": "2026", "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}


@pytest.fixture
async def raw(app: FastAPI, database: Database) -> AsyncIterator[RawReadApp]:
    """The baseline on the test database, with the app's secret and failure limit."""
    assert database.backend == "postgres"
    built = create_raw_app(
        database.url,
        app.state.secret_key,
        failure_limit=app.state.settings.auth_failure_limit,
        pool_size=2,
    )
    await built.start()
    yield built
    await built.close()


async def _seed(admin: Actor, make_actor: MakeActor) -> list[str]:
    """An agreed objective with check-ins (whole seconds, fractions, an offset), one of a
    deactivated owner with decimal weights and values, and a draft without KRs."""
    team = await make_team(admin, make_actor)
    agreed = await agreed_of(team, admin, state="active", **YEAR)
    kr = agreed["key_results"][0]["id"]
    for value, observed in [
        (3, "2026-02-01T10:00:00Z"),
        (5.5, "2026-03-01T10:00:00.5+02:00"),
        (7.25, "2026-04-01T10:00:00.123456Z"),
    ]:
        body = {"value": value, "observed_at": observed}
        await post_ok(team.member.client, f"/v1/key-results/{kr}/check-ins", body)
    other = await make_objective(admin.client, agreed["cycle_id"], team.peer.id, title="Ünïcode ✓")
    for n, weight in enumerate((33.33, 33.33, 33.34)):
        await add_kr(
            admin.client, other["id"], title=f"KR {n}", weight=weight, target_value=12.5, unit="%"
        )
    deactivated = await admin.client.patch(f"/v1/people/{team.peer.id}", json={"active": False})
    assert deactivated.status_code == 200, deactivated.text
    draft = await make_objective(admin.client, agreed["cycle_id"], team.member.id)
    return [agreed["id"], other["id"], draft["id"]]


def _client(raw: RawReadApp, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=raw),
        base_url="http://test",
        headers={"Authorization": f"Bearer {token}"},
    )


def _same(service: httpx.Response, baseline: httpx.Response) -> None:
    assert service.status_code == 200, service.text
    assert baseline.status_code == 200, baseline.text
    assert baseline.content == service.content
    assert baseline.headers.get("etag") == service.headers.get("etag")


async def test_the_baseline_answers_the_services_bytes(
    raw: RawReadApp, admin: Actor, make_actor: MakeActor
) -> None:
    ids = await _seed(admin, make_actor)
    async with _client(raw, admin.token) as baseline:
        for objective_id in ids:
            path = f"/v1/objectives/{objective_id}"
            _same(await admin.client.get(path), await baseline.get(path))
        cursor: Any = None
        pages = 0
        while True:
            params = {"limit": 2} if cursor is None else {"limit": 2, "cursor": cursor}
            service = await admin.client.get("/v1/objectives", params=params)
            _same(service, await baseline.get("/v1/objectives", params=params))
            pages += 1
            cursor = service.json()["next_cursor"]
            if cursor is None:
                break
        whole = await admin.client.get("/v1/objectives?limit=50")
        _same(whole, await baseline.get("/v1/objectives?limit=50"))
    assert pages == 2
    items = whole.json()["items"]
    assert [o["owner_inactive"] for o in items] == [False, True, False]
    assert items[0]["forecast"]["points_used"] == 3


async def test_the_baseline_counts_its_statements_and_refuses_what_it_does_not_do(
    raw: RawReadApp, admin: Actor, make_actor: MakeActor
) -> None:
    ids = await _seed(admin, make_actor)
    member = await make_actor()
    async with _client(raw, admin.token) as baseline:
        await baseline.get(f"/v1/objectives/{ids[0]}")  # last_used_at is now fresh
        before = raw.counters.statements
        answered = await baseline.get(f"/v1/objectives/{ids[0]}")
        assert answered.status_code == 200
        assert raw.counters.statements - before == 4  # token, objective, KRs, check-ins
        before = raw.counters.statements
        assert (await baseline.get("/v1/objectives?limit=50")).status_code == 200
        assert raw.counters.statements - before == 4
    async with _client(raw, "okr_pat_nosuch_" + "x" * 30) as stranger:
        assert (await stranger.get(f"/v1/objectives/{ids[0]}")).status_code == 401
    async with _client(raw, member.token) as as_member:
        assert (await as_member.get(f"/v1/objectives/{ids[0]}")).status_code == 403
