"""Check-ins (okr-domain §6): who may check in, what a point must carry, which point is current.

A batch of check-ins goes through the rules in phases, each over the whole batch and each a pure
function of what the caller found in the database:

1. ``resolve``: which KR each item names (by id or ``metric_key``), given the KRs found;
2. ``ties``: the KRs whose stored current point must be read (a new point ties with it on
   ``observed_at``); the others stand in with ``stand_in``;
3. ``classify``: each point created, a duplicate (its ``(source, external_id)`` is stored or came
   earlier in the batch) or refused (``validate_checkin``, the future limit, another KR's
   external id), in batch order, and through ``choose`` the current point of each KR.

A batch gives the outcome its items would give pushed one by one, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from domain.errors import Conflict, DomainError, NotFound, RuleViolation, Violation
from domain.model import (
    CheckIn,
    Cycle,
    CycleState,
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
)
from domain.policy import Policy

_OPEN_CYCLE_STATES = frozenset({CycleState.ACTIVE, CycleState.REVIEW})


def check_checkin_allowed(objective: Objective, cycle: Cycle) -> None:
    """Check-ins are accepted for agreed objectives in active or review cycles."""
    problems: list[Violation] = []
    if objective.state is not ObjectiveState.AGREED:
        problems.append(
            Violation(
                "check_in.objective_not_agreed",
                f"objective {objective.id} is {objective.state.value}; only agreed objectives "
                "take check-ins",
                "key_result_id",
            )
        )
    if cycle.state not in _OPEN_CYCLE_STATES:
        problems.append(
            Violation(
                "check_in.cycle_not_open",
                f"cycle {cycle.id} is {cycle.state.value}; check-ins need an active or review one",
                "cycle_id",
            )
        )
    if problems:
        raise RuleViolation.from_violations(problems)


def validate_checkin(
    kr: KeyResult,
    *,
    value: Decimal | None,
    done: bool | None,
    confidence: int | None,
    note: str | None,
    previous_confidence: int | None,
    by_person: bool,
) -> None:
    """Refuse a malformed check-in, naming every problem at once.

    A person who changes a previously stated confidence must say why in the note; the first
    confidence ever stated is not a change.
    """
    problems: list[Violation] = []
    if kr.kind is KeyResultKind.DERIVED:
        problems.append(
            Violation(
                "check_in.derived_key_result",
                f"key result {kr.id} is derived from aligned objectives and takes no check-ins",
                "key_result_id",
            )
        )
    elif kr.kind is KeyResultKind.NUMERIC:
        if value is None:
            problems.append(
                Violation("check_in.value_required", "a numeric key result needs a value", "value")
            )
        elif not value.is_finite():
            problems.append(Violation("check_in.value_invalid", "value must be finite", "value"))
        if done is not None:
            problems.append(
                Violation(
                    "check_in.done_not_allowed",
                    "a numeric key result takes a value, not done",
                    "done",
                )
            )
    else:
        if done is None:
            problems.append(
                Violation("check_in.done_required", "a milestone key result needs done", "done")
            )
        if value is not None:
            problems.append(
                Violation(
                    "check_in.value_not_allowed",
                    "a milestone key result takes done, not a value",
                    "value",
                )
            )
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int) or not 0 <= confidence <= 10
    ):
        problems.append(
            Violation(
                "check_in.confidence_out_of_range",
                "confidence is a whole number from 0 to 10",
                "confidence",
            )
        )
    elif (
        by_person
        and confidence is not None
        and previous_confidence is not None
        and confidence != previous_confidence
        and (note is None or not note.strip())
    ):
        problems.append(
            Violation(
                "check_in.confidence_note_required",
                f"confidence changed from {previous_confidence} to {confidence}: say why in a note",
                "note",
            )
        )
    if problems:
        raise RuleViolation.from_violations(problems)


Recency = tuple[datetime, datetime, str]


def recency(observed_at: datetime, received_at: datetime, id: str) -> Recency:
    """The key by which points compete for a KR's current value: the larger key is newer.

    Latest ``observed_at`` wins; ties go to the latest ``received_at`` (then the larger id).
    """
    return (observed_at, received_at, id)


FUTURE_TOLERANCE = timedelta(minutes=5)
"""How far ahead of the server's clock ``observed_at`` may lie."""

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def is_newer(candidate: CheckIn, current: CheckIn | None) -> bool:
    """Whether ``candidate`` beats ``current`` (see ``recency``)."""
    return current is None or recency(
        candidate.observed_at, candidate.received_at, candidate.id
    ) > recency(current.observed_at, current.received_at, current.id)


def current_point(points: Iterable[CheckIn]) -> CheckIn | None:
    """The point that sets a KR's current value, whatever order the points arrived in."""
    best: CheckIn | None = None
    for point in points:
        if is_newer(point, best):
            best = point
    return best


