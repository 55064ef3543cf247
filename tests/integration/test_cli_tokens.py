"""`okr token create | list | revoke` on a fresh SQLite database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.app import create_app, dispose_app
from api.bootstrap import bootstrap
from api.cli import cli
from api.settings import get_settings


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
        await bootstrap(app.state.session_factory, token=get_settings().bootstrap_token)
        await dispose_app(app)

    asyncio.run(first_admin())

    created = runner.invoke(cli, ["token", "create", "--email", "admin@localhost", "--name", "ci"])
    listed = runner.invoke(cli, ["token", "list", "--email", "admin@localhost"])
    token_id = next(line.split()[0] for line in listed.output.splitlines() if " ci " in line)
    revoked = runner.invoke(cli, ["token", "revoke", "--email", "admin@localhost", token_id])
    after = runner.invoke(cli, ["token", "list", "--email", "admin@localhost"])
    missing = runner.invoke(cli, ["token", "revoke", "--email", "admin@localhost", "nope"])

    assert unknown.exit_code == 1
    assert created.exit_code == 0 and created.output.startswith("okr_pat_")
    assert created.output.strip() not in listed.output
    assert revoked.exit_code == 0
    assert any(token_id in line and line.endswith("revoked") for line in after.output.splitlines())
    assert missing.exit_code == 1
