"""The `okr` command: serve the API, migrate, write the OpenAPI document, issue tokens."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from api.settings import Settings, get_settings

cli = typer.Typer(no_args_is_help=True, add_completion=False)
token_cli = typer.Typer(no_args_is_help=True, help="Personal access tokens.")
cli.add_typer(token_cli, name="token")


def _migrate(settings: Settings) -> None:
    from persistence.migrate import upgrade

    asyncio.run(upgrade(settings.database_url))


@cli.command()
def serve() -> None:
    """Migrate, bootstrap the first admin on an empty database, then start the service."""
    from api.bootstrap import Bootstrapped, bootstrap
    from persistence.db import create_engine, create_session_factory

    settings = get_settings()
    _migrate(settings)

    async def first_run() -> Bootstrapped | None:
        engine = create_engine(settings.database_url)
        try:
            return await bootstrap(
                create_session_factory(engine),
                token=settings.bootstrap_token,
                demo=settings.demo,
            )
        finally:
            await engine.dispose()

    created = asyncio.run(first_run())
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(f"OKR service on {base}  (docs: {base}/docs)")
    if created is not None and created.generated:
        typer.echo("First admin created. Their token (shown once):")
        typer.echo(f"  {created.token}")
        typer.echo(f'  curl -H "Authorization: Bearer {created.token}" {base}/v1/people')
    elif created is not None:
        typer.echo("First admin created with the token from OKR_BOOTSTRAP_TOKEN.")
    uvicorn.run(
        "api.main:app", host=settings.host, port=settings.port, log_level=settings.log_level
    )


@cli.command()
def migrate() -> None:
    """Migrate the database at OKR_DATABASE_URL to the newest schema."""
    _migrate(get_settings())
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


@token_cli.command("create")
def token_create(
    email: Annotated[str, typer.Option(help="E-mail of the person the token is for.")],
    name: Annotated[str, typer.Option(help="A label for the token.")] = "cli",
) -> None:
    """Print a new personal access token for a person."""
    from api.services.tokens import issue_token
    from persistence.db import create_engine, create_session_factory
    from persistence.repositories import PersonRepository

    settings = get_settings()

    async def create() -> str | None:
        engine = create_engine(settings.database_url)
        try:
            async with create_session_factory(engine)() as session, session.begin():
                person = await PersonRepository(session).find_by_email(email)
                if person is None:
                    return None
                _row, secret = await issue_token(session, person.id, name)
                return secret
        finally:
            await engine.dispose()

    secret = asyncio.run(create())
    if secret is None:
        typer.echo(f"no person with e-mail {email}", err=True)
        raise typer.Exit(code=1)
    typer.echo(secret)


def main() -> None:
    """Entry point of the `okr` console script."""
    cli()