def apply_checkin(kr: KeyResult, point: CheckIn, current: CheckIn | None) -> bool:
    """Make ``point`` the KR's current value if it is newer than ``current``; say whether it did.

    A late, older point is kept in history by the caller and changes nothing here.
    """
    if point.key_result_id != kr.id:
        raise ValueError(f"check-in {point.id} is for {point.key_result_id}, not {kr.id}")
    if not is_newer(point, current):
        return False
    if point.value is not None:
        kr.current_value = point.value
    if point.done is not None:
        kr.done = point.done
    return True


def idempotency_key(point: CheckIn) -> tuple[str, str] | None:
    """``(source, external_id)`` when the sender gave an external id, else ``None``."""
    if point.external_id is None:
        return None
    return (point.source, point.external_id)


def stale_key_results(
    krs_with_last_checkin: Iterable[tuple[KeyResult, datetime | date | None]],
    *,
    today: date,
    policy: Policy,
    since: date | None = None,
) -> list[str]:
    """Ids of KRs with no check-in for more than ``policy.stale_after_days`` days.

    Derived KRs (no check-ins) and finished milestones are never stale. A KR without any check-in
    counts from ``since`` (e.g. the cycle's start); without ``since`` it is stale at once.
    """
    stale: list[str] = []
    cutoff = stale_cutoff(today=today, policy=policy)
    for kr, last in krs_with_last_checkin:
        if not may_go_stale(kr.kind, done=kr.done):
            continue
        reference = last if last is not None else since
        if reference is None:
            stale.append(kr.id)
            continue
        day = reference.date() if isinstance(reference, datetime) else reference
        if day < cutoff:
            stale.append(kr.id)
    return stale


def may_go_stale(kind: KeyResultKind, *, done: bool) -> bool:
    """Whether a KR of this kind can go stale: derived KRs (no check-ins) and finished milestones
    never do."""
    return not (kind is KeyResultKind.DERIVED or (kind is KeyResultKind.MILESTONE and done))


def stale_cutoff(*, today: date, policy: Policy) -> date:
    """The first day that is still fresh: a KR last checked in (UTC date) before it is stale,
    more than ``policy.stale_after_days`` days before ``today``."""
    return today - timedelta(days=policy.stale_after_days)


# -- a batch, in phases ------------------------------------------------------------------------


def key_result_not_found(what: str, field: str | None) -> NotFound:
    """The refusal of a KR that does not exist (or that the caller may not see)."""
    return NotFound(f"key result {what} does not exist", code="key_result.not_found", field=field)


def not_found_as_named(key_result_id: str | None, metric_key: str | None) -> NotFound:
    """``key_result_not_found`` for the id, else the metric key, an item named."""
    if key_result_id is not None:
        return key_result_not_found(key_result_id, "key_result_id")
    return key_result_not_found(f"with metric_key {metric_key!r}", "metric_key")


@dataclass(frozen=True, slots=True)
class Keyed:
    """A KR that carries a pushed metric key in a cycle that is not closed: its id, its cycle
    and the cycle's dates."""

    key_result_id: str
    cycle_id: str
    starts_on: date
    ends_on: date

    def runs_on(self, day: date) -> bool:
        """Whether the KR's cycle runs on the day (its dates included)."""
        return self.starts_on <= day <= self.ends_on


Named = tuple[str | None, str | None, date]
"""How an item names its KR: ``(key_result_id, metric_key, day observed)``."""


@dataclass(slots=True)
class Resolution:
    """Which KR an item is for: ``key_result_id``, or the ``error`` that refuses the item.

    ``other_id`` is the KR the item's metric key names when it is not the one its id names (the
    item is refused once it is known whether the caller sees that KR). ``candidates`` are the
    KRs an ambiguous metric key names (several running cycles carry it): the item is refused
    with ``ambiguous_metric_key`` over those the caller sees, as unknown when it sees none."""

    key_result_id: str | None = None
    other_id: str | None = None
    error: DomainError | None = None
    candidates: tuple[str, ...] = ()


def ambiguous_metric_key(metric_key: str, cycles: Sequence[tuple[str, str]]) -> RuleViolation:
    """The refusal of a metric key that KRs of more than one running cycle carry, naming those
    cycles as ``(id, name)``."""
    named = ", ".join(f"{cycle_id} ({name!r})" for cycle_id, name in cycles)
    return RuleViolation(
        f"metric_key {metric_key!r} names a key result in more than one running cycle: {named}; "
        "send key_result_id to say which",
        code="metric_key.ambiguous",
        field="metric_key",
    )


