"""Repositories of the alignment graph and dependencies, and the roll-up graph loader.

The loader reads whole levels of the alignment graph at once: every query takes a set of ids, so
loading the part of the graph above some KRs costs a bounded number of queries per level.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.model import KeyResultKind
from persistence.repositories.base import Repository, chunked, id_list, is_postgres
from persistence.tables import (
    AlignmentRow,
    DependencyRow,
    KeyResultRow,
    ObjectiveRow,
)

_INTO_KEY_RESULTS = select(AlignmentRow).where(
    col(AlignmentRow.parent_key_result_id).in_(id_list())
)


_DERIVED_PARENTS_OF = (
    select(AlignmentRow)
    .join(KeyResultRow, col(KeyResultRow.id) == col(AlignmentRow.parent_key_result_id))
    .where(
        col(AlignmentRow.child_objective_id).in_(id_list()),
        col(KeyResultRow.kind) == KeyResultKind.DERIVED.value,
    )
)


_KEY_RESULTS = select(KeyResultRow).where(col(KeyResultRow.id).in_(id_list()))


_OBJECTIVES = select(ObjectiveRow).where(col(ObjectiveRow.id).in_(id_list()))


_OBJECTIVES_LOCKED = _OBJECTIVES.order_by(col(ObjectiveRow.id)).with_for_update()


_KEY_RESULTS_OF = (
    select(KeyResultRow)
    .where(col(KeyResultRow.objective_id).in_(id_list()))
    .order_by(col(KeyResultRow.objective_id), col(KeyResultRow.position))
)


_KEY_RESULTS_OF_BUT = _KEY_RESULTS_OF.where(col(KeyResultRow.id).not_in(id_list("skip")))


_FRESH = {"populate_existing": True}


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
        for chunk in chunked(key_result_ids):
            out.extend((await self.session.execute(_INTO_KEY_RESULTS, {"ids": chunk})).scalars())
        return out

    async def derived_parents_of(self, objective_ids: Collection[str]) -> list[AlignmentRow]:
        """Edges from these child objectives up to a KR of kind ``derived``."""
        out: list[AlignmentRow] = []
        for chunk in chunked(objective_ids):
            out.extend((await self.session.execute(_DERIVED_PARENTS_OF, {"ids": chunk})).scalars())
        return out


class DependencyRepository(Repository[DependencyRow]):
    """Lateral dependencies between objectives and KRs."""

    model = DependencyRow
    entity = "dependency"


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
        for chunk in chunked(ids):
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
        for chunk in chunked(ids):
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
        for chunk in chunked(objective_ids):
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
        for chunk in chunked(ids):
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
