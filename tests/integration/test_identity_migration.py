"""Migration 0003 on a database with data from revision 0002, on both backends: e-mail keys,
tokens stored before keyed hashing (accepted once, then stored keyed), prefixes scrubbed from
the feed and the audit trail, tokens of deactivated people revoked, clashing addresses named."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from api.app import create_app, dispose_app
from api.settings import Settings
from persistence import migrate
from persistence.db import create_engine
from tests.conftest import BACKENDS, Database, create_database

OLD_TOKEN = "an old weak bootstrap token"
OLD_PREFIX = "h" + hashlib.sha256(OLD_TOKEN.encode()).hexdigest()[:20]

people = sa.table(
    "people",
    sa.column("id", sa.String),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
    sa.column("name", sa.String),
    sa.column("email", sa.String),
    sa.column("role", sa.String),
    sa.column("active", sa.Boolean),
)
tokens = sa.table(
    "person_tokens",
    sa.column("id", sa.String),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
    sa.column("person_id", sa.String),
    sa.column("name", sa.String),
    sa.column("prefix", sa.String),
    sa.column("token_hash", sa.String),
    sa.column("revoked_at", sa.DateTime),
)
events = sa.table(
    "events",
    sa.column("type", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("data", sa.JSON),
    sa.column("occurred_at", sa.DateTime),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)
audit = sa.table(
    "audit_events",
    sa.column("occurred_at", sa.DateTime),
    sa.column("principal_kind", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
)


@pytest.fixture(params=BACKENDS)
async def at_0002(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh database migrated to revision 0002."""
    async for db in create_database(request.param, tmp_path):
        await migrate.downgrade(db.url, "0002")
        yield db


async def write(url: str, *statements: Any) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            for statement in statements:
                await conn.execute(statement)
    finally:
        await engine.dispose()


async def read(url: str, statement: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return list((await conn.execute(statement)).all())
    finally:
        await engine.dispose()


def _person(person_id: str, email: str, *, active: bool = True) -> dict[str, Any]:
    now = datetime.now(UTC).replace(tzinfo=None)
    return {
        "id": person_id,
        "created_at": now,
        "updated_at": now,
        "name": email.split("@")[0],
        "email": email,
        "role": "admin",
        "active": active,
    }


async def test_the_upgrade_keys_scrubs_revokes_and_old_tokens_still_work(
    at_0002: Database,
) -> None:
    admin, gone = str(uuid.uuid4()), str(uuid.uuid4())
    admin_token, gone_token = str(uuid.uuid4()), str(uuid.uuid4())
    now = datetime.now(UTC).replace(tzinfo=None)
    stamps = {"created_at": now, "updated_at": now}
    token_data = {"id": admin_token, "person_id": admin, "name": "bootstrap", "prefix": OLD_PREFIX}
    await write(
        at_0002.url,
        sa.insert(people).values([_person(admin, "Admin@Example.com"), _person(gone, "g@x.org")]),
        sa.update(people).where(people.c.id == gone).values(active=False, role="member"),
        sa.insert(tokens).values(
            [
                {
                    **stamps,
                    **token_data,
                    "token_hash": hashlib.sha256(OLD_TOKEN.encode()).hexdigest(),
                },
                {
                    **stamps,
                    "id": gone_token,
                    "person_id": gone,
                    "name": "laptop",
                    "prefix": "abc123",
                    "token_hash": "0" * 64,
                },
            ]
        ),
        sa.insert(events).values(
            type="token.created",
            entity="token",
            entity_id=admin_token,
            data=token_data,
            occurred_at=now,
            **stamps,
        ),
        sa.insert(audit).values(
            occurred_at=now,
            principal_kind="system",
            action="create",
            entity="token",
            entity_id=admin_token,
            before=None,
            after={**token_data, "token_hash": "[redacted]"},
        ),
    )

    await migrate.upgrade(at_0002.url)

    keys = dict(await read(at_0002.url, sa.text("SELECT id, email_key FROM people")))
    schemes = dict(await read(at_0002.url, sa.text("SELECT id, hash_scheme FROM person_tokens")))
    revoked = dict(await read(at_0002.url, sa.text("SELECT id, revoked_at FROM person_tokens")))
    (data,) = [row[0] for row in await read(at_0002.url, sa.select(events.c.data))]
    (after,) = [row[0] for row in await read(at_0002.url, sa.select(audit.c.after))]
    assert keys == {admin: "admin@example.com", gone: "g@x.org"}
    assert schemes == {admin_token: "sha256", gone_token: "sha256"}
    assert revoked[admin_token] is None and revoked[gone_token] is not None
    assert "prefix" not in data and data["name"] == "bootstrap"
    assert after["prefix"] == "[redacted]" and OLD_PREFIX not in str(after)

    app = create_app(Settings(database_url=at_0002.url, demo=False))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            auth = {"Authorization": f"Bearer {OLD_TOKEN}"}
            first = await client.get("/v1/people", headers=auth)
            second = await client.get("/v1/people", headers=auth)
    finally:
        await dispose_app(app)
    stored = await read(
        at_0002.url,
        sa.text(
            f"SELECT prefix, token_hash, hash_scheme FROM person_tokens WHERE id = '{admin_token}'"
        ),
    )

    assert first.status_code == 200, first.text
    assert second.status_code == 200, second.text
    (prefix, token_hash, scheme) = stored[0]
    assert scheme == "hmac-sha256" and prefix != OLD_PREFIX
    assert token_hash != hashlib.sha256(OLD_TOKEN.encode()).hexdigest()


async def test_addresses_differing_only_in_case_stop_the_upgrade_naming_them(
    at_0002: Database,
) -> None:
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    await write(
        at_0002.url,
        sa.insert(people).values([_person(first, "Ann@x.org"), _person(second, "ann@X.org")]),
    )

    with pytest.raises(RuntimeError, match="ann@x.org") as refused:
        await migrate.upgrade(at_0002.url)

    assert first in str(refused.value) and second in str(refused.value)
    await write(at_0002.url, sa.update(people).where(people.c.id == second).values(email="b@x.org"))
    await migrate.upgrade(at_0002.url)
