"""Check-ins (okr-domain §6): single, history and batch, with the roll-up in the same transaction.

A single check-in is a batch of one: both go through ``ingest``, which

1. validates each item on its own (a bad item is refused alone),
2. resolves the KRs by id or ``metric_key`` and locks their rows in sorted id order
   (PostgreSQL: one ``SELECT .. FOR UPDATE``; SQLite: reads them, becomes the writer and reads
   them again), so concurrent check-ins on one KR are serialised and none is lost,
3. checks who may push to them,
4. finds existing ``(source, external_id)`` pairs (one query), reads a KR's stored current point
   only when a new point ties with it on ``observed_at`` (see ``_ties``), and applies the domain
   rules,
5. moves each KR's current value, confidence and ``last_check_in_at`` to its newest point, and
   calls ``propagate`` once for every KR whose value changed,
6. reserves the new rows' places in the change feed (``persistence.events``: one small row
   however many check-ins) and inserts them in one statement (PostgreSQL: ``COPY``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from operator import itemgetter
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import String, Table, and_, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.auth import Principal
from api.errors import ApiError
from api.pagination import Page, PageParams, encode_cursor
from api.schemas.check_ins import (
    DEFAULT_SOURCE,
    CheckInBatchResult,
    CheckInCreate,
    CheckInItem,
    CheckInPublic,
)
from api.services.okr_visibility import can_see, check_visible, is_draft_reader, visible_objective
from api.services.org import load_org_chart
from api.services.rollup import propagate
from domain import access
from domain.checkins import Recency, check_checkin_allowed, recency, validate_checkin
from domain.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    RuleViolation,
    Violation,
)
from domain.model import ObjectiveState, OwnerType
from domain.org import OrgChart
from persistence.events import reserve_check_in_positions
from persistence.mappers import cycle_to_domain, key_result_to_domain, objective_to_domain
from persistence.repositories.alignment import GraphLoader
from persistence.repositories.base import is_postgres
from persistence.repositories.check_ins import CheckInRepository
from persistence.tables import (
    CheckInRow,
    CycleRow,
    InitiativeRow,
    KeyResultRow,
    ObjectiveRow,
    new_ids,
)
from persistence.types import utcnow

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

FUTURE_TOLERANCE = timedelta(minutes=5)
"""How far ahead of the server's clock ``observed_at`` may lie."""

_MICROSECOND = timedelta(microseconds=1)

_LOCK_READ_MAX = 1000
"""Up to this many KR ids and metric keys are resolved, locked and read in one statement
(PostgreSQL)."""

_ITEM = TypeAdapter(CheckInItem)
_ITEMS = TypeAdapter(list[CheckInItem])

_CHECK_INS = CheckInRow.metadata.tables[CheckInRow.__tablename__]
"""Core table of check-ins: new rows are inserted from plain dicts (no ORM bulk machinery)."""

_HISTORY = _CHECK_INS.alias("history")

# Statements built once (building an expression costs more than running a cached one).

_LOCK_RESOLVE = (
    select(KeyResultRow)
    .where(
        col(KeyResultRow.id).in_(bindparam("ids", expanding=True))
        | col(KeyResultRow.metric_key).in_(bindparam("keys", expanding=True))
    )
    .order_by(col(KeyResultRow.id))
    .with_for_update()
    .execution_options(populate_existing=True)
)
"""The KRs named by id or metric key, locked in sorted id order and read (PostgreSQL)."""

_OBJECTIVES_WITH_CYCLES = (
    select(ObjectiveRow, CycleRow)
    .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
    .where(col(ObjectiveRow.id).in_(bindparam("ids", expanding=True)))
)
"""The objectives of the KRs with their cycles, in one statement."""

_NEWEST_OBSERVED = (
    select(func.max(_HISTORY.c.observed_at))
    .where(_HISTORY.c.key_result_id == col(KeyResultRow.id))
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
    .where(col(KeyResultRow.id).in_(bindparam("ids", expanding=True)))
)
"""The points observed last on each KR (ties possible: the caller picks by recency). The newest
``observed_at`` of each KR is looked up per KR in the history index (a correlated max), not
aggregated over the KR's whole history."""

