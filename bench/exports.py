"""Exports at scale: check-ins as CSV, NDJSON and Parquet, and an OData walk, against ``COPY``.

For each size (``--small``, default 10,000 check-ins, and ``--rows``, default 1,000,000) a fresh
PostgreSQL database (random name, migrated, dropped at the end) gets an organisation seeded
through HTTP (``harness.seed_org``: agreed objectives with KRs) and the check-ins, spread over
its KRs, written with ``COPY``. The service then runs under uvicorn (``api.main:app``, 1 worker,
as the harness starts it) and, one after the other, in the same run:

- the baseline: ``COPY (SELECT <the export's columns and joins>) TO STDOUT`` through asyncpg, in
  rows per second;
- ``GET /v1/exports/check-ins?format=csv|ndjson|parquet`` read to its end by a streaming client,
  in rows per second and as a ratio against the baseline;
- an OData walk: ``GET /odata/v4/CheckIns`` followed through every ``@odata.nextLink``.

Before each export the server's peak RSS is reset (``/proc/<pid>/clear_refs``, value 5) and read
after it (``VmHWM``): the table prints each export's peak RSS at the large size as a ratio
against the same export at the small size (the goal: at most 1.5, flat memory). Parquet row
counts are read back with pyarrow; the others count lines and entities.

    .venv/bin/python bench/exports.py                         # 1,000,000 vs 10,000 rows
    .venv/bin/python bench/exports.py --rows 20000 --small 2000
"""

from __future__ import annotations

import argparse
import io
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
from harness import bootstrap_admin, fresh_database, log, okr_server, pg_dsn, seed_org, table

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
COPY_BATCH = 50_000

BASELINE = """
SELECT c.id, c.key_result_id, k.title AS key_result_title, k.objective_id,
       o.title AS objective_title, o.cycle_id, y.name AS cycle_name, c.value, c.done,
       c.confidence, c.note, c.observed_at, c.received_at, c.source, c.external_id,
       c.author_id, a.name AS author_name, c.created_at, c.updated_at
FROM check_ins c
JOIN key_results k ON k.id = c.key_result_id
JOIN objectives o ON o.id = k.objective_id
JOIN cycles y ON y.id = o.cycle_id
LEFT JOIN people a ON a.id = c.author_id
ORDER BY c.created_at, c.id
"""
"""The columns and joins of the check-ins export, in its order."""


@dataclass
class Run:
    """One measured read: rows, seconds, the server's peak RSS in KiB."""

    rows: int
    seconds: float
    peak_kib: int = 0

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


async def insert_check_ins(dsn: str, key_result_ids: list[str], rows: int) -> None:
    """``rows`` check-ins over the KRs, created one microsecond apart, written with COPY."""
    conn = await asyncpg.connect(dsn)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    try:
        for first in range(0, rows, COPY_BATCH):
            records = []
            for n in range(first, min(rows, first + COPY_BATCH)):
                stamp = start + timedelta(microseconds=n * 10)
                records.append(
                    (
                        str(uuid.uuid4()),
                        stamp,
                        stamp,
                        key_result_ids[n % len(key_result_ids)],
                        Decimal(n % 1000) + Decimal("0.25"),
                        None,
                        n % 10,
                        f"note {n}",
                        stamp,
                        stamp,
                        "bench-exports",
                        f"e-{n}",
                        None,
                    )
                )
            await conn.copy_records_to_table("check_ins", records=records, columns=COLUMNS)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


def reset_peak(pid: int) -> None:
    """Reset the process's peak RSS (Linux ``clear_refs`` 5)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_kib(pid: int) -> int:
    """The process's peak RSS since the last reset, in KiB (``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise SystemExit("no VmHWM in /proc/<pid>/status")


async def copy_baseline(dsn: str) -> Run:
    """``COPY (SELECT ...) TO STDOUT`` of the export's rows; counts the lines it sends."""
    conn = await asyncpg.connect(dsn)
    lines = 0

    async def sink(chunk: bytes) -> None:
        nonlocal lines
        lines += chunk.count(b"\n")

    try:
        started = time.perf_counter()
        await conn.copy_from_query(BASELINE, output=sink, format="csv")
        return Run(lines, time.perf_counter() - started)
    finally:
        await conn.close()


