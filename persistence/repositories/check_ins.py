"""Check-ins: resolve-and-lock the KRs a batch names, the facts its rules need (objectives with
their cycles, the caller's initiatives, stored external ids, current points), the insert of the
new rows and a KR's history.

Every statement is built once (building an expression costs more than running a cached one).
PostgreSQL has fast paths: the KRs are resolved, locked and read in one statement, external ids
are probed as a joined pair of arrays, and new rows go in with ``COPY`` on the driver connection.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, String, and_, bindparam, func, insert, select, true
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import aliased
from sqlmodel import col

from domain.checkins import Keyed
from persistence.audit import copy_inserts, record_inserts
from persistence.repositories.alignment import GraphLoader
from persistence.repositories.base import CHUNK, Repository, is_postgres
from persistence.tables import (
    CheckInRow,
    CycleRow,
    InitiativeRow,
    KeyResultRow,
    ObjectiveRow,
)

LOCK_READ_MAX = 1000
"""Up to this many KR ids and metric keys are resolved, locked and read in one statement
(PostgreSQL)."""

_CHECK_INS = CheckInRow.metadata.tables[CheckInRow.__tablename__]
"""Core table of check-ins: new rows are inserted from plain dicts (no ORM bulk machinery)."""

_HISTORY = _CHECK_INS.alias("history")

_NOT_CLOSED = col(CycleRow.state) != "closed"

_LOCK_RESOLVE = (
    select(KeyResultRow, col(CycleRow.state), col(CycleRow.starts_on), col(CycleRow.ends_on))
    .join(CycleRow, col(CycleRow.id) == col(KeyResultRow.cycle_id))
    .where(
        col(KeyResultRow.id).in_(bindparam("ids", expanding=True))
        | col(KeyResultRow.metric_key).in_(bindparam("keys", expanding=True)),
        col(KeyResultRow.id).in_(bindparam("ids", expanding=True)) | _NOT_CLOSED,
    )
    .order_by(col(KeyResultRow.id))
    .with_for_update(of=KeyResultRow)
    .execution_options(populate_existing=True)
)
"""The KRs named by id, and those that carry a named metric key in a cycle that is not closed,
with their cycles' state and dates, locked in sorted id order and read (PostgreSQL). (The
first condition, on the KRs alone, lets the planner probe the id and metric key indexes.)"""

_BY_METRIC_KEY = (
    select(KeyResultRow, col(CycleRow.starts_on), col(CycleRow.ends_on))
    .join(CycleRow, col(CycleRow.id) == col(KeyResultRow.cycle_id))
    .where(col(KeyResultRow.metric_key).in_(bindparam("keys", expanding=True)), _NOT_CLOSED)
)
"""The KRs that carry one of some metric keys in a cycle that is not closed, with their
cycles' dates."""

_OBJECTIVES_WITH_CYCLES = (
    select(ObjectiveRow, CycleRow)
    .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
    .where(col(ObjectiveRow.id).in_(bindparam("ids", expanding=True)))
)
"""The objectives of the KRs with their cycles, in one statement."""

_ASSIGNED = select(col(InitiativeRow.key_result_id)).where(
    col(InitiativeRow.assignee_id) == bindparam("person"),
    col(InitiativeRow.key_result_id).in_(bindparam("ids", expanding=True)),
)
"""Which of some KRs a person has an initiative on."""

_NEWEST_OBSERVED = (
    select(func.max(_HISTORY.c.observed_at))
    .where(_HISTORY.c.key_result_id == col(KeyResultRow.id), _HISTORY.c.voided_at.is_(None))
    .scalar_subquery()
)
_CURRENT_POINTS = (
    select(CheckInRow)
    .join(
        KeyResultRow,
        and_(
            col(CheckInRow.key_result_id) == col(KeyResultRow.id),
            col(CheckInRow.observed_at) == _NEWEST_OBSERVED,
        ),
    )
    .where(
        col(KeyResultRow.id).in_(bindparam("ids", expanding=True)),
        col(CheckInRow.voided_at).is_(None),
    )
)
"""The counting (not voided) points observed last on each KR (ties possible: the caller picks by
recency). The newest ``observed_at`` of each KR is looked up per KR in the history index (a
correlated max), not aggregated over the KR's whole history."""

