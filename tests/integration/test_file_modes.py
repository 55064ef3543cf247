"""The embedded database and the generated server secret are readable by their owner only.

A fresh SQLite database is made the way ``okr serve`` and ``okr migrate`` make it (the
migrations): its folder gets mode 0700, the file 0600, and SQLite's ``-wal`` and ``-shm`` files
inherit the file's mode. The generated ``secret_key`` beside it is 0600 as well.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from api.identity import server_secret
from api.settings import Settings
from persistence import migrate
from persistence.db import create_engine


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def lax_umask() -> Iterator[None]:
    """The usual umask (022), under which files are world-readable unless made otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("lax_umask")
async def test_a_fresh_sqlite_database_and_its_wal_files_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "var"
    database = folder / "okr.db"
    url = f"sqlite+aiosqlite:///{database}"

    await migrate.upgrade(url)
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            # A write on an open connection keeps the WAL and shared-memory files in place.
            await conn.execute(text("CREATE TABLE probe (x INTEGER)"))
            await conn.commit()
            wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
            assert wal.exists() and shm.exists()
            assert (mode(wal), mode(shm)) == (0o600, 0o600)
    finally:
        await engine.dispose()

    assert mode(folder) == 0o700
    assert mode(database) == 0o600


@pytest.mark.usefixtures("lax_umask")
def test_the_generated_secret_and_its_folder_are_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "data" / "okr.db"
    settings = Settings(database_url=f"sqlite+aiosqlite:///{database}", secret_key=None)

    secret = server_secret(settings)

    assert len(secret) >= 32
    assert mode(database.parent) == 0o700
    assert mode(database.parent / "secret_key") == 0o600


@pytest.mark.usefixtures("lax_umask")
async def test_an_existing_folder_and_database_keep_their_modes(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o750)
    database = folder / "okr.db"
    database.touch(mode=0o640)
    os.chmod(folder, 0o750)
    os.chmod(database, 0o640)

    await migrate.upgrade(f"sqlite+aiosqlite:///{database}")

    assert (mode(folder), mode(database)) == (0o750, 0o640)
