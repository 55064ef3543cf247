"""End to end: two `okr serve` processes on one PostgreSQL database, 50 concurrent clients. The
clients, spread over both processes, send check-ins (each with its own external id), approve freshly
submitted objectives and PATCH objectives (description) and key results (unit) with `If-Match` after
reading the `ETag`. Afterwards: no 5xx; every 201 check-in is stored exactly once and nothing else
is; every 412 (also for a write that lost a race) was genuine, i.e. each entity's final version is
its version after set-up plus the number of its successful writes, and the versions the successful
writes answered are exactly the steps in between; every stored KR score and objective score equals a
recompute with `domain.scoring` from the check-in history (latest `observed_at` wins, ties: latest
received).
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import pool, text

from domain.model import KeyResult, KeyResultKind
from domain.scoring import kr_progress, kr_score, objective_score
from persistence.db import create_engine
from tests.conftest import Database, create_database
from tests.e2e.okr_http import (
    Objective,
    activate_cycle,
    approve,
    create_cycle,
    create_objective,
    create_person,
    create_unit,
    ok,
    submit,
)
from tests.support.etags import tag_version
from tests.support.live import LiveServer

pytestmark = pytest.mark.postgres

TOKEN = "okr_pat_concurrencyadmin_" + "c" * 40
CLIENTS = 50
OPERATIONS_PER_CLIENT = 6
CAP_SECONDS = 120.0
SOURCE = "concurrency"
KR_SHAPES = [
    {"weight": 40, "start_value": 0, "target_value": 100},
    {"weight": 60, "start_value": 200, "target_value": 50},
]


@pytest.fixture(scope="module")
async def pg_database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Database]:
    async for database in create_database("postgres", tmp_path_factory.mktemp("concurrency")):
        yield database


@dataclass
class World:
    """What the set-up made: objectives by role, and the versions they had afterwards."""

    agreed: list[Objective]
    proposed: list[Objective]
    drafts: list[Objective]
    baseline: dict[str, int] = field(default_factory=dict)

    @property
    def key_results(self) -> list[str]:
        return [kr for objective in self.agreed for kr in objective.key_results]


async def _set_up(client: httpx.AsyncClient) -> World:
    unit = await create_unit(client, "Company")
    people = [await create_person(client, unit, f"Owner {n}") for n in range(3)]
    cycle = await create_cycle(client)
    world = World([], [], [])
    for n, person in enumerate(people):
        owner = ("person", person)
        agreed = await create_objective(client, cycle, owner, f"Agreed {n}", KR_SHAPES)
        await submit(client, agreed.id)
        await approve(client, agreed.id)
        world.agreed.append(agreed)
        for m in range(2 if n < 2 else 1):
            proposed = await create_objective(client, cycle, owner, f"Proposed {n}.{m}", KR_SHAPES)
            await submit(client, proposed.id)
            world.proposed.append(proposed)
        world.drafts.append(await create_objective(client, cycle, owner, f"Draft {n}", KR_SHAPES))
    await activate_cycle(client, cycle)
    for objective in world.agreed + world.proposed + world.drafts:
        world.baseline[objective.id] = ok(await client.get(f"/v1/objectives/{objective.id}"))[
            "version"
        ]
        for kr in objective.key_results:
            world.baseline[kr] = ok(await client.get(f"/v1/key-results/{kr}"))["version"]
    return world


@dataclass
class Write:
    """A versioned write: on which entity, from which read version, and its answer."""

    kind: str
    entity: str
    read_version: int
    status: int
    code: str | None
    answered_version: int | None


@dataclass
class Record:
    """Everything the clients saw."""

    check_ins: list[tuple[str, int]] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    requests: int = 0

    def saw(self, response: httpx.Response) -> None:
        self.requests += 1
        self.statuses[response.status_code] += 1


def _code(response: httpx.Response) -> str | None:
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        return str(response.json()["code"])
    return None


async def _versioned_write(
    client: httpx.AsyncClient,
    record: Record,
    kind: str,
    entity: str,
    read_path: str,
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    read = await client.get(read_path)
    record.saw(read)
    assert read.status_code == 200, read.text
    read_version = int(read.json()["version"])
    assert tag_version(read) == read_version
    answer = await client.request(
        method, path, json=body, headers={"If-Match": read.headers["etag"]}
    )
    record.saw(answer)
    answered = int(answer.json()["version"]) if answer.status_code == 200 else None
    record.writes.append(
        Write(kind, entity, read_version, answer.status_code, _code(answer), answered)
    )


async def _client_run(
    c: int, client: httpx.AsyncClient, world: World, record: Record, now: datetime
) -> None:
    rng = random.Random(1000 + c)
    for i in range(OPERATIONS_PER_CLIENT):
        roll = rng.random()
        if roll < 0.5:
            kr = rng.choice(world.key_results)
            external_id = f"c{c}-op{i}-{uuid.uuid4().hex[:8]}"
            observed = now - timedelta(seconds=rng.randrange(60, 7 * 24 * 3600))
            body = {
                "value": rng.randrange(0, 250),
                "observed_at": observed.isoformat().replace("+00:00", "Z"),
                "source": SOURCE,
                "external_id": external_id,
            }
            answer = await client.post(f"/v1/key-results/{kr}/check-ins", json=body)
            record.saw(answer)
            record.check_ins.append((external_id, answer.status_code))
        elif roll < 0.6:
            target = rng.choice(world.proposed).id
            path = f"/v1/objectives/{target}"
            await _versioned_write(
                client, record, "approve", target, path, "POST", f"{path}/approve", None
            )
        elif roll < 0.8:
            target = rng.choice(world.drafts).id
            path = f"/v1/objectives/{target}"
            body = {"description": f"written by client {c}, operation {i}"}
            await _versioned_write(client, record, "describe", target, path, "PATCH", path, body)
        else:
            target = rng.choice(world.key_results)
            path = f"/v1/key-results/{target}"
            body = {"unit": f"u{c}.{i}"}
            await _versioned_write(client, record, "unit", target, path, "PATCH", path, body)


async def _rows(url: str, sql: str) -> list[Any]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as conn:
            return list((await conn.execute(text(sql))).mappings())
    finally:
        await engine.dispose()


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


async def test_two_processes_under_fifty_concurrent_clients(
    pg_database: Database, tmp_path: Path
) -> None:
    first = LiveServer(pg_database.url, TOKEN, tmp_path / "first.log")
    second = LiveServer(pg_database.url, TOKEN, tmp_path / "second.log")
    # One after the other: the first bootstraps the admin on the empty database.
    await asyncio.to_thread(first.start)
    await asyncio.to_thread(second.start)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    limits = httpx.Limits(max_connections=CLIENTS)
    clients = [
        httpx.AsyncClient(base_url=server.url, headers=headers, timeout=60, limits=limits)
        for server in (first, second)
    ]
    try:
        world = await _set_up(clients[0])
        record = Record()
        now = datetime.now(UTC).replace(microsecond=0)
        started = time.monotonic()
        await asyncio.wait_for(
            asyncio.gather(
                *(_client_run(c, clients[c % 2], world, record, now) for c in range(CLIENTS))
            ),
            timeout=CAP_SECONDS,
        )
        elapsed = time.monotonic() - started

        # No 5xx at all, and only the answers each kind of request may give.
        assert not [s for s in record.statuses if s >= 500], record.statuses
        assert {s for _, s in record.check_ins} == {201}, Counter(s for _, s in record.check_ins)
        for write in record.writes:
            # Every write sends If-Match: one that loses a race is a 412 too, never a 409.
            allowed = {(200, None), (412, "precondition.failed")}
            if write.kind == "approve":
                # Read while proposed, approved by someone else before the If-Match check.
                allowed.add((409, "objective.invalid_transition"))
            assert (write.status, write.code) in allowed, write

        # Check-ins: every 201 stored exactly once, nothing else stored.
        stored = await _rows(
            pg_database.url,
            f"SELECT external_id FROM check_ins WHERE source = '{SOURCE}'",
        )
        stored_ids = Counter(str(row["external_id"]) for row in stored)
        accepted = {external_id for external_id, status in record.check_ins if status == 201}
        assert all(n == 1 for n in stored_ids.values()), "a check-in was stored twice"
        assert set(stored_ids) == accepted
        assert len(stored) == len(accepted) == len(record.check_ins)

        # Versions: final = baseline + successes; each success answered a distinct next step;
        # every refused write had read a version that really was superseded.
        versions = {
            str(row["id"]): int(row["version"])
            for table in ("objectives", "key_results")
            for row in await _rows(pg_database.url, f"SELECT id, version FROM {table}")
        }
        by_entity: dict[str, list[Write]] = defaultdict(list)
        for write in record.writes:
            by_entity[write.entity].append(write)
        for entity, writes in by_entity.items():
            base, final = world.baseline[entity], versions[entity]
            successes = [w for w in writes if w.status == 200]
            assert final == base + len(successes), (entity, base, final, writes)
            answered = sorted(w.answered_version or 0 for w in successes)
            assert answered == list(range(base + 1, final + 1)), (entity, writes)
            assert sorted(w.read_version for w in successes) == list(range(base, final))
            for refused in (w for w in writes if w.status != 200):
                if refused.code == "objective.invalid_transition":
                    # No longer proposed: someone's approval had succeeded.
                    assert successes, (entity, refused)
                else:
                    assert refused.read_version < final, (entity, refused, final)
        for entity in set(world.baseline) - set(by_entity):
            assert versions[entity] == world.baseline[entity], entity
        approvals = [w for w in record.writes if w.kind == "approve" and w.status == 200]
        assert len(approvals) == len({w.entity for w in approvals})

        # Scores: recompute from the check-in history with domain.scoring.
        krs = await _rows(
            pg_database.url,
            "SELECT id, objective_id, kind, weight, start_value, target_value, current_value, "
            "done, score FROM key_results",
        )
        history = await _rows(
            pg_database.url,
            "SELECT DISTINCT ON (key_result_id) key_result_id, value FROM check_ins "
            "ORDER BY key_result_id, observed_at DESC, received_at DESC",
        )
        latest = {str(row["key_result_id"]): _decimal(row["value"]) for row in history}
        scores: dict[str, list[tuple[Decimal, Decimal]]] = defaultdict(list)
        for row in krs:
            kr = KeyResult(
                id=str(row["id"]),
                objective_id=str(row["objective_id"]),
                title="",
                kind=KeyResultKind(row["kind"]),
                weight=Decimal(row["weight"]),
                start_value=_decimal(row["start_value"]),
                target_value=_decimal(row["target_value"]),
                current_value=latest.get(str(row["id"])),
                done=bool(row["done"]),
            )
            if kr.id in latest:
                assert _decimal(row["current_value"]) == latest[kr.id], row
            expected = kr_score(kr_progress(kr))
            assert Decimal(row["score"]) == expected, (row, expected)
            scores[kr.objective_id].append((kr.weight, expected))
        objectives = await _rows(pg_database.url, "SELECT id, score FROM objectives")
        for row in objectives:
            expected_objective = objective_score(scores[str(row["id"])])
            assert _decimal(row["score"]) == expected_objective, (row, expected_objective)
        assert len(latest) == len(world.key_results), "some agreed KR never got a check-in"

        outcome = Counter((w.kind, w.status) for w in record.writes)
        print(  # noqa: T201 - the figures of the run, shown with -s
            f"concurrency: {record.requests} requests in {elapsed:.1f}s, "
            f"statuses={dict(record.statuses)}, check-ins={len(accepted)}, "
            f"writes={dict(outcome)}"
        )
        assert elapsed < CAP_SECONDS
        # The run did race: writes collided, and every kind of write succeeded somewhere.
        assert record.statuses[412] > 0, record.statuses
        assert all(outcome[(kind, 200)] > 0 for kind in ("approve", "describe", "unit")), outcome
    finally:
        for client in clients:
            await client.aclose()
        await asyncio.gather(asyncio.to_thread(first.stop), asyncio.to_thread(second.stop))
    for server in (first, second):
        log = server.log.read_text(errors="replace")
        for trace in ("internal.error", "unhandled error", "database error"):
            assert trace not in log, log[-3000:]