_PAIRS = (
    func.unnest(
        bindparam("sources", type_=ARRAY(String)), bindparam("external_ids", type_=ARRAY(String))
    )
    .table_valued("source", "external_id")
    .render_derived(name="pairs")
)
_EXTERNALS = select(CheckInRow).join(
    _PAIRS,
    and_(
        col(CheckInRow.source) == _PAIRS.c.source,
        col(CheckInRow.external_id) == _PAIRS.c.external_id,
    ),
)
"""Stored check-ins with one of some ``(source, external_id)`` pairs (PostgreSQL): the pairs
come as two aligned arrays, joined to the table, so each is one probe of the unique index
whatever the table holds, and the statement is the same whatever the number of pairs. (Two
independent ``= ANY`` conditions let the planner scan every check-in of the source and compare
each with the whole array: seen at 440-500 ms per 1,000-item batch once the table grew.)"""


@dataclass(slots=True)
class _Item:
    """One item on its way through ``ingest``."""

    index: int
    body: CheckInItem | None = None
    kr: KeyResultRow | None = None
    kr_id: str | None = None
    """``kr.id``, read once (not through the ORM attribute on every use)."""
    error: DomainError | None = None
    outcome: Literal["created", "duplicate", "refused"] = "refused"
    check_in_id: str | None = None
    row: dict[str, Any] = field(default_factory=dict)
    existing: CheckInRow | None = None
    observed: datetime = _EPOCH
    other: KeyResultRow | None = None
    """The KR that the item's ``metric_key`` names when it is not the one its id names."""


def _parse(index: int, raw: Any) -> _Item:
    item = _Item(index)
    try:
        item.body = _ITEM.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        item.error = DomainError(
            f"item {index}: {where}: {first['msg']}" if where else f"item {index}: {first['msg']}",
            code="request.invalid",
            field=f"items.{index}.{where}" if where else f"items.{index}",
        )
    return item


def _parse_all(raw_items: Sequence[Any]) -> list[_Item]:
    """Validate every item in one call; only when some item is bad, each on its own."""
    try:
        bodies = _ITEMS.validate_python(list(raw_items))
    except ValidationError:
        return [_parse(i, raw) for i, raw in enumerate(raw_items)]
    return [_Item(i, body) for i, body in enumerate(bodies)]


def _refuse(item: _Item, error: DomainError) -> None:
    if item.error is None:
        item.error = error


def _kr_not_found(what: str, field: str | None) -> NotFound:
    return NotFound(f"key result {what} does not exist", code="key_result.not_found", field=field)


async def _resolve(session: AsyncSession, items: Sequence[_Item]) -> bool:
    """Find each item's KR by id or metric key. On PostgreSQL the KRs are locked (sorted ids)
    and read in one statement, and the answer is True; elsewhere they are read (one query each)
    and still to be locked (False)."""
    ids: set[str] = set()
    keys: set[str] = set()
    for item in items:
        if item.body is not None:
            if kr_id := item.body.get("key_result_id"):
                ids.add(kr_id)
            if metric_key := item.body.get("metric_key"):
                keys.add(metric_key)
    locked = is_postgres(session) and len(ids) + len(keys) <= _LOCK_READ_MAX
    by_id: dict[str, KeyResultRow] = {}
    by_key: dict[str, KeyResultRow] = {}
    if locked and (ids or keys):
        params = {"ids": sorted(ids), "keys": sorted(keys)}
        for row in (await session.execute(_LOCK_RESOLVE, params)).scalars():
            by_id[row.id] = row
            if row.metric_key is not None:
                by_key[row.metric_key] = row
    elif not locked:
        by_id = {r.id: r for r in await GraphLoader(session).key_results(ids)} if ids else {}
        if keys:
            stmt = select(KeyResultRow).where(col(KeyResultRow.metric_key).in_(sorted(keys)))
            by_key = {r.metric_key or "": r for r in (await session.execute(stmt)).scalars()}
    for item in items:
        body = item.body
        if body is None:
            continue
        kr_id = body.get("key_result_id")
        metric_key = body.get("metric_key")
        if kr_id is None and metric_key is None:
            _refuse(
                item,
                RuleViolation(
                    "give key_result_id or metric_key",
                    code="check_in.key_result_required",
                    field="key_result_id",
                ),
            )
            continue
        kr = by_id.get(kr_id) if kr_id else None
        if kr_id is not None and kr is None:
            _refuse(item, _kr_not_found(kr_id, "key_result_id"))
            continue
        if metric_key is not None:
            keyed = by_key.get(metric_key)
            if keyed is None:
                _refuse(item, _kr_not_found(f"with metric_key {metric_key!r}", "metric_key"))
                continue
            if kr is not None and kr.id != keyed.id:
                item.other = keyed  # refused once it is known whether the caller sees it
            else:
                kr = keyed
        item.kr = kr
        item.kr_id = kr.id if kr is not None else None
    return locked


