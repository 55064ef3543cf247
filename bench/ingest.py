"""Check-in ingestion over HTTP against raw asyncpg inserts of the same rows, same table, same run.

On a fresh PostgreSQL database (random name, migrated, dropped at the end) the service runs under
uvicorn (``api.main:app``, 1 worker, log level warning), seeded through HTTP: an active quarterly
cycle with agreed objectives whose numeric KRs partly carry a ``metric_key``.

1. Batch ingestion: ``--batches`` sequential ``POST /v1/check-ins/batch`` of 1,000 points each
   (addressed by ``metric_key``, unique ``external_id``), in points per second.
   Baselines, on the same ``check_ins`` table with the same rows (the metric keys resolved to
   KR ids, the same ``source`` and ``external_id``s): asyncpg ``executemany`` of one INSERT per
   batch of 1,000 in one transaction (the ratio's baseline), and ``copy_records_to_table``
   (shown for reference). Each baseline's rows are deleted (and the table vacuumed) before the
   next run, so every run inserts into the same table state. ``--rounds`` rounds (3) of the
   three runs, each with new ``external_id``s, the service's rows cleared after its run too; the
   ratio of every round is printed, the other figures are those of the round with the median
   ratio (the baselines alone vary by a quarter from one run to the next on this machine).
2. Single points: ``--singles`` sequential ``POST /v1/key-results/{id}/check-ins`` (p50/p99)
   against the same number of sequential single-row asyncpg INSERTs (autocommit).

The benchmark process runs on uvloop, as the service does under uvicorn, so both sides of the
ratio get the same event loop.

    .venv/bin/python bench/ingest.py
    .venv/bin/python bench/ingest.py --batches 5 --singles 100
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import uvloop
from harness import (
    SeededOrg,
    bootstrap_admin,
    fresh_database,
    load_average,
    log,
    median,
    okr_server,
    percentile,
    pg_dsn,
    sampled,
    seed_org,
    summarise_profile,
    table,
)

BATCH = 1000
SOURCE = "bench-ingest"
COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "key_result_id",
    "value",
    "done",
    "confidence",
    "note",
    "observed_at",
    "received_at",
    "source",
    "external_id",
    "author_id",
)
INSERT = (
    f"INSERT INTO check_ins ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join(f'${n}' for n in range(1, len(COLUMNS) + 1))})"
)


@dataclass(frozen=True)
class Point:
    """One check-in point, as pushed."""

    metric_key: str
    key_result_id: str
    value: Decimal
    observed_at: datetime
    external_id: str

    def item(self) -> dict[str, Any]:
        """The batch item (JSON)."""
        return {
            "metric_key": self.metric_key,
            "value": float(self.value),
            "observed_at": self.observed_at.isoformat().replace("+00:00", "Z"),
            "source": SOURCE,
            "external_id": self.external_id,
        }

    def record(self, author_id: str) -> tuple[Any, ...]:
        """The row the raw baseline inserts."""
        now = datetime.now(UTC)
        return (
            str(uuid.uuid4()),
            now,
            now,
            self.key_result_id,
            self.value,
            None,
            None,
            None,
            self.observed_at,
            now,
            SOURCE,
            self.external_id,
            author_id,
        )


@dataclass(frozen=True)
class Round:
    """The seconds of each batch of one round, per way of writing."""

    executemany: list[float]
    copy: list[float]
    http: list[float]


def make_points(org: SeededOrg, count: int, rng: random.Random, prefix: str) -> list[Point]:
    """``count`` points spread over the metric keys, observed over the last 20 days."""
    keys = sorted(org.metric_keys)
    start = datetime.now(UTC) - timedelta(days=20)
    step = timedelta(days=20) / max(1, count)
    return [
        Point(
            metric_key=keys[n % len(keys)],
            key_result_id=org.metric_keys[keys[n % len(keys)]],
            value=Decimal(rng.randint(0, 10_000)) / 100,
            observed_at=(start + step * n).replace(microsecond=0),
            external_id=f"{prefix}-{n:07d}",
        )
        for n in range(count)
    ]


def batches(points: list[Point]) -> list[list[Point]]:
    """The points in batches of 1,000."""
    return [points[i : i + BATCH] for i in range(0, len(points), BATCH)]


async def post_batches(client: httpx.AsyncClient, chunks: list[list[Point]]) -> list[float]:
    """POST every batch in turn; the seconds each took. Fails unless every item is created."""
    times: list[float] = []
    for chunk in chunks:
        body = {"items": [p.item() for p in chunk]}
        started = time.perf_counter()
        response = await client.post("/v1/check-ins/batch", json=body)
        times.append(time.perf_counter() - started)
        if response.status_code not in (200, 201, 207):
            raise SystemExit(f"batch -> {response.status_code}: {response.text[:2000]}")
        results = response.json()
        if results["created"] != len(chunk):
            refused = [item for item in results["items"] if item["outcome"] != "created"]
            raise SystemExit(f"batch: {results['created']} of {len(chunk)} created: {refused[:3]}")
    return times


async def raw_executemany(dsn: str, chunks: list[list[Point]], author_id: str) -> list[float]:
    """INSERT each batch with ``executemany`` in one transaction; the seconds each took."""
    conn = await asyncpg.connect(dsn)
    try:
        times: list[float] = []
        for chunk in chunks:
            started = time.perf_counter()
            records = [p.record(author_id) for p in chunk]
            async with conn.transaction():
                await conn.executemany(INSERT, records)
            times.append(time.perf_counter() - started)
        return times
    finally:
        await conn.close()


async def raw_copy(dsn: str, chunks: list[list[Point]], author_id: str) -> list[float]:
    """``copy_records_to_table`` each batch in one transaction; the seconds each took."""
    conn = await asyncpg.connect(dsn)
    try:
        times: list[float] = []
        for chunk in chunks:
            started = time.perf_counter()
            records = [p.record(author_id) for p in chunk]
            async with conn.transaction():
                await conn.copy_records_to_table("check_ins", records=records, columns=COLUMNS)
            times.append(time.perf_counter() - started)
        return times
    finally:
        await conn.close()


async def forget(dsn: str, prefix: str) -> None:
    """Delete the points of one run and vacuum, so that the next run sees the same table."""
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            "DELETE FROM check_ins WHERE source = $1 AND external_id LIKE $2", SOURCE, prefix + "%"
        )
        await conn.execute("VACUUM ANALYZE check_ins")
    finally:
        await conn.close()


async def single_posts(
    client: httpx.AsyncClient, kr_ids: list[str], count: int, rng: random.Random
) -> list[float]:
    """``count`` sequential single-point check-ins over the KRs; the seconds each took."""
    times: list[float] = []
    now = datetime.now(UTC).replace(microsecond=0)
    for n in range(count):
        kr = kr_ids[n % len(kr_ids)]
        body = {
            "value": rng.randint(0, 100),
            "observed_at": (now - timedelta(seconds=count - n)).isoformat().replace("+00:00", "Z"),
            "source": "manual",
        }
        started = time.perf_counter()
        response = await client.post(f"/v1/key-results/{kr}/check-ins", json=body)
        times.append(time.perf_counter() - started)
        if response.status_code != 201:
            raise SystemExit(f"check-in -> {response.status_code}: {response.text[:2000]}")
    return times


async def single_inserts(
    dsn: str, kr_ids: list[str], count: int, author_id: str, rng: random.Random
) -> list[float]:
    """``count`` sequential single-row INSERTs (autocommit); the seconds each took."""
    conn = await asyncpg.connect(dsn)
    try:
        times: list[float] = []
        now = datetime.now(UTC)
        for n in range(count):
            stamp = datetime.now(UTC)
            record = (
                str(uuid.uuid4()),
                stamp,
                stamp,
                kr_ids[n % len(kr_ids)],
                Decimal(rng.randint(0, 100)),
                None,
                None,
                None,
                now - timedelta(seconds=count - n),
                stamp,
                "bench-single-raw",
                None,
                author_id,
            )
            started = time.perf_counter()
            await conn.execute(INSERT, *record)
            times.append(time.perf_counter() - started)
        return times
    finally:
        await conn.close()


def _lat(times: list[float]) -> str:
    return (
        f"p50 {median(times) * 1000:.2f} ms  p99 {percentile(times, 0.99) * 1000:.2f} ms  "
        f"(n={len(times)})"
    )


async def run(args: argparse.Namespace) -> tuple[list[str], list[tuple[str, str]]]:
    """Seed, measure, and return the profile summary (if asked for) and the rows of the report."""
    rng = random.Random(args.seed)
    load_start = load_average()
    profile_lines: list[str] = []
    rounds: list[Round] = []
    async with fresh_database() as database:
        token = await bootstrap_admin(database)
        dsn = pg_dsn(database)
        with okr_server(database) as service:
            org = await seed_org(
                service.base_url,
                token,
                objectives=args.objectives,
                metric_key_every=args.metric_key_every,
            )
            headers = {"Authorization": f"Bearer {token}"}
            async with httpx.AsyncClient(
                base_url=service.base_url, headers=headers, timeout=120.0
            ) as client:
                me = (await client.get("/v1/people", params={"limit": 1})).json()["items"][0]
                author_id: str = me["id"]
                warm = batches(make_points(org, BATCH, rng, "warm"))
                log(f"{len(org.metric_keys)} KRs with a metric key; warming up")
                await post_batches(client, warm)
                warm_raw = batches(make_points(org, BATCH, rng, "warmraw"))
                await raw_executemany(dsn, warm_raw, author_id)

                for r in range(args.rounds):
                    prefix = f"pt{r}"
                    points = make_points(org, args.batches * BATCH, rng, prefix)
                    chunks = batches(points)
                    log(f"round {r + 1} of {args.rounds}: {len(points):,} points each way")
                    raw_times = await raw_executemany(dsn, chunks, author_id)
                    await forget(dsn, prefix)
                    copy_times = await raw_copy(dsn, chunks, author_id)
                    await forget(dsn, prefix)
                    http_times = await post_batches(client, chunks)
                    await forget(dsn, prefix)
                    rounds.append(Round(raw_times, copy_times, http_times))

                singles_krs = sorted(set(org.key_result_ids) - set(org.metric_keys.values()))
                log(f"single check-ins: {args.singles} HTTP, {args.singles} raw")
                await single_posts(client, singles_krs, 10, rng)  # warm-up
                single_http = await single_posts(client, singles_krs, args.singles, rng)
                single_raw = await single_inserts(dsn, singles_krs, args.singles, author_id, rng)

                if args.profile:
                    args.profile.mkdir(parents=True, exist_ok=True)
                    output = args.profile / "ingest-batch.txt"
                    log(f"profiling the batch path with py-spy -> {output}")
                    more = batches(make_points(org, len(points), rng, "prof"))
                    with sampled(service.process.pid, output):
                        await post_batches(client, more)
                    profile_lines = [
                        "",
                        "profile of POST /v1/check-ins/batch (py-spy, share of busy samples):",
                        *summarise_profile(output, idle=("select",)),
                    ]
                    output = args.profile / "ingest-single.txt"
                    log(f"profiling single check-ins with py-spy -> {output}")
                    with sampled(service.process.pid, output):
                        await single_posts(client, singles_krs, args.singles, rng)
                    profile_lines += [
                        "",
                        "profile of POST /v1/key-results/{id}/check-ins (py-spy):",
                        *summarise_profile(output, idle=("select",)),
                    ]

    n = len(points)
    ratios = [n / sum(r.http) / (n / sum(r.executemany)) for r in rounds]
    mid = sorted(range(len(rounds)), key=lambda i: ratios[i])[len(rounds) // 2]
    middle = rounds[mid]
    http_rate = n / sum(middle.http)
    raw_rate = n / sum(middle.executemany)
    copy_rate = n / sum(middle.copy)
    return profile_lines, [
        ("database", "PostgreSQL, fresh database, migrated"),
        ("load average (1 min) at start / end", f"{load_start} / {load_average()}"),
        (
            "seeded",
            f"{args.objectives} agreed objectives, {len(org.key_result_ids)} KRs, "
            f"{len(org.metric_keys)} with a metric_key",
        ),
        (
            "points per run",
            f"{n:,} in {len(batches(points))} sequential batches of {BATCH:,}; "
            f"{len(rounds)} rounds, each baseline then HTTP, the table cleared between runs",
        ),
        (
            "HTTP / executemany per round",
            "  ".join(f"{ratio:.2f}" for ratio in ratios),
        ),
        ("the median round", f"round {mid + 1}"),
        ("HTTP POST /v1/check-ins/batch", f"{http_rate:,.0f} points/s"),
        ("  per batch of 1,000", _lat(middle.http)),
        ("baseline: asyncpg executemany", f"{raw_rate:,.0f} points/s"),
        ("  per batch of 1,000", _lat(middle.executemany)),
        ("HTTP / executemany", f"{http_rate / raw_rate:.2f} (target >= 0.5)"),
        ("reference: asyncpg copy_records_to_table", f"{copy_rate:,.0f} points/s"),
        ("HTTP / copy_records_to_table", f"{http_rate / copy_rate:.2f}"),
        ("HTTP POST /v1/key-results/{id}/check-ins", _lat(single_http)),
        ("baseline: single-row asyncpg INSERT", _lat(single_raw)),
        (
            "single check-in / single INSERT",
            f"p50 {median(single_http) / median(single_raw):.1f}x  "
            f"p99 {percentile(single_http, 0.99) / percentile(single_raw, 0.99):.1f}x",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--batches", type=int, default=20, help="batches of 1,000 per run")
    parser.add_argument("--singles", type=int, default=300, help="sequential single check-ins")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of every batch run; the median is shown"
    )
    parser.add_argument("--objectives", type=int, default=12)
    parser.add_argument("--metric-key-every", type=int, default=3, help="every n-th KR has one")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="after measuring, sample the service with py-spy on more batches and single "
        "check-ins; stacks to DIR",
    )
    args = parser.parse_args()
    # The same event loop as the service under uvicorn (uvloop), so that the raw asyncpg baseline
    # gets the same driver speed-up.
    profile, rows = uvloop.run(run(args))
    print(table(rows))
    for line in profile:
        print(line)


if __name__ == "__main__":
    main()
