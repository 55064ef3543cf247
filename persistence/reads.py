"""The read path of objectives: plain rows from Core selects, in a fixed number of statements.

Reads of objectives are what front ends and dashboards send most; they load no ORM entity (no
identity map, no attribute instrumentation) and read everything an answer needs in two
statements, whatever the page size:

- ``objective_rows``: the objectives (one by id, or one keyset page) that the viewer sees
  (``persistence.visibility``, in the same statement), each with its cycle's dates, whether its
  owner is a deactivated person, and the policy row's version and data;
- ``key_result_rows``: their key results, each joined with its counting (not voided) check-ins,
  oldest first (a KR without any appears once, with null point columns).

The rows carry the same Python values the ORM would give (the columns' own types convert them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Result, Row, Select, Table, and_, bindparam, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import OwnerType
from persistence.repositories.base import Keyset
from persistence.repositories.objectives import objective_filters
from persistence.tables import (
    CheckInRow,
    CycleRow,
    KeyResultRow,
    ObjectiveRow,
    PersonRow,
    PolicyRow,
)
from persistence.visibility import POLICY_ID, Visibility

ReadRow = Row[Any]
"""A row of the read path: its columns by name as attributes."""

_OBJECTIVES_T: Table = ObjectiveRow.__table__  # type: ignore[attr-defined]
_KEY_RESULTS_T: Table = KeyResultRow.__table__  # type: ignore[attr-defined]
_CYCLES_T: Table = CycleRow.__table__  # type: ignore[attr-defined]
_PEOPLE_T: Table = PersonRow.__table__  # type: ignore[attr-defined]
_CHECK_INS_T: Table = CheckInRow.__table__  # type: ignore[attr-defined]
_POLICY_T: Table = PolicyRow.__table__  # type: ignore[attr-defined]
_O, _K, _C, _P, _CI, _POLICY = (
    t.c for t in (_OBJECTIVES_T, _KEY_RESULTS_T, _CYCLES_T, _PEOPLE_T, _CHECK_INS_T, _POLICY_T)
)

OBJECTIVE_FIELDS = (
    "id",
    "cycle_id",
    "owner_type",
    "owner_id",
    "title",
    "description",
    "origin",
    "state",
    "state_reason",
    "score",
    "grade",
    "created_by_id",
    "approved_by_id",
    "submitted_at",
    "agreed_at",
    "version",
    "created_at",
    "updated_at",
)
"""The objective columns an answer shows, in the answer's order: the first columns of every
statement that reads objectives for an answer, in this order (``api.services.reads`` zips them)."""

KEY_RESULT_FIELDS = (
    "id",
    "objective_id",
    "position",
    "title",
    "kind",
    "start_value",
    "target_value",
    "current_value",
    "unit",
    "weight",
    "due_on",
    "metric_key",
    "done",
    "score",
    "confidence",
    "last_check_in_at",
    "version",
    "created_at",
    "updated_at",
)
"""The key result columns an answer shows, in the answer's order: the first columns of every
statement that reads KRs for an answer, in this order (``api.services.reads`` zips them)."""

_POLICY_VERSION = (
    select(_POLICY.version).where(_POLICY.id == POLICY_ID).scalar_subquery().label("policy_version")
)
_POLICY_DATA = select(_POLICY.data).where(_POLICY.id == POLICY_ID).scalar_subquery()

_OBJECTIVES: Select[Any] = (
    select(
        *(_O[name] for name in OBJECTIVE_FIELDS),
        _C.starts_on.label("cycle_starts_on"),
        _C.ends_on.label("cycle_ends_on"),
        _P.active.is_(False).label("owner_inactive"),
        _POLICY_VERSION,
        _POLICY_DATA.label("policy_data"),
    )
    .select_from(_OBJECTIVES_T)
    .join(_CYCLES_T, _C.id == _O.cycle_id)
    .outerjoin(
        _PEOPLE_T,
        and_(_O.owner_type == OwnerType.PERSON.value, _P.id == _O.owner_id),
    )
)

_KEY_RESULTS: Select[Any] = (
    select(
        *(_K[name] for name in KEY_RESULT_FIELDS),
        _CI.observed_at.label("point_observed_at"),
        _CI.received_at.label("point_received_at"),
        _CI.value.label("point_value"),
        _CI.done.label("point_done"),
    )
    .select_from(_KEY_RESULTS_T)
    .outerjoin(_CHECK_INS_T, and_(_CI.key_result_id == _K.id, _CI.voided_at.is_(None)))
    .order_by(_K.objective_id, _K.position, _K.created_at, _K.id, _CI.observed_at)
)


_OBJECTIVE_BY_ID = _OBJECTIVES.where(_O.id == bindparam("objective_id"))
_KEY_RESULTS_OF_ONE = _KEY_RESULTS.where(_K.objective_id == bindparam("objective_id"))
"""Built once (their cache keys too): the statements of the reads by id."""


async def _run(
    session: AsyncSession, stmt: Select[Any], params: Mapping[str, Any] | None = None
) -> Result[Any]:
    """Run a Core select on the session's connection (inside its transaction), past the ORM's
    statement handling: the read path loads no entity."""
    connection = await session.connection()
    result: Result[Any] = await connection.execute(stmt, params)
    return result


async def _page(
    session: AsyncSession, stmt: Select[Any], table: Any, limit: int, after: Keyset | None
) -> tuple[list[ReadRow], Keyset | None]:
    """One page of ``stmt`` in the creation order of ``table`` (its columns) after ``after``, and
    the keyset after its last row (None on the last page)."""
    if after is not None:
        stmt = stmt.where(tuple_(table.created_at, table.id) > tuple_(after[0], after[1]))
    rows = list(
        (await _run(session, stmt.order_by(table.created_at, table.id).limit(limit + 1))).all()
    )
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, (rows[-1].created_at, rows[-1].id)


async def objective_rows(
    session: AsyncSession,
    visibility: Visibility,
    *,
    objective_id: str | None = None,
    filters: Mapping[str, str | None] | None = None,
    limit: int = 1,
    after: Keyset | None = None,
) -> tuple[list[ReadRow], Keyset | None]:
    """Visible objectives with their cycle dates, owner state and the policy row, one statement.

    ``objective_id``: that objective only (none when it is unknown or hidden). Otherwise a page in
    creation order after ``after``, filtered by ``filters`` (the list's filters,
    ``objective_filters``), with the keyset after its last row (None on the last page).
    """
    seen = visibility.objective()
    if objective_id is not None:
        one = _OBJECTIVE_BY_ID if seen is None else _OBJECTIVE_BY_ID.where(seen)
        rows = list((await _run(session, one, {"objective_id": objective_id})).all())
        return rows, None
    stmt = _OBJECTIVES if seen is None else _OBJECTIVES.where(seen)
    stmt = stmt.where(*objective_filters(**(filters or {})))
    return await _page(session, stmt, _O, limit, after)


async def key_result_rows(session: AsyncSession, objective_ids: Sequence[str]) -> list[ReadRow]:
    """The objectives' KRs in position order, each repeated once per counting point (oldest
    first; ``point_*`` columns null for a KR without any)."""
    if not objective_ids:
        return []
    if len(objective_ids) == 1:  # one objective: a statement built once, no list to expand
        return list(
            (await _run(session, _KEY_RESULTS_OF_ONE, {"objective_id": objective_ids[0]})).all()
        )
    stmt = _KEY_RESULTS.where(_K.objective_id.in_(list(objective_ids)))
    return list((await _run(session, stmt)).all())


_KEY_RESULT_PAGE: Select[Any] = (
    select(
        *(_K[name] for name in KEY_RESULT_FIELDS),
        _O.cycle_id.label("cycle_id"),
        _C.starts_on.label("cycle_starts_on"),
        _C.ends_on.label("cycle_ends_on"),
        _POLICY_VERSION,
        _POLICY_DATA.label("policy_data"),
    )
    .select_from(_KEY_RESULTS_T)
    .join(_OBJECTIVES_T, _O.id == _K.objective_id)
    .join(_CYCLES_T, _C.id == _O.cycle_id)
)


_KEY_RESULT_BY_ID = _KEY_RESULT_PAGE.where(_K.id == bindparam("key_result_id"))
"""Built once: the statement of a KR read by id."""


async def key_result_page_rows(
    session: AsyncSession,
    visibility: Visibility,
    *,
    key_result_id: str | None = None,
    filters: Mapping[str, str | None] | None = None,
    limit: int = 1,
    after: Keyset | None = None,
) -> tuple[list[ReadRow], Keyset | None]:
    """Key results of objectives the viewer sees, each with its cycle (id and dates) and the
    policy row, one statement: the one ``key_result_id`` (none when unknown or hidden), or a page
    in creation order after ``after`` filtered by ``filters`` (column -> value, None: not
    filtered), with the keyset after its last row."""
    seen = visibility.objective()
    if key_result_id is not None:
        one = _KEY_RESULT_BY_ID if seen is None else _KEY_RESULT_BY_ID.where(seen)
        return list((await _run(session, one, {"key_result_id": key_result_id})).all()), None
    stmt = _KEY_RESULT_PAGE if seen is None else _KEY_RESULT_PAGE.where(seen)
    conditions = [_K[name] == value for name, value in (filters or {}).items() if value is not None]
    return await _page(session, stmt.where(*conditions), _K, limit, after)


async def key_result_visible(
    session: AsyncSession, visibility: Visibility, key_result_id: str
) -> bool:
    """Whether the KR exists and its objective is one the viewer sees (one statement)."""
    seen = visibility.objective()
    stmt = (
        select(_K.id)
        .select_from(_KEY_RESULTS_T)
        .join(_OBJECTIVES_T, _O.id == _K.objective_id)
        .where(_K.id == key_result_id)
    )
    if seen is not None:
        stmt = stmt.where(seen)
    return (await _run(session, stmt)).first() is not None
