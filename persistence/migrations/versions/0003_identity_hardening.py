"""identity hardening

- ``people.email_key``: the e-mail lower-cased, under a unique index, so that two addresses
  differing only in case cannot both be stored, even by concurrent writes. Existing rows get
  their key here; when two of them share one, the upgrade stops and names them (merge or rename
  those people, then upgrade again). On SQLite the column keeps the constant default ``''`` that
  adding a NOT NULL column needs (dropping it would rebuild ``people``, which every table refers
  to); the service always sets the key.
- ``person_tokens.hash_scheme``: how ``token_hash`` was made. New tokens are stored as
  HMAC-SHA256 under the server secret (``hmac-sha256``); the rows already there hold a plain
  SHA-256 (``sha256``) and are stored again keyed the next time their token is used (the service
  has no other way to learn the token). A bootstrap token of a non-standard shape also had a
  lookup prefix derived from that plain hash; it is replaced at the same moment.
- Token and API key prefixes are removed from the change feed (``events.data``) and redacted in
  the audit trail, where earlier versions wrote them.
- Tokens of people deactivated before are revoked: deactivation now revokes them for good, so
  that reactivating a person revives none.

Downgrading drops both columns: tokens stored keyed stop working with the code of revision 0002
(it compares plain SHA-256). Removed prefixes are not restored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00

"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREDENTIAL_ENTITIES = ("token", "api_key")
REDACTED = "[redacted]"

_people = sa.table(
    "people",
    sa.column("id", sa.String),
    sa.column("email", sa.String),
    sa.column("email_key", sa.String),
    sa.column("active", sa.Boolean),
)
_events = sa.table(
    "events", sa.column("id", sa.BigInteger), sa.column("entity"), sa.column("data", sa.JSON)
)
_tokens = sa.table(
    "person_tokens",
    sa.column("person_id", sa.String),
    sa.column("revoked_at", sa.DateTime(timezone=True)),
)
_audit = sa.table(
    "audit_events",
    sa.column("id", sa.BigInteger),
    sa.column("entity"),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
)


def _email_keys(bind: sa.Connection) -> dict[str, str]:
    """The key of every person's e-mail by id; stop when two people would share one (before
    any change: SQLite does not roll DDL back)."""
    keys: dict[str, list[str]] = {}
    rows = bind.execute(sa.select(_people.c.id, _people.c.email)).all()
    for person_id, email in rows:
        keys.setdefault(email.lower(), []).append(person_id)
    shared = {key: ids for key, ids in keys.items() if len(ids) > 1}
    if shared:
        clashes = "; ".join(f"{key}: {', '.join(ids)}" for key, ids in sorted(shared.items()))
        raise RuntimeError(
            "e-mail addresses must be unique whatever their case, and these are not "
            f"({clashes}); give those people distinct addresses, then upgrade again"
        )
    return {person_id: email.lower() for person_id, email in rows}


def _store_email_keys(bind: sa.Connection, keys: dict[str, str]) -> None:
    update = (
        sa.update(_people)
        .where(_people.c.id == sa.bindparam("person_id"))
        .values(email_key=sa.bindparam("key"))
    )
    if keys:
        bind.execute(update, [{"person_id": i, "key": k} for i, k in keys.items()])


def _without_prefix(document: Any, *, redact: bool) -> Any:
    if not isinstance(document, dict) or "prefix" not in document:
        return None
    if redact:
        return {**document, "prefix": REDACTED}
    return {k: v for k, v in document.items() if k != "prefix"}


def _scrub_prefixes(bind: sa.Connection) -> None:
    """Drop credential prefixes from the feed, redact them in the audit trail."""
    events = bind.execute(
        sa.select(_events.c.id, _events.c.data).where(_events.c.entity.in_(CREDENTIAL_ENTITIES))
    ).all()
    for event_id, data in events:
        scrubbed = _without_prefix(data, redact=False)
        if scrubbed is not None:
            bind.execute(sa.update(_events).where(_events.c.id == event_id).values(data=scrubbed))
    entries = bind.execute(
        sa.select(_audit.c.id, _audit.c.before, _audit.c.after).where(
            _audit.c.entity.in_(CREDENTIAL_ENTITIES)
        )
    ).all()
    for entry_id, before, after in entries:
        values = {
            name: scrubbed
            for name, document in (("before", before), ("after", after))
            if (scrubbed := _without_prefix(document, redact=True)) is not None
        }
        if values:
            bind.execute(sa.update(_audit).where(_audit.c.id == entry_id).values(**values))


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    keys = _email_keys(bind)
    op.add_column(
        "people",
        sa.Column(
            "email_key",
            sqlmodel.sql.sqltypes.AutoString(length=640),
            nullable=False,
            server_default="",
        ),
    )
    _store_email_keys(bind, keys)
    if not sqlite:
        op.alter_column("people", "email_key", server_default=None)
    op.create_index(op.f("ix_people_email_key"), "people", ["email_key"], unique=True)

    op.add_column(
        "person_tokens",
        sa.Column(
            "hash_scheme",
            sqlmodel.sql.sqltypes.AutoString(length=20),
            nullable=False,
            server_default="sha256",
        ),
    )
    # Nothing refers to person_tokens: rebuilding it on SQLite is safe.
    with op.batch_alter_table("person_tokens", schema=None) as batch_op:
        batch_op.alter_column("hash_scheme", server_default=None)

    _scrub_prefixes(bind)
    now = datetime.now(UTC)
    inactive = sa.select(_people.c.id).where(_people.c.active.is_(False))
    bind.execute(
        sa.update(_tokens)
        .where(_tokens.c.revoked_at.is_(None), _tokens.c.person_id.in_(inactive))
        # Timestamps are kept in UTC, without an offset on SQLite (persistence.types).
        .values(revoked_at=now.replace(tzinfo=None) if sqlite else now)
    )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("person_tokens", schema=None) as batch_op:
        batch_op.drop_column("hash_scheme")
    op.drop_index(op.f("ix_people_email_key"), table_name="people")
    # SQLite (3.35+) drops a column that no index or constraint uses without a rebuild.
    op.drop_column("people", "email_key")
