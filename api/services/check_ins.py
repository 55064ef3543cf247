"""Check-ins (okr-domain §6): single, history and batch, with the roll-up in the same transaction.

A single check-in is a batch of one: both go through ``ingest``, which

1. validates each item's shape on its own (a bad item is refused alone),
2. resolves the KRs by id or ``metric_key`` (``domain.checkins.resolve``) and locks their rows in
   sorted id order (PostgreSQL: in the statement that reads them; SQLite: reads them, becomes the
   writer and reads them again), so concurrent check-ins on one KR are serialised and none is lost,
3. checks who sees and may push to them (``domain.access``, ``okr_visibility``),
4. finds the stored ``(source, external_id)`` pairs (one query), reads a KR's stored current
   point only when a new point ties with it on ``observed_at`` (``domain.checkins.ties``), and
   classifies the points (``domain.checkins.classify``: created, duplicate or refused, and each
   KR's current point),
5. moves each KR's current value, confidence and ``last_check_in_at`` to its newest point, and
   calls ``propagate`` once for every KR whose value changed,
6. reserves the new rows' places in the change feed (``persistence.events``: one small row
   however many check-ins, the feed lock taken last) and inserts them in one statement
   (PostgreSQL: ``COPY``).

The statements are the check-in repository's (``persistence.repositories.check_ins``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.check_ins import (
    DEFAULT_SOURCE,
    CheckInBatchResult,
    CheckInCreate,
    CheckInItem,
    CheckInPublic,
)
from api.services.events import emit
from api.services.okr_visibility import (
    is_draft_reader,
    publish_on_for,
    visibility,
    visible_objective,
)
from api.services.org import load_org_chart
from api.services.rollup import propagate
from domain import access
from domain.checkins import (
    EPOCH,
    Current,
    Named,
    Point,
    Standing,
    Stored,
    ambiguous_metric_key,
    check_checkin_allowed,
    classify,
    current_points,
    key_result_not_found,
    not_found_as_named,
    recency,
    resolve,
    stand_in,
    ties,
)
from domain.errors import DomainError, InvalidInput, NotFound, PermissionDenied, RuleViolation
from domain.model import ObjectiveState, OwnerType, PublishOn
from domain.org import OrgChart
from persistence.events import reserve_check_in_positions
from persistence.mappers import cycle_to_domain, key_result_to_domain, objective_to_domain
from persistence.reads import key_result_visible
from persistence.repositories.base import Keyset
from persistence.repositories.check_ins import CheckInRepository
from persistence.tables import CheckInRow, CycleRow, KeyResultRow, ObjectiveRow, new_ids
from persistence.types import utcnow

HELP_REQUESTED = "check_in.help_requested"
"""The event of a check-in that asks the manager or the company for help (okr-domain §9)."""

_ITEM = TypeAdapter(CheckInItem)
_ITEMS = TypeAdapter(list[CheckInItem])


@dataclass(slots=True)
class _Item:
    """One item on its way through ``ingest``."""

    index: int
    body: CheckInItem | None = None
    kr: KeyResultRow | None = None
    kr_id: str | None = None
    """``kr.id``, read once (not through the ORM attribute on every use)."""
    other: KeyResultRow | None = None
    """The KR that the item's ``metric_key`` names when it is not the one its id names."""
    candidates: list[KeyResultRow] = field(default_factory=list)
    """The KRs of several running cycles that the item's ``metric_key`` names (refused)."""
    error: DomainError | None = None
    outcome: Literal["created", "duplicate", "refused"] = "refused"
    check_in_id: str | None = None
    row: dict[str, Any] = field(default_factory=dict)
    existing: CheckInRow | None = None


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


