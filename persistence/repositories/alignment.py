"""Repositories of the alignment graph and dependencies, and the roll-up graph loader.

The loader reads whole levels of the alignment graph at once: every query takes a set of ids, so
loading the part of the graph above some KRs costs a bounded number of queries per level.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.access import Viewer
from domain.model import KeyResultKind
from persistence.repositories.base import (
    Keyset,
    Repository,
    chunked,
    equals,
    id_list,
    is_postgres,
)
from persistence.tables import (
    AlignmentRow,
    DependencyRow,
    KeyResultRow,
    ObjectiveRow,
)
from persistence.visibility import Visibility

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

    async def list_visible(
        self,
        viewer: Viewer,
        *,
        child_objective_id: str | None,
        parent_objective_id: str | None,
        parent_key_result_id: str | None,
        cycle_id: str | None,
        limit: int,
        after: Keyset | None,
    ) -> tuple[list[AlignmentRow], Keyset | None]:
        """One page of edges in creation order whose two ends the viewer sees; ``cycle_id`` is
        the child's cycle."""
        filters = equals(
            AlignmentRow,
            child_objective_id=child_objective_id,
            parent_objective_id=parent_objective_id,
            parent_key_result_id=parent_key_result_id,
        )
        if cycle_id is not None:
            in_cycle = select(col(ObjectiveRow.id)).where(col(ObjectiveRow.cycle_id) == cycle_id)
            filters.append(col(AlignmentRow.child_objective_id).in_(in_cycle))
        visible = Visibility(viewer).objective_ids()
        if visible is not None:
            filters.append(col(AlignmentRow.child_objective_id).in_(visible))
            filters.append(col(AlignmentRow.parent_objective_id).in_(visible))
        return await self.list(filters=filters, limit=limit, after=after)

    async def touching(self, objective_ids: Collection[str]) -> list[AlignmentRow]:
        """Edges with one of these objectives at either end."""
        ids = sorted(objective_ids)
        stmt = select(AlignmentRow).where(
            or_(
                col(AlignmentRow.child_objective_id).in_(ids),
                col(AlignmentRow.parent_objective_id).in_(ids),
            )
        )
        return list((await self.session.execute(stmt)).scalars())

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

    async def first_matching(
        self,
        *,
        from_objective_id: str | None,
        from_key_result_id: str | None,
        to_objective_id: str | None,
        to_key_result_id: str | None,
    ) -> DependencyRow | None:
        """The oldest dependency with these ends (the ends given as None are not compared)."""
        filters = equals(
            DependencyRow,
            from_objective_id=from_objective_id,
            from_key_result_id=from_key_result_id,
            to_objective_id=to_objective_id,
            to_key_result_id=to_key_result_id,
        )
        rows, _ = await self.list(filters=filters, limit=1)
        return rows[0] if rows else None

    async def find_visible(self, viewer: Viewer, dependency_id: str) -> DependencyRow | None:
        """The dependency if the viewer sees both its ends, else None."""
        filters = [col(DependencyRow.id) == dependency_id, *_visible_ends(viewer)]
        rows, _ = await self.list(filters=filters, limit=1)
        return rows[0] if rows else None

    async def list_visible(
        self,
        viewer: Viewer,
        *,
        from_objective_id: str | None,
        from_key_result_id: str | None,
        to_objective_id: str | None,
        to_key_result_id: str | None,
        limit: int,
        after: Keyset | None,
    ) -> tuple[list[DependencyRow], Keyset | None]:
        """One page of dependencies in creation order, filtered by either end, both ends seen."""
        filters = equals(
            DependencyRow,
            from_objective_id=from_objective_id,
            from_key_result_id=from_key_result_id,
            to_objective_id=to_objective_id,
            to_key_result_id=to_key_result_id,
        )
        filters += _visible_ends(viewer)
        return await self.list(filters=filters, limit=limit, after=after)


def _visible_ends(viewer: Viewer) -> list[ColumnElement[bool]]:
    """Both ends visible (an end is an objective, or a KR of one)."""
    rule = Visibility(viewer)
    objectives, key_results = rule.objective_ids(), rule.key_result_ids()
    if objectives is None or key_results is None:
        return []
    return [
        or_(col(objective_column).in_(objectives), col(kr_column).in_(key_results))
        for objective_column, kr_column in (
            (DependencyRow.from_objective_id, DependencyRow.from_key_result_id),
            (DependencyRow.to_objective_id, DependencyRow.to_key_result_id),
        )
    ]


class GraphLoader:
    """Loads objectives with their KRs by id sets, and takes row locks in a fixed order."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def visible_objectives(
        self, viewer: Viewer, *, cycle_id: str | None = None, ids: Collection[str] | None = None
    ) -> list[ObjectiveRow]:
        """The objectives the viewer sees, of a cycle and/or among some ids (the graph's nodes)."""
        filters: list[ColumnElement[bool]] = []
        if cycle_id is not None:
            filters.append(col(ObjectiveRow.cycle_id) == cycle_id)
        if ids is not None:
            filters.append(col(ObjectiveRow.id).in_(sorted(ids)))
        visible = Visibility(viewer).objective_ids()
        if visible is not None:
            filters.append(col(ObjectiveRow.id).in_(visible))
        stmt = select(ObjectiveRow).where(*filters)
        return list((await self.session.execute(stmt)).scalars())

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