async def _lock_key_results(session: AsyncSession, ids: set[str]) -> dict[str, KeyResultRow]:
    """Lock the KRs (sorted ids) and read them again: the newest committed state."""
    loader = GraphLoader(session)
    await loader.lock(KeyResultRow, sorted(ids))
    return {r.id: r for r in await loader.key_results(ids, fresh=True)}


@dataclass(slots=True)
class _Context:
    """What the rules need about the KRs of a request."""

    objectives: dict[str, ObjectiveRow]
    cycles: dict[str, CycleRow]
    org: OrgChart | None
    assigned: set[str]
    """KR ids on which the caller has an initiative."""


async def _context(
    session: AsyncSession, principal: Principal, krs: Sequence[KeyResultRow]
) -> _Context:
    objectives: dict[str, ObjectiveRow] = {}
    cycles: dict[str, CycleRow] = {}
    params = {"ids": sorted({kr.objective_id for kr in krs})}
    for objective, cycle in await session.execute(_OBJECTIVES_WITH_CYCLES, params):
        objectives[objective.id] = objective
        cycles[cycle.id] = cycle
    org: OrgChart | None = None
    assigned: set[str] = set()
    if principal.kind == "person" and not principal.is_admin:
        stmt = select(col(InitiativeRow.key_result_id)).where(
            col(InitiativeRow.assignee_id) == principal.person_id,
            col(InitiativeRow.key_result_id).in_(sorted({kr.id for kr in krs})),
        )
        assigned = set((await session.execute(stmt)).scalars())
        if any(
            not _allowed_without_org(principal, kr, objectives[kr.objective_id], assigned)
            for kr in krs
        ):
            org = await load_org_chart(session)
    return _Context(objectives, cycles, org, assigned)


def _allowed_without_org(
    principal: Principal, kr: KeyResultRow, objective: ObjectiveRow, assigned: set[str]
) -> bool:
    """Whether a person may push to the KR on facts at hand: the objective's owner (a draft
    included), or an initiative on a KR of a non-draft (public) objective."""
    person = principal.viewer.person_id
    if objective.owner_type == OwnerType.PERSON.value and objective.owner_id == person:
        return True
    return access.is_published(ObjectiveState(objective.state)) and kr.id in assigned


def _unknown(item: _Item) -> NotFound:
    """The answer to an item whose KR the caller may not see: the one an unknown KR gets, for
    the id or metric key the item named."""
    body = item.body or {}
    if (kr_id := body.get("key_result_id")) is not None:
        return _kr_not_found(kr_id, "key_result_id")
    return _kr_not_found(f"with metric_key {body.get('metric_key')!r}", "metric_key")


def _sees(principal: Principal, kr: KeyResultRow, ctx: _Context) -> bool:
    """Whether the caller sees the KR (``domain.access``); the org chart is at hand whenever
    the rule needs it (``_context``)."""
    objective = ctx.objectives[kr.objective_id]
    if not access.needs_org_chart(principal.viewer, ObjectiveState(objective.state)):
        return True
    if _allowed_without_org(principal, kr, objective, ctx.assigned):
        return True
    return ctx.org is not None and can_see(objective, principal, ctx.org)


async def _mismatch(session: AsyncSession, principal: Principal, item: _Item) -> DomainError:
    """The refusal of an item whose id and metric key name two KRs: as an unknown metric key
    when the caller may not see the KR it names."""
    other = item.other
    assert other is not None and item.kr is not None
    metric_key = other.metric_key
    try:
        await visible_objective(session, other.objective_id, principal)
    except NotFound:
        return _kr_not_found(f"with metric_key {metric_key!r}", "metric_key")
    return RuleViolation(
        f"metric_key {metric_key!r} names another key result than {item.kr.id}",
        code="check_in.metric_key_mismatch",
        field="metric_key",
    )


