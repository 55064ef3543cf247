"""Repositories of objectives, key results and change requests.

Write paths lock the rows they change when they read them (``find_locked``): PostgreSQL reads the
row ``FOR UPDATE``; SQLite has one writer at a time, so a write that changes nothing makes this
transaction the writer before the row is read (once per transaction). Lock order: a key result
before its objective, objectives before the roll-up's objectives above them.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.model import OwnerType
from persistence.repositories.alignment import GraphLoader
from persistence.repositories.base import Keyset, Repository, RowT, equals, is_postgres
from persistence.tables import (
    ChangeRequestRow,
    CycleRow,
    KeyResultRow,
    ObjectiveRow,
    OrgUnitRow,
)
from persistence.visibility import Visibility

SUBMIT_LOCK_BASE = 7_340_216 << 32
"""Submissions of one owner take ``SUBMIT_LOCK_BASE + crc32(owner)``: their count is serialised."""

_WRITER_KEY = "sqlite_writer_transaction"
"""``session.info`` key: the transaction that has made itself SQLite's writer."""


async def _become_writer(session: AsyncSession) -> None:
    """SQLite: make this transaction the database's one writer (a write matching no row).

    The pysqlite driver begins a transaction at its first write, so every read that follows sees
    the newest committed state and no other transaction writes until this one ends. Done once per
    transaction.
    """
    transaction = session.sync_session.get_transaction()
    if transaction is not None and session.info.get(_WRITER_KEY) is transaction:
        return
    await session.execute(text("UPDATE objectives SET id = id WHERE 1 = 0"))
    session.info[_WRITER_KEY] = session.sync_session.get_transaction()


class _LockingRepository(Repository[RowT]):
    """A repository of the write path: ``find_locked``."""

    async def find_locked(self, id: str) -> RowT | None:
        """The row with this id, locked until commit and read afresh (None when it is missing).

        A copy already in the session is refreshed from the database, so what the caller holds
        is the newest committed state.
        """
        if is_postgres(self.session):
            stmt = _find_statement(self.model, lock=True)
        else:
            await _become_writer(self.session)
            stmt = _find_statement(self.model, lock=False)
        result = await self.session.execute(
            stmt, {"id": id}, execution_options={"populate_existing": True}
        )
        row: RowT | None = result.scalar_one_or_none()
        return row


_FIND_LOCKED: dict[tuple[type[Any], bool], Select[Any]] = {}


def _find_statement(model: type[Any], *, lock: bool) -> Select[Any]:
    """``SELECT .. WHERE id = :id`` (``FOR UPDATE`` with ``lock``), built once per model."""
    stmt = _FIND_LOCKED.get((model, lock))
    if stmt is None:
        stmt = select(model).where(model.id == bindparam("id"))
        if lock:
            stmt = stmt.with_for_update()
        _FIND_LOCKED[(model, lock)] = stmt
    return stmt


