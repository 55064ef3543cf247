"""Fixtures for tests that need a database: one per backend, built by running the migrations.

``backend`` runs every dependent test on SQLite (a fresh file) and on PostgreSQL (a freshly
created database with a random name, dropped at the end). When PostgreSQL is unreachable those
tests are skipped, except with ``CI=true``, where that is an error. Between tests every table is
emptied with ``DELETE`` (cheap) and the first admin is bootstrapped again.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import pool, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from api.app import create_app, dispose_app
from api.bootstrap import bootstrap
from api.settings import Settings
from persistence import migrate
from persistence.db import create_engine

PG_HOST = os.environ.get("OKR_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("OKR_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("OKR_TEST_PG_USER", "postgres")
ADMIN_TOKEN = "okr_pat_testadmin_" + "s" * 40

# The apps (and `okr serve` subprocesses) of the tests key their hashes with this secret rather
# than one generated under var/ (a fixed path, shared by parallel workers); the tests of the
# generated secret pass ``secret_key=None``.
os.environ.setdefault("OKR_SECRET_KEY", "okr-test-secret-" + "k" * 48)


TOGETHER = ("tests/fuzz/",)
"""Test files whose tests run on one pytest-xdist worker, in their serial order: schemathesis
feeds values from earlier answers into later cases of the same schema."""


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under pytest-xdist, every test is a unit of work of its own (as with ``--dist load``,
    so that each worker keeps the serial run's order of backends and does not drop and remigrate
    its databases between modules), except the tests of a file in ``TOGETHER``, which form one.

    (``--dist loadgroup`` would do the latter, but it marks the node ids, which pytest no longer
    lets a plugin change.)
    """
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class Scheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.startswith(TOGETHER) else nodeid

    return Scheduling(config, log)


def _pg_url(database: str) -> str:
    return f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"


async def _pg_admin(statement: str) -> None:
    """Run one statement on the server's ``postgres`` database (outside a transaction)."""
    engine = create_engine(
        _pg_url("postgres"),
        isolation_level="AUTOCOMMIT",
        poolclass=pool.NullPool,
        connect_args={"timeout": 5},
    )
    try:
        async with engine.connect() as conn:
            await conn.execute(text(statement))
    except (OSError, DBAPIError) as exc:
        message = f"PostgreSQL at {PG_HOST}:{PG_PORT} is unreachable: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    finally:
        await engine.dispose()


@dataclass
class Database:
    """A migrated database of one backend."""

    backend: str
    url: str


async def create_database(backend: str, tmp: Path) -> AsyncIterator[Database]:
    """A fresh, migrated database; dropped (PostgreSQL) when the iterator finishes."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp / f'okr-{uuid.uuid4().hex[:8]}.db'}"
        await migrate.upgrade(url)
        yield Database(backend, url)
        return
    name = f"okr_test_{uuid.uuid4().hex[:12]}"
    await _pg_admin(f'CREATE DATABASE "{name}"')
    url = _pg_url(name)
    try:
        await migrate.upgrade(url)
        yield Database(backend, url)
    finally:
        await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
async def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Database]:
    """One migrated database per backend for the whole run."""
    async for db in create_database(request.param, tmp_path_factory.mktemp("db")):
        yield db


@pytest.fixture(scope="session")
async def app(database: Database) -> AsyncIterator[FastAPI]:
    """The app bound to the backend's database (one engine for the run)."""
    application = create_app(Settings(database_url=database.url, demo=False))
    yield application
    await dispose_app(application)


async def _empty_all_tables(app: FastAPI, backend: str) -> None:
    """Delete every row, dependents first, the same way on both backends.

    ``DELETE`` on a few small tables costs milliseconds where PostgreSQL's ``TRUNCATE`` costs
    about half a second (it replaces every table's files). Unlike ``TRUNCATE ... RESTART
    IDENTITY`` it keeps PostgreSQL's sequences going (SQLite reuses ids of emptied tables): no
    test depends on absolute ids of the feed, the audit trail or the rate counters.
    """
    tables = [t.name for t in SQLModel.metadata.sorted_tables]
    async with app.state.engine.begin() as conn:
        # org_units.head_id and people.unit_id refer to each other: break the cycle first.
        await conn.execute(text("UPDATE org_units SET head_id = NULL"))
        for table in reversed(tables):
            await conn.execute(text(f"DELETE FROM {table}"))


@dataclass
class Actor:
    """A person with a token and a client acting as them."""

    id: str
    token: str
    client: httpx.AsyncClient


@pytest.fixture
async def admin(app: FastAPI, database: Database) -> AsyncIterator[Actor]:
    """A clean database with its bootstrapped admin, and a client authenticated as them."""
    await _empty_all_tables(app, database.backend)
    created = await bootstrap(
        app.state.session_factory, token=ADMIN_TOKEN, secret_key=app.state.secret_key
    )
    assert created is not None
    async with _client(app, ADMIN_TOKEN) as client:
        yield Actor(id=created.person_id, token=ADMIN_TOKEN, client=client)


@pytest.fixture
async def client(admin: Actor) -> httpx.AsyncClient:
    """An HTTP client over the ASGI app, authenticated as the bootstrapped admin."""
    return admin.client


@pytest.fixture
async def anonymous(app: FastAPI, admin: Actor) -> AsyncIterator[httpx.AsyncClient]:
    """A client without credentials (on the same clean database)."""
    async with _client(app, None) as client:
        yield client


def _client(app: FastAPI, token: str | None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://test",
        headers=headers,
    )


MakeActor = Callable[..., Awaitable[Actor]]


@pytest.fixture
async def make_actor(app: FastAPI, admin: Actor) -> AsyncIterator[MakeActor]:
    """Create a person through the API (as the admin), give them a token and a client."""
    opened: list[httpx.AsyncClient] = []

    async def make(role: str = "member", **fields: Any) -> Actor:
        n = len(opened) + 1
        body = {"name": f"Person {n}", "email": f"person{n}-{uuid.uuid4().hex[:6]}@example.com"}
        body.update(role=role, **fields)
        person = await admin.client.post("/v1/people", json=body)
        assert person.status_code == 201, person.text
        person_id = person.json()["id"]
        issued = await admin.client.post(f"/v1/people/{person_id}/tokens", json={"name": "test"})
        assert issued.status_code == 201, issued.text
        token = issued.json()["token"]
        client = _client(app, token)
        opened.append(client)
        return Actor(id=person_id, token=token, client=client)

    yield make
    for client in opened:
        await client.aclose()
