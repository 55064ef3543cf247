"""The cycle report at scale: ``GET /v1/cycles/{id}/report`` against its own SQL and a ``count(*)``.

For each size (``--small``, default 5,000 objectives, and ``--objectives``, default 50,000; 4 KRs
per objective, 12 check-ins per KR) a fresh PostgreSQL database (random name, migrated, dropped
at the end) is seeded directly with SQL (``generate_series``): a unit tree (fan-out 10, one unit
per 50 objectives), a person per 5 objectives, one active cycle, objectives (mostly agreed; some
proposed and cancelled; unit objectives for every unit, the rest owned by people), their KRs (a
tenth milestones, last checked in 0 to 19 days ago), 12 check-ins per KR with a confidence, an
upward alignment for nine objectives in ten, and a review for one in ten. Then, in the same run,
three rounds each, median:

- the report over HTTP from the service under uvicorn (``api.main:app``, 1 worker), as the admin;
- the report's own statements (captured from one in-process run of ``api.services.reports``,
  with their parameters) run raw through asyncpg in one transaction, every row fetched;
- ``SELECT count(*) FROM key_results``.

It prints the ratios report/raw SQL and report/count, the growth large/small of the report, of
its SQL and of the data, the server's peak RSS (``/proc/<pid>/status`` ``VmHWM``) after the
rounds at each size, how many statements the report ran, and which tables each statement scans
(from ``EXPLAIN (ANALYZE, BUFFERS)``, written in full to ``--explain``).

    .venv/bin/python bench/report_scale.py
    .venv/bin/python bench/report_scale.py --objectives 20000 --small 2000
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import uvloop
from harness import (
    ADMIN_TOKEN,
    bootstrap_admin,
    fresh_database,
    load_average,
    log,
    median,
    okr_server,
    pg_dsn,
    pg_url,
    table,
    temp_file,
)

ROUNDS = 3
CYCLE_ID = "bench-cycle"
KRS_PER_OBJECTIVE = 4
CHECK_INS_PER_KR = 12

SEED = [
    # units: a tree of fan-out 10 under the root u0000000
    """INSERT INTO org_units (id, created_at, updated_at, name, parent_id)
       SELECT 'u' || lpad(i::text, 7, '0'), now(), now(), 'unit ' || i,
              CASE WHEN i = 0 THEN NULL ELSE 'u' || lpad(((i - 1) / 10)::text, 7, '0') END
       FROM generate_series(0, $1::int - 1) AS i""",
    """INSERT INTO people (id, created_at, updated_at, name, email, email_key, role, active,
                           unit_id)
       SELECT 'p' || lpad(i::text, 7, '0'), now(), now(), 'person ' || i,
              'p' || i || '@bench.example', 'p' || i || '@bench.example', 'member', true,
              'u' || lpad((i % $1::int)::text, 7, '0')
       FROM generate_series(0, $2::int - 1) AS i""",
    """INSERT INTO cycles (id, created_at, updated_at, name, kind, starts_on, ends_on, state,
                           version, planning_deadline)
       VALUES ('bench-cycle', now(), now(), 'Bench quarter', 'quarterly', current_date - 60,
               current_date + 30, 'active', 1, current_date - 45)""",
    # objectives: one per unit first (o < units), then people's (person o % people)
    """INSERT INTO objectives (id, created_at, updated_at, cycle_id, owner_type, owner_id, title,
                               description, origin, state, score, version)
       SELECT 'o' || lpad(i::text, 8, '0'), now(), now(), 'bench-cycle',
              CASE WHEN i < $1::int THEN 'unit' ELSE 'person' END,
              CASE WHEN i < $1::int THEN 'u' || lpad(i::text, 7, '0')
                   ELSE 'p' || lpad((i % $2::int)::text, 7, '0') END,
              'objective ' || i, '',
              CASE WHEN i % 3 = 0 THEN 'top_down' ELSE 'bottom_up' END,
              CASE WHEN i % 20 = 7 THEN 'proposed' WHEN i % 50 = 11 THEN 'cancelled'
                   ELSE 'agreed' END,
              ((i * 7919) % 1001)::numeric / 1000, 1
       FROM generate_series(0, $3::int - 1) AS i""",
    """INSERT INTO key_results (id, created_at, updated_at, objective_id, cycle_id, position,
                                title, kind, start_value, target_value, current_value, weight,
                                done, score, confidence, last_check_in_at, version)
       SELECT 'k' || lpad(j::text, 9, '0'), now(), now(), 'o' || lpad((j / 4)::text, 8, '0'),
              'bench-cycle',
              j % 4, 'key result ' || j,
              CASE WHEN j % 10 = 9 THEN 'milestone' ELSE 'numeric' END,
              CASE WHEN j % 10 = 9 THEN NULL ELSE 0 END,
              CASE WHEN j % 10 = 9 THEN NULL ELSE 100 END,
              CASE WHEN j % 10 = 9 THEN NULL ELSE 60 END,
              25, false, 0.60, 5, now() - make_interval(days => j % 20), 1
       FROM generate_series(0, $1::int - 1) AS j""",
    """INSERT INTO check_ins (id, created_at, updated_at, key_result_id, value, done, confidence,
                              observed_at, received_at, source)
       SELECT 'c' || lpad(n::text, 10, '0'), now(), now(), 'k' || lpad((n / 12)::text, 9, '0'),
              CASE WHEN (n / 12) % 10 = 9 THEN NULL ELSE (n % 12) * 7 + (n / 12) % 9 END,
              CASE WHEN (n / 12) % 10 = 9 THEN (n % 12 = 11 AND (n / 12) % 3 = 0) END,
              1 + (n * 31) % 10,
              (current_date - 60)::timestamptz + make_interval(days => (n % 12) * 5, hours => 10),
              (current_date - 60)::timestamptz + make_interval(days => (n % 12) * 5, hours => 11),
              'bench'
       FROM generate_series(0, $1::int - 1) AS n""",
    # alignments: a unit's objective to its parent unit's; a person's to a unit's (1 in 10 not)
    """INSERT INTO alignments (id, created_at, updated_at, child_objective_id,
                               parent_objective_id)
       SELECT 'a' || lpad(i::text, 8, '0'), now(), now(), 'o' || lpad(i::text, 8, '0'),
              'o' || lpad((CASE WHEN i < $1::int THEN (i - 1) / 10 ELSE i % $1::int END)::text,
                          8, '0')
       FROM generate_series(1, $2::int - 1) AS i
       WHERE i % 10 <> 3""",
    """INSERT INTO reviews (id, created_at, updated_at, objective_id, state, goal, results,
                            measures, problems, lessons, flags, confirmed_score, version)
       SELECT 'r' || lpad(i::text, 8, '0'), now(), now(), 'o' || lpad(i::text, 8, '0'),
              (ARRAY['draft', 'submitted', 'confirmed'])[1 + (i / 10) % 3], '', '', '', '', '',
              '[]'::json, CASE WHEN (i / 10) % 3 = 2 THEN 0.650 END, 1
       FROM generate_series(0, $1::int - 1, 10) AS i""",
]


@dataclass
class Size:
    """The figures of one size."""

    objectives: int
    report: float = 0.0
    raw: float = 0.0
    count: float = 0.0
    peak_kib: int = 0
    statements: int = 0
    body_bytes: int = 0
    in_process: float = 0.0
    forecast: float = 0.0
    scans: list[str] = field(default_factory=list)


async def seed(database: str, objectives: int) -> None:
    """The organisation, cycle, objectives, KRs, check-ins, alignments and reviews, in SQL."""
    units = max(10, objectives // 50)
    people = max(10, objectives // 5)
    krs = objectives * KRS_PER_OBJECTIVE
    conn = await asyncpg.connect(pg_dsn(database))
    try:
        started = time.perf_counter()
        args: list[tuple[int, ...]] = [
            (units,),
            (units, people),
            (),
            (units, people, objectives),
            (krs,),
            (krs * CHECK_INS_PER_KR,),
            (units, objectives),
            (objectives,),
        ]
        for statement, values in zip(SEED, args, strict=True):
            await conn.execute(statement, *values)
        await conn.execute("ANALYZE")
        log(
            f"seeded {objectives:,} objectives, {krs:,} KRs, {krs * CHECK_INS_PER_KR:,} check-ins "
            f"in {time.perf_counter() - started:.1f} s"
        )
    finally:
        await conn.close()


async def capture(database: str, size: Size) -> list[tuple[str, tuple[Any, ...]]]:
    """The statements (and parameters) one in-process report runs, in order; notes in ``size``
    how long that report took and how much of it was its forecast section."""
    from sqlalchemy import event

    import api.services.reports as service
    from api.auth import Principal
    from domain.model import Role
    from persistence.db import create_engine, create_session_factory

    engine = create_engine(pg_url(database))
    seen: list[tuple[str, tuple[Any, ...]]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, tuple(parameters or ())))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    summary = service._forecast_summary

    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await summary(*args, **kwargs)
        finally:
            size.forecast = time.perf_counter() - started

    service._forecast_summary = timed
    try:
        async with create_session_factory(engine)() as session:
            principal = Principal(person_id="bench-admin", role=Role.ADMIN)
            started = time.perf_counter()
            await service.cycle_report(session, principal, CYCLE_ID, unit_id=None)
            size.in_process = time.perf_counter() - started
    finally:
        service._forecast_summary = summary
        await engine.dispose()
    return seen


async def run_raw(database: str, statements: list[tuple[str, tuple[Any, ...]]]) -> float:
    """Seconds to run the statements raw in one transaction, fetching every row."""
    conn = await asyncpg.connect(pg_dsn(database))
    try:
        started = time.perf_counter()
        async with conn.transaction(readonly=True):
            for statement, parameters in statements:
                await conn.fetch(statement, *parameters)
        return time.perf_counter() - started
    finally:
        await conn.close()


async def count_krs(database: str) -> float:
    """Seconds of ``SELECT count(*) FROM key_results``."""
    conn = await asyncpg.connect(pg_dsn(database))
    try:
        started = time.perf_counter()
        await conn.fetchval("SELECT count(*) FROM key_results")
        return time.perf_counter() - started
    finally:
        await conn.close()


_SCAN = re.compile(
    r"(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan) (?:using \S+ )?on (\w+)"
)


async def explain(
    database: str, statements: list[tuple[str, tuple[Any, ...]]], out: Path, title: str
) -> list[str]:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of each distinct statement (the first of each text)
    appended to ``out``; per statement, the tables its plan scans and how often."""
    conn = await asyncpg.connect(pg_dsn(database))
    summary: list[str] = []
    done: set[str] = set()
    try:
        with out.open("a") as sink:
            sink.write(f"===== {title}\n")
            for number, (statement, parameters) in enumerate(statements, 1):
                if statement in done:
                    continue
                done.add(statement)
                rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", *parameters)
                plan = "\n".join(r[0] for r in rows)
                sink.write(f"--- statement {number}\n{statement}\n{plan}\n\n")
                scans = Counter(_SCAN.findall(plan))
                first = " ".join(statement.split())[:60]
                listed = ", ".join(f"{t}x{n}" if n > 1 else t for t, n in sorted(scans.items()))
                summary.append(f"#{number} {first}...: {listed or 'no table'}")
    finally:
        await conn.close()
    return summary


