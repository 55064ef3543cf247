"""`okr token create | list | revoke` on a fresh SQLite database."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from api.app import create_app, dispose_app
from api.bootstrap import bootstrap
from api.cli import cli
from api.identity import secret_file
from api.settings import Settings, get_settings


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("OKR_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("OKR_BOOTSTRAP_TOKEN", "okr_pat_clitest_" + "c" * 40)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_tokens_are_created_listed_and_revoked(database: None) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    unknown = runner.invoke(cli, ["token", "create", "--email", "nobody@example.com"])

    async def first_admin() -> None:
        app = create_app(get_settings())
        await bootstrap(
            app.state.session_factory,
            token=get_settings().bootstrap_token,
            secret_key=app.state.secret_key,
        )
        await dispose_app(app)

    asyncio.run(first_admin())

    created = runner.invoke(cli, ["token", "create", "--email", "ADMIN@localhost", "--name", "ci"])
    listed = runner.invoke(cli, ["token", "list", "--email", "admin@LOCALHOST"])
    token_id = next(line.split()[0] for line in listed.output.splitlines() if " ci " in line)
    revoked = runner.invoke(cli, ["token", "revoke", "--email", "admin@localhost", token_id])
    after = runner.invoke(cli, ["token", "list", "--email", "admin@localhost"])
    missing = runner.invoke(cli, ["token", "revoke", "--email", "admin@localhost", "nope"])

    assert unknown.exit_code == 1
    assert created.exit_code == 0 and created.output.startswith("okr_pat_")
    assert created.output.strip() not in listed.output
    prefix = created.output.strip().removeprefix("okr_pat_").split("_")[0]
    assert prefix not in listed.output and "clitest" not in listed.output
    assert revoked.exit_code == 0
    assert any(token_id in line and line.endswith("revoked") for line in after.output.splitlines())
    assert missing.exit_code == 1
    assert "does not exist" in missing.output


def test_a_cli_token_authenticates_and_none_is_made_for_a_deactivated_person(
    database: None,
) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    token = get_settings().bootstrap_token
    assert token is not None

    async def call(method: str, path: str, bearer: str, body: object = None) -> httpx.Response:
        app = create_app(get_settings())
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://cli") as client:
                headers = {"Authorization": f"Bearer {bearer}"}
                return await client.request(method, path, json=body, headers=headers)
        finally:
            await dispose_app(app)

    async def first_admin() -> None:
        app = create_app(get_settings())
        await bootstrap(app.state.session_factory, token=token, secret_key=app.state.secret_key)
        await dispose_app(app)

    asyncio.run(first_admin())
    person = asyncio.run(call("POST", "/v1/people", token, {"name": "Ann", "email": "ann@x.org"}))
    created = runner.invoke(cli, ["token", "create", "--email", "Ann@X.org"])
    works = asyncio.run(call("GET", "/v1/people", created.output.strip()))
    asyncio.run(call("DELETE", f"/v1/people/{person.json()['id']}", token))
    refused = runner.invoke(cli, ["token", "create", "--email", "ann@x.org"])

    assert created.exit_code == 0, created.output
    assert works.status_code == 200, works.text
    assert refused.exit_code == 1 and "deactivated" in refused.output


def test_the_cli_refuses_a_database_that_does_not_exist_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "elsewhere"
    monkeypatch.setenv("OKR_DATABASE_URL", f"sqlite+aiosqlite:///{folder / 'okr.db'}")
    monkeypatch.delenv("OKR_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        missing = runner.invoke(cli, ["token", "create", "--email", "admin@localhost"])
        listed = runner.invoke(cli, ["token", "list", "--email", "admin@localhost"])
        folder.mkdir()
        (folder / "okr.db").touch()
        empty = runner.invoke(cli, ["token", "create", "--email", "admin@localhost"])
    finally:
        get_settings.cache_clear()

    assert missing.exit_code == 1 and listed.exit_code == 1
    assert f"no database at {folder / 'okr.db'}" in missing.output
    assert "okr migrate" in missing.output and "OKR_DATABASE_URL" in missing.output
    assert empty.exit_code == 1 and "has no OKR tables" in empty.output
    assert sorted(p.name for p in folder.iterdir()) == ["okr.db"]  # no secret, no tables
    with closing(sqlite3.connect(folder / "okr.db")) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_the_default_database_and_secret_are_the_checkout_s_wherever_a_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OKR_DATABASE_URL", raising=False)
    checkout = Path(__file__).resolve().parents[2]

    default = Settings()

    assert default.database_url == f"sqlite+aiosqlite:///{checkout / 'var' / 'okr.db'}"
    assert secret_file(default) == checkout / "var" / "secret_key"
    on_postgres = Settings(database_url="postgresql+asyncpg://u@db/okr")
    assert secret_file(on_postgres) == checkout / "var" / "secret_key"
