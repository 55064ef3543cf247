"""Bulk HR sync and SCIM look-ups, each as a ratio against a baseline measured in the same run.

On a fresh PostgreSQL database (random name, migrated, dropped at the end):

1. Sync: a snapshot of ``--people`` people in ``--units`` units (a tree four levels deep,
   managers inside each unit) is applied once to set the organisation up (not timed). Then a
   snapshot with ``--changed`` of the people changed (a third renamed, a third moved to another
   unit and manager, a third deactivated by leaving the file) is synced, and synced back, in
   turns (``--rounds``): the time of one sync (load, diff, write, commit) against the time to
   parse the same snapshot into memory (``json.loads`` and ``domain.org_sync.parse_json``).
   Goal: at most 10x.
2. SCIM: ``GET /scim/v2/Users?filter=userName eq "..."`` for random people against
   ``GET /v1/people/{id}`` of the same people, through the same in-process ASGI transport, in
   turns; p50 ratio.

    .venv/bin/python bench/org_sync.py                       # 50,000 people, 5,000 units, 1%
    .venv/bin/python bench/org_sync.py --people 2000 --units 200 --lookups 50
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from typing import Any

import httpx
from harness import SECRET_KEY, bootstrap_admin, fresh_database, log, median, percentile, pg_url
from harness import table as render_table

from api.app import create_app
from api.services.org_sync import sync_org
from api.settings import Settings
from domain.org_sync import parse_json
from persistence.db import create_engine, create_session_factory


def build_snapshot(people: int, units: int, seed: int = 7) -> dict[str, Any]:
    """A deterministic snapshot: a unit tree (root, then fan-out), people spread over units,
    each unit's first person its head and the manager of the others (heads report upward)."""
    rng = random.Random(seed)
    unit_rows: list[dict[str, Any]] = [{"external_id": "u-0", "name": "Company"}]
    for n in range(1, units):
        parent = (n - 1) // 10
        unit_rows.append(
            {"external_id": f"u-{n}", "name": f"Unit {n}", "parent_external_id": f"u-{parent}"}
        )
    first_of: dict[int, str] = {}
    person_rows: list[dict[str, Any]] = []
    for n in range(people):
        unit = n % units if n < units else rng.randrange(units)
        ext = f"p-{n}"
        row: dict[str, Any] = {
            "external_id": ext,
            "name": f"Person {n}",
            "email": f"person{n}@example.com",
            "unit_external_id": f"u-{unit}",
        }
        if unit in first_of:
            row["manager_external_id"] = first_of[unit]
        else:
            first_of[unit] = ext
            if unit:
                row["manager_external_id"] = first_of[(unit - 1) // 10]
        person_rows.append(row)
    for n, unit_row in enumerate(unit_rows):
        if n in first_of:
            unit_row["head_external_id"] = first_of[n]
    return {"units": unit_rows, "people": person_rows}


def changed_snapshot(base: dict[str, Any], share: float, seed: int = 11) -> dict[str, Any]:
    """The same snapshot with ``share`` of the (non-head) people changed: renamed, moved or
    missing (deactivated)."""
    rng = random.Random(seed)
    heads = {u.get("head_external_id") for u in base["units"]}
    candidates = [i for i, p in enumerate(base["people"]) if p["external_id"] not in heads]
    picked = rng.sample(candidates, max(1, int(len(base["people"]) * share)))
    people = [dict(p) for p in base["people"]]
    drop: set[int] = set()
    units = len(base["units"])
    for k, index in enumerate(picked):
        person = people[index]
        if k % 3 == 0:
            person["name"] += " (renamed)"
        elif k % 3 == 1:
            target = rng.randrange(units)
            head = base["units"][target].get("head_external_id")
            person["unit_external_id"] = f"u-{target}"
            if head and head != person["external_id"]:
                person["manager_external_id"] = head
        else:
            drop.add(index)
    return {
        "units": base["units"],
        "people": [p for i, p in enumerate(people) if i not in drop],
    }


async def timed_sync(factory: Any, body: bytes) -> tuple[float, dict[str, int]]:
    start = time.perf_counter()
    snapshot = parse_json(json.loads(body))
    async with factory() as session, session.begin():
        outcome = await sync_org(session, snapshot, by_admin=True, dry_run=False)
    return time.perf_counter() - start, outcome.plan.summary()


def timed_parse(body: bytes) -> float:
    start = time.perf_counter()
    parse_json(json.loads(body))
    return time.perf_counter() - start


async def scim_lookups(database: str, token: str, people: int, lookups: int) -> dict[str, float]:
    app = create_app(Settings(database_url=pg_url(database), demo=False, secret_key=SECRET_KEY))
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    rng = random.Random(3)
    async with httpx.AsyncClient(transport=transport, base_url="http://b", headers=headers) as c:
        ids: dict[str, str] = {}
        for n in rng.sample(range(people), min(lookups, people)):
            email = f"person{n}@example.com"
            found = await c.get("/v1/people", params={"email": email})
            items = found.json()["items"]
            if items:
                ids[email] = items[0]["id"]
        scim: list[float] = []
        plain: list[float] = []
        for email, person_id in ids.items():
            start = time.perf_counter()
            answer = await c.get("/scim/v2/Users", params={"filter": f'userName eq "{email}"'})
            scim.append(time.perf_counter() - start)
            assert answer.status_code == 200 and answer.json()["totalResults"] == 1, answer.text
            start = time.perf_counter()
            answer = await c.get(f"/v1/people/{person_id}")
            plain.append(time.perf_counter() - start)
            assert answer.status_code == 200, answer.text
    await app.state.engine.dispose()
    await app.state.counter_engine.dispose()
    return {
        "scim_p50": percentile(scim, 0.5),
        "plain_p50": percentile(plain, 0.5),
        "scim_p99": percentile(scim, 0.99),
        "plain_p99": percentile(plain, 0.99),
    }


async def run(args: argparse.Namespace) -> None:
    base = build_snapshot(args.people, args.units)
    changed = changed_snapshot(base, args.changed)
    base_body, changed_body = json.dumps(base).encode(), json.dumps(changed).encode()
    log(f"snapshot: {args.people} people, {args.units} units, {len(base_body) / 1e6:.1f} MB")
    async with fresh_database() as database:
        token = await bootstrap_admin(database)
        engine = create_engine(pg_url(database))
        factory = create_session_factory(engine)
        try:
            setup, summary = await timed_sync(factory, base_body)
            log(f"set up in {setup:.1f}s: {summary['people_created']} people created")
            syncs: list[float] = []
            parses: list[float] = []
            for round_ in range(args.rounds):
                body = changed_body if round_ % 2 == 0 else base_body
                parses.append(timed_parse(body))
                seconds, summary = await timed_sync(factory, body)
                syncs.append(seconds)
                changes = sum(v for k, v in summary.items() if k != "unchanged")
                log(f"round {round_ + 1}: {changes} changes in {seconds:.2f}s")
        finally:
            await engine.dispose()
        lookups = await scim_lookups(database, token, args.people, args.lookups)
    sync_s, parse_s = median(syncs), median(parses)
    ratio = sync_s / parse_s
    scim_ratio = lookups["scim_p50"] / lookups["plain_p50"]
    print(
        render_table(
            [
                ("people / units / changed", f"{args.people} / {args.units} / {args.changed:.1%}"),
                ("parse snapshot (median)", f"{parse_s * 1000:.1f} ms"),
                ("sync 1% changed (median)", f"{sync_s * 1000:.1f} ms"),
                ("sync / parse", f"{ratio:.1f}x (goal <= 10x)"),
                ("SCIM userName filter p50", f"{lookups['scim_p50'] * 1000:.2f} ms"),
                ("GET /v1/people/{id} p50", f"{lookups['plain_p50'] * 1000:.2f} ms"),
                ("SCIM filter / plain get (p50)", f"{scim_ratio:.2f}x"),
            ]
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--units", type=int, default=5_000)
    parser.add_argument("--changed", type=float, default=0.01, help="share of people changed")
    parser.add_argument("--rounds", type=int, default=4, help="timed syncs (changed, back...)")
    parser.add_argument("--lookups", type=int, default=200, help="SCIM look-ups (and gets)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
