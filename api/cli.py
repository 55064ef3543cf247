"""The `okr` command: serve the API, migrate, write the OpenAPI document, issue tokens, send
deadline reminders, backtest forecasts and record band changes."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
import uvicorn
import uvicorn.config
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from api.settings import PROJECT_ROOT, Settings, get_settings

T = TypeVar("T")

cli = typer.Typer(no_args_is_help=True, add_completion=False)
token_cli = typer.Typer(no_args_is_help=True, help="Personal access tokens.")
cli.add_typer(token_cli, name="token")
deadlines_cli = typer.Typer(no_args_is_help=True, help="Deadline reminders (okr-domain.md §9).")
cli.add_typer(deadlines_cli, name="deadlines")
forecast_cli = typer.Typer(no_args_is_help=True, help="Forecasts: backtest, band events.")
cli.add_typer(forecast_cli, name="forecast")
org_cli = typer.Typer(no_args_is_help=True, help="The organisation: units and people.")
cli.add_typer(org_cli, name="org")


def _migrate(settings: Settings) -> None:
    from persistence.migrate import upgrade

    asyncio.run(upgrade(settings.database_url))


def _metrics_samples(directory: Path) -> None:
    """Point this process and its workers at an empty directory for their metrics samples
    (``prometheus_client``'s multiprocess mode); before ``prometheus_client`` is first imported,
    which chooses the samples' storage when it loads."""
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def okr_command() -> str:
    """How to call this command: the checkout's ``scripts/okr`` when it runs from the checkout's
    virtualenv (it works from any folder, with nothing activated), else its script beside the
    running interpreter, else ``okr``."""
    wrapper = PROJECT_ROOT / "scripts" / "okr"
    if wrapper.is_file() and Path(sys.prefix).resolve() == (PROJECT_ROOT / ".venv").resolve():
        return str(wrapper)
    script = Path(sys.executable).with_name("okr")
    return str(script) if script.is_file() else "okr"


def _database_or_exit(settings: Settings) -> None:
    """End the command when the database of the settings does not exist or was never migrated.

    The commands that only use a database (``okr token ...``) never create one: run from
    another folder or with another environment they would otherwise issue tokens into an empty
    database that no service reads.
    """
    from sqlalchemy.engine import make_url

    from persistence.migrate import current_revision

    url = make_url(settings.database_url)
    shown = url.render_as_string(hide_password=True)
    how = (
        f"Start the service once (`make run` or `{okr_command()} serve`) or create the database"
        " with `okr migrate`; OKR_DATABASE_URL chooses another database."
    )
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database not in ("", ":memory:"):
        if not database.startswith("file:") and not Path(database).is_file():
            typer.echo(f"no database at {Path(database).resolve()} ({shown}). {how}", err=True)
            raise typer.Exit(code=1)
    try:
        revision = asyncio.run(current_revision(settings.database_url))
    except (OSError, SQLAlchemyError) as exc:
        typer.echo(f"cannot open the database {shown}: {type(exc).__name__}. {how}", err=True)
        raise typer.Exit(code=1) from exc
    if revision is None:
        typer.echo(f"the database {shown} has no OKR tables. {how}", err=True)
        raise typer.Exit(code=1)


@cli.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: OKR_HOST).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default: OKR_PORT).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes serving requests (one per core).")
    ] = 1,
) -> None:
    """Migrate, bootstrap the first admin on an empty database, then start the service.

    Migrations and first-run setup run once, in this process, before any worker starts. With
    ``--workers N`` this process supervises N worker processes sharing the listening socket
    (uvicorn's process manager). SIGTERM or SIGINT shuts down gracefully: no new connection is
    accepted, the requests in flight finish (at most OKR_SHUTDOWN_TIMEOUT_SECONDS), then the
    workers exit.
    """
    from sqlalchemy.engine import make_url

    from api.bootstrap import ADMIN_EMAIL, Bootstrapped, bootstrap
    from api.identity import server_secret
    from api.logs import JSON, logging_config
    from api.server import uvicorn_options
    from persistence.db import create_engine, create_session_factory

    settings = get_settings()
    host = host or settings.host
    port = settings.port if port is None else port
    _migrate(settings)

    async def first_run() -> Bootstrapped | None:
        engine = create_engine(settings.database_url)
        try:
            return await bootstrap(
                create_session_factory(engine),
                token=settings.bootstrap_token,
                secret_key=server_secret(settings),
                demo=settings.demo,
            )
        finally:
            await engine.dispose()

    created = asyncio.run(first_run())
    base = f"http://{host}:{port}"
    typer.echo(f"OKR service on {base}  (docs: {base}/docs, {workers} worker(s))")
    if created is not None and created.generated:
        typer.echo("First admin created. Their token (shown once):")
        typer.echo(f"  {created.token}")
        typer.echo(f'  curl -H "Authorization: Bearer {created.token}" {base}/v1/people')
    elif created is not None:
        typer.echo("First admin created with the token from OKR_BOOTSTRAP_TOKEN.")
    typer.echo(f"Database: {make_url(settings.database_url).render_as_string(hide_password=True)}")
    typer.echo("A new admin token at any time (same database, from any folder):")
    typer.echo(f"  {okr_command()} token create --email {ADMIN_EMAIL}")
    # Before the app is imported (here or in a worker): where the workers' metrics meet.
    with tempfile.TemporaryDirectory(prefix="okr-metrics-") as samples:
        _metrics_samples(Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or samples))
        with _worker_beside(settings):
            uvicorn.run(
                "api.main:app",
                host=host,
                port=port,
                workers=workers,
                log_level=settings.log_level,
                log_config=logging_config(settings.log_format, settings.log_level)
                or uvicorn.config.LOGGING_CONFIG,
                access_log=settings.log_format != JSON,
                timeout_graceful_shutdown=int(settings.shutdown_timeout_seconds),
                **uvicorn_options(settings),
            )