class ObjectiveRepository(_LockingRepository[ObjectiveRow]):
    """Objectives."""

    model = ObjectiveRow
    entity = "objective"

    async def count_for_owner(
        self, cycle_id: str, owner_type: str, owner_id: str, *, states: Sequence[str]
    ) -> int:
        """How many of an owner's objectives in a cycle are in one of ``states``."""
        stmt = select(func.count()).where(
            col(ObjectiveRow.cycle_id) == cycle_id,
            col(ObjectiveRow.owner_type) == owner_type,
            col(ObjectiveRow.owner_id) == owner_id,
            col(ObjectiveRow.state).in_(list(states)),
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def lock_and_read(
        self, to_lock: Collection[str], others: Collection[str]
    ) -> list[ObjectiveRow]:
        """Lock ``to_lock`` until commit (sorted ids), then read them and ``others`` afresh.

        PostgreSQL locks and reads the locked ones in one ``SELECT .. FOR UPDATE``; SQLite
        becomes the writer first, so every read that follows is the newest committed state.
        """
        loader = GraphLoader(self.session)
        rows: list[ObjectiveRow] = []
        if is_postgres(self.session):
            if to_lock:
                rows = await loader.objectives(to_lock, fresh=True, lock=True)
            if others:
                rows.extend(await loader.objectives(others, fresh=True))
        else:
            await loader.lock(ObjectiveRow, sorted(to_lock))
            ids = set(to_lock) | set(others)
            if ids:
                rows = await loader.objectives(ids, fresh=True)
        return rows

    async def serialise_owner(self, owner_type: str, owner_id: str) -> None:
        """Only this transaction counts or changes the owner's submissions until it ends.

        PostgreSQL: the owner's advisory lock. SQLite: this transaction becomes the writer.
        """
        if is_postgres(self.session):
            key = SUBMIT_LOCK_BASE + zlib.crc32(f"{owner_type}:{owner_id}".encode())
            await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
        else:
            await _become_writer(self.session)


def objective_filters(
    *,
    cycle_id: str | None = None,
    state: str | None = None,
    owner_type: str | None = None,
    owner_id: str | None = None,
    owner_person_id: str | None = None,
    grade: str | None = None,
) -> list[ColumnElement[bool]]:
    """The conditions of the objective list's filters (``None``: not filtered).

    ``owner_person_id``: the person's own objectives and those of the units they head.
    """
    conditions = equals(
        ObjectiveRow,
        cycle_id=cycle_id,
        state=state,
        owner_type=owner_type,
        owner_id=owner_id,
        grade=grade,
    )
    if owner_person_id is not None:
        headed = select(col(OrgUnitRow.id)).where(col(OrgUnitRow.head_id) == owner_person_id)
        conditions.append(
            or_(
                and_(
                    col(ObjectiveRow.owner_type) == OwnerType.PERSON.value,
                    col(ObjectiveRow.owner_id) == owner_person_id,
                ),
                and_(
                    col(ObjectiveRow.owner_type) == OwnerType.UNIT.value,
                    col(ObjectiveRow.owner_id).in_(headed),
                ),
            )
        )
    return conditions


def _of_visible_objectives(column: Any, visibility: Visibility) -> list[ColumnElement[bool]]:
    """``column IN (visible objective ids)``, or nothing for a viewer who sees all."""
    visible: Select[Any] | None = visibility.objective_ids()
    return [] if visible is None else [column.in_(visible)]


class KeyResultRepository(_LockingRepository[KeyResultRow]):
    """Key results."""

    model = KeyResultRow
    entity = "key_result"

    async def for_objectives(self, objective_ids: Sequence[str]) -> dict[str, list[KeyResultRow]]:
        """The key results of several objectives in one query, in position order."""
        out: dict[str, list[KeyResultRow]] = {oid: [] for oid in objective_ids}
        if not objective_ids:
            return out
        stmt = (
            select(KeyResultRow)
            .where(col(KeyResultRow.objective_id).in_(list(objective_ids)))
            .order_by(
                col(KeyResultRow.objective_id),
                col(KeyResultRow.position),
                col(KeyResultRow.created_at),
                col(KeyResultRow.id),
            )
        )
        for row in (await self.session.execute(stmt)).scalars():
            out[row.objective_id].append(row)
        return out

    async def for_objective(self, objective_id: str) -> list[KeyResultRow]:
        """The key results of one objective, in position order."""
        return (await self.for_objectives([objective_id]))[objective_id]

    async def find_by_metric_key(self, metric_key: str, cycle_id: str) -> KeyResultRow | None:
        """The key result of the cycle that carries ``metric_key``, if any (a metric key is
        unique per cycle)."""
        stmt = select(KeyResultRow).where(
            col(KeyResultRow.metric_key) == metric_key, col(KeyResultRow.cycle_id) == cycle_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def of_open_cycles(
        self, *, cycle_id: str | None = None, key_result_ids: Collection[str] | None = None
    ) -> list[tuple[KeyResultRow, str]]:
        """The KRs of agreed objectives in active or review cycles (optionally one cycle's, or
        only some KRs), with their objectives' cycle ids, locked (PostgreSQL ``FOR UPDATE``) in
        sorted id order."""
        stmt = (
            select(KeyResultRow, col(ObjectiveRow.cycle_id))
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
            .where(
                col(ObjectiveRow.state) == "agreed",
                col(CycleRow.state).in_(("active", "review")),
            )
            .order_by(col(KeyResultRow.id))
            .with_for_update(of=KeyResultRow)
        )
        if cycle_id is not None:
            stmt = stmt.where(col(ObjectiveRow.cycle_id) == cycle_id)
        if key_result_ids is not None:
            stmt = stmt.where(col(KeyResultRow.id).in_(sorted(key_result_ids)))
        return [(kr, cid) for kr, cid in await self.session.execute(stmt)]

    async def of_cycle(self, cycle_id: str) -> list[tuple[KeyResultRow, ObjectiveRow]]:
        """Every KR of the cycle's agreed objectives with its objective (a backtest's input)."""
        stmt = (
            select(KeyResultRow, ObjectiveRow)
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .where(col(ObjectiveRow.cycle_id) == cycle_id, col(ObjectiveRow.state) == "agreed")
            .order_by(col(KeyResultRow.id))
        )
        return [(kr, objective) for kr, objective in await self.session.execute(stmt)]

    async def reached_in_previous_cycle(
        self,
        *,
        owner_type: str,
        owner_id: str,
        kind: str,
        starts_on: date,
        metric_keys: Collection[str],
    ) -> dict[str, Any]:
        """What each of these metric keys reached (current value) on the owner's agreed KRs of
        the owner's previous cycle: the latest-ending cycle of this ``kind`` that ended before
        ``starts_on`` and holds an agreed objective of the owner. One statement."""
        if not metric_keys:
            return {}
        owned = (
            col(ObjectiveRow.owner_type) == owner_type,
            col(ObjectiveRow.owner_id) == owner_id,
            col(ObjectiveRow.state) == "agreed",
        )
        previous = (
            select(col(CycleRow.id))
            .join(ObjectiveRow, col(ObjectiveRow.cycle_id) == col(CycleRow.id))
            .where(col(CycleRow.kind) == kind, col(CycleRow.ends_on) < starts_on, *owned)
            .order_by(col(CycleRow.ends_on).desc(), col(CycleRow.id))
            .limit(1)
            .scalar_subquery()
        )
        stmt = (
            select(col(KeyResultRow.metric_key), col(KeyResultRow.current_value))
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .where(
                col(KeyResultRow.cycle_id) == previous,
                col(KeyResultRow.metric_key).in_(sorted(metric_keys)),
                col(KeyResultRow.current_value).is_not(None),
                *owned,
            )
        )
        return {key: value for key, value in await self.session.execute(stmt) if key is not None}


class ChangeRequestRepository(_LockingRepository[ChangeRequestRow]):
    """Change requests of agreed annual key results."""

    model = ChangeRequestRow
    entity = "change_request"

    async def find_visible(self, id: str, visibility: Visibility) -> ChangeRequestRow | None:
        """The change request, when the viewer sees its objective."""
        rows, _ = await self.list_visible(visibility, id=id, limit=1, after=None)
        return rows[0] if rows else None

    async def list_visible(
        self,
        visibility: Visibility,
        *,
        id: str | None = None,
        state: str | None = None,
        objective_id: str | None = None,
        key_result_id: str | None = None,
        limit: int,
        after: Keyset | None,
    ) -> tuple[list[ChangeRequestRow], Keyset | None]:
        """A page of the change requests of objectives the viewer sees."""
        conditions = equals(
            ChangeRequestRow,
            id=id,
            state=state,
            objective_id=objective_id,
            key_result_id=key_result_id,
        )
        conditions += _of_visible_objectives(col(ChangeRequestRow.objective_id), visibility)
        return await self.list(filters=conditions, limit=limit, after=after)
