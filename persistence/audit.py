"""The audit trail: every write to an entity table, recorded in the same transaction.

``AuditedSession`` (the sync session class behind every ``AsyncSession`` of the app) diffs new,
changed and deleted rows in ``before_flush`` and appends one ``audit_events`` row per row: who (the
actor put in ``session.info`` by the auth dependency; ``system`` otherwise), what (entity, id,
fields before and after), when and the request id. The trail is written as plain rows with one
Core ``INSERT`` per flush (no ORM object per entry). Versioned updates are written with a Core
``UPDATE`` (``Repository.update_versioned``) and check-ins are inserted as plain rows (a Core
``INSERT``, ``COPY`` on PostgreSQL), which the unit of work does not see; those paths call
``record_update`` and ``record_inserts``, whose entries are written with the next flush or at
commit, whichever comes first (and dropped with a rollback), or ``copy_inserts``, which writes
the entries of a ``COPY`` with a ``COPY`` of its own, in the same transaction. Secrets,
credential hashes and lookup prefixes are never copied into the trail; timestamps that change on
every write (``updated_at``) or on every use (``last_used_at``) are left out of diffs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from pydantic_core import to_json, to_jsonable_python
from sqlalchemy import Table, event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import get_history

from persistence.tables import AuditEventRow
from persistence.types import utcnow

ENTITIES: dict[str, str] = {
    "policy": "policy",
    "org_units": "org_unit",
    "people": "person",
    "person_tokens": "token",
    "api_keys": "api_key",
    "cycles": "cycle",
    "objectives": "objective",
    "key_results": "key_result",
    "alignments": "alignment",
    "dependencies": "dependency",
    "check_ins": "check_in",
    "initiatives": "initiative",
    "reviews": "review",
    "review_kr_scores": "review_kr_score",
    "change_requests": "change_request",
    "webhooks": "webhook",
}
"""Audited tables and the entity name each is recorded under."""

REDACTED = frozenset({"token_hash", "secret_hash", "secret", "prefix"})
"""Fields recorded as ``"[redacted]"``, never as their value."""

UNTRACKED = frozenset({"updated_at", "last_used_at"})
"""Fields left out of update diffs (a change of only these is not recorded)."""

ACTOR_KEY = "audit_actor"
PENDING_KEY = "audit_pending"

_AUDIT_EVENTS: Table = AuditEventRow.metadata.tables[AuditEventRow.__tablename__]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is writing through a session, and in which request."""

    principal_id: str | None
    kind: str
    request_id: str | None = None


SYSTEM = Actor(principal_id=None, kind="system")


def set_actor(session: Session | Any, actor: Actor) -> None:
    """Attribute the session's writes to ``actor`` (an ``AsyncSession`` or a ``Session``)."""
    session.info[ACTOR_KEY] = actor


def _value(name: str, value: Any) -> Any:
    return "[redacted]" if name in REDACTED and value is not None else to_jsonable_python(value)


def _snapshot(row: Any) -> dict[str, Any]:
    mapper = inspect(row).mapper
    return {a.key: _value(a.key, getattr(row, a.key)) for a in mapper.column_attrs}