def _resolve_one(
    named: Named, found: Mapping[str, str | None], keyed: Mapping[str, Sequence[Keyed]]
) -> Resolution:
    kr_id, metric_key, day = named
    if kr_id is None and metric_key is None:
        return Resolution(
            error=RuleViolation(
                "give key_result_id or metric_key",
                code="check_in.key_result_required",
                field="key_result_id",
            )
        )
    if kr_id is not None and kr_id not in found:
        return Resolution(error=key_result_not_found(kr_id, "key_result_id"))
    if metric_key is not None:
        if kr_id is not None and found[kr_id] == metric_key:
            return Resolution(key_result_id=kr_id)
        carrying = keyed.get(metric_key, ())
        running = sorted(k.key_result_id for k in carrying if k.runs_on(day)) or sorted(
            k.key_result_id for k in carrying
        )
        if not running:
            return Resolution(
                error=key_result_not_found(f"with metric_key {metric_key!r}", "metric_key")
            )
        if len(running) > 1:
            return Resolution(candidates=tuple(running))
        if kr_id is not None:
            return Resolution(key_result_id=kr_id, other_id=running[0])
        kr_id = running[0]
    return Resolution(key_result_id=kr_id)


def resolve(
    named: Sequence[Named],
    found: Mapping[str, str | None],
    keyed: Mapping[str, Sequence[Keyed]],
) -> list[Resolution]:
    """Resolve each item's ``(key_result_id, metric_key, day observed)``: ``found`` maps the ids
    of the KRs found to their metric keys; ``keyed`` lists for each metric key the KRs that
    carry it in cycles that are not closed. A metric key names the KR whose cycle runs on the
    day observed (a metric key is unique per cycle; quarter and year cycles may overlap, and
    then the item must name its KR by id); when no such cycle runs that day, the one KR that
    carries it in a cycle that is not closed (a point observed after its cycle's end, during the
    review: what a push by id gets), several being ambiguous too. An item that names a KR by
    id and gives its own metric key is for that KR. Items that name their KR alike share one
    answer (a batch names few KRs many times): read it, do not change it."""
    seen: dict[Named, Resolution] = {}
    out: list[Resolution] = []
    for pair in named:
        resolution = seen.get(pair)
        if resolution is None:
            resolution = seen[pair] = _resolve_one(pair, found, keyed)
        out.append(resolution)
    return out


@dataclass(slots=True)
class Current:
    """The point that sets a KR's current value: its ``recency`` key and what it says (None for
    a stored point whose value need not be known: it only competes by its key)."""

    key: Recency
    value: Decimal | None = None
    done: bool | None = None


def choose(current: Current | None, candidate: Current) -> Current:
    """The current point of a KR once ``candidate`` arrives (``recency``: the larger key)."""
    if current is None or candidate.key > current.key:
        return candidate
    return current


def current_points(
    stored: Mapping[str, Current | None], created: Iterable[tuple[str, Current]]
) -> dict[str, Current | None]:
    """The current point of each KR after new points, whatever order they arrive in."""
    out = dict(stored)
    for kr_id, candidate in created:
        out[kr_id] = choose(out.get(kr_id), candidate)
    return out


def stand_in(last_check_in_at: datetime | None) -> Current | None:
    """The stored current point of a KR as far as ``observed_at`` (``last_check_in_at``, the
    current point's ``observed_at``) decides: enough against every point observed at another
    instant (see ``ties``)."""
    if last_check_in_at is None:
        return None
    return Current((last_check_in_at, EPOCH, ""))


@dataclass(slots=True)
class Point:
    """An item of a batch whose KR is found, visible and open to the caller: what it says."""

    key_result_id: str
    observed_at: datetime
    source: str = "manual"
    external_id: str | None = None
    value: Decimal | None = None
    done: bool | None = None
    confidence: int | None = None
    note: str | None = None


def ties(points: Iterable[Point], last_check_in_at: Mapping[str, datetime | None]) -> set[str]:
    """The KRs whose stored current point a new point ties with on ``observed_at``.

    A point observed at another instant than a KR's ``last_check_in_at`` is newer or older by
    that alone; only on a tie do ``received_at`` and the id decide, so only those KRs need their
    stored current point read (the others take ``stand_in``)."""
    out: set[str] = set()
    for point in points:
        last = last_check_in_at.get(point.key_result_id)
        if last is not None and point.observed_at == last:
            out.add(point.key_result_id)
    return out


@dataclass(slots=True)
class Standing:
    """A KR as a batch finds it: the rules' view, its confidence and its current point."""

    key_result: KeyResult
    confidence: int | None
    current: Current | None


@dataclass(slots=True)
class Stored:
    """A stored check-in found by its ``(source, external_id)``."""

    id: str
    key_result_id: str


