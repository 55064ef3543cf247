"""Webhook delivery: throughput of the worker against a bare httpx POST loop, and the lag from
commit to delivery under a steady check-in load, in the same run.

On a fresh PostgreSQL database (random name, migrated, dropped at the end) the service runs under
uvicorn (``api.main:app``) and a bare receiver (``bench/webhook_receiver.py``, 204 to every POST)
under another; deliveries go over loopback (``OKR_WEBHOOK_ALLOWED_NETWORKS=127.0.0.0/8``).

1. Raw rate (the ratio's baseline): ``--subscriptions`` concurrent loops, each one httpx
   ``AsyncClient`` POSTing the same signed bodies one after the other, as the worker sends them
   per subscription.
2. Worker throughput: ``--subscriptions`` subscriptions to ``person.created``, ``--events``
   events appended to the feed in one transaction, then the time until the receiver has every
   delivery, with 1 and with 2 ``okr worker`` processes (started and idle beforehand).
3. Lag: 1 worker, one subscription to ``check_in.created``; ``--rate`` check-ins per second
   through ``POST /v1/key-results/{id}/check-ins`` for ``--seconds``; the receiver measures
   arrival minus the check-in's ``occurred_at`` (commit time), p50 and p99.

    .venv/bin/python bench/webhooks.py
    .venv/bin/python bench/webhooks.py --events 200 --subscriptions 2 --rate 10 --seconds 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import httpx
from harness import (
    ROOT,
    SECRET_KEY,
    bootstrap_admin,
    fresh_database,
    load_average,
    log,
    median,
    okr_server,
    percentile,
    pg_url,
    seed_org,
    table,
    uvicorn_server,
)

WORKER_ENV = {
    "OKR_WEBHOOK_ALLOW_HTTP": "true",
    "OKR_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
    "OKR_WORKER_POLL_SECONDS": "0.05",
    "OKR_LOG_LEVEL": "warning",
    # The steady check-in load of the lag measurement is above the per-caller default (600/min).
    "OKR_CHECKIN_RATE_LIMIT": "0",
}


@contextmanager
def receiver() -> Iterator[str]:
    with uvicorn_server(
        "receiver", "webhook_receiver:app", {}, "/healthz", ROOT / "bench"
    ) as server:
        yield server.base_url


@contextmanager
def workers(database: str, count: int) -> Iterator[None]:
    env = {
        **os.environ,
        **WORKER_ENV,
        "OKR_DATABASE_URL": pg_url(database),
        "OKR_SECRET_KEY": SECRET_KEY,
    }
    okr = [sys.executable, "-m", "api.cli", "worker"]
    processes = [subprocess.Popen(okr, cwd=ROOT, env=env) for _ in range(count)]
    try:
        time.sleep(3.0)  # imported, migrated (nothing to do) and polling
        yield
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


async def stats(base: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        answer: dict[str, Any] = (await client.get(f"{base}/stats")).json()
        return answer


async def reset(base: str) -> None:
    async with httpx.AsyncClient() as client:
        await client.post(f"{base}/reset")


async def wait_for(base: str, count: int, cap: float = 600.0) -> None:
    deadline = time.monotonic() + cap
    while (await stats(base))["count"] < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"the receiver got fewer than {count} deliveries in {cap:.0f} s")
        await asyncio.sleep(0.02)


async def raw_rate(target: str, events: int, subscriptions: int) -> float:
    """Deliveries per second of bare signed POST loops, one per subscription."""
    from domain.webhooks import new_secret, signature_header

    secret = new_secret()
    bodies = [
        json.dumps(
            {
                "type": "person.created",
                "timestamp": datetime.now(UTC).isoformat(),
                "data": {"cursor": str(i), "occurred_at": datetime.now(UTC).isoformat()},
            }
        ).encode()
        for i in range(events)
    ]

    async def loop() -> None:
        async with httpx.AsyncClient(timeout=10) as client:
            for body in bodies:
                msg_id = str(uuid.uuid4())
                stamp = int(time.time())
                headers = {
                    "content-type": "application/json",
                    "webhook-id": msg_id,
                    "webhook-timestamp": str(stamp),
                    "webhook-signature": signature_header([secret], msg_id, stamp, body),
                }
                response = await client.post(target, content=body, headers=headers)
                assert response.status_code == 204

    started = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(subscriptions)))
    return events * subscriptions / (time.perf_counter() - started)


async def subscribe(api: httpx.AsyncClient, url: str, types: list[str]) -> str:
    response = await api.post("/v1/webhooks", json={"url": url, "event_types": types})
    response.raise_for_status()
    webhook_id: str = response.json()["id"]
    return webhook_id


async def append_events(database: str, count: int) -> None:
    """``count`` person.created events in the feed, in one transaction."""
    from persistence.db import create_engine, create_session_factory
    from persistence.events import record_event

    engine = create_engine(pg_url(database))
    try:
        async with create_session_factory(engine)() as session, session.begin():
            for i in range(count):
                await record_event(
                    session,
                    "person.created",
                    "person",
                    str(uuid.uuid4()),
                    {"name": f"bench {i}"},
                    audience="public",
                )
    finally:
        await engine.dispose()


async def worker_rate(
    database: str, api: httpx.AsyncClient, target: str, base: str, events: int, subs: int, n: int
) -> float:
    hooks = [await subscribe(api, target, ["person.created"]) for _ in range(subs)]
    await reset(base)
    with workers(database, n):
        started = time.perf_counter()
        await append_events(database, events)
        await wait_for(base, events * subs)
        elapsed = time.perf_counter() - started
    for hook in hooks:
        await api.delete(f"/v1/webhooks/{hook}")
    return events * subs / elapsed


async def lag(
    database: str, api: httpx.AsyncClient, target: str, base: str, rate: float, seconds: float
) -> list[float]:
    org = await seed_org(str(api.base_url), str(api.headers["authorization"])[7:], objectives=1)
    kr = org.key_result_ids[0]
    member = org.member_tokens[org.member_ids[0]]
    hook = await subscribe(api, target, ["check_in.created"])
    await reset(base)
    sent = 0
    with workers(database, 1):
        async with httpx.AsyncClient(
            base_url=str(api.base_url), headers={"Authorization": f"Bearer {member}"}
        ) as client:
            started = time.monotonic()
            while time.monotonic() - started < seconds:
                response = await client.post(
                    f"/v1/key-results/{kr}/check-ins", json={"value": sent % 100}
                )
                response.raise_for_status()
                sent += 1
                next_at = started + sent / rate
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        await wait_for(base, sent)
    await api.delete(f"/v1/webhooks/{hook}")
    lags: list[float] = (await stats(base))["lags_ms"]
    return lags


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--subscriptions", type=int, default=4)
    parser.add_argument("--rate", type=float, default=50.0, help="check-ins per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    os.environ.update(WORKER_ENV)

    async with fresh_database() as database:
        token = await bootstrap_admin(database)
        with receiver() as base, okr_server(database) as server:
            target = f"{base}/hook"
            async with httpx.AsyncClient(
                base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}
            ) as api:
                raw = raw_rate(target, args.events, args.subscriptions)
                raw_value = await raw
                await reset(base)
                log(f"raw httpx loops: {raw_value:.0f}/s")
                one = await worker_rate(
                    database, api, target, base, args.events, args.subscriptions, 1
                )
                log(f"1 worker: {one:.0f}/s")
                two = await worker_rate(
                    database, api, target, base, args.events, args.subscriptions, 2
                )
                log(f"2 workers: {two:.0f}/s")
                lags = await lag(database, api, target, base, args.rate, args.seconds)
    print(
        table(
            [
                ("load average before/after", load_average()),
                (
                    f"raw httpx POST loops ({args.subscriptions} at once)",
                    f"{raw_value:,.0f} deliveries/s",
                ),
                ("worker, 1 process", f"{one:,.0f} deliveries/s ({one / raw_value:.2f}x raw)"),
                ("worker, 2 processes", f"{two:,.0f} deliveries/s ({two / raw_value:.2f}x raw)"),
                (
                    f"commit-to-delivery lag at {args.rate:g} check-ins/s ({len(lags)})",
                    f"p50 {median(lags):.0f} ms, p99 {percentile(lags, 0.99):.0f} ms",
                ),
            ]
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
