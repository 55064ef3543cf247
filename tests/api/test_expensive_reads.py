"""Exports and cycle reports are limited per caller: 429 once ``OKR_EXPENSIVE_READS_PER_CALLER``
of them are running, counted with leases in the database (so across processes and replicas).

Exports are held open by driving the ASGI app directly with a client that stops reading after the
first chunk (its ``send`` blocks), as a slow BI tool would; the refused and later requests go
through the usual HTTP client.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlmodel import col

from api import read_limits
from api.app import create_app, dispose_app
from api.settings import Settings
from persistence.leases import acquire
from persistence.tables import RateCounterRow
from persistence.types import utcnow
from tests.conftest import Actor, Database, MakeActor
from tests.support.builders import make_cycle
from tests.support.problems import assert_problem


@dataclass
class Held:
    """An export whose client stopped reading after the first chunk."""

    task: asyncio.Task[None]
    status: int
    resume: asyncio.Event
    leave: asyncio.Event
    messages: list[dict[str, Any]] = field(default_factory=list)

    async def finish(self) -> bytes:
        """Read the rest; the whole body."""
        self.resume.set()
        await asyncio.wait_for(self.task, 30)
        assert self.messages[-1] == {"type": "http.response.body", "body": b"", "more_body": False}
        return b"".join(m.get("body", b"") for m in self.messages[1:])

    async def go_away(self) -> None:
        """Disconnect without reading further."""
        self.leave.set()
        await asyncio.wait_for(self.task, 30)


async def hold(app: FastAPI, token: str, path: str = "/v1/exports/people") -> Held:
    """Start a GET on the app and stop reading once its first body chunk is sent."""
    resume, leave, first = asyncio.Event(), asyncio.Event(), asyncio.Event()
    messages: list[dict[str, Any]] = []
    asked = False

    async def receive() -> dict[str, Any]:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await leave.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)
        if message["type"] == "http.response.body" and not first.is_set():
            first.set()
            await resume.wait()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"test"), (b"authorization", f"Bearer {token}".encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("test", 80),
        "state": {},
    }
    task = asyncio.create_task(app(scope, receive, send))  # type: ignore[arg-type]
    await asyncio.wait_for(first.wait(), 30)
    return Held(task, messages[0]["status"], resume, leave, messages)


async def leases(app: FastAPI) -> int:
    async with app.state.engine.connect() as conn:
        stmt = select(func.count()).where(col(RateCounterRow.bucket) == read_limits.BUCKET)
        return int((await conn.execute(stmt)).scalar_one())


def assert_refused(response: httpx.Response) -> None:
    assert_problem(response, 429, "rate_limit.concurrent_reads")
    assert int(response.headers["retry-after"]) >= 1


@pytest.fixture
async def cycle_id(admin: Actor) -> str:
    cycle = await make_cycle(admin.client, state="active")
    return str(cycle["id"])


class TestPerCaller:
    async def test_the_third_read_of_a_caller_is_429_until_a_running_one_finishes(
        self, app: FastAPI, admin: Actor, cycle_id: str
    ) -> None:
        running = [
            await hold(app, admin.token),
            await hold(app, admin.token, "/v1/exports/org-units"),
        ]
        assert [h.status for h in running] == [200, 200]
        assert await leases(app) == 2

        export = await admin.client.get("/v1/exports/objectives")
        report = await admin.client.get(f"/v1/cycles/{cycle_id}/report")
        assert_refused(export)
        assert_refused(report)

        people = await running[0].finish()
        assert people.startswith(b"id,name,email,")
        after_one = await admin.client.get(f"/v1/cycles/{cycle_id}/report")
        assert after_one.status_code == 200, after_one.text

        await running[1].finish()
        assert await leases(app) == 0
        again = await admin.client.get("/v1/exports/objectives")
        assert again.status_code == 200, again.text

    async def test_another_caller_is_not_limited_by_them(
        self, app: FastAPI, admin: Actor, make_actor: MakeActor, cycle_id: str
    ) -> None:
        member = await make_actor()
        running = [await hold(app, admin.token) for _ in range(2)]

        export = await member.client.get("/v1/exports/people")
        report = await member.client.get(f"/v1/cycles/{cycle_id}/report")

        assert export.status_code == 200, export.text
        assert report.status_code == 200, report.text
        for held in running:
            await held.finish()

    async def test_a_client_that_goes_away_gives_its_lease_back(
        self, app: FastAPI, admin: Actor
    ) -> None:
        running = [await hold(app, admin.token) for _ in range(2)]

        await running[0].go_away()

        assert await leases(app) == 1
        third = await admin.client.get("/v1/exports/people")
        assert third.status_code == 200, third.text
        await running[1].finish()
        assert await leases(app) == 0

    async def test_a_refused_or_failed_read_holds_no_lease(
        self, app: FastAPI, admin: Actor
    ) -> None:
        running = [await hold(app, admin.token) for _ in range(2)]
        assert_refused(await admin.client.get("/v1/exports/people"))
        for held in running:
            await held.finish()

        missing = await admin.client.get("/v1/cycles/no-such-cycle/report")

        assert missing.status_code == 404
        assert await leases(app) == 0

    async def test_a_lease_left_by_a_crashed_worker_counts_until_it_lapses(
        self, app: FastAPI, admin: Actor
    ) -> None:
        engine = app.state.counter_engine
        caller = f"person:{admin.id}"
        ttl = read_limits.LEASE_TTL
        for _ in range(2):  # taken and never given back, long ago
            taken = await acquire(
                engine,
                bucket=read_limits.BUCKET,
                principal=caller,
                limit=2,
                ttl=ttl,
                now=utcnow() - 2 * ttl,
            )
            assert taken is not None
        lapsed = await admin.client.get("/v1/exports/people")
        for _ in range(2):  # taken a moment ago by a worker that then died
            assert await acquire(
                engine, bucket=read_limits.BUCKET, principal=caller, limit=2, ttl=ttl
            )
        live = await admin.client.get("/v1/exports/people")

        assert lapsed.status_code == 200, lapsed.text
        assert_refused(live)
        assert await leases(app) == 2  # the lapsed ones were cleared by the next taker

    async def test_a_running_stream_renews_its_lease(self, app: FastAPI, admin: Actor) -> None:
        engine = app.state.counter_engine
        lease = await acquire(
            engine,
            bucket=read_limits.BUCKET,
            principal="person:x",
            limit=1,
            ttl=timedelta(seconds=30),
        )
        assert lease is not None
        before = lease.expires

        await lease.renew(utcnow() + timedelta(seconds=10))

        assert lease.expires > before
        async with engine.connect() as conn:
            stored = (
                await conn.execute(
                    select(col(RateCounterRow.window_start)).where(
                        col(RateCounterRow.id) == lease.id
                    )
                )
            ).scalar_one()
        assert stored == lease.expires
        await lease.release()
        assert await leases(app) == 0


@pytest.fixture
async def second_app(database: Database, admin: Actor) -> AsyncIterator[FastAPI]:
    """Another process's app on the same database: its own engines, no shared memory."""
    other = create_app(Settings(database_url=database.url, demo=False))
    yield other
    await dispose_app(other)


async def test_the_limit_holds_across_processes(
    app: FastAPI, second_app: FastAPI, admin: Actor
) -> None:
    here = await hold(app, admin.token)
    there = await hold(second_app, admin.token)

    third_here = await admin.client.get("/v1/exports/people")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=second_app),
        base_url="http://test",
        headers={"Authorization": f"Bearer {admin.token}"},
    ) as client:
        third_there = await client.get("/v1/exports/people")

    assert_refused(third_here)
    assert_refused(third_there)
    await here.finish()
    await there.finish()


@pytest.fixture
async def unlimited_app(database: Database, admin: Actor) -> AsyncIterator[FastAPI]:
    other = create_app(
        Settings(database_url=database.url, demo=False, expensive_reads_per_caller=0)
    )
    yield other
    await dispose_app(other)


async def test_zero_turns_the_limit_off(unlimited_app: FastAPI, admin: Actor) -> None:
    running = [await hold(unlimited_app, admin.token) for _ in range(4)]

    assert [h.status for h in running] == [200] * 4
    assert await leases(unlimited_app) == 0
    for held in running:
        await held.finish()