def _check_access(principal: Principal, kr: KeyResultRow, ctx: _Context) -> None:
    """403 when the caller may not push to a KR they see."""
    objective = ctx.objectives[kr.objective_id]
    if principal.kind != "person":
        if not principal.may_push(kr.id, kr.metric_key):
            raise PermissionDenied(
                f"this key may not push check-ins to key result {kr.id}",
                code="check_in.key_restricted",
                field="key_result_id",
            )
        return
    # An admin (active: the token was refused otherwise) sees and pushes everywhere.
    if principal.is_admin or _allowed_without_org(principal, kr, objective, ctx.assigned):
        return
    org = ctx.org
    assert org is not None
    actor = principal.person_id
    if is_draft_reader(objective, principal, org) or kr.id in ctx.assigned:
        return
    raise PermissionDenied(
        f"{actor} may not check in on key result {kr.id}: only its owner (unit: its head), the "
        "owner's managers, people with an initiative on it and admins may",
        code="check_in.not_allowed",
        field="key_result_id",
    )


async def _find_externals(
    session: AsyncSession, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], CheckInRow]:
    """The stored check-ins among these ``(source, external_id)`` pairs, in one query."""
    if not is_postgres(session):
        return await CheckInRepository(session).find_externals(keys)
    pairs = sorted(keys)
    params = {"sources": [s for s, _ in pairs], "external_ids": [e for _, e in pairs]}
    found: dict[tuple[str, str], CheckInRow] = {}
    for row in (await session.execute(_EXTERNALS, params)).scalars():
        found[(row.source, row.external_id or "")] = row
    return found


@dataclass(slots=True)
class _Current:
    """The point that sets a KR's current value: its recency key and what it says."""

    key: Recency
    value: Decimal | None
    done: bool | None


def _ties(
    items: Sequence[_Item], admitted: Mapping[str, DomainError | None], now: datetime
) -> set[str]:
    """The KRs whose stored current point a new item may tie on ``observed_at``; sets each
    admitted item's ``observed`` (default: now).

    A KR's ``last_check_in_at`` is the ``observed_at`` of its current point (only ``ingest``
    writes either). A new point observed at another instant is newer or older by that alone;
    only on a tie do ``received_at`` and the id decide, so only then is the stored point read.
    """
    ties: set[str] = set()
    last_of: dict[str, datetime | None] = {}
    for item in items:
        kr_id = item.kr_id
        if item.error is not None or item.body is None or kr_id is None or admitted[kr_id]:
            continue
        item.observed = observed = item.body.get("observed_at") or now
        if kr_id not in last_of:
            last_of[kr_id] = item.kr.last_check_in_at if item.kr is not None else None
        last = last_of[kr_id]
        if last is not None and observed == last:
            ties.add(kr_id)
    return ties


async def _current_points(session: AsyncSession, kr_ids: set[str]) -> dict[str, _Current]:
    """The point that sets each KR's current value (one query; none without KRs)."""
    if not kr_ids:
        return {}
    out: dict[str, _Current] = {}
    for row in (await session.execute(_CURRENT_POINTS, {"ids": sorted(kr_ids)})).scalars():
        key = recency(row.observed_at, row.received_at, row.id)
        known = out.get(row.key_result_id)
        if known is None or key > known.key:
            out[row.key_result_id] = _Current(key, row.value, row.done)
    return out


def _error_of(error: DomainError) -> dict[str, str | None]:
    return {"code": error.code, "message": error.message, "field": error.field}


