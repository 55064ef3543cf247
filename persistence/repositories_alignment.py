"""Repositories of the alignment graph, dependencies and check-ins, and the roll-up graph loader.

The loader reads whole levels of the alignment graph at once: every query takes a set of ids, so
loading the part of the graph above some KRs costs a bounded number of queries per level.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.model import KeyResultKind
from persistence.repository import Repository
from persistence.tables import (
    AlignmentRow,
    CheckInRow,
    DependencyRow,
    KeyResultRow,
    ObjectiveRow,
)

_CHUNK = 1000
"""Ids per ``IN (...)`` list: keeps statements well below every driver's parameter limit."""


def _chunks(ids: Collection[str]) -> Iterable[list[str]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _ids(name: str = "ids") -> Any:
    """An ``IN`` list bound at execution (one statement built once, whatever the ids)."""
    return bindparam(name, expanding=True)


# Statements built once at import (building an expression costs more than running a cached one);
# each takes its id list as an expanding parameter.
_INTO_KEY_RESULTS = select(AlignmentRow).where(col(AlignmentRow.parent_key_result_id).in_(_ids()))
_DERIVED_PARENTS_OF = (
    select(AlignmentRow)
    .join(KeyResultRow, col(KeyResultRow.id) == col(AlignmentRow.parent_key_result_id))
    .where(
        col(AlignmentRow.child_objective_id).in_(_ids()),
        col(KeyResultRow.kind) == KeyResultKind.DERIVED.value,
    )
)
_KEY_RESULTS = select(KeyResultRow).where(col(KeyResultRow.id).in_(_ids()))
_OBJECTIVES = select(ObjectiveRow).where(col(ObjectiveRow.id).in_(_ids()))
_OBJECTIVES_LOCKED = _OBJECTIVES.order_by(col(ObjectiveRow.id)).with_for_update()
_KEY_RESULTS_OF = (
    select(KeyResultRow)
    .where(col(KeyResultRow.objective_id).in_(_ids()))
    .order_by(col(KeyResultRow.objective_id), col(KeyResultRow.position))
)
_KEY_RESULTS_OF_BUT = _KEY_RESULTS_OF.where(col(KeyResultRow.id).not_in(_ids("skip")))
_FRESH = {"populate_existing": True}


def is_postgres(session: AsyncSession) -> bool:
    """Whether the session talks to PostgreSQL."""
    return session.get_bind().dialect.name == "postgresql"


class AlignmentRepository(Repository[AlignmentRow]):
    """Alignment edges."""

    model = AlignmentRow
    entity = "alignment"

    async def all_edges(self) -> list[AlignmentRow]:
        """Every edge (loop detection needs the whole graph)."""
        return list((await self.session.execute(select(AlignmentRow))).scalars())

    async def into_key_results(self, key_result_ids: Collection[str]) -> list[AlignmentRow]:
        """Edges whose parent is one of these KRs."""
        out: list[AlignmentRow] = []
        for chunk in _chunks(key_result_ids):
            out.extend((await self.session.execute(_INTO_KEY_RESULTS, {"ids": chunk})).scalars())
        return out

    async def derived_parents_of(self, objective_ids: Collection[str]) -> list[AlignmentRow]:
        """Edges from these child objectives up to a KR of kind ``derived``."""
        out: list[AlignmentRow] = []
        for chunk in _chunks(objective_ids):
            out.extend((await self.session.execute(_DERIVED_PARENTS_OF, {"ids": chunk})).scalars())
        return out


class DependencyRepository(Repository[DependencyRow]):
    """Lateral dependencies between objectives and KRs."""

    model = DependencyRow
    entity = "dependency"


class CheckInRepository(Repository[CheckInRow]):
    """Check-ins (the KR history)."""

    model = CheckInRow
    entity = "check_in"

    async def find_external(self, source: str, external_id: str) -> CheckInRow | None:
        """The check-in a source already pushed under this external id, if any."""
        stmt = select(CheckInRow).where(
            col(CheckInRow.source) == source, col(CheckInRow.external_id) == external_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_externals(
        self, keys: Collection[tuple[str, str]]
    ) -> dict[tuple[str, str], CheckInRow]:
        """The stored check-ins among these ``(source, external_id)`` keys, in one query per
        thousand keys."""
        found: dict[tuple[str, str], CheckInRow] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            stmt = select(CheckInRow).where(
                col(CheckInRow.external_id).in_({e for _, e in chunk}),
                col(CheckInRow.source).in_({s for s, _ in chunk}),
            )
            for row in (await self.session.execute(stmt)).scalars():
                key = (row.source, row.external_id or "")
                if key in keys:
                    found[key] = row
        return found

    async def latest(self, key_result_id: str) -> CheckInRow | None:
        """The point that sets the KR's current value (latest observed, then latest received)."""
        stmt = (
            select(CheckInRow)
            .where(col(CheckInRow.key_result_id) == key_result_id)
            .order_by(
                col(CheckInRow.observed_at).desc(),
                col(CheckInRow.received_at).desc(),
                col(CheckInRow.id).desc(),
            )
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

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


class GraphLoader:
    """Loads objectives with their KRs by id sets, and takes row locks in a fixed order."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @staticmethod
    def key_result_ids_of(objective_ids: Select[Any]) -> Select[Any]:
        """A subquery of the ids of the KRs of the objectives a subquery selects."""
        return select(col(KeyResultRow.id)).where(col(KeyResultRow.objective_id).in_(objective_ids))

    async def key_results(self, ids: Collection[str], *, fresh: bool = False) -> list[KeyResultRow]:
        """KR rows by id."""
        out: list[KeyResultRow] = []
        options = _FRESH if fresh else {}
        for chunk in _chunks(ids):
            result = await self.session.execute(
                _KEY_RESULTS, {"ids": chunk}, execution_options=options
            )
            out.extend(result.scalars())
        return out

    async def objectives(
        self, ids: Collection[str], *, fresh: bool = False, lock: bool = False
    ) -> list[ObjectiveRow]:
        """Objective rows by id; ``lock`` (PostgreSQL only): locked until commit in sorted id
        order as ``lock`` takes them, and read in the same statement (the newest committed
        state)."""
        out: list[ObjectiveRow] = []
        stmt = _OBJECTIVES_LOCKED if lock else _OBJECTIVES
        options = _FRESH if fresh else {}
        for chunk in _chunks(ids):
            result = await self.session.execute(stmt, {"ids": chunk}, execution_options=options)
            out.extend(result.scalars())
        return out

    async def key_results_of(
        self, objective_ids: Collection[str], *, fresh: bool = False, skip: Collection[str] = ()
    ) -> list[KeyResultRow]:
        """The KRs of these objectives, in each objective's order; without the ``skip`` ids."""
        out: list[KeyResultRow] = []
        stmt = _KEY_RESULTS_OF_BUT if skip else _KEY_RESULTS_OF
        options = _FRESH if fresh else {}
        for chunk in _chunks(objective_ids):
            params = {"ids": chunk, "skip": sorted(skip)} if skip else {"ids": chunk}
            result = await self.session.execute(stmt, params, execution_options=options)
            out.extend(result.scalars())
        return out

    async def lock(
        self, model: type[KeyResultRow] | type[ObjectiveRow], ids: Sequence[str]
    ) -> None:
        """Lock rows until commit, in sorted id order (so concurrent writers cannot deadlock).

        PostgreSQL: ``SELECT .. ORDER BY id FOR UPDATE``. SQLite has one writer at a time: a
        no-op ``UPDATE`` makes this transaction the writer now, so whatever it reads from here on
        is the latest committed state (the pysqlite driver begins transactions lazily at the
        first write, so reads before it see the newest data too).
        """
        if not ids:
            return
        table_id = col(model.id)
        for chunk in _chunks(ids):
            if is_postgres(self.session):
                stmt = select(table_id).where(table_id.in_(chunk)).order_by(table_id)
                await self.session.execute(stmt.with_for_update())
            else:
                await self.session.execute(
                    update(model)
                    .where(table_id == chunk[0])
                    .values(updated_at=col(model.updated_at))
                    .execution_options(synchronize_session=False)
                )
                return


ALIGNMENT_LOCK_KEY = 7_340_215_002
SUBMIT_LOCK_BASE = 7_340_216 << 32
"""Submissions of one owner take ``SUBMIT_LOCK_BASE + crc32(owner)``: their count is serialised."""
"""The advisory lock that serialises alignment edge writes on PostgreSQL (loop checks)."""


async def serialise(session: AsyncSession, key: int) -> None:
    """Make this transaction the only one past this point until it ends.

    PostgreSQL: a transaction-level advisory lock on ``key``. SQLite: a write that matches no row
    takes the database's single write lock now (so the reads that follow are the latest).
    """
    if is_postgres(session):
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        await session.execute(text("UPDATE alignments SET id = id WHERE 1 = 0"))
