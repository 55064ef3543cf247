"""Reports the guides ask for (okr-domain §8): pure functions over plain facts of one cycle.

The caller selects the objectives (per cycle, per unit) and turns them into ``ObjectiveFact``;
every share is a ``Decimal`` rounded half-up to 3 places, ``None`` when nothing is counted.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from domain.checkins import stale_key_results
from domain.model import (
    CheckIn,
    Cycle,
    Grade,
    Objective,
    ObjectiveState,
    Origin,
    OwnerType,
    ReviewState,
)
from domain.org import OrgChart
from domain.policy import Policy
from domain.scoring import grade_for, in_sweet_spot

__all__ = [
    "ConfidencePoint",
    "Coverage",
    "ObjectiveFact",
    "OwnerLoad",
    "ReviewCompletion",
    "ScoreDistribution",
    "ShareReport",
    "alignment_coverage",
    "bottom_up_share",
    "confidence_trend",
    "objectives_per_owner",
    "owners_without_agreed_okrs",
    "review_completion",
    "score_distribution",
    "stale_key_results",
]

_SHARE = Decimal("0.001")
_LIVE = frozenset({ObjectiveState.DRAFT, ObjectiveState.PROPOSED, ObjectiveState.AGREED})


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(_SHARE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class ObjectiveFact:
    """What the reports need to know about one objective."""

    id: str
    owner_type: OwnerType
    owner_id: str
    state: ObjectiveState
    origin: Origin = Origin.BOTTOM_UP
    score: Decimal | None = None
    is_company: bool = False
    aligned_upward: bool = False
    review_state: ReviewState | None = None

    @classmethod
    def of(
        cls,
        objective: Objective,
        *,
        org: OrgChart,
        aligned_ids: Collection[str] = frozenset(),
        review_state: ReviewState | None = None,
        confirmed_score: Decimal | None = None,
    ) -> ObjectiveFact:
        """Facts of an objective; ``aligned_ids`` are the ids of objectives with a parent edge.

        A confirmed review's score replaces the computed one (okr-domain §7: reports use the
        confirmed score)."""
        return cls(
            id=objective.id,
            owner_type=objective.owner_type,
            owner_id=objective.owner_id,
            state=objective.state,
            origin=objective.origin,
            score=confirmed_score
            if confirmed_score is not None and review_state is ReviewState.CONFIRMED
            else objective.score,
            is_company=objective.owner_type is OwnerType.UNIT
            and org.is_root_unit(objective.owner_id),
            aligned_upward=objective.id in aligned_ids,
            review_state=review_state,
        )


@dataclass(frozen=True, slots=True)
class OwnerLoad:
    """Live objectives of one owner against the policy: ``ok``, ``too_few`` or ``too_many``."""

    owner_type: OwnerType
    owner_id: str
    count: int
    status: str


def objectives_per_owner(
    facts: Iterable[ObjectiveFact],
    policy: Policy,
    *,
    owners: Iterable[tuple[OwnerType, str]] = (),
) -> list[OwnerLoad]:
    """Live (not cancelled) objectives per owner; ``owners`` adds owners that have none."""
    counts: dict[tuple[OwnerType, str], int] = dict.fromkeys(owners, 0)
    for fact in facts:
        if fact.state in _LIVE:
            key = (fact.owner_type, fact.owner_id)
            counts[key] = counts.get(key, 0) + 1
    out: list[OwnerLoad] = []
    for (owner_type, owner_id), count in sorted(counts.items()):
        if count > policy.max_objectives_per_owner:
            status = "too_many"
        elif count < policy.min_objectives_per_owner:
            status = "too_few"
        else:
            status = "ok"
        out.append(OwnerLoad(owner_type, owner_id, count, status))
    return out


@dataclass(frozen=True, slots=True)
class ScoreDistribution:
    """Scores of agreed objectives: count, mean, grades and the sweet spot."""

    objectives: int
    scored: int
    mean: Decimal | None
    grades: dict[Grade, int] = field(default_factory=dict)
    in_sweet_spot: int = 0
    sweet_spot_share: Decimal | None = None


def score_distribution(facts: Iterable[ObjectiveFact], policy: Policy) -> ScoreDistribution:
    """Distribution of the scores of agreed objectives (unscored ones are counted, not graded)."""
    grades = dict.fromkeys(Grade, 0)
    agreed = 0
    scores: list[Decimal] = []
    for fact in facts:
        if fact.state is not ObjectiveState.AGREED:
            continue
        agreed += 1
        if fact.score is not None:
            scores.append(fact.score)
            grades[grade_for(fact.score, policy)] += 1
    sweet = sum(1 for s in scores if in_sweet_spot(s, policy))
    mean = (
        (sum(scores, Decimal(0)) / len(scores)).quantize(_SHARE, rounding=ROUND_HALF_UP)
        if scores
        else None
    )
    return ScoreDistribution(agreed, len(scores), mean, grades, sweet, _share(sweet, len(scores)))


@dataclass(frozen=True, slots=True)
class ShareReport:
    """A share against its policy target."""

    total: int
    matching: int
    share: Decimal | None
    target: Decimal
    meets_target: bool


def bottom_up_share(facts: Iterable[ObjectiveFact], policy: Policy) -> ShareReport:
    """Share of live objectives that originate bottom-up, against ``bottom_up_share_target``."""
    live = [f for f in facts if f.state in _LIVE]
    bottom_up = sum(1 for f in live if f.origin is Origin.BOTTOM_UP)
    share = _share(bottom_up, len(live))
    target = policy.bottom_up_share_target
    meets = share is not None and Decimal(bottom_up) >= target * len(live)
    return ShareReport(len(live), bottom_up, share, target, meets)


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many of the eligible objectives are aligned upward."""

    eligible: int
    aligned: int
    share: Decimal | None
    unaligned_ids: tuple[str, ...] = ()