async def ingest(
    session: AsyncSession, principal: Principal, raw_items: Sequence[Any]
) -> list[_Item]:
    """Validate, store and apply check-ins; one outcome per item (see the module docstring)."""
    items = _parse_all(raw_items)
    locked = await _resolve(session, items)
    resolved = {i.kr_id: i.kr for i in items if i.kr_id is not None and i.kr and i.error is None}
    if not resolved:
        return items
    krs = resolved if locked else await _lock_key_results(session, set(resolved))
    ctx = await _context(session, principal, list(krs.values()))
    now = utcnow()
    admitted: dict[str, DomainError | None] = {}
    hidden: set[str] = set()
    for kr in krs.values():
        objective = ctx.objectives[kr.objective_id]
        if not _sees(principal, kr, ctx):
            hidden.add(kr.id)
            admitted[kr.id] = _kr_not_found(kr.id, "key_result_id")
            continue
        try:
            _check_access(principal, kr, ctx)
            check_checkin_allowed(
                objective_to_domain(objective, []), cycle_to_domain(ctx.cycles[objective.cycle_id])
            )
            admitted[kr.id] = None
        except DomainError as exc:
            admitted[kr.id] = exc
    keys: set[tuple[str, str]] = set()
    for item in items:
        if item.error is None and item.body is not None:
            if (external_id := item.body.get("external_id")) is not None:
                keys.add((item.body.get("source", DEFAULT_SOURCE), external_id))
    existing = await _find_externals(session, keys) if keys else {}
    current = await _current_points(session, _ties(items, admitted, now))
    for kr_id, kr in krs.items():
        if kr_id not in current and kr.last_check_in_at is not None:
            # Stands for the stored current point: only its observed_at is ever compared.
            current[kr_id] = _Current((kr.last_check_in_at, _EPOCH, ""), None, None)
    confidence = {kr_id: kr.confidence for kr_id, kr in krs.items()}
    domain_krs = {kr_id: key_result_to_domain(kr) for kr_id, kr in krs.items()}
    seen: dict[tuple[str, str], _Item] = {}
    rows: list[dict[str, Any]] = []
    by_person = principal.kind == "person"
    author = principal.author_id
    fresh_ids = iter(new_ids(len(items)))
    latest_allowed = now + FUTURE_TOLERANCE
    received = now
    for item in items:
        body = item.body
        item_kr = item.kr_id
        if item.error is not None or body is None or item_kr is None:
            continue
        kr_id = item_kr
        refusal = admitted[kr_id]
        if refusal is not None:
            item.error = _unknown(item) if kr_id in hidden else refusal
            continue
        if item.other is not None:
            item.error = await _mismatch(session, principal, item)
            continue
        source = body.get("source", DEFAULT_SOURCE)
        external_id = body.get("external_id")
        value = body.get("value")
        done = body.get("done")
        point_confidence = body.get("confidence")
        note = body.get("note")
        key = (source, external_id) if external_id is not None else None
        if key is not None:
            stored = existing.get(key)
            earlier = seen.get(key)
            if stored is not None or earlier is not None:
                same_kr = stored.key_result_id if stored is not None else earlier.kr_id  # type: ignore[union-attr]
                if same_kr != kr_id:
                    item.error = Conflict(
                        f"source {source!r} already pushed external_id "
                        f"{external_id!r} to another key result",
                        code="check_in.external_id_taken",
                        field="external_id",
                    )
                    continue
                item.outcome = "duplicate"
                item.existing = stored
                item.check_in_id = stored.id if stored is not None else earlier.check_in_id  # type: ignore[union-attr]
                continue
        observed = item.observed
        problems: list[Violation] = []
        try:
            validate_checkin(
                domain_krs[kr_id],
                value=value,
                done=done,
                confidence=point_confidence,
                note=note,
                previous_confidence=confidence[kr_id],
                by_person=by_person,
            )
        except DomainError as exc:
            problems.extend(exc.violations)
        if observed > latest_allowed:
            problems.append(
                Violation(
                    "check_in.observed_in_future",
                    f"observed_at {observed.isoformat()} is more than "
                    f"{int(FUTURE_TOLERANCE.total_seconds() // 60)} minutes ahead",
                    "observed_at",
                )
            )
        if problems:
            error = RuleViolation.from_violations(
                problems, code="check_in.invalid" if len(problems) > 1 else None
            )
            item.error = error
            continue
        if rows:
            received += _MICROSECOND  # each new row one microsecond after the one before
        row_id = next(fresh_ids)
        item.row = {
            "id": row_id,
            "created_at": received,
            "updated_at": received,
            "key_result_id": kr_id,
            "value": value,
            "done": done,
            "confidence": point_confidence,
            "note": note,
            "observed_at": observed,
            "received_at": received,
            "source": source,
            "external_id": external_id,
            "author_id": author,
        }
        rows.append(item.row)
        item.outcome = "created"
        item.check_in_id = row_id
        if key is not None:
            seen[key] = item
        newness = recency(observed, received, row_id)
        known = current.get(kr_id)
        if known is None or newness > known.key:
            current[kr_id] = _Current(newness, value, done)
            if point_confidence is not None:
                confidence[kr_id] = point_confidence
    if not rows:
        return items
    changed: list[str] = []
    for kr_id in sorted({r["key_result_id"] for r in rows}):
        kr = krs[kr_id]
        point = current[kr_id]
        if point.value is not None:
            kr.current_value = point.value
        if point.done is not None:
            kr.done = point.done
        kr.confidence = confidence[kr_id]
        newest_observed = point.key[0]
        if kr.last_check_in_at is None or kr.last_check_in_at < newest_observed:
            kr.last_check_in_at = newest_observed
        changed.append(kr_id)
    await propagate(
        session,
        key_result_ids=changed,
        loaded_key_results=krs,
        loaded_objectives=ctx.objectives,
        flush_first=False,  # only these locked KR rows changed
    )
    # Last, once every row lock is held: the feed positions (the feed lock), then the rows.
    first = await reserve_check_in_positions(session, len(rows), rows[0]["id"], now)
    for offset, row in enumerate(rows):
        row["feed_position"] = first + offset
    await _append(session, _CHECK_INS, rows)
    return items