_PAIRS = (
    func.unnest(
        bindparam("sources", type_=ARRAY(String)), bindparam("external_ids", type_=ARRAY(String))
    )
    .table_valued("source", "external_id")
    .render_derived(name="pairs")
)
_STORED_PAIR = (
    select(CheckInRow)
    .where(
        col(CheckInRow.source) == _PAIRS.c.source,
        col(CheckInRow.external_id) == _PAIRS.c.external_id,
    )
    .limit(1)
    .lateral("stored")
)
_EXTERNALS = (
    select(aliased(CheckInRow, _STORED_PAIR)).select_from(_PAIRS).join(_STORED_PAIR, true())
)
"""The stored check-ins among the pushed ``(source, external_id)`` pairs: one probe of the
unique index per pair (a lateral subquery with ``LIMIT 1``, which the planner cannot turn into a
join). As a plain join, the plan depended on the table's statistics: while they still described a
small table (a new database, or before the autovacuum's next look after a bulk load), PostgreSQL
chose a hash join over a sequential scan of all of ``check_ins``, so that every batch read the
whole history (bench/ingest.py, 30 batches of 1,000: 5,600 points/s instead of 15,600;
tests/integration/test_check_in_lookup_plan.py)."""
_COUNTING_POINTS = (
    select(
        col(CheckInRow.key_result_id),
        col(CheckInRow.observed_at),
        col(CheckInRow.received_at),
        col(CheckInRow.value),
        col(CheckInRow.done),
    )
    .where(
        col(CheckInRow.key_result_id).in_(bindparam("ids", expanding=True)),
        col(CheckInRow.voided_at).is_(None),
    )
    .order_by(col(CheckInRow.key_result_id), col(CheckInRow.observed_at))
)
"""The counting (not voided) points of some KRs: what forecasts are made from."""

_LATEST_COUNTING = (
    select(CheckInRow)
    .where(col(CheckInRow.key_result_id) == bindparam("kr"), col(CheckInRow.voided_at).is_(None))
    .order_by(
        col(CheckInRow.observed_at).desc(),
        col(CheckInRow.received_at).desc(),
        col(CheckInRow.id).desc(),
    )
    .limit(1)
)
"""A KR's current point: the latest observed counting check-in (ties: latest received)."""

_LATEST_CONFIDENCE = (
    select(col(CheckInRow.confidence))
    .where(
        col(CheckInRow.key_result_id) == bindparam("kr"),
        col(CheckInRow.voided_at).is_(None),
        col(CheckInRow.confidence).is_not(None),
    )
    .order_by(
        col(CheckInRow.observed_at).desc(),
        col(CheckInRow.received_at).desc(),
        col(CheckInRow.id).desc(),
    )
    .limit(1)
)
"""The confidence of a KR's latest counting check-in that gave one."""

"""Stored check-ins with one of some ``(source, external_id)`` pairs (PostgreSQL): the pairs
come as two aligned arrays, joined to the table, so each is one probe of the unique index
whatever the table holds, and the statement is the same whatever the number of pairs. (Two
independent ``= ANY`` conditions let the planner scan every check-in of the source and compare
each with the whole array: seen at 440-500 ms per 1,000-item batch once the table grew.)"""


@dataclass(slots=True)
class Resolved:
    """The KRs a batch names: by id, and for each metric key the KRs that carry it in a cycle
    that is not closed (``keyed``, with their cycles' dates; ``rows`` holds every KR read);
    ``locked`` when they are locked already (PostgreSQL, in the statement that read them)."""

    by_id: dict[str, KeyResultRow] = field(default_factory=dict)
    keyed: dict[str, list[Keyed]] = field(default_factory=dict)
    rows: dict[str, KeyResultRow] = field(default_factory=dict)
    locked: bool = False

    def add_keyed(self, row: KeyResultRow, starts_on: date, ends_on: date) -> None:
        """A KR that carries a named metric key in a cycle that is not closed."""
        key = row.metric_key or ""
        self.keyed.setdefault(key, []).append(Keyed(row.id, row.cycle_id, starts_on, ends_on))
        self.rows[row.id] = row


