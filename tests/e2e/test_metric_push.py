"""End to end: okr-push sends 10,000 points to a live server on PostgreSQL through injected faults.

The server (`okr serve` in a subprocess) is killed with SIGKILL three times mid-push and started
again; a proxy in front of it answers some requests 503. Every point must be stored exactly once,
no batch may be half-applied, a second run of the same file must create none, and the KR must show
the value of the latest `observed_at`.
The generated client (`okr_client`) sets the KR up and reads it back, sync and async.
"""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from okr_client import AuthenticatedClient
from okr_client.api.cycles import activate_cycle, create_cycle
from okr_client.api.key_results import create_key_result, get_key_result
from okr_client.api.objectives import approve_objective, create_objective, submit_objective
from okr_client.api.org_units import create_org_unit
from okr_client.models import (
    CycleCreate,
    CycleKind,
    KeyResultCreate,
    KeyResultKind,
    KeyResultPublic,
    ObjectiveCreate,
    OrgUnitCreate,
    OwnerType,
)
from sqlalchemy import pool, text

from persistence.db import create_engine
from tests.conftest import Database, create_database
from tests.support.live import FaultyProxy, LiveServer

pytestmark = pytest.mark.postgres

TOKEN = "okr_pat_e2eadmin_" + "k" * 40
POINTS = 10_000
TARGET = Decimal(1000)
OKR_PUSH = Path(sys.executable).with_name("okr-push")


@pytest.fixture(scope="module")
async def pg_database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Database]:
    async for database in create_database("postgres", tmp_path_factory.mktemp("e2e")):
        yield database


def _set_up_key_result(client: AuthenticatedClient, metric_key: str) -> str:
    today = date.today()
    unit = create_org_unit.sync(client=client, body=OrgUnitCreate(name="Company"))
    cycle = create_cycle.sync(
        client=client,
        body=CycleCreate(
            name="This quarter",
            kind=CycleKind.QUARTERLY,
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=60),
        ),
    )
    assert unit is not None and cycle is not None and hasattr(cycle, "id")
    objective = create_objective.sync(
        client=client,
        body=ObjectiveCreate(
            cycle_id=cycle.id,
            owner_type=OwnerType.UNIT,
            owner_id=unit.id,  # type: ignore[union-attr]
            title="Grow revenue",
        ),
    )
    assert objective is not None and hasattr(objective, "id"), objective
    kr = create_key_result.sync(
        objective.id,
        client=client,
        body=KeyResultCreate(
            title="Revenue points",
            weight=100,
            kind=KeyResultKind.NUMERIC,
            start_value=0,
            target_value=float(TARGET),
            due_on=today + timedelta(days=59),
            metric_key=metric_key,
        ),
    )
    assert isinstance(kr, KeyResultPublic), kr
    for action in (submit_objective, approve_objective):
        answer = action.sync_detailed(objective.id, client=client)
        assert answer.status_code == 200, answer.content
    activated = activate_cycle.sync_detailed(cycle.id, client=client)
    assert activated.status_code == 200, activated.content
    return kr.id


def _write_points(path: Path, metric_key: str) -> tuple[Decimal, int]:
    """10,000 rows without external ids, in shuffled order; the value at the latest instant."""
    rng = random.Random(20261129)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=8)
    rows = []
    for i in range(POINTS):
        value = Decimal(rng.randrange(0, 120_000)) / 100
        observed = start + timedelta(minutes=i)
        rows.append((observed, value))
    latest_value = rows[-1][1]
    rng.shuffle(rows)
    lines = ["metric_key,value,observed_at"]
    lines += [f"{metric_key},{v},{o.isoformat().replace('+00:00', 'Z')}" for o, v in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return latest_value, len(rows)


def _push(file: Path, url: str) -> subprocess.Popen[str]:
    env = {"OKR_URL": url, "OKR_TOKEN": TOKEN, "PATH": str(OKR_PUSH.parent)}
    return subprocess.Popen(
        [str(OKR_PUSH), str(file), "--batch-size", "1000"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _stored_count(url: str, key_result_id: str) -> int:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as conn:
            result = await conn.execute(
                text("SELECT count(*) FROM check_ins WHERE key_result_id = :kr"),
                {"kr": key_result_id},
            )
            return int(result.scalar_one())
    finally:
        await engine.dispose()


def _expected_score(value: Decimal) -> Decimal:
    progress = min(max(value / TARGET, Decimal(0)), Decimal(1))
    return progress.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def test_okr_push_survives_a_killed_server_and_503s(
    pg_database: Database, tmp_path: Path
) -> None:
    server = LiveServer(pg_database.url, TOKEN, tmp_path / "server.log")
    await asyncio.to_thread(server.start)
    client = AuthenticatedClient(base_url=server.url, token=TOKEN, timeout=None)
    try:
        metric_key = "sales.e2e_points"
        kr_id = await asyncio.to_thread(_set_up_key_result, client, metric_key)
        latest_value, count = _write_points(tmp_path / "points.csv", metric_key)
        assert count == POINTS

        # Kill the server three times mid-push; while it is down, the stored check-ins must be a
        # whole number of batches (no batch half-applied).
        kills_after = [2, 4, 6]
        stored_at_kill: list[int] = []
        with FaultyProxy(
            upstream=lambda: server.url, decide=lambda n: 503 if n % 4 == 2 else None
        ) as proxy:
            first = _push(tmp_path / "points.csv", proxy.url)
            deadline = time.monotonic() + 300
            while first.poll() is None and time.monotonic() < deadline:
                if kills_after and proxy.forwarded >= kills_after[0]:
                    kills_after.pop(0)
                    await asyncio.to_thread(server.kill)
                    stored_at_kill.append(await _stored_count(pg_database.url, kr_id))
                    await asyncio.sleep(0.5)
                    await asyncio.to_thread(server.start)
                await asyncio.sleep(0.05)
            out, err = first.communicate(timeout=60)
            assert first.returncode == 0, (out, err)
            assert len(stored_at_kill) == 3, "the push ended before the server was killed 3 times"
            assert all(count % 1000 == 0 for count in stored_at_kill), stored_at_kill
            assert 503 in proxy.injected
            assert f"created: {POINTS}  duplicate: 0  refused: 0" in out, out

            second = _push(tmp_path / "points.csv", proxy.url)
            out2, err2 = second.communicate(timeout=300)
            assert second.returncode == 0, (out2, err2)
            assert f"created: 0  duplicate: {POINTS}  refused: 0" in out2, out2

        assert await _stored_count(pg_database.url, kr_id) == POINTS

        synced = await asyncio.to_thread(get_key_result.sync, kr_id, client=client)
        assert isinstance(synced, KeyResultPublic)
        assert Decimal(str(synced.current_value)) == latest_value
        assert Decimal(str(synced.score)) == _expected_score(latest_value)
        async with AuthenticatedClient(base_url=server.url, token=TOKEN) as async_client:
            fetched = await get_key_result.asyncio(kr_id, client=async_client)
        assert isinstance(fetched, KeyResultPublic)
        assert fetched.current_value == synced.current_value
        assert fetched.score == synced.score
    finally:
        client.get_httpx_client().close()
        await asyncio.to_thread(server.stop)