@contextmanager
def _worker_beside(settings: Settings) -> Iterator[None]:
    """Run ``okr worker`` in a child process while the API serves (unless
    OKR_WORKER_IN_SERVE is off); the child ends when the server does, or dies with it."""
    if not settings.worker_in_serve:
        yield
        return
    import subprocess
    import sys

    child = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "worker", "--parent", str(os.getpid())]
    )
    try:
        yield
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


def _die_with(parent: int) -> None:
    """End this process the moment ``parent`` ends, however it ends (Linux: the kernel sends
    SIGKILL; elsewhere a thread checks every half second)."""
    import signal
    import threading

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()


@cli.command()
def worker(
    parent: Annotated[
        int | None, typer.Option(hidden=True, help="Stop when this process is gone.")
    ] = None,
) -> None:
    """Run the background jobs (webhook deliveries) until stopped; as many as you like."""
    import signal

    from api.worker import run_worker

    settings = get_settings()
    _migrate(settings)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        if parent is not None:
            _die_with(parent)
        await run_worker(settings, stop=stop)

    asyncio.run(run())


@cli.command()
def migrate(
    check: Annotated[
        bool, typer.Option("--check", help="Only verify that tables and migrations agree.")
    ] = False,
) -> None:
    """Migrate the database at OKR_DATABASE_URL to the newest schema (or check for drift)."""
    settings = get_settings()
    if check:
        from alembic.util.exc import AutogenerateDiffsDetected

        from persistence.migrate import check as check_drift

        try:
            asyncio.run(check_drift(settings.database_url))
        except AutogenerateDiffsDetected as exc:
            typer.echo(f"the tables and the migrations differ: {exc}", err=True)
            raise typer.Exit(code=1) from exc
        typer.echo("the tables and the migrations agree")
        return
    _migrate(settings)
    typer.echo("database is up to date")