async def _copy_driver(session: AsyncSession) -> Any:
    """The asyncpg connection of the session, when it is in the session's transaction."""
    connection = await session.connection()
    driver = (await connection.get_raw_connection()).driver_connection
    if driver is not None and driver.is_in_transaction():
        return driver
    return None


async def _append(session: AsyncSession, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert plain rows in the session's transaction: on PostgreSQL with ``COPY`` on the
    driver connection (binary, no per-value work in SQLAlchemy), elsewhere with one Core
    ``INSERT`` of many rows."""
    if not rows:
        return
    if is_postgres(session):
        driver = await _copy_driver(session)
        if driver is not None:
            columns = list(rows[0])
            record = itemgetter(*columns)
            await driver.copy_records_to_table(
                table.name, records=[record(r) for r in rows], columns=columns
            )
            return
    await session.execute(insert(table), list(rows))


def _public(item: _Item) -> CheckInPublic:
    if item.existing is not None:
        return CheckInPublic.model_validate(item.existing)
    return CheckInPublic.model_validate(item.row)


async def create_check_in(
    session: AsyncSession, principal: Principal, key_result_id: str, body: CheckInCreate
) -> tuple[CheckInPublic, bool]:
    """One check-in; ``(answer, created)``, ``created`` False for a known (source, external_id)."""
    raw = {**body.model_dump(exclude_unset=True), "key_result_id": key_result_id}
    (item,) = await ingest(session, principal, [raw])
    if item.error is not None:
        raise item.error
    if item.outcome == "duplicate" and item.existing is None:
        raise AssertionError("a single check-in cannot repeat itself")
    return _public(item), item.outcome == "created"


async def create_batch(
    session: AsyncSession, principal: Principal, raw_items: Sequence[Any]
) -> CheckInBatchResult:
    """Store every valid item; one result per item."""
    items = await ingest(session, principal, raw_items)
    # One validation of plain dicts for the whole answer (not one model per item).
    results: list[dict[str, Any]] = [
        {
            "index": item.index,
            "outcome": "refused" if item.error is not None else item.outcome,
            "check_in_id": None if item.error is not None else item.check_in_id,
            "error": _error_of(item.error) if item.error is not None else None,
        }
        for item in items
    ]
    counts = {"created": 0, "duplicate": 0, "refused": 0}
    for result in results:
        counts[result["outcome"]] += 1
    return CheckInBatchResult.model_validate({"items": results, **counts})


# -- history -----------------------------------------------------------------------------------


def _history_cursor(row: CheckInRow) -> str:
    received = int((row.received_at - _EPOCH) // timedelta(microseconds=1))
    return encode_cursor((row.observed_at, f"{received}_{row.id}"))


def _history_after(page: PageParams) -> tuple[datetime, datetime, str] | None:
    if page.after is None:
        return None
    observed, rest = page.after
    received, sep, row_id = rest.partition("_")
    if not sep or not received.isdigit() or not row_id:
        raise ApiError(422, "request.invalid_cursor", "the cursor is not valid", field="cursor")
    return observed, _EPOCH + timedelta(microseconds=int(received)), row_id


async def list_check_ins(
    session: AsyncSession, principal: Principal, key_result_id: str, page: PageParams
) -> Page[CheckInPublic]:
    """The KR's history, latest ``observed_at`` first (ties: latest received first)."""
    found = await GraphLoader(session).key_results([key_result_id])
    if not found:
        raise _kr_not_found(key_result_id, None)
    if not principal.is_admin:
        objective = (await GraphLoader(session).objectives([found[0].objective_id]))[0]
        await check_visible(session, objective, principal, error=_kr_not_found(key_result_id, None))
    rows, more = await CheckInRepository(session).history(
        key_result_id, limit=page.limit, after=_history_after(page)
    )
    return Page[CheckInPublic](
        items=[CheckInPublic.model_validate(r) for r in rows],
        next_cursor=_history_cursor(rows[-1]) if more is not None else None,
    )