def _event(
    session: Session,
    action: str,
    row: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> dict[str, Any]:
    """One ``audit_events`` row, as the values of its columns."""
    actor: Actor = session.info.get(ACTOR_KEY, SYSTEM)
    return {
        "occurred_at": utcnow(),
        "principal_id": actor.principal_id,
        "principal_kind": actor.kind,
        "request_id": actor.request_id,
        "action": action,
        "entity": ENTITIES[row.__tablename__],
        "entity_id": str(row.id),
        "before": before,
        "after": after,
    }


def _pending(session: Session) -> list[dict[str, Any]]:
    pending: list[dict[str, Any]] = session.info.setdefault(PENDING_KEY, [])
    return pending


def _write_pending(session: Session) -> None:
    """Insert the entries waiting in the session (one statement), in the order they were made."""
    pending = session.info.pop(PENDING_KEY, None)
    if pending:
        session.connection().execute(insert(_AUDIT_EVENTS), pending)


def _audited(rows: Iterable[Any]) -> list[Any]:
    return [r for r in rows if getattr(r, "__tablename__", None) in ENTITIES]


_COLUMN_KEYS: dict[Any, frozenset[str]] = {}
"""The column attribute names of each mapper (built on first use)."""


def _column_keys(mapper: Any) -> frozenset[str]:
    keys = _COLUMN_KEYS.get(mapper)
    if keys is None:
        keys = _COLUMN_KEYS[mapper] = frozenset(a.key for a in mapper.column_attrs)
    return keys


def _changes(row: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The changed columns of a row, before and after. Only the attributes set since the row was
    loaded or last flushed are looked at (the state's ``committed_state`` holds their previous
    values), not every column."""
    state = inspect(row)
    columns = _column_keys(state.mapper)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in list(state.committed_state):
        if key in UNTRACKED or key not in columns:
            continue
        history = get_history(row, key)
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        before[key] = _value(key, old)
        after[key] = _value(key, new)
    return before, after


def _before_flush(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    pending = _pending(session)
    for row in _audited(session.new):
        pending.append(_event(session, "create", row, None, _snapshot(row)))
    for row in _audited(session.dirty):
        before, after = _changes(row)
        if after:
            pending.append(_event(session, "update", row, before, after))
    for row in _audited(session.deleted):
        pending.append(_event(session, "delete", row, _snapshot(row), None))
    _write_pending(session)


def _before_commit(session: Session) -> None:
    # Entries of record_update made after the last flush (a clean session does not flush).
    _write_pending(session)


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)


def record_update(session: Session | Any, row: Any, values: Mapping[str, Any]) -> None:
    """Record an update written outside the unit of work (call before the row is refreshed)."""
    if getattr(row, "__tablename__", None) not in ENTITIES:
        return
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in values.items():
        old = getattr(row, name, None)
        if name in UNTRACKED or name == "version" or old == value:
            continue
        before[name] = _value(name, old)
        after[name] = _value(name, value)
    if "version" in values:
        before["version"] = _value("version", getattr(row, "version", None))
        after["version"] = _value("version", values["version"])
    sync = session.sync_session if hasattr(session, "sync_session") else session
    _pending(sync).append(_event(sync, "update", row, before, after))


def _insert_entries(
    session: Session, table: str, rows: Sequence[Mapping[str, Any]], *, serialised: bool
) -> list[dict[str, Any]]:
    """One ``create`` entry per plain row; ``after`` as JSON text when ``serialised``."""
    actor: Actor = session.info.get(ACTOR_KEY, SYSTEM)
    common = {
        "occurred_at": utcnow(),
        "principal_id": actor.principal_id,
        "principal_kind": actor.kind,
        "request_id": actor.request_id,
        "action": "create",
        "entity": ENTITIES[table],
        "before": None,
    }
    redacted = REDACTED.intersection(rows[0])
    if redacted:
        rows = [{k: "[redacted]" if k in redacted else v for k, v in r.items()} for r in rows]
    if serialised:
        return [{**common, "entity_id": str(r["id"]), "after": to_json(r).decode()} for r in rows]
    snapshots: list[dict[str, Any]] = to_jsonable_python(list(rows))
    return [{**common, "entity_id": str(a["id"]), "after": a} for a in snapshots]


def record_inserts(session: Session | Any, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Record rows inserted outside the unit of work (a Core ``INSERT`` of plain rows, every
    column named): one ``create`` entry per row, written with the next flush or at commit like
    those of ``record_update``."""
    if table not in ENTITIES or not rows:
        return
    sync = session.sync_session if hasattr(session, "sync_session") else session
    _pending(sync).extend(_insert_entries(sync, table, rows, serialised=False))


_COPY_COLUMNS = (
    "occurred_at",
    "principal_id",
    "principal_kind",
    "request_id",
    "action",
    "entity",
    "entity_id",
    "before",
    "after",
)


async def copy_inserts(
    session: Any, driver: Any, table: str, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Write the entries of rows inserted with ``COPY`` (PostgreSQL) with one ``COPY`` too, on
    the asyncpg connection of the session's transaction: no per-entry work in SQLAlchemy."""
    if table not in ENTITIES or not rows:
        return
    entries = _insert_entries(session.sync_session, table, rows, serialised=True)
    record = itemgetter(*_COPY_COLUMNS)
    await driver.copy_records_to_table(
        _AUDIT_EVENTS.name, records=[record(e) for e in entries], columns=list(_COPY_COLUMNS)
    )


class AuditedSession(Session):
    """A session whose flushes append the audit trail of the rows they write."""


event.listen(AuditedSession, "before_flush", _before_flush)
event.listen(AuditedSession, "before_commit", _before_commit)
event.listen(AuditedSession, "after_rollback", _after_rollback)