class CheckInRepository(Repository[CheckInRow]):
    """Check-ins (the KR history) and the reads and writes of their ingestion."""

    model = CheckInRow
    entity = "check_in"

    async def resolve(self, ids: Collection[str], keys: Collection[str]) -> Resolved:
        """The KRs with these ids, and those that carry these metric keys in cycles that are not
        closed. On PostgreSQL (up to ``LOCK_READ_MAX`` ids and keys) locked in sorted id order
        and read in one statement; elsewhere read (one query each) and still to be locked
        (``lock_key_results``)."""
        out = Resolved(locked=is_postgres(self.session) and len(ids) + len(keys) <= LOCK_READ_MAX)
        if out.locked:
            if ids or keys:
                params = {"ids": sorted(ids), "keys": sorted(keys)}
                for row, state, starts_on, ends_on in await self.session.execute(
                    _LOCK_RESOLVE, params
                ):
                    out.rows[row.id] = row
                    if row.id in ids:
                        out.by_id[row.id] = row
                    if row.metric_key in keys and state != "closed":
                        out.add_keyed(row, starts_on, ends_on)
            return out
        if ids:
            out.by_id = {r.id: r for r in await GraphLoader(self.session).key_results(ids)}
            out.rows.update(out.by_id)
        if keys:
            params = {"keys": sorted(keys)}
            for row, starts_on, ends_on in await self.session.execute(_BY_METRIC_KEY, params):
                out.add_keyed(row, starts_on, ends_on)
        return out

    async def lock_key_results(self, ids: Collection[str]) -> dict[str, KeyResultRow]:
        """Lock the KRs (sorted ids) and read them again: the newest committed state."""
        loader = GraphLoader(self.session)
        await loader.lock(KeyResultRow, sorted(ids))
        return {r.id: r for r in await loader.key_results(ids, fresh=True)}

    async def objectives_with_cycles(
        self, objective_ids: Collection[str]
    ) -> tuple[dict[str, ObjectiveRow], dict[str, CycleRow]]:
        """The objectives and their cycles, by id, in one statement."""
        objectives: dict[str, ObjectiveRow] = {}
        cycles: dict[str, CycleRow] = {}
        params = {"ids": sorted(objective_ids)}
        for objective, cycle in await self.session.execute(_OBJECTIVES_WITH_CYCLES, params):
            objectives[objective.id] = objective
            cycles[cycle.id] = cycle
        return objectives, cycles

    async def assigned(self, person_id: str, key_result_ids: Collection[str]) -> set[str]:
        """The KRs among these on which the person has an initiative."""
        params = {"person": person_id, "ids": sorted(key_result_ids)}
        return set((await self.session.execute(_ASSIGNED, params)).scalars())

    async def find_externals(
        self, keys: Collection[tuple[str, str]]
    ) -> dict[tuple[str, str], CheckInRow]:
        """The stored check-ins among these ``(source, external_id)`` keys: on PostgreSQL in one
        query, elsewhere in one per thousand keys."""
        found: dict[tuple[str, str], CheckInRow] = {}
        ordered = sorted(keys)
        if is_postgres(self.session):
            params = {"sources": [s for s, _ in ordered], "external_ids": [e for _, e in ordered]}
            for row in (await self.session.execute(_EXTERNALS, params)).scalars():
                found[(row.source, row.external_id or "")] = row
            return found
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            stmt = select(CheckInRow).where(
                col(CheckInRow.external_id).in_({e for _, e in chunk}),
                col(CheckInRow.source).in_({s for s, _ in chunk}),
            )
            for row in (await self.session.execute(stmt)).scalars():
                key = (row.source, row.external_id or "")
                if key in keys:
                    found[key] = row
        return found

    async def newest_points(self, key_result_ids: Collection[str]) -> list[CheckInRow]:
        """The points observed last on each of the KRs, ties included (one query; none without
        KRs)."""
        if not key_result_ids:
            return []
        params = {"ids": sorted(key_result_ids)}
        return list((await self.session.execute(_CURRENT_POINTS, params)).scalars())

    async def counting_points(
        self, key_result_ids: Collection[str]
    ) -> dict[str, list[tuple[Any, Any, Any, Any]]]:
        """Each KR's counting (not voided) points as ``(observed_at, received_at, value, done)``,
        oldest first (one query per thousand KRs; KRs without points are absent)."""
        out: dict[str, list[tuple[Any, Any, Any, Any]]] = {}
        ordered = sorted(set(key_result_ids))
        for start in range(0, len(ordered), CHUNK):
            params = {"ids": ordered[start : start + CHUNK]}
            for kr_id, observed, received, value, done in await self.session.execute(
                _COUNTING_POINTS, params
            ):
                out.setdefault(kr_id, []).append((observed, received, value, done))
        return out

    async def latest_counting(self, key_result_id: str) -> tuple[CheckInRow | None, int | None]:
        """The KR's current point (latest observed counting check-in) and the confidence of its
        latest counting check-in that gave one."""
        row = (await self.session.execute(_LATEST_COUNTING, {"kr": key_result_id})).scalar()
        confidence = (
            await self.session.execute(_LATEST_CONFIDENCE, {"kr": key_result_id})
        ).scalar()
        return row, confidence

    async def find_locked(self, check_in_id: str) -> CheckInRow | None:
        """A check-in, locked (PostgreSQL ``FOR UPDATE``) and read fresh."""
        stmt = (
            select(CheckInRow)
            .where(col(CheckInRow.id) == check_in_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar()

    async def append(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert plain rows (every column named, the same in each) in the session's
        transaction, and their entries in the audit trail: on PostgreSQL with ``COPY`` on the
        driver connection (binary, no per-value work in SQLAlchemy), elsewhere with one Core
        ``INSERT`` of many rows."""
        if not rows:
            return
        if is_postgres(self.session):
            driver = await self._copy_driver()
            if driver is not None:
                columns = list(rows[0])
                record = itemgetter(*columns)
                await driver.copy_records_to_table(
                    _CHECK_INS.name, records=[record(r) for r in rows], columns=columns
                )
                await copy_inserts(self.session, driver, _CHECK_INS.name, rows)
                return
        record_inserts(self.session, _CHECK_INS.name, rows)
        await self.session.execute(insert(_CHECK_INS), list(rows))

    async def _copy_driver(self) -> Any:
        """The asyncpg connection of the session, when it is in the session's transaction."""
        connection = await self.session.connection()
        driver = (await connection.get_raw_connection()).driver_connection
        if driver is not None and driver.is_in_transaction():
            return driver
        return None

    async def history(
        self,
        key_result_id: str,
        *,
        limit: int,
        after: tuple[Any, Any, str] | None = None,
    ) -> tuple[list[CheckInRow], tuple[Any, Any, str] | None]:
        """One page of the KR's history, latest ``observed_at`` first (ties: latest received)."""
        observed, received, id_ = (
            col(CheckInRow.observed_at),
            col(CheckInRow.received_at),
            col(CheckInRow.id),
        )
        filters: list[ColumnElement[bool]] = [col(CheckInRow.key_result_id) == key_result_id]
        if after is not None:
            a_obs, a_rec, a_id = after
            filters.append(
                (observed < a_obs)
                | ((observed == a_obs) & (received < a_rec))
                | ((observed == a_obs) & (received == a_rec) & (id_ < a_id))
            )
        stmt = (
            select(CheckInRow)
            .where(*filters)
            .order_by(observed.desc(), received.desc(), id_.desc())
            .limit(limit + 1)
        )
        rows = list((await self.session.execute(stmt)).scalars())
        if len(rows) <= limit:
            return rows, None
        rows = rows[:limit]
        last = rows[-1]
        return rows, (last.observed_at, last.received_at, last.id)