async def _resolve(repo: CheckInRepository, items: Sequence[_Item]) -> bool:
    """Find each item's KR by id or metric key (``domain.checkins.resolve``: a metric key names
    the KR of the cycle running on the day observed); True when the KRs are locked already
    (see ``CheckInRepository.resolve``)."""
    parsed: list[_Item] = []
    named: list[Named] = []
    today = utcnow().date()
    for item in items:
        if item.body is not None:
            parsed.append(item)
            observed = item.body.get("observed_at")
            named.append(
                (
                    item.body.get("key_result_id"),
                    item.body.get("metric_key"),
                    today if observed is None else observed.date(),
                )
            )
    ids = {kr_id for kr_id, _, _ in named if kr_id}
    keys = {key for _, key, _ in named if key}
    found = await repo.resolve(ids, keys)
    by_id = {kr_id: row.metric_key for kr_id, row in found.by_id.items()}
    rows = found.rows
    for item, resolution in zip(parsed, resolve(named, by_id, found.keyed), strict=True):
        if resolution.error is not None:  # shared by the items that name their KR alike
            item.error = resolution.error
            continue
        if resolution.candidates:
            item.candidates = [rows[kr_id] for kr_id in resolution.candidates]
            continue
        item.kr_id = resolution.key_result_id
        item.kr = rows[resolution.key_result_id or ""]
        if resolution.other_id is not None:
            item.other = rows[resolution.other_id]
    return found.locked


@dataclass(slots=True)
class _Context:
    """What the rules need about the KRs of a request."""

    objectives: dict[str, ObjectiveRow]
    cycles: dict[str, CycleRow]
    org: OrgChart | None
    assigned: set[str]
    """KR ids on which the caller has an initiative."""
    publish_on: PublishOn = PublishOn.AGREED
    """The policy's ``publish_on``, read when a state at hand needs it."""


async def _context(
    repo: CheckInRepository, principal: Principal, krs: Sequence[KeyResultRow]
) -> _Context:
    objectives, cycles = await repo.objectives_with_cycles({kr.objective_id for kr in krs})
    org: OrgChart | None = None
    assigned: set[str] = set()
    publish_on = PublishOn.AGREED
    for state in {ObjectiveState(o.state) for o in objectives.values()}:
        if access.publication_depends_on_policy(state):
            publish_on = await publish_on_for(repo.session, state)
            break
    if principal.kind == "person" and not principal.is_admin:
        assigned = await repo.assigned(principal.person_id, {kr.id for kr in krs})
        if any(
            not _allowed_without_org(
                principal, kr, objectives[kr.objective_id], assigned, publish_on
            )
            for kr in krs
        ):
            org = await load_org_chart(repo.session)
    return _Context(objectives, cycles, org, assigned, publish_on)


def _allowed_without_org(
    principal: Principal,
    kr: KeyResultRow,
    objective: ObjectiveRow,
    assigned: set[str],
    publish_on: PublishOn,
) -> bool:
    """Whether a person may push to the KR on facts at hand: the objective's owner (a draft
    included), or an initiative on a KR of a non-draft (public) objective."""
    person = principal.viewer.person_id
    if objective.owner_type == OwnerType.PERSON.value and objective.owner_id == person:
        return True
    return access.is_published(ObjectiveState(objective.state), publish_on) and kr.id in assigned


def _unknown(item: _Item) -> NotFound:
    """The answer to an item whose KR the caller may not see: the one an unknown KR gets, for
    the id or metric key the item named."""
    body = item.body or {}
    return not_found_as_named(body.get("key_result_id"), body.get("metric_key"))


def _sees(principal: Principal, kr: KeyResultRow, ctx: _Context) -> bool:
    """Whether the caller sees the KR (``domain.access``); the org chart is at hand whenever
    the rule needs it (``_context``)."""
    objective = ctx.objectives[kr.objective_id]
    state = ObjectiveState(objective.state)
    if not access.needs_org_chart(principal.viewer, state, ctx.publish_on):
        return True
    if _allowed_without_org(principal, kr, objective, ctx.assigned, ctx.publish_on):
        return True
    return ctx.org is not None and access.may_see_objective(
        ctx.org,
        principal.viewer,
        owner_type=OwnerType(objective.owner_type),
        owner_id=objective.owner_id,
        state=state,
        publish_on=ctx.publish_on,
    )


def _ambiguous(principal: Principal, item: _Item, ctx: _Context) -> DomainError:
    """The refusal of an item whose metric key names KRs of several running cycles: naming the
    cycles of those the caller sees; as an unknown metric key when it sees none."""
    seen = [kr for kr in item.candidates if _sees(principal, kr, ctx)]
    if not seen:
        return _unknown(item)
    cycles = sorted({kr.cycle_id for kr in seen})
    return ambiguous_metric_key(
        seen[0].metric_key or "", [(cycle_id, ctx.cycles[cycle_id].name) for cycle_id in cycles]
    )


