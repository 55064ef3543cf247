"""The migrations build the schema the tables describe, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from persistence import migrate
from persistence.db import create_engine
from tests.conftest import BACKENDS, Database, create_database


async def test_alembic_check_finds_no_drift(database: Database) -> None:
    await migrate.check(database.url)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_downgrade_to_base_and_upgrade_again(backend: str, tmp_path: Path) -> None:
    async for db in create_database(backend, tmp_path):
        await migrate.downgrade(db.url, "base")
        engine = create_engine(db.url)
        async with engine.connect() as conn:
            after_down = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        await migrate.upgrade(db.url)
        async with engine.connect() as conn:
            after_up = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        await engine.dispose()

        assert after_down <= {"alembic_version"}
        assert {"cycles", "objectives", "key_results", "events", "person_tokens"} <= after_up
