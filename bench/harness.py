"""Shared pieces of the HTTP benchmarks: a throw-away PostgreSQL database, servers, wrk, seeding.

Everything runs on this machine: PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust), servers
on loopback ports, and every load loop is bounded in count and time.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx

ROOT = Path(__file__).resolve().parent.parent
PG_HOST = os.environ.get("OKR_BENCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("OKR_BENCH_PG_PORT", "5432"))
PG_USER = os.environ.get("OKR_BENCH_PG_USER", "postgres")
ADMIN_TOKEN = "okr_pat_benchadmin_" + "b" * 40
SECRET_KEY = uuid.uuid4().hex + uuid.uuid4().hex
"""The server secret of this run: the service's, and the one its admin token is stored under."""
LOOPBACK = "127.0.0.1"


def log(message: str) -> None:
    """Progress on stderr, so that stdout carries only the figures."""
    print(message, file=sys.stderr, flush=True)


# --- database --------------------------------------------------------------------------------


def pg_url(database: str) -> str:
    """The SQLAlchemy URL of a database on the benchmark server."""
    return f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"


def pg_dsn(database: str) -> str:
    """The asyncpg DSN of a database on the benchmark server."""
    return f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"


@asynccontextmanager
async def fresh_database() -> AsyncIterator[str]:
    """A newly created database (random name) migrated to head; dropped at the end."""
    from persistence import migrate

    name = f"okr_bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(pg_dsn("postgres"), timeout=5)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    log(f"database {name} created")
    try:
        await migrate.upgrade(pg_url(name))
        yield name
    finally:
        admin = await asyncpg.connect(pg_dsn("postgres"), timeout=5)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
        log(f"database {name} dropped")


async def bootstrap_admin(database: str) -> str:
    """Create the first admin with the benchmark's token (as ``okr serve`` does); return it."""
    from api.bootstrap import bootstrap
    from persistence.db import create_engine, create_session_factory

    engine = create_engine(pg_url(database))
    try:
        created = await bootstrap(
            create_session_factory(engine),
            token=ADMIN_TOKEN,
            secret_key=SECRET_KEY.encode(),
            demo=False,
        )
    finally:
        await engine.dispose()
    if created is None:
        raise SystemExit("the fresh database already had people")
    return ADMIN_TOKEN


# --- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on loopback that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    """A uvicorn process listening on a loopback port."""

    name: str
    port: int
    process: subprocess.Popen[bytes]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://{LOOPBACK}:{self.port}"