def alignment_coverage(facts: Iterable[ObjectiveFact]) -> Coverage:
    """Share of live, non-company objectives that align to a parent."""
    eligible = [f for f in facts if f.state in _LIVE and not f.is_company]
    aligned = [f for f in eligible if f.aligned_upward]
    missing = tuple(f.id for f in eligible if not f.aligned_upward)
    return Coverage(len(eligible), len(aligned), _share(len(aligned), len(eligible)), missing)


def owners_without_agreed_okrs(
    owners: Iterable[tuple[OwnerType, str]],
    facts: Iterable[ObjectiveFact],
    *,
    cycle: Cycle,
    today: date,
) -> list[tuple[OwnerType, str]]:
    """Owners with no agreed objective once the planning deadline has passed (else nothing)."""
    if cycle.planning_deadline is None or today <= cycle.planning_deadline:
        return []
    agreed = {(f.owner_type, f.owner_id) for f in facts if f.state is ObjectiveState.AGREED}
    return [owner for owner in owners if owner not in agreed]


@dataclass(frozen=True, slots=True)
class ReviewCompletion:
    """Reviews of agreed objectives: how many are missing, drafted, submitted and confirmed."""

    due: int
    missing: int
    draft: int
    submitted: int
    confirmed: int
    confirmed_share: Decimal | None
    submitted_or_confirmed_share: Decimal | None


def review_completion(facts: Iterable[ObjectiveFact]) -> ReviewCompletion:
    """Completion of the reviews owed for every agreed objective."""
    due = [f for f in facts if f.state is ObjectiveState.AGREED]
    missing = sum(1 for f in due if f.review_state is None)
    draft = sum(1 for f in due if f.review_state is ReviewState.DRAFT)
    submitted = sum(1 for f in due if f.review_state is ReviewState.SUBMITTED)
    confirmed = sum(1 for f in due if f.review_state is ReviewState.CONFIRMED)
    return ReviewCompletion(
        len(due),
        missing,
        draft,
        submitted,
        confirmed,
        _share(confirmed, len(due)),
        _share(submitted + confirmed, len(due)),
    )


@dataclass(frozen=True, slots=True)
class ConfidencePoint:
    """Mean stated confidence in one week (Monday) over the latest point per KR in that week."""

    week: date
    key_results: int
    mean_confidence: Decimal


def confidence_trend(points: Iterable[CheckIn]) -> list[ConfidencePoint]:
    """Weekly mean of the confidence, taking each KR's latest point with a confidence per week."""
    latest: dict[tuple[date, str], CheckIn] = {}
    for point in points:
        if point.confidence is None:
            continue
        day = point.observed_at.date()
        week = day - timedelta(days=day.weekday())
        key = (week, point.key_result_id)
        current = latest.get(key)
        if current is None or (point.observed_at, point.received_at, point.id) > (
            current.observed_at,
            current.received_at,
            current.id,
        ):
            latest[key] = point
    weeks: dict[date, list[int]] = {}
    for (week, _), point in latest.items():
        if point.confidence is not None:
            weeks.setdefault(week, []).append(point.confidence)
    return [
        ConfidencePoint(
            week,
            len(values),
            (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
        )
        for week, values in sorted(weeks.items())
    ]
