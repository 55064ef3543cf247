"""Read throughput and latency of the OKR service over HTTP, against a bare FastAPI baseline.

On a fresh PostgreSQL database (random name, migrated, dropped at the end) the service runs under
uvicorn (``api.main:app``, 1 worker, log level warning) and is seeded through HTTP with the
bootstrap token: a quarterly cycle and 200 agreed objectives with 3-4 KRs each. The baseline is
``bench/baseline_app.py`` under the same uvicorn settings, serving the same JSON documents the
service answered (one objective, one page of 50) as constants. wrk loads each target with the
same threads, connections and duration (``--latency``):

- ``GET /v1/objectives/{id}`` (random ids of the 200; wrk Lua script), authenticated;
- ``GET /v1/objectives?limit=50``, authenticated;
- the baseline's constant objective and constant page.

    .venv/bin/python bench/http_read.py                  # defaults: -t1 -c8, 10 s per target
    .venv/bin/python bench/http_read.py --duration 5 --objectives 100
    .venv/bin/python bench/http_read.py --workers 2     # also `okr serve --workers 2` vs one

With ``--workers N`` the service's two targets are also measured under ``okr serve --workers 1``
and ``okr serve --workers N`` (the same database, seed and wrk settings; the command migrates
and sets up once, then starts the worker processes) and the table adds the throughput of N
workers as a ratio against one. On a
machine with fewer than N idle cores the ratio stays near 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
from pathlib import Path

import httpx
from harness import (
    Server,
    WrkResult,
    WrkSettings,
    baseline_server,
    bootstrap_admin,
    ensure_wrk,
    fresh_database,
    load_average,
    log,
    okr_serve,
    okr_server,
    run_wrk,
    sampled,
    seed_org,
    summarise_profile,
    table,
    temp_file,
)

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


def _fmt(result: WrkResult) -> str:
    return (
        f"{result.requests_per_second:,.0f} req/s  p50 {result.p50_ms:.2f} ms  "
        f"p99 {result.p99_ms:.2f} ms  ({result.requests:,} requests)"
    )


def _ratio(result: WrkResult, baseline: WrkResult) -> str:
    return (
        f"req/s {result.requests_per_second / baseline.requests_per_second:.2f}x  "
        f"p50 {result.p50_ms / baseline.p50_ms:.1f}x  p99 {result.p99_ms / baseline.p99_ms:.1f}x"
    )


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--objectives", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="seconds per target")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per target")
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


async def _run(args: argparse.Namespace, settings: WrkSettings, wrk: str) -> None:
    load_start = load_average()
    async with fresh_database() as database:
        token = await bootstrap_admin(database)
        auth = f"Authorization: Bearer {token}"
        payloads = temp_file(".json")
        script = None
        profiles: list[str] = []
        scaled: dict[int, tuple[WrkResult, WrkResult]] = {}
        """Under ``okr serve --workers 1`` and ``--workers N``: (one objective, a page)."""
        try:
            with okr_server(database) as service:
                ids, one, page = await _prepare(service.base_url, token, args.objectives)
                payloads.write_text(
                    json.dumps({"objective": json.loads(one), "page": json.loads(page)}),
                    encoding="utf-8",
                )
                random.Random(args.seed).shuffle(ids)
                script = _lua(ids, args.seed)
                log("wrk: GET /v1/objectives/{id}")
                single, _ = await asyncio.to_thread(
                    run_wrk, wrk, service.base_url, settings, [auth], script
                )
                log("wrk: GET /v1/objectives?limit=50")
                listed, _ = await asyncio.to_thread(
                    run_wrk, wrk, f"{service.base_url}/v1/objectives?limit=50", settings, [auth]
                )
                if args.profile:
                    profiles = await _profile(args.profile, service, wrk, settings, auth, script)
            for workers in (1, args.workers) if args.workers > 1 else ():
                with okr_serve(database, workers) as served:
                    log(f"wrk: GET /v1/objectives/{{id}}, okr serve --workers {workers}")
                    served_single, _ = await asyncio.to_thread(
                        run_wrk, wrk, served.base_url, settings, [auth], script
                    )
                    log(f"wrk: GET /v1/objectives?limit=50, okr serve --workers {workers}")
                    served_listed, _ = await asyncio.to_thread(
                        run_wrk, wrk, f"{served.base_url}/v1/objectives?limit=50", settings, [auth]
                    )
                    scaled[workers] = (served_single, served_listed)
            with baseline_server(payloads) as baseline:
                log("wrk: baseline constant objective")
                base_one, _ = await asyncio.to_thread(
                    run_wrk, wrk, f"{baseline.base_url}/constant/objective", settings
                )
                log("wrk: baseline constant page")
                base_page, _ = await asyncio.to_thread(
                    run_wrk, wrk, f"{baseline.base_url}/constant/page", settings
                )
        finally:
            payloads.unlink(missing_ok=True)
            if script is not None:
                script.unlink(missing_ok=True)
    for name, result in [
        ("GET /v1/objectives/{id}", single),
        ("GET /v1/objectives?limit=50", listed),
        ("baseline /constant/objective", base_one),
        ("baseline /constant/page", base_page),
    ]:
        if result.errors:
            raise SystemExit(f"{name}: {result.errors} errors or non-2xx answers")
    rows = [
        ("database", "PostgreSQL, fresh database, migrated"),
        ("load average (1 min) at start / end", f"{load_start} / {load_average()}"),
        ("seeded", f"{args.objectives} agreed objectives, 3-4 KRs each"),
        (
            "wrk",
            f"-t{settings.threads} -c{settings.connections} -d{settings.duration_s}s --latency "
            f"(after {settings.warmup_s} s warm-up), same for every target",
        ),
        ("answer sizes", f"one objective {len(one):,} B, page of 50 {len(page):,} B"),
        ("GET /v1/objectives/{id}", _fmt(single)),
        ("  vs baseline (constant objective)", _ratio(single, base_one)),
        ("GET /v1/objectives?limit=50", _fmt(listed)),
        ("  vs baseline (constant page)", _ratio(listed, base_page)),
        ("baseline: constant objective", _fmt(base_one)),
        ("baseline: constant page of 50", _fmt(base_page)),
    ]
    if scaled:
        n = args.workers
        (one_single, one_listed), (n_single, n_listed) = scaled[1], scaled[n]
        rows += [
            ("okr serve --workers 1: GET /v1/objectives/{id}", _fmt(one_single)),
            (f"okr serve --workers {n}: GET /v1/objectives/{{id}}", _fmt(n_single)),
            (f"  {n} workers / 1 worker", _ratio(n_single, one_single)),
            ("okr serve --workers 1: GET /v1/objectives?limit=50", _fmt(one_listed)),
            (f"okr serve --workers {n}: GET /v1/objectives?limit=50", _fmt(n_listed)),
            (f"  {n} workers / 1 worker", _ratio(n_listed, one_listed)),
        ]
    print(table(rows))
    for line in profiles:
        print(line)


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
