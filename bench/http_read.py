"""Read throughput, latency and cost of the OKR service over HTTP, against the same work done raw
and against a bare constant app.

On a fresh PostgreSQL database (random name, migrated, dropped at the end) the service runs under
uvicorn (``api.main:app``, 1 worker, log level warning) and is seeded through HTTP with the
bootstrap token: a quarterly cycle and 200 agreed objectives with 3-4 KRs each. Two baselines run
under the same uvicorn settings:

- the raw same-work app, ``bench/raw_app.py``: plain ASGI on an asyncpg pool that authenticates
  the same token the same way, reads the same rows with equivalent SQL, forecasts with the same
  domain functions and answers the byte-identical JSON and ``ETag``;
- the bare app, ``bench/baseline_app.py``: FastAPI serving the service's two answers (one
  objective, one page of 50) as constants, without authentication or database.

Before timing, the service's and the raw app's answers are compared (bodies and ``ETag``, ten
objectives and the page); any difference stops the run with a diff. Then three rounds, each
loading every target on the service, the raw app and the bare app in turn (interleaved) with the
same wrk settings (``--latency``, after a warm-up):

- ``GET /v1/objectives/{id}`` (random ids of the 200; wrk Lua script), authenticated;
- ``GET /v1/objectives?limit=50``, authenticated (the bare app: its constant documents).

Per target and app: req/s, p50 and p99 (median of the rounds), the ratios service/raw and
service/bare (median of the rounds' ratios), server CPU per request (utime + stime of the server
process and its children from ``/proc``, over the measured run), SQL statements per request (one
request counted in this process: the service built with ``api.app.create_app`` and a
``before_cursor_execute`` listener, the raw app by its own counter; transaction control not
counted) and transactions per request (``xact_commit`` and ``xact_rollback`` of the database in
``pg_stat_database`` over the measured run).

    .venv/bin/python bench/http_read.py                  # defaults: -t1 -c8, 10 s per run
    .venv/bin/python bench/http_read.py --duration 5 --objectives 100
    .venv/bin/python bench/http_read.py --workers 2     # also `okr serve --workers 2` vs one

With ``--workers N`` the service's two targets are also measured under ``okr serve --workers 1``
and ``okr serve --workers N`` (the same database, seed and wrk settings, three rounds,
interleaved) and the table adds the throughput of N workers as a ratio against one. On a machine
with fewer than N idle cores the ratio stays near 1. ``--profile DIR`` samples the service with
py-spy under the same load after the rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from harness import (
    SECRET_KEY,
    Server,
    WrkResult,
    WrkSettings,
    baseline_server,
    bootstrap_admin,
    cpu_seconds,
    ensure_wrk,
    fresh_database,
    load_average,
    log,
    median,
    okr_serve,
    okr_server,
    pg_url,
    raw_server,
    run_wrk,
    sampled,
    seed_org,
    summarise_profile,
    table,
    temp_file,
    transaction_counts,
)
from raw_app import create_raw_app

ROUNDS = 3
COMPARED_OBJECTIVES = 10
READ_IDS_LUA = """
-- wrk script: GET one of the listed objective ids, in random order
local ids = {%s}
math.randomseed(%d)
request = function()
  return wrk.format("GET", "/v1/objectives/" .. ids[math.random(#ids)])
end
"""


def _lua(ids: list[str], seed: int) -> Path:
    path = temp_file(".lua")
    quoted = ",".join(f'"{i}"' for i in ids)
    path.write_text(READ_IDS_LUA % (quoted, seed), encoding="utf-8")
    return path


async def _prepare(base_url: str, token: str, objectives: int) -> tuple[list[str], str, str]:
    """Seed; return the objective ids and the two JSON answers the baseline will serve."""
    org = await seed_org(base_url, token, objectives=objectives)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers) as client:
        one = await client.get(f"/v1/objectives/{org.objective_ids[0]}")
        page = await client.get("/v1/objectives", params={"limit": 50})
    for answer in (one, page):
        if answer.status_code != 200:
            raise SystemExit(f"{answer.request.url} -> {answer.status_code}: {answer.text[:500]}")
    if len(page.json()["items"]) != 50:
        raise SystemExit("the page of objectives does not have 50 items")
    return org.objective_ids, one.text, page.text


@dataclass(frozen=True)
class Target:
    """What one wrk run loads: a URL, its headers and script."""

    url: str
    headers: tuple[str, ...] = ()
    script: Path | None = None


@dataclass(frozen=True)
class Sample:
    """One measured run: wrk's figures and the server's CPU time over it."""

    result: WrkResult
    cpu_s: float

    @property
    def cpu_ms_per_request(self) -> float:
        """Server CPU per request, in milliseconds."""
        return self.cpu_s * 1000 / max(1, self.result.requests)


async def _warm_up(wrk: str, target: Target, settings: WrkSettings) -> None:
    if settings.warmup_s:
        warm = WrkSettings(settings.threads, settings.connections, settings.warmup_s, 0)
        await asyncio.to_thread(run_wrk, wrk, target.url, warm, target.headers, target.script)


async def _load(wrk: str, server: Server, target: Target, settings: WrkSettings) -> WrkResult:
    measured = WrkSettings(settings.threads, settings.connections, settings.duration_s, 0)
    result, _ = await asyncio.to_thread(
        run_wrk, wrk, target.url, measured, target.headers, target.script
    )
    if result.errors:
        raise SystemExit(f"{server.name} {target.url}: {result.errors} errors or non-2xx answers")
    return result


async def _measure(wrk: str, server: Server, target: Target, settings: WrkSettings) -> Sample:
    """Warm up, then one measured run with the server's CPU time read around it."""
    await _warm_up(wrk, target, settings)
    cpu = cpu_seconds(server.process.pid)
    result = await _load(wrk, server, target, settings)
    return Sample(result, cpu_seconds(server.process.pid) - cpu)


STATS_SETTLE_S = 11.0
"""PostgreSQL (15) flushes a backend's statistics at most once a second while it works and 10 s
after it goes idle: waiting this long makes ``pg_stat_database`` complete."""


async def _transactions(
    wrk: str, settings: WrkSettings, plan: Plan
) -> dict[str, dict[str, tuple[float, float]]]:
    """Commits and rollbacks per request of each target on each app with a database: one more
    run each (same load, after its warm-up) with the statistics settled before and after it."""
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for name, apps in plan:
        for app, server, target, database in apps:
            if database is None:
                continue
            log(f"transactions: {name} on {app}")
            await _warm_up(wrk, target, settings)
            await asyncio.sleep(STATS_SETTLE_S)
            commits, rollbacks = await transaction_counts(database)
            result = await _load(wrk, server, target, settings)
            await asyncio.sleep(STATS_SETTLE_S)
            after_commits, after_rollbacks = await transaction_counts(database)
            requests = max(1, result.requests)
            out.setdefault(name, {})[app] = (
                (after_commits - commits) / requests,
                (after_rollbacks - rollbacks) / requests,
            )
    return out


Plan = Sequence[tuple[str, Sequence[tuple[str, Server, Target, str | None]]]]
"""Per target name: (app name, server, what to load, the database whose transactions count)."""


async def _rounds(
    wrk: str, settings: WrkSettings, plan: Plan
) -> dict[str, dict[str, list[Sample]]]:
    """``ROUNDS`` rounds; in each, every target on every app in turn. By target, then app."""
    out: dict[str, dict[str, list[Sample]]] = {
        name: {app: [] for app, *_ in apps} for name, apps in plan
    }
    for n in range(1, ROUNDS + 1):
        for name, apps in plan:
            for app, server, target, _database in apps:
                log(f"round {n}/{ROUNDS}: {name} on {app}")
                out[name][app].append(await _measure(wrk, server, target, settings))
    return out


def _lines(body: str) -> list[str]:
    return body.replace(',"', ',\n"').splitlines(keepends=True)


async def _check_identical(service: Server, raw: Server, token: str, paths: Sequence[str]) -> None:
    """The raw app's answers are the service's, byte for byte, ``ETag`` included; else stop
    with a diff."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(base_url=service.base_url, headers=headers) as to_service,
        httpx.AsyncClient(base_url=raw.base_url, headers=headers) as to_raw,
    ):
        for path in paths:
            expected, got = await to_service.get(path), await to_raw.get(path)
            same_tag = expected.headers.get("etag") == got.headers.get("etag")
            if expected.status_code == got.status_code == 200 and expected.content == got.content:
                if same_tag:
                    continue
            diff = difflib.unified_diff(
                _lines(expected.text), _lines(got.text), "service", "raw app", n=2
            )
            raise SystemExit(
                f"the raw app does not answer {path} as the service does:\n"
                f"status {expected.status_code} / {got.status_code}, ETag "
                f"{expected.headers.get('etag')} / {got.headers.get('etag')}\n" + "".join(diff)
            )
    log(f"the raw app answers {len(paths)} reads byte-identically (bodies and ETags)")


async def _statements(database: str, token: str, paths: Sequence[str]) -> dict[str, list[int]]:
    """SQL statements of one request of each path: [the service, the raw app] (each after one
    warm request, so that the token's ``last_used_at`` is not due)."""
    from sqlalchemy import event

    from api.app import create_app, dispose_app
    from api.settings import Settings

    app = create_app(Settings(database_url=pg_url(database), demo=False, secret_key=SECRET_KEY))
    raw = create_raw_app(pg_url(database), SECRET_KEY.encode(), pool_size=1)
    await raw.start()
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    out: dict[str, list[int]] = {}
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with (
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://s", headers=headers
            ) as service,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=raw), base_url="http://r", headers=headers
            ) as baseline,
        ):
            engine = app.state.engine.sync_engine
            for path in paths:
                await service.get(path)
                event.listen(engine, "before_cursor_execute", record)
                try:
                    answered = await service.get(path)
                finally:
                    event.remove(engine, "before_cursor_execute", record)
                await baseline.get(path)
                before = raw.counters.statements
                raw_answered = await baseline.get(path)
                if answered.status_code != 200 or raw_answered.status_code != 200:
                    raise SystemExit(f"counting statements: {path} did not answer 200")
                out[path] = [len(sent), raw.counters.statements - before]
                sent.clear()
    finally:
        await raw.close()
        await dispose_app(app)
    return out


def _figures(samples: Sequence[Sample], transactions: tuple[float, float] | None = None) -> str:
    rps = median([s.result.requests_per_second for s in samples])
    p50 = median([s.result.p50_ms for s in samples])
    p99 = median([s.result.p99_ms for s in samples])
    cpu = median([s.cpu_ms_per_request for s in samples])
    text = f"{rps:,.0f} req/s  p50 {p50:.2f} ms  p99 {p99:.2f} ms  CPU {cpu:.2f} ms/req"
    if transactions is not None:
        text += f"  commits {transactions[0]:.2f}/req  rollbacks {transactions[1]:.2f}/req"
    return text


def _ratio(samples: Sequence[Sample], baseline: Sequence[Sample]) -> str:
    """Median over the rounds of the rounds' ratios (req/s, p50, CPU per request)."""
    pairs = list(zip(samples, baseline, strict=True))
    rps = median([a.result.requests_per_second / b.result.requests_per_second for a, b in pairs])
    p50 = median([a.result.p50_ms / b.result.p50_ms for a, b in pairs])
    cpu = median([a.cpu_ms_per_request / max(1e-9, b.cpu_ms_per_request) for a, b in pairs])
    rounds = " / ".join(
        f"{a.result.requests_per_second / b.result.requests_per_second:.2f}" for a, b in pairs
    )
    return f"req/s {rps:.2f}x (rounds {rounds})  p50 {p50:.1f}x  CPU/req {cpu:.1f}x"


def _by_round(apps: dict[str, list[Sample]]) -> str:
    return "; ".join(
        f"{app} " + " / ".join(f"{s.result.requests_per_second:,.0f}" for s in samples)
        for app, samples in apps.items()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--objectives", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="also measure `okr serve --workers N` and report N workers against one",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="after measuring, sample the service with py-spy under the same load; stacks to DIR",
    )
    args = parser.parse_args()
    if args.objectives < 50:
        parser.error("--objectives must be at least 50 (the list reads pages of 50)")
    settings = WrkSettings(args.threads, args.connections, args.duration, args.warmup)
    wrk = ensure_wrk()
    asyncio.run(_run(args, settings, wrk))


ONE = "GET /v1/objectives/{id}"
PAGE = "GET /v1/objectives?limit=50"
PAGE_PATH = "/v1/objectives?limit=50"


async def _run(args: argparse.Namespace, settings: WrkSettings, wrk: str) -> None:
    load_start = load_average()
    async with fresh_database() as database:
        token = await bootstrap_admin(database)
        auth = (f"Authorization: Bearer {token}",)
        payloads = temp_file(".json")
        script = None
        profiles: list[str] = []
        try:
            with okr_server(database) as service:
                ids, one, page = await _prepare(service.base_url, token, args.objectives)
                payloads.write_text(
                    json.dumps({"objective": json.loads(one), "page": json.loads(page)}),
                    encoding="utf-8",
                )
                compared = [f"/v1/objectives/{i}" for i in ids[:COMPARED_OBJECTIVES]]
                statements = await _statements(database, token, [compared[0], PAGE_PATH])
                random.Random(args.seed).shuffle(ids)
                script = _lua(ids, args.seed)
                with raw_server(database) as raw, baseline_server(payloads) as bare:
                    await _check_identical(service, raw, token, [*compared, PAGE_PATH])
                    plan: Plan = [
                        (
                            ONE,
                            [
                                (
                                    "service",
                                    service,
                                    Target(service.base_url, auth, script),
                                    database,
                                ),
                                ("raw", raw, Target(raw.base_url, auth, script), database),
                                ("bare", bare, Target(f"{bare.base_url}/constant/objective"), None),
                            ],
                        ),
                        (
                            PAGE,
                            [
                                (
                                    "service",
                                    service,
                                    Target(service.base_url + PAGE_PATH, auth),
                                    database,
                                ),
                                ("raw", raw, Target(raw.base_url + PAGE_PATH, auth), database),
                                ("bare", bare, Target(f"{bare.base_url}/constant/page"), None),
                            ],
                        ),
                    ]
                    measured = await _rounds(wrk, settings, plan)
                    transactions = await _transactions(wrk, settings, plan)
                if args.profile:
                    profiles = await _profile(args.profile, service, wrk, settings, auth[0], script)
            rows = _header(args, settings, load_start, one, page, len(compared) + 1)
            for name, path in ((ONE, compared[0]), (PAGE, PAGE_PATH)):
                rows += _compared(name, measured[name], transactions[name], statements[path])
            print(table(rows), flush=True)
            for line in profiles:
                print(line, flush=True)
            if args.workers > 1:
                await _scaling(args.workers, database, wrk, settings, auth, script, load_start)
        finally:
            payloads.unlink(missing_ok=True)
            if script is not None:
                script.unlink(missing_ok=True)


def _header(
    args: argparse.Namespace,
    settings: WrkSettings,
    load_start: str,
    one: str,
    page: str,
    compared: int,
) -> list[tuple[str, str]]:
    return [
        ("database", "PostgreSQL 127.0.0.1, fresh database, migrated"),
        ("load average (1 min) at start / now", f"{load_start} / {load_average()}"),
        ("seeded", f"{args.objectives} agreed objectives, 3-4 KRs each"),
        (
            "wrk",
            f"-t{settings.threads} -c{settings.connections} -d{settings.duration_s}s --latency "
            f"(after {settings.warmup_s} s warm-up), {ROUNDS} rounds, apps interleaved",
        ),
        ("answer sizes", f"one objective {len(one):,} B, page of 50 {len(page):,} B"),
        ("same answers", f"raw app = service, byte for byte: {compared} reads, ETags"),
        (
            "measures",
            "CPU: utime+stime of the server's processes over the run / requests; statements: "
            "one request counted in process; commits, rollbacks: pg_stat_database over one "
            f"more run per app (statistics settled {STATS_SETTLE_S:.0f} s before and after)",
        ),
    ]


def _compared(
    name: str,
    apps: dict[str, list[Sample]],
    transactions: dict[str, tuple[float, float]],
    statements: Sequence[int],
) -> list[tuple[str, str]]:
    service_n, raw_n = statements
    return [
        (name, "(median of rounds)"),
        ("  service", _figures(apps["service"], transactions["service"])),
        ("  raw same-work app", _figures(apps["raw"], transactions["raw"])),
        ("  bare constant app", _figures(apps["bare"])),
        ("  S/raw", _ratio(apps["service"], apps["raw"])),
        ("  S/bare", _ratio(apps["service"], apps["bare"])),
        ("  SQL statements per request", f"service {service_n}, raw app {raw_n}"),
        ("  req/s by round", _by_round(apps)),
    ]


async def _scaling(
    n: int,
    database: str,
    wrk: str,
    settings: WrkSettings,
    auth: tuple[str, ...],
    script: Path,
    load_start: str,
) -> None:
    """``okr serve --workers 1`` and ``--workers N`` on the same database, three interleaved
    rounds; prints its own table."""
    with okr_serve(database, 1) as single, okr_serve(database, n) as several:
        plan: Plan = [
            (
                name,
                [
                    (
                        f"{workers} worker(s)",
                        server,
                        Target(server.base_url + path, auth, lua),
                        database,
                    )
                    for workers, server in ((1, single), (n, several))
                ],
            )
            for name, path, lua in ((ONE, "", script), (PAGE, PAGE_PATH, None))
        ]
        scaled = await _rounds(wrk, settings, plan)
        transactions = await _transactions(wrk, settings, plan)
    rows = [("load average (1 min) at start / now", f"{load_start} / {load_average()}")]
    for name, apps in scaled.items():
        (one_name, one_worker), (n_name, n_workers) = apps.items()
        rows += [
            (f"okr serve, {name}", "(median of rounds)"),
            (f"  {one_name}", _figures(one_worker, transactions[name][one_name])),
            (f"  {n_name}", _figures(n_workers, transactions[name][n_name])),
            (f"  {n_name} / {one_name}", _ratio(n_workers, one_worker)),
            ("  req/s by round", _by_round(apps)),
        ]
    print(table(rows), flush=True)


async def _profile(
    folder: Path, service: Server, wrk: str, settings: WrkSettings, auth: str, script: Path
) -> list[str]:
    """Sample the service with py-spy under the same wrk load; the summary lines."""
    folder.mkdir(parents=True, exist_ok=True)
    once = WrkSettings(settings.threads, settings.connections, settings.duration_s, 0)
    lines: list[str] = []
    targets = [
        ("get_objective", service.base_url, script),
        ("list_objectives", f"{service.base_url}/v1/objectives?limit=50", None),
    ]
    for name, url, lua in targets:
        output = folder / f"http_read-{name}.txt"
        log(f"profiling {name} with py-spy -> {output}")
        with sampled(service.process.pid, output):
            await asyncio.to_thread(run_wrk, wrk, url, once, [auth], lua)
        lines += ["", f"profile of {name} (py-spy, inclusive share of busy samples):"]
        lines += summarise_profile(output, idle=("select",))
    return lines


if __name__ == "__main__":
    main()
