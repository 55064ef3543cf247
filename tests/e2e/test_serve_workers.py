"""End to end: `okr serve --workers 2` on PostgreSQL: two processes serve, their metrics add up,
the JSON request lines say who served what, and SIGTERM under write load loses no acknowledged
write."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import pool, text

from persistence.db import create_engine
from tests.conftest import Database, create_database
from tests.e2e.okr_http import (
    activate_cycle,
    approve,
    create_cycle,
    create_objective,
    create_person,
    create_unit,
    ok,
    submit,
)
from tests.support.live import LiveServer

pytestmark = pytest.mark.postgres

TOKEN = "okr_pat_workersadmin_" + "w" * 40
HEADERS = {"Authorization": f"Bearer {TOKEN}"}
READS = 60
SOURCE = "sigterm"


@pytest.fixture(scope="module")
async def pg_database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Database]:
    async for database in create_database("postgres", tmp_path_factory.mktemp("workers")):
        yield database


def _parent_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def _request_lines(log: Path) -> list[dict[str, Any]]:
    lines = []
    for line in log.read_text().splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if record.get("logger") == "okr.request":
                lines.append(record)
    return lines


def _read_once(url: str) -> httpx.Response:
    # A new connection per request, so that the kernel hands each to whichever worker accepts.
    return httpx.get(f"{url}/v1/people", headers={**HEADERS, "Connection": "close"}, timeout=30)


def _requests_counted(metrics: str, route: str, method: str, status: str) -> float:
    wanted = {"route": route, "method": method, "status": status}
    return sum(
        sample.value
        for family in text_string_to_metric_families(metrics)
        for sample in family.samples
        if sample.name == "okr_http_requests_total" and sample.labels == wanted
    )


def test_two_workers_serve_and_their_metrics_add_up(pg_database: Database, tmp_path: Path) -> None:
    server = LiveServer(
        pg_database.url,
        TOKEN,
        tmp_path / "serve.log",
        args=("--workers", "2"),
        env={"OKR_LOG_FORMAT": "json", "OKR_LOG_LEVEL": "info"},
    )
    server.start()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool_:
            answers = list(pool_.map(lambda _: _read_once(server.url), range(READS)))
        assert all(a.status_code == 200 for a in answers), [a.status_code for a in answers]
        scrapes = [
            httpx.get(f"{server.url}/metrics", headers={"Connection": "close"}).text
            for _ in range(6)
        ]
        lines = _request_lines(server.log)
    finally:
        assert server.process is not None
        supervisor = server.process.pid
        server.stop()

    reads = [line for line in lines if line["route"] == "/v1/people" and line["method"] == "GET"]
    assert len(reads) == READS
    pids = {line["pid"] for line in reads}
    assert len(pids) == 2, pids
    assert supervisor not in pids
    by_request = {line["request_id"]: line for line in reads}
    for answer in answers:
        line = by_request[answer.headers["X-Request-ID"]]
        assert line["status"] == 200 and line["principal_id"] and line["duration_ms"] >= 0
        assert TOKEN not in json.dumps(line)
    # Whichever worker answers a scrape counts the requests of both.
    for scrape in scrapes:
        assert _requests_counted(scrape, "/v1/people", "GET", "200") == READS
        assert "okr_db_pool_connections" in scrape
        assert "okr_feed_head_position" in scrape


def test_worker_processes_are_children_of_serve(pg_database: Database, tmp_path: Path) -> None:
    server = LiveServer(pg_database.url, TOKEN, tmp_path / "serve.log", args=("--workers", "2"))
    server.start()
    try:
        assert server.process is not None
        deadline = time.monotonic() + 30
        children: list[int] = []
        while time.monotonic() < deadline:
            children = [
                int(p.name)
                for p in Path("/proc").iterdir()
                if p.name.isdigit() and _safe_parent(int(p.name)) == server.process.pid
            ]
            if len(children) >= 2:
                break
            time.sleep(0.2)
        # uvicorn's supervisor may also hold a resource-tracker child; the workers are two.
        assert len(children) >= 2, children
    finally:
        server.stop()


def _safe_parent(pid: int) -> int | None:
    try:
        return _parent_of(pid)
    except (OSError, IndexError, ValueError):
        return None


async def _agreed_kr(client: httpx.AsyncClient) -> str:
    unit = await create_unit(client, "Company")
    person = await create_person(client, unit, "Owner")
    cycle = await create_cycle(client)
    shape = {"weight": 100, "start_value": 0, "target_value": 100000}
    objective = await create_objective(client, cycle, ("person", person), "Grow", [shape])
    await submit(client, objective.id)
    await approve(client, objective.id)
    await activate_cycle(client, cycle)
    return objective.key_results[0]


async def _stored_external_ids(url: str) -> set[str]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT external_id FROM check_ins WHERE source = :source"),
                {"source": SOURCE},
            )
            return {row[0] for row in rows}
    finally:
        await engine.dispose()


async def test_sigterm_under_write_load_loses_no_acknowledged_write(
    pg_database: Database, tmp_path: Path
) -> None:
    server = LiveServer(pg_database.url, TOKEN, tmp_path / "serve.log", args=("--workers", "2"))
    server.start()
    acknowledged: set[str] = set()
    attempted: set[str] = set()
    failures: list[str] = []
    stop = asyncio.Event()

    async def pusher(client: httpx.AsyncClient, kr: str) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            external_id = f"{uuid.uuid4().hex}"
            attempted.add(external_id)
            body = {"value": n, "source": SOURCE, "external_id": external_id}
            try:
                answer = await client.post(f"/v1/key-results/{kr}/check-ins", json=body)
            except httpx.TransportError:
                return  # the server is gone or no longer accepts connections
            if answer.status_code == 201:
                acknowledged.add(external_id)
            else:
                failures.append(f"{answer.status_code} {answer.text[:200]}")
                return

    try:
        async with httpx.AsyncClient(base_url=server.url, headers=HEADERS, timeout=30) as client:
            kr = await _agreed_kr(client)
            ok(await client.get(f"/v1/key-results/{kr}"))
            pushers = [asyncio.create_task(pusher(client, kr)) for _ in range(8)]
            while len(acknowledged) < 40 and not failures:
                await asyncio.sleep(0.05)
            assert server.process is not None
            code = await asyncio.to_thread(server.terminate)
            stop.set()
            await asyncio.gather(*pushers)
    finally:
        server.stop()

    assert code == 0
    assert not failures, failures[:5]
    stored = await _stored_external_ids(pg_database.url)
    assert acknowledged <= stored, f"{len(acknowledged - stored)} acknowledged writes lost"
    assert stored <= attempted