@dataclass(slots=True)
class Verdict:
    """What becomes of one point: created (with its id and ``received_at``), a duplicate (of
    the ``stored`` check-in, or of ``check_in_id`` created earlier in the batch), or refused."""

    outcome: Literal["created", "duplicate", "refused"]
    check_in_id: str | None = None
    received_at: datetime | None = None
    stored: Stored | None = None
    error: DomainError | None = None


@dataclass(slots=True)
class Classified:
    """The verdicts, in the points' order, and each KR's confidence and current point after
    them; ``changed`` lists the KRs that got new points (sorted)."""

    verdicts: list[Verdict]
    standing: dict[str, Standing]
    changed: list[str]


def _future(observed: datetime) -> Violation:
    return Violation(
        "check_in.observed_in_future",
        f"observed_at {observed.isoformat()} is more than "
        f"{int(FUTURE_TOLERANCE.total_seconds() // 60)} minutes ahead",
        "observed_at",
    )


def classify(
    points: Sequence[Point],
    standing: Mapping[str, Standing],
    stored: Mapping[tuple[str, str], Stored],
    *,
    now: datetime,
    by_person: bool,
    new_ids: Iterator[str],
) -> Classified:
    """Classify the points in order (see the module docstring). The n-th created point is
    received ``n - 1`` microseconds after ``now`` and takes the next of ``new_ids``; ``standing``
    is not changed (the answer holds the KRs' standing after the batch)."""
    state = {
        kr_id: Standing(s.key_result, s.confidence, s.current) for kr_id, s in standing.items()
    }
    earlier: dict[tuple[str, str], tuple[str, str]] = {}  # key -> (KR id, check-in id)
    verdicts: list[Verdict] = []
    changed: set[str] = set()
    error: DomainError
    latest_allowed = now + FUTURE_TOLERANCE
    received = now
    created = 0
    for point in points:
        kr_id = point.key_result_id
        key = (point.source, point.external_id) if point.external_id is not None else None
        if key is not None:
            found = stored.get(key)
            before = earlier.get(key)
            if found is not None:
                before = (found.key_result_id, found.id)
            if before is not None:
                if before[0] != kr_id:
                    error = Conflict(
                        f"source {point.source!r} already pushed external_id "
                        f"{point.external_id!r} to another key result",
                        code="check_in.external_id_taken",
                        field="external_id",
                    )
                    verdicts.append(Verdict("refused", error=error))
                    continue
                verdicts.append(Verdict("duplicate", before[1], stored=found))
                continue
        kr = state[kr_id]
        problems: list[Violation] = []
        try:
            validate_checkin(
                kr.key_result,
                value=point.value,
                done=point.done,
                confidence=point.confidence,
                note=point.note,
                previous_confidence=kr.confidence,
                by_person=by_person,
            )
        except DomainError as exc:
            problems.extend(exc.violations)
        if point.observed_at > latest_allowed:
            problems.append(_future(point.observed_at))
        if problems:
            error = RuleViolation.from_violations(
                problems, code="check_in.invalid" if len(problems) > 1 else None
            )
            verdicts.append(Verdict("refused", error=error))
            continue
        if created:
            received += _MICROSECOND  # each new point one microsecond after the one before
        created += 1
        check_in_id = next(new_ids)
        verdicts.append(Verdict("created", check_in_id, received))
        if key is not None:
            earlier[key] = (kr_id, check_in_id)
        changed.add(kr_id)
        candidate = Current(
            recency(point.observed_at, received, check_in_id), point.value, point.done
        )
        if choose(kr.current, candidate) is candidate:
            kr.current = candidate
            if point.confidence is not None:
                kr.confidence = point.confidence
    return Classified(verdicts, state, sorted(changed))


# -- voids ------------------------------------------------------------------------------------


def check_voidable(
    check_in_id: str, *, voided_at: datetime | None, cycle: Cycle, reason: str
) -> None:
    """A check-in is voided once, with a reason that says something, while its cycle is not
    closed (okr-domain §4: a closed cycle is read-only)."""
    problems: list[Violation] = []
    if not reason.strip():
        problems.append(
            Violation("check_in.void_reason_required", "say why the check-in is voided", "reason")
        )
    if voided_at is not None:
        problems.append(
            Violation(
                "check_in.already_voided",
                f"check-in {check_in_id} was voided at {voided_at.isoformat()}",
                "check_in_id",
            )
        )
    if cycle.state is CycleState.CLOSED:
        problems.append(
            Violation("cycle.closed", f"cycle {cycle.id} is closed and read-only", "cycle_id")
        )
    if problems:
        raise RuleViolation.from_violations(
            problems, code="check_in.not_voidable" if len(problems) > 1 else None
        )