def _wait_ready(server: Server, path: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name} exited with {server.process.returncode}")
        try:
            if httpx.get(server.base_url + path, timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{server.name} did not answer {path} within {timeout:.0f} s")


@contextmanager
def uvicorn_server(
    name: str, app: str, env: dict[str, str], ready_path: str, app_dir: Path = ROOT
) -> Iterator[Server]:
    """``uvicorn <app>`` with 1 worker and log level warning; stopped (SIGTERM) at the end."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--app-dir",
        str(app_dir),
        "--host",
        LOOPBACK,
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    with _served(name, port, command, env, ready_path) as server:
        yield server


@contextmanager
def _served(
    name: str, port: int, command: list[str], env: dict[str, str], ready_path: str
) -> Iterator[Server]:
    """Run the server command until the block ends (SIGTERM, then SIGKILL after 15 s)."""
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    server = Server(name, port, process)
    try:
        _wait_ready(server, ready_path)
        log(f"{name} on {server.base_url} (pid {process.pid})")
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def okr_server(database: str) -> Iterator[Server]:
    """The OKR service (``api.main:app``) on the benchmark database."""
    env = {
        "OKR_DATABASE_URL": pg_url(database),
        "OKR_DEMO": "false",
        "OKR_LOG_LEVEL": "warning",
        "OKR_SECRET_KEY": SECRET_KEY,
    }
    with uvicorn_server("okr service", "api.main:app", env, "/healthz") as server:
        yield server


@contextmanager
def okr_serve(database: str, workers: int) -> Iterator[Server]:
    """``okr serve --workers N`` on the benchmark database: migrations and first-run setup once,
    then N worker processes sharing the port (log level warning)."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("okr")),
        "serve",
        "--host",
        LOOPBACK,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    env = {
        "OKR_DATABASE_URL": pg_url(database),
        "OKR_DEMO": "false",
        "OKR_LOG_LEVEL": "warning",
        "OKR_SECRET_KEY": SECRET_KEY,
    }
    with _served(f"okr serve --workers {workers}", port, command, env, "/healthz") as server:
        yield server


@contextmanager
def baseline_server(payload_file: Path) -> Iterator[Server]:
    """The bare FastAPI app of ``bench/baseline_app.py`` serving the payloads in the file."""
    env = {"OKR_BENCH_BASELINE_PAYLOADS": str(payload_file)}
    bench_dir = ROOT / "bench"
    with uvicorn_server("baseline app", "baseline_app:app", env, "/healthz", bench_dir) as server:
        yield server


# --- wrk -------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    """The path of ``wrk``; installs the Debian package (root only) when it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    log("wrk is missing: installing the Debian package with `apt-get install -y wrk`")
    if os.geteuid() != 0:
        raise SystemExit("wrk is missing and this is not root: run `apt-get install -y wrk`")
    install = ["apt-get", "install", "-y", "wrk"]
    if subprocess.run(install, check=False, stdout=subprocess.DEVNULL).returncode:
        subprocess.run(["apt-get", "update"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(install, check=True, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk could not be installed")
    return found


@dataclass(frozen=True)
class WrkResult:
    """What one wrk run measured."""

    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """Requests/s, p50, p99 and the error count of ``wrk --latency`` output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not (rps and total and p50 and p99):
        raise ValueError(f"unexpected wrk output:\n{output}")
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non2xx:
        errors += int(non2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return WrkResult(
        requests=int(total.group(1)),
        requests_per_second=float(rps.group(1)),
        p50_ms=_ms(p50.group(1)),
        p99_ms=_ms(p99.group(1)),
        errors=errors,
    )


@dataclass(frozen=True)
class WrkSettings:
    """The same load for every target."""

    threads: int
    connections: int
    duration_s: int
    warmup_s: int


def run_wrk(
    wrk: str,
    url: str,
    settings: WrkSettings,
    headers: Sequence[str] = (),
    script: Path | None = None,
) -> tuple[WrkResult, str]:
    """A short warm-up run, then the measured run; the parsed result and the raw output."""
    base = [wrk, f"-t{settings.threads}", f"-c{settings.connections}", "--latency"]
    for header in headers:
        base += ["-H", header]
    if script is not None:
        base += ["-s", str(script)]
    limit = settings.duration_s + 30
    if settings.warmup_s:
        subprocess.run(
            [*base, f"-d{settings.warmup_s}s", url],
            check=True,
            capture_output=True,
            timeout=settings.warmup_s + 30,
        )
    done = subprocess.run(
        [*base, f"-d{settings.duration_s}s", "--timeout", "5s", url],
        check=True,
        capture_output=True,
        text=True,
        timeout=limit,
    )
    return parse_wrk(done.stdout), done.stdout


# --- HTTP seeding ----------------------------------------------------------------------------


class SeedError(RuntimeError):
    """The service refused a seeding request."""


async def call(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    body: Any = None,
    *,
    expect: int | tuple[int, ...] = (200, 201),
    token: str | None = None,
) -> Any:
    """One request; raises ``SeedError`` (with the answer) unless the status is expected."""
    headers = {"Authorization": f"Bearer {token}"} if token else None
    response = await client.request(method, path, json=body, headers=headers)
    wanted = (expect,) if isinstance(expect, int) else expect
    if response.status_code not in wanted:
        raise SeedError(f"{method} {path} -> {response.status_code}: {response.text[:2000]}")
    return response.json() if response.content else None


@dataclass
class SeededOrg:
    """What the seeding created: ids the benchmarks address."""

    cycle_id: str
    manager_id: str
    manager_token: str
    member_ids: list[str]
    member_tokens: dict[str, str]
    objective_ids: list[str]
    key_result_ids: list[str]
    metric_keys: dict[str, str]  # metric_key -> key_result_id


async def gather_limited(coroutines: Sequence[Any], limit: int) -> list[Any]:
    """``asyncio.gather`` with at most ``limit`` running at once."""
    gate = asyncio.Semaphore(limit)

    async def one(coroutine: Any) -> Any:
        async with gate:
            return await coroutine

    return list(await asyncio.gather(*(one(c) for c in coroutines)))


async def seed_org(
    base_url: str,
    token: str,
    *,
    objectives: int,
    objectives_per_person: int = 4,
    metric_key_every: int = 0,
    activate: bool = True,
    concurrency: int = 4,
) -> SeededOrg:
    """Through HTTP: a unit, a manager, members, a quarterly cycle, agreed objectives with KRs.

    Each member owns ``objectives_per_person`` objectives (policy: at most 5), each with 3 or 4
    KRs (alternately; numeric with 0 -> 100, weights summing to 100) due inside the cycle. Each
    member submits and the manager approves, so every objective ends ``agreed``. Every
    ``metric_key_every``-th KR gets a metric key (0: none). The cycle is then activated.
    """
    today = date.today()
    starts, ends = today - timedelta(days=30), today + timedelta(days=60)
    limits = httpx.Limits(max_connections=concurrency + 1)
    async with httpx.AsyncClient(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=60.0,
        limits=limits,
    ) as admin:
        unit = await call(admin, "POST", "/v1/org-units", {"name": "Benchmark unit"})
        manager = await call(
            admin,
            "POST",
            "/v1/people",
            {"name": "Manager", "email": "manager@bench.example", "unit_id": unit["id"]},
        )
        await call(admin, "PATCH", f"/v1/org-units/{unit['id']}", {"head_id": manager["id"]})
        issued = await call(admin, "POST", f"/v1/people/{manager['id']}/tokens", {"name": "bench"})
        manager_token: str = issued["token"]
        members = -(-objectives // objectives_per_person)

        async def member(n: int) -> tuple[str, str]:
            person = await call(
                admin,
                "POST",
                "/v1/people",
                {
                    "name": f"Member {n}",
                    "email": f"member{n}@bench.example",
                    "unit_id": unit["id"],
                    "manager_id": manager["id"],
                },
            )
            minted = await call(admin, "POST", f"/v1/people/{person['id']}/tokens", {"name": "b"})
            return person["id"], minted["token"]

        people = await gather_limited([member(n) for n in range(members)], concurrency)
        cycle = await call(
            admin,
            "POST",
            "/v1/cycles",
            {
                "name": "Benchmark quarter",
                "kind": "quarterly",
                "starts_on": starts.isoformat(),
                "ends_on": ends.isoformat(),
            },
        )
        kr_counter = 0
        metric_keys: dict[str, str] = {}
        objective_ids: list[str] = []
        kr_ids: list[str] = []

        def next_metric_key() -> str | None:
            nonlocal kr_counter
            kr_counter += 1
            if metric_key_every and kr_counter % metric_key_every == 0:
                return f"bench.metric.{kr_counter}"
            return None

        async def objective(n: int) -> None:
            owner_id, owner_token = people[n // objectives_per_person]
            as_owner = {"token": owner_token}
            created = await call(
                admin,
                "POST",
                "/v1/objectives",
                {
                    "cycle_id": cycle["id"],
                    "owner_type": "person",
                    "owner_id": owner_id,
                    "title": f"Objective {n}: grow the thing that matters most this quarter",
                    "description": "Seeded for the read benchmark. " * 4,
                },
                **as_owner,
            )
            objective_ids.append(created["id"])
            count = 3 + n % 2
            weights = ["34", "33", "33"] if count == 3 else ["25", "25", "25", "25"]
            for k, weight in enumerate(weights):
                key = next_metric_key()
                body: dict[str, Any] = {
                    "title": f"Key result {k} of objective {n}",
                    "kind": "numeric",
                    "start_value": 0,
                    "target_value": 100,
                    "unit": "points",
                    "weight": int(weight),
                    "due_on": (ends - timedelta(days=1)).isoformat(),
                }
                if key:
                    body["metric_key"] = key
                kr = await call(
                    admin, "POST", f"/v1/objectives/{created['id']}/key-results", body, **as_owner
                )
                kr_ids.append(kr["id"])
                if key:
                    metric_keys[key] = kr["id"]
            await call(admin, "POST", f"/v1/objectives/{created['id']}/submit", {}, **as_owner)
            await call(
                admin,
                "POST",
                f"/v1/objectives/{created['id']}/approve",
                {},
                token=manager_token,
            )

        started = time.perf_counter()
        await gather_limited([objective(n) for n in range(objectives)], concurrency)
        log(
            f"seeded {objectives} agreed objectives, {len(kr_ids)} KRs "
            f"in {time.perf_counter() - started:.1f} s"
        )
        if activate:
            await call(admin, "POST", f"/v1/cycles/{cycle['id']}/activate", {})
    return SeededOrg(
        cycle_id=cycle["id"],
        manager_id=manager["id"],
        manager_token=manager_token,
        member_ids=[p[0] for p in people],
        member_tokens=dict(people),
        objective_ids=objective_ids,
        key_result_ids=kr_ids,
        metric_keys=metric_keys,
    )


# --- reporting -------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    """The median."""
    return statistics.median(values)


def load_average() -> str:
    """The 1-minute load average and the core count: how busy the machine was."""
    one, _five, _fifteen = os.getloadavg()
    return f"{one:.2f} on {os.cpu_count()} cores"


def table(rows: Sequence[tuple[str, str]]) -> str:
    """Two aligned columns: measure and value."""
    width = max(len(name) for name, _ in rows)
    lines = [f"{'measure':<{width}}  value", f"{'-' * width}  {'-' * 36}"]
    lines += [f"{name:<{width}}  {value}" for name, value in rows]
    return "\n".join(lines)


def temp_file(suffix: str) -> Path:
    """A named temporary file path (the caller removes it)."""
    handle, name = tempfile.mkstemp(prefix="okr-bench-", suffix=suffix)
    os.close(handle)
    return Path(name)


# --- profiling -------------------------------------------------------------------------------


@contextmanager
def sampled(pid: int, output: Path, rate: int = 250) -> Iterator[Path]:
    """Sample the process with py-spy while the block runs; collapsed stacks go to ``output``."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    command = [spy, "record", "--pid", str(pid), "--rate", str(rate), "--format", "raw"]
    process = subprocess.Popen(
        [*command, "--nonblocking", "--output", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)  # let py-spy attach
    try:
        yield output
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


PROJECT_PACKAGES = ("api", "domain", "persistence")


def _frame(frame: str) -> tuple[str, str]:
    """``function (pkg/module.py:12)`` -> (``pkg/module.py:function``, ``pkg``)."""
    match = re.match(r"(.*) \((.*?):\d+\)$", frame)
    if match is None:
        return frame, frame
    function, path = match.groups()
    package = path.split("/", 1)[0].removesuffix(".py")
    return f"{path}:{function}", package


def summarise_profile(path: Path, top: int = 15, idle: Sequence[str] = ()) -> list[str]:
    """Where the busy samples of a py-spy ``--format raw`` file go, in three views.

    - self time by top-level package (the leaf frame's package);
    - project functions (``api``, ``domain``, ``persistence``), inclusive;
    - library calls made from project code, inclusive (the first frame outside the project).

    Stacks whose leaf frame matches one of ``idle`` (the event loop waiting) are left out.
    Each function counts at most once per stack.
    """
    by_package: dict[str, int] = {}
    project: dict[str, int] = {}
    calls_out: dict[str, int] = {}
    greenlet: dict[str, int] = {}
    busy = idle_count = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_frame(f) for f in stack.split(";")[1:]]  # the first is the thread
        if not frames or any(word in frames[-1][0] for word in idle):
            idle_count += count
            continue
        busy += count
        leaf_package = frames[-1][1]
        by_package[leaf_package] = by_package.get(leaf_package, 0) + count
        if frames[0][1] not in ("<frozen runpy>", "<string>") and not any(
            package in PROJECT_PACKAGES for _, package in frames
        ):
            # SQLAlchemy's async layer runs the ORM in a greenlet: py-spy sees its own root
            phase = _greenlet_phase([name for name, _ in frames])
            greenlet[phase] = greenlet.get(phase, 0) + count
            continue
        seen_project: set[str] = set()
        seen_out: set[str] = set()
        for (name, package), (next_name, next_package) in zip(
            frames, [*frames[1:], ("", "")], strict=True
        ):
            if package in PROJECT_PACKAGES:
                seen_project.add(name)
                if next_name and next_package not in PROJECT_PACKAGES:
                    seen_out.add(next_name)
        for name in seen_project:
            project[name] = project.get(name, 0) + count
        for name in seen_out:
            calls_out[name] = calls_out.get(name, 0) + count

    def ranked(counts: dict[str, int]) -> list[str]:
        best = sorted(counts.items(), key=lambda item: -item[1])[:top]
        return [f"  {n / max(1, busy):6.1%}  {name}" for name, n in best]

    return [
        f"busy samples {busy:,} (idle left out: {idle_count:,})",
        "self time by package:",
        *ranked(by_package),
        "project functions (inclusive):",
        *ranked(project),
        "library calls from project code (inclusive):",
        *ranked(calls_out),
        "stacks outside the request task (mostly SQLAlchemy ORM greenlets), by phase:",
        *ranked(greenlet),
    ]


_PHASES = (
    ("ORM flush or bulk INSERT", ("orm/unitofwork.py", "orm/persistence.py", "bulk_persistence")),
    ("statement compile and cache key", ("sql/compiler.py", "sql/cache_key.py", "_compile_w_")),
    ("row loading (ORM instances)", ("orm/loading.py",)),
    ("driver (asyncpg and its adapter)", ("asyncpg", "await_only")),
    ("execute setup and parameters", ("engine/default.py", "engine/base.py", "orm/context.py")),
)


def _greenlet_phase(names: list[str]) -> str:
    """Which phase of ORM work a greenlet stack is in (the first matching, in order)."""
    for phase, needles in _PHASES:
        if any(needle in name for name in names for needle in needles):
            return phase
    return "other: " + (names[-1] if names else "?")


# --- the same-work baseline, server CPU and transactions -------------------------------------


def service_env(database: str) -> dict[str, str]:
    """The environment the service runs with on the benchmark database (the raw baseline reads
    the same settings)."""
    return {
        "OKR_DATABASE_URL": pg_url(database),
        "OKR_DEMO": "false",
        "OKR_LOG_LEVEL": "warning",
        "OKR_SECRET_KEY": SECRET_KEY,
    }


@contextmanager
def raw_server(database: str) -> Iterator[Server]:
    """The same-work baseline of ``bench/raw_app.py`` (plain ASGI on asyncpg) on the benchmark
    database, under the same uvicorn settings as the service."""
    env = service_env(database)
    with uvicorn_server("raw app", "raw_app:app", env, "/healthz", ROOT / "bench") as server:
        yield server


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (``/proc/<pid>/task/<tid>/children``)."""
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except FileNotFoundError:
            continue
        for task in tasks:
            try:
                pending += [int(c) for c in (task / "children").read_text().split()]
            except FileNotFoundError:
                pass
    return found


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the process and its living descendants (``/proc/PID/stat``)."""
    total = 0
    for member in process_tree(pid):
        try:
            stat = Path(f"/proc/{member}/stat").read_text()
        except FileNotFoundError:
            continue
        fields = stat.rpartition(")")[2].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / _CLOCK_TICKS


async def transaction_counts(database: str) -> tuple[int, int]:
    """``xact_commit`` and ``xact_rollback`` of the database in ``pg_stat_database`` (read from
    the ``postgres`` database, so that reading them counts nowhere in these figures)."""
    conn = await asyncpg.connect(pg_dsn("postgres"), timeout=5)
    try:
        row = await conn.fetchrow(
            "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = $1", database
        )
    finally:
        await conn.close()
    if row is None:
        raise SystemExit(f"pg_stat_database has no row for {database}")
    return int(row[0]), int(row[1])