async def _mismatch(session: AsyncSession, principal: Principal, item: _Item) -> DomainError:
    """The refusal of an item whose id and metric key name two KRs: as an unknown metric key
    when the caller may not see the KR it names."""
    other = item.other
    assert other is not None and item.kr is not None
    metric_key = other.metric_key
    try:
        await visible_objective(session, other.objective_id, principal)
    except NotFound:
        return key_result_not_found(f"with metric_key {metric_key!r}", "metric_key")
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
    if principal.is_admin or _allowed_without_org(
        principal, kr, objective, ctx.assigned, ctx.publish_on
    ):
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


def _admit(
    principal: Principal, krs: dict[str, KeyResultRow], ctx: _Context
) -> tuple[dict[str, DomainError | None], set[str]]:
    """For each KR the refusal of every point pushed to it (None: open to the caller), and the
    KRs the caller may not see."""
    admitted: dict[str, DomainError | None] = {}
    hidden: set[str] = set()
    for kr in krs.values():
        objective = ctx.objectives[kr.objective_id]
        if not _sees(principal, kr, ctx):
            hidden.add(kr.id)
            admitted[kr.id] = key_result_not_found(kr.id, "key_result_id")
            continue
        try:
            _check_access(principal, kr, ctx)
            check_checkin_allowed(
                objective_to_domain(objective, []), cycle_to_domain(ctx.cycles[objective.cycle_id])
            )
            admitted[kr.id] = None
        except DomainError as exc:
            admitted[kr.id] = exc
    return admitted, hidden


async def _standing(
    repo: CheckInRepository, krs: dict[str, KeyResultRow], points: Sequence[Point]
) -> dict[str, Standing]:
    """Each KR as the batch finds it; its stored current point is read only on a tie."""
    last = {kr_id: kr.last_check_in_at for kr_id, kr in krs.items()}
    newest = await repo.newest_points(ties(points, last))
    read = current_points(
        {},
        (
            (
                row.key_result_id,
                Current(recency(row.observed_at, row.received_at, row.id), row.value, row.done),
            )
            for row in newest
        ),
    )
    return {
        kr_id: Standing(
            key_result_to_domain(kr), kr.confidence, read.get(kr_id) or stand_in(last[kr_id])
        )
        for kr_id, kr in krs.items()
    }


def _error_of(error: DomainError) -> dict[str, str | None]:
    return {"code": error.code, "message": error.message, "field": error.field}


