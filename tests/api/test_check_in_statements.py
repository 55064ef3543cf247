"""A batch of 1,000 check-ins runs a fixed number of SQL statements, whatever its size.

The counts are the whole request's (authentication, resolve-and-lock, context, externals, the
roll-up, the feed reservation, the insert): one more statement per batch fails here. On
PostgreSQL the rows go in with one ``COPY`` (not a statement the engine sees).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI

from tests.conftest import Actor, Database, MakeActor
from tests.support.builders import make_cycle, make_unit
from tests.support.seed import KR, seed_objective
from tests.support.statements import counting

BATCH = 1000

STATEMENTS = {
    # backend -> (the admin's first batch, the admin's next one, the objective owner's).
    # The next batch leaves the scores as they are (no objective update); the owner's adds the
    # token's last use and the initiatives they are assigned (the access facts). On SQLite each
    # counts the one INSERT of the batch's audit entries (one per check-in, one statement for
    # all); on PostgreSQL they are a COPY on the driver's connection, as the check-ins are.
    "postgres": (13, 12, 14),
    "sqlite": (18, 17, 19),
}


def _items(keys: list[str], start: int) -> list[dict[str, Any]]:
    base = datetime.now(UTC) - timedelta(days=2)
    return [
        {
            "metric_key": keys[n % len(keys)],
            "value": n % 100,
            "source": "statements",
            "external_id": f"point-{start + n}",
            "observed_at": (base + timedelta(seconds=start + n)).isoformat(),
        }
        for n in range(BATCH)
    ]


async def _count(app: FastAPI, actor: Actor, items: list[dict[str, Any]]) -> int:
    with counting(app) as statements:
        response = await actor.client.post("/v1/check-ins/batch", json={"items": items})
    assert response.status_code == 200, response.text
    assert response.json()["created"] == BATCH, response.text
    return len(statements)


@pytest.fixture
async def keys(app: FastAPI, admin: Actor, make_actor: MakeActor) -> tuple[Actor, list[str]]:
    unit = await make_unit(admin.client, "Company")
    owner = await make_actor(unit_id=unit)
    quarter = (await make_cycle(admin.client, state="active"))["id"]
    names = [f"metric.{n}" for n in range(4)]
    await seed_objective(
        app,
        cycle_id=quarter,
        owner_id=owner.id,
        key_results=[KR(weight="25", metric_key=name) for name in names],
    )
    return owner, names


async def test_a_batch_of_1000_runs_a_fixed_number_of_statements(
    app: FastAPI, database: Database, admin: Actor, keys: tuple[Actor, list[str]]
) -> None:
    owner, names = keys
    by_admin = await _count(app, admin, _items(names, 0))
    again = await _count(app, admin, _items(names, BATCH))
    by_owner = await _count(app, owner, _items(names, 2 * BATCH))

    assert (by_admin, again, by_owner) == STATEMENTS[database.backend]