async def export(client: httpx.AsyncClient, fmt: str, pid: int) -> Run:
    """One export read to its end; rows counted from what came back."""
    reset_peak(pid)
    started = time.perf_counter()
    body = io.BytesIO()
    lines = 0
    async with client.stream("GET", "/v1/exports/check-ins", params={"format": fmt}) as response:
        if response.status_code != 200:
            raise SystemExit(f"{fmt} export: {response.status_code} {await response.aread()!r}")
        async for chunk in response.aiter_bytes():
            if fmt == "parquet":
                body.write(chunk)
            else:
                lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.ParquetFile(io.BytesIO(body.getvalue())).metadata.num_rows
    else:
        rows = lines - 1 if fmt == "csv" else lines
    return Run(rows, seconds, peak_kib(pid))


async def odata_walk(client: httpx.AsyncClient, pid: int) -> Run:
    """``/odata/v4/CheckIns`` followed through every next link."""
    reset_peak(pid)
    started = time.perf_counter()
    rows = 0
    url: str | None = "/odata/v4/CheckIns"
    while url is not None:
        response = await client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"odata walk: {response.status_code} {response.text[:300]}")
        page: dict[str, Any] = response.json()
        rows += len(page["value"])
        url = page.get("@odata.nextLink")
    return Run(rows, time.perf_counter() - started, peak_kib(pid))


async def measure(rows: int, objectives: int) -> dict[str, Run]:
    """Every read of one size, on a database of its own."""
    async with fresh_database() as database:
        token = await bootstrap_admin(database)
        with okr_server(database) as server:
            org = await seed_org(server.base_url, token, objectives=objectives)
            log(f"inserting {rows:,} check-ins")
            await insert_check_ins(pg_dsn(database), org.key_result_ids, rows)
            found: dict[str, Run] = {"COPY": await copy_baseline(pg_dsn(database))}
            headers = {"Authorization": f"Bearer {token}"}
            async with httpx.AsyncClient(
                base_url=server.base_url, headers=headers, timeout=3600
            ) as client:
                for fmt in ("csv", "ndjson", "parquet"):
                    log(f"{rows:,} rows: {fmt} export")
                    found[fmt] = await export(client, fmt, server.process.pid)
                log(f"{rows:,} rows: OData walk")
                found["odata"] = await odata_walk(client, server.process.pid)
    for name, run in found.items():
        if run.rows != rows:
            raise SystemExit(f"{name} at {rows:,} rows delivered {run.rows:,} rows")
    return found


async def run(args: argparse.Namespace) -> list[tuple[str, str]]:
    small = await measure(args.small, args.objectives)
    large = await measure(args.rows, args.objectives)
    copy = large["COPY"]
    out = [
        (
            f"COPY (SELECT ...) TO STDOUT, {args.rows:,} rows",
            f"{copy.rate:,.0f} rows/s ({copy.seconds:.1f} s)",
        )
    ]
    for name in ("csv", "ndjson", "parquet", "odata"):
        big, little = large[name], small[name]
        out.append(
            (
                f"{name}, {args.rows:,} rows",
                f"{big.rate:,.0f} rows/s ({big.seconds:.1f} s), {big.rate / copy.rate:.2f}x COPY; "
                f"peak RSS {big.peak_kib / 1024:.0f} MiB = {big.peak_kib / little.peak_kib:.2f}x "
                f"the {args.small:,}-row export's {little.peak_kib / 1024:.0f} MiB",
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="check-ins of the large run")
    parser.add_argument("--small", type=int, default=10_000, help="check-ins of the small run")
    parser.add_argument("--objectives", type=int, default=40, help="objectives seeded")
    args = parser.parse_args()
    # The same event loop as the service under uvicorn (uvloop).
    rows = uvloop.run(run(args))
    print(table(rows))


if __name__ == "__main__":
    main()
