"""The `okr` command: serve the API, write the OpenAPI document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from api.settings import get_settings

cli = typer.Typer(no_args_is_help=True, add_completion=False)


@cli.command()
def serve() -> None:
    """Start the service with uvicorn."""
    settings = get_settings()
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(f"OKR service on {base}  (docs: {base}/docs)")
    uvicorn.run("api.main:app", host=settings.host, port=settings.port, log_level=settings.log_level)


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


def main() -> None:
    """Entry point of the `okr` console script."""
    cli()