async def ingest(
    session: AsyncSession, principal: Principal, raw_items: Sequence[Any]
) -> list[_Item]:
    """Validate, store and apply check-ins; one outcome per item (see the module docstring)."""
    repo = CheckInRepository(session)
    items = _parse_all(raw_items)
    locked = await _resolve(repo, items)
    resolved = {i.kr_id: i.kr for i in items if i.kr_id is not None and i.kr and i.error is None}
    ambiguous = [i for i in items if i.candidates]
    if not resolved and not ambiguous:
        return items
    krs = resolved if locked or not resolved else await repo.lock_key_results(set(resolved))
    candidates = {kr.id: kr for i in ambiguous for kr in i.candidates if kr.id not in krs}
    ctx = await _context(repo, principal, [*krs.values(), *candidates.values()])
    for item in ambiguous:
        item.error = _ambiguous(principal, item, ctx)
    if not resolved:
        return items
    now = utcnow()
    admitted, hidden = _admit(principal, krs, ctx)
    pending: list[_Item] = []
    points: list[Point] = []
    for item in items:
        body = item.body
        kr_id = item.kr_id
        if item.error is not None or body is None or kr_id is None:
            continue
        refusal = admitted[kr_id]
        if refusal is not None:
            item.error = _unknown(item) if kr_id in hidden else refusal
            continue
        if item.other is not None:
            item.error = await _mismatch(session, principal, item)
            continue
        pending.append(item)
        points.append(
            Point(
                kr_id,
                body.get("observed_at") or now,
                body.get("source", DEFAULT_SOURCE),
                body.get("external_id"),
                body.get("value"),
                body.get("done"),
                body.get("confidence"),
                body.get("note"),
            )
        )
    if not points:
        return items
    keys = {(p.source, p.external_id) for p in points if p.external_id is not None}
    existing = await repo.find_externals(keys) if keys else {}
    classified = classify(
        points,
        await _standing(repo, krs, points),
        {key: Stored(row.id, row.key_result_id) for key, row in existing.items()},
        now=now,
        by_person=principal.kind == "person",
        new_ids=iter(new_ids(len(points))),
    )
    rows: list[dict[str, Any]] = []
    author = principal.author_id
    for item, point, verdict in zip(pending, points, classified.verdicts, strict=True):
        if verdict.outcome == "refused":
            item.error = verdict.error
            continue
        item.outcome = verdict.outcome
        item.check_in_id = verdict.check_in_id
        if verdict.outcome == "duplicate":
            if verdict.stored is not None:
                item.existing = existing[(point.source, point.external_id or "")]
            continue
        pushed = item.body
        assert pushed is not None  # pending items were parsed
        item.row = {
            "id": verdict.check_in_id,
            "created_at": verdict.received_at,
            "updated_at": verdict.received_at,
            "key_result_id": point.key_result_id,
            "value": point.value,
            "done": point.done,
            "confidence": point.confidence,
            "note": point.note,
            "observed_at": point.observed_at,
            "received_at": verdict.received_at,
            "source": point.source,
            "external_id": point.external_id,
            "author_id": author,
            "blocker": pushed.get("blocker"),
            "needs_help_from": pushed.get("needs_help_from"),
        }
        rows.append(item.row)
    if not rows:
        return items
    for kr_id in classified.changed:
        kr = krs[kr_id]
        standing = classified.standing[kr_id]
        current = standing.current
        assert current is not None  # the KR got a new point
        if current.value is not None:
            kr.current_value = current.value
        if current.done is not None:
            kr.done = current.done
        kr.confidence = standing.confidence
        newest_observed = current.key[0]
        if kr.last_check_in_at is None or kr.last_check_in_at < newest_observed:
            kr.last_check_in_at = newest_observed
    await propagate(
        session,
        key_result_ids=classified.changed,
        loaded_key_results=krs,
        loaded_objectives=ctx.objectives,
        flush_first=False,  # only these locked KR rows changed
    )
    # Last, once every row lock is held: the feed positions (the feed lock), then the rows.
    first = await reserve_check_in_positions(session, len(rows), rows[0]["id"], now)
    for offset, row in enumerate(rows):
        row["feed_position"] = first + offset
    await repo.append(rows)
    for row in rows:
        if row["needs_help_from"] is not None:
            await emit(
                session,
                HELP_REQUESTED,
                "check_in",
                CheckInPublic.model_validate(row),
                entity_id=row["id"],
                objective_id=krs[row["key_result_id"]].objective_id,
            )
    return items


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


def _history_keyset(row: CheckInRow) -> Keyset:
    """A history position as a list keyset: ``observed_at``, then ``<received µs>_<id>``."""
    received = int((row.received_at - EPOCH) // timedelta(microseconds=1))
    return row.observed_at, f"{received}_{row.id}"


def _history_after(after: Keyset | None) -> tuple[datetime, datetime, str] | None:
    if after is None:
        return None
    observed, rest = after
    received, sep, row_id = rest.partition("_")
    if not sep or not received.isdigit() or not row_id:
        raise InvalidInput("the cursor is not valid", code="request.invalid_cursor", field="cursor")
    return observed, EPOCH + timedelta(microseconds=int(received)), row_id


async def list_check_ins(
    session: AsyncSession,
    principal: Principal,
    key_result_id: str,
    limit: int,
    after: Keyset | None,
) -> tuple[list[CheckInPublic], Keyset | None]:
    """The KR's history, latest ``observed_at`` first (ties: latest received first), and the
    keyset of the next page."""
    if not await key_result_visible(session, visibility(principal), key_result_id):
        raise key_result_not_found(key_result_id, None)
    rows, more = await CheckInRepository(session).history(
        key_result_id, limit=limit, after=_history_after(after)
    )
    items = [CheckInPublic.model_validate(r) for r in rows]
    return items, _history_keyset(rows[-1]) if more is not None else None
