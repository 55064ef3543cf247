"""The async engine and session factory, built from one database URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from persistence.audit import AuditedSession

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/okr.db"
"""The embedded default: an SQLite file under ``var/`` of the working directory."""

SQLITE_BUSY_TIMEOUT_MS = 5000
PG_CONNECT_TIMEOUT_S = 10
PG_COMMAND_TIMEOUT_S = 60


def normalise_url(url: str) -> str:
    """Give a URL its async driver: ``sqlite`` -> aiosqlite, ``postgres(ql)`` -> asyncpg."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    parsed = make_url(url)
    driver = parsed.drivername
    if driver in {"sqlite", "sqlite+pysqlite"}:
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif driver in {"postgresql", "postgresql+psycopg2", "postgresql+psycopg"}:
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    """Whether the URL names an SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def ensure_sqlite_file(url: str) -> None:
    """Create an SQLite database's folder and file, readable by their owner only, when missing.

    The folder is made with mode 0700 and the (empty) file with 0600 before SQLite opens it;
    SQLite gives the ``-wal`` and ``-shm`` files the permissions of the database file. What
    already exists is left as it is (an operator may have chosen its permissions).
    """
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return
    if database.startswith("file:"):
        return  # an SQLite URI names its own file and options
    path = Path(database)
    path.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: str, *, durable: bool = True, **kwargs: Any) -> AsyncEngine:
    """An async engine for the URL; SQLite gets foreign keys ON, WAL and a busy timeout.

    ``durable=False`` (PostgreSQL) lets a commit return before its WAL record reaches the disk
    (``synchronous_commit = off``): for data that may lose its last fraction of a second in a
    server crash without harm, such as rate-limit counters. Never for OKR data.
    """
    url = normalise_url(url)
    if is_sqlite(url):
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
        return engine
    # A database that stops answering (a partition, not a refusal) must not hang requests:
    # bounded connect and statement times turn it into 503s.
    connect_args: dict[str, Any] = {
        "timeout": PG_CONNECT_TIMEOUT_S,
        "command_timeout": PG_COMMAND_TIMEOUT_S,
        **kwargs.pop("connect_args", {}),
    }
    if not durable:
        connect_args["server_settings"] = {
            **connect_args.get("server_settings", {}),
            "synchronous_commit": "off",
        }
    return create_async_engine(url, connect_args=connect_args, **kwargs)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit and record the audit trail."""
    return async_sessionmaker(engine, expire_on_commit=False, sync_session_class=AuditedSession)


async def ping(engine: AsyncEngine) -> None:
    """``SELECT 1`` on a connection of the engine (raises when the database does not answer)."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