def peak_kib(pid: int) -> int:
    """The process's peak RSS, in KiB (``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise SystemExit("no VmHWM in /proc/<pid>/status")


async def measure(objectives: int, explain_to: Path) -> Size:
    """Seed a fresh database of this size and take the figures."""
    size = Size(objectives)
    async with fresh_database() as database:
        await bootstrap_admin(database)
        await seed(database, objectives)
        statements = await capture(database, size)
        size.statements = len(statements)
        log(f"the report ran {len(statements)} statements")
        size.scans = await explain(database, statements, explain_to, f"{objectives:,} objectives")
        reports: list[float] = []
        raws: list[float] = []
        counts: list[float] = []
        with okr_server(database) as server:
            headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
            url = f"{server.base_url}/v1/cycles/{CYCLE_ID}/report"
            async with httpx.AsyncClient(timeout=600.0, headers=headers) as client:
                for round_ in range(ROUNDS):
                    started = time.perf_counter()
                    response = await client.get(url)
                    reports.append(time.perf_counter() - started)
                    if response.status_code != 200:
                        raise SystemExit(f"report: {response.status_code} {response.text[:300]}")
                    size.body_bytes = len(response.content)
                    raws.append(await run_raw(database, statements))
                    counts.append(await count_krs(database))
                    log(
                        f"round {round_ + 1}: report {reports[-1]:.3f} s, "
                        f"raw SQL {raws[-1]:.3f} s, count(*) {counts[-1] * 1000:.1f} ms "
                        f"(load {load_average()})"
                    )
            size.peak_kib = peak_kib(server.process.pid)
        size.report, size.raw, size.count = median(reports), median(raws), median(counts)
    return size


async def run(args: argparse.Namespace) -> list[tuple[str, str]]:
    args.explain.write_text("")
    small = await measure(args.small, args.explain)
    large = await measure(args.objectives, args.explain)
    out: list[tuple[str, str]] = []
    for size in (small, large):
        name = f"{size.objectives:,} objectives"
        out += [
            (
                f"{name}: report over HTTP",
                f"{size.report:.3f} s ({size.body_bytes / 1024:.0f} KiB), {size.statements} "
                "statements",
            ),
            (
                f"{name}: in process, once",
                f"{size.in_process:.3f} s, of which the forecast section {size.forecast:.3f} s",
            ),
            (f"{name}: its SQL raw (asyncpg)", f"{size.raw:.3f} s"),
            (f"{name}: count(*) of key_results", f"{size.count * 1000:.1f} ms"),
            (f"{name}: report / raw SQL", f"{size.report / size.raw:.2f}x"),
            (f"{name}: report / count(*)", f"{size.report / size.count:.0f}x"),
            (f"{name}: server peak RSS", f"{size.peak_kib / 1024:.0f} MiB"),
        ]
    growth = large.objectives / small.objectives
    out += [
        ("growth of the data", f"{growth:.1f}x"),
        ("growth of the report", f"{large.report / small.report:.1f}x"),
        ("growth of its raw SQL", f"{large.raw / small.raw:.1f}x"),
        ("growth of the peak RSS", f"{large.peak_kib / small.peak_kib:.2f}x"),
        ("load average at the end", load_average()),
    ]
    log("tables scanned per statement (large size):")
    for line in large.scans:
        log("  " + line)
    log(f"EXPLAIN ANALYZE of every statement: {args.explain}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, default=50_000, help="objectives, large run")
    parser.add_argument("--small", type=int, default=5_000, help="objectives, small run")
    parser.add_argument("--explain", type=Path, help="plans go here (default: a temporary file)")
    args = parser.parse_args()
    if args.explain is None:
        args.explain = temp_file("-report-plans.txt")
    # The same event loop as the service under uvicorn (uvloop).
    rows = uvloop.run(run(args))
    print(table(rows))


if __name__ == "__main__":
    main()