@cli.command()
def openapi(
    output: Annotated[Path, typer.Option(help="Where to write the document.")] = Path(
        "openapi.json"
    ),
) -> None:
    """Write the OpenAPI document the app serves."""
    from api.app import create_app

    spec = create_app().openapi()
    output.write_text(json.dumps(spec, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def _in_session(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one committed transaction on the migrated database of the settings.

    A refusal of the domain (an unknown token, a deactivated person...) is printed and ends the
    command with exit code 1.
    """
    from domain.errors import DomainError
    from persistence.db import create_engine, create_session_factory

    settings = get_settings()
    _database_or_exit(settings)
    _migrate(settings)

    async def run() -> T:
        engine = create_engine(settings.database_url)
        try:
            async with create_session_factory(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(run())
    except DomainError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(code=1) from exc


async def _person_id(session: AsyncSession, email: str) -> str:
    """The id of the person with this e-mail, whatever its case."""
    from persistence.repositories.org import PersonRepository

    person = await PersonRepository(session).find_by_email(email)
    if person is None:
        typer.echo(f"no person with e-mail {email}", err=True)
        raise typer.Exit(code=1)
    return person.id


@token_cli.command("create")
def token_create(
    email: Annotated[str, typer.Option(help="E-mail of the person the token is for.")],
    name: Annotated[str, typer.Option(help="A label for the token.")] = "cli",
) -> None:
    """Print a new personal access token for an active person (the e-mail in any case).

    The way back in: `okr token create --email admin@localhost` gives the first admin a new
    token whenever theirs is lost. Uses the database `okr serve` uses (same settings, from any
    folder) and refuses to run when it does not exist."""
    from api.identity import server_secret
    from api.schemas.org import TokenCreate
    from api.services.tokens import create_token

    async def create(session: AsyncSession) -> str:
        person_id = await _person_id(session, email)
        secret_key = server_secret(get_settings())  # once the database is known to exist
        created = await create_token(
            session, person_id, TokenCreate(name=name), secret_key=secret_key
        )
        return created.token

    typer.echo(_in_session(create))


@token_cli.command("list")
def token_list(
    email: Annotated[str, typer.Option(help="E-mail of the person whose tokens to list.")],
) -> None:
    """List a person's personal access tokens (never their secrets)."""
    from api.pagination import MAX_LIMIT
    from api.services.tokens import list_tokens
    from persistence.repositories.base import Keyset

    async def listed(session: AsyncSession) -> list[str]:
        person_id = await _person_id(session, email)
        lines: list[str] = []
        after: Keyset | None = None
        while True:
            items, after = await list_tokens(session, person_id, limit=MAX_LIMIT, after=after)
            lines += [
                f"{t.id}  {t.name}  created {t.created_at:%Y-%m-%d}  "
                + ("revoked" if t.revoked_at else "active")
                for t in items
            ]
            if after is None:
                return lines

    for line in _in_session(listed):
        typer.echo(line)


@token_cli.command("revoke")
def token_revoke(
    email: Annotated[str, typer.Option(help="E-mail of the token's owner.")],
    token_id: Annotated[str, typer.Argument(help="The token's id (from `okr token list`).")],
) -> None:
    """Revoke a personal access token; it stops working at once."""
    from api.services.tokens import revoke_token

    async def revoke(session: AsyncSession) -> None:
        await revoke_token(session, await _person_id(session, email), token_id)

    _in_session(revoke)
    typer.echo(f"revoked {token_id}")


@deadlines_cli.command("produce")
def deadlines_produce(
    on: Annotated[
        str | None, typer.Option(help="The day to judge deadlines on (YYYY-MM-DD; default today).")
    ] = None,
) -> None:
    """Send the due `deadline.approaching` and `deadline.missed` events once; prints how many.

    Safe to run from several workers at once: each (deadline, person, kind) is sent once."""
    from datetime import date

    from api.services.deadlines import produce_deadline_events

    day = date.fromisoformat(on) if on else None

    async def produce(session: AsyncSession) -> int:
        return len(await produce_deadline_events(session, today=day))

    typer.echo(f"{_in_session(produce)} deadline events")


@forecast_cli.command("backtest")
def forecast_backtest(
    cycle: Annotated[str, typer.Option("--cycle", help="The id of a closed cycle.")],
) -> None:
    """Replay a closed cycle's check-ins week by week: the forecasts' mean absolute error against
    the final scores and the share of final scores inside the 80% interval (JSON)."""
    from api.services.forecasts import backtest_as_dict, backtest_cycle

    async def run(session: AsyncSession) -> dict[str, object]:
        return backtest_as_dict(await backtest_cycle(session, cycle))

    typer.echo(json.dumps(_in_session(run), indent=2))


@forecast_cli.command("bands")
def forecast_bands(
    cycle: Annotated[
        str | None, typer.Option("--cycle", help="Only this cycle (default: every open one).")
    ] = None,
) -> None:
    """Recompute the forecast band of the KRs of open cycles; a change of band is an event
    (``key_result.band_changed``). Run it on a schedule (e.g. hourly)."""
    from api.services.forecasts import refresh_bands

    async def run(session: AsyncSession) -> int:
        return await refresh_bands(session, cycle_id=cycle)

    typer.echo(f"{_in_session(run)} key results changed band")


@org_cli.command("sync")
def org_sync(
    file: Annotated[
        Path, typer.Argument(help="The HR snapshot: .csv (the documented header) or .json.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show the diff; write nothing.")
    ] = False,
) -> None:
    """Apply a full HR snapshot of units and people (as POST /v1/org/sync does), atomically."""
    from api.services.org_sync import SyncOutcome, sync_org
    from domain.errors import DomainError
    from domain.org_sync import parse_csv, parse_json

    try:
        text = file.read_text(encoding="utf-8-sig")
        snapshot = (
            parse_csv(text) if file.suffix.lower() == ".csv" else parse_json(json.loads(text))
        )
    except (OSError, ValueError) as exc:
        typer.echo(f"cannot read {file}: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    except DomainError as exc:
        for violation in exc.violations:
            typer.echo(violation.message, err=True)
        raise typer.Exit(code=1) from exc

    steps = max(len(snapshot.units) + len(snapshot.people), 1)
    shown = 0
    with typer.progressbar(length=steps, label="syncing", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            nonlocal shown
            target = round(done / max(total, 1) * steps)
            bar.update(target - shown)
            shown = target

        async def run(session: AsyncSession) -> SyncOutcome:
            return await sync_org(
                session, snapshot, by_admin=True, dry_run=dry_run, progress=progress
            )

        outcome = _in_session(run)
        bar.update(steps - shown)
    summary = outcome.plan.summary()
    typer.echo("dry run: nothing written" if dry_run else "applied")
    for name, count in summary.items():
        if count:
            typer.echo(f"  {name}: {count}")
    for change in outcome.plan.changes[:50]:
        fields = ", ".join(sorted(change.values))
        typer.echo(f"  {change.action} {change.entity} {change.external_id} ({fields})")
    if len(outcome.plan.changes) > 50:
        typer.echo(f"  ... and {len(outcome.plan.changes) - 50} more changes")


def main() -> None:
    """Entry point of the `okr` console script."""
    cli()


if __name__ == "__main__":
    main()
