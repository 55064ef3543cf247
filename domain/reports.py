"""Reports the guides ask for (okr-domain §8): pure functions over plain facts of one cycle.

The caller selects the objectives (per cycle, per unit) and turns them into ``ObjectiveFact``,
or counts them by what the reports look at (``FactTally``: what a database groups them by, so that
a report of any size reads a few hundred numbers, not every objective); both give the same
answers, each report having one rule. Every share is a ``Decimal`` rounded half-up to 3 places,
``None`` when nothing is counted.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
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
    "LIVE_STATES",
    "ConfidencePoint",
    "Coverage",
    "FactTally",
    "ObjectiveFact",
    "OwnerLoad",
    "ReviewCompletion",
    "ScoreDistribution",
    "ShareReport",
    "alignment_coverage",
    "alignment_coverage_of",
    "bottom_up_share",
    "bottom_up_share_of",
    "confidence_point",
    "confidence_trend",
    "loads_of",
    "needs_alignment",
    "objectives_per_owner",
    "owners_without_agreed",
    "owners_without_agreed_okrs",
    "review_completion",
    "review_completion_of",
    "score_distribution",
    "score_distribution_of",
    "stale_key_results",
    "tallies_of",
    "week_of",
]

_SHARE = Decimal("0.001")
LIVE_STATES = frozenset({ObjectiveState.DRAFT, ObjectiveState.PROPOSED, ObjectiveState.AGREED})
"""The states an objective counts in per owner, bottom-up and alignment (not cancelled)."""
_LIVE = LIVE_STATES


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
class FactTally:
    """How many objectives share these facts (an ``ObjectiveFact`` without id and owner)."""

    state: ObjectiveState
    origin: Origin
    score: Decimal | None
    is_company: bool
    aligned_upward: bool
    review_state: ReviewState | None
    count: int


def tallies_of(facts: Iterable[ObjectiveFact]) -> list[FactTally]:
    """The facts counted by everything but id and owner."""
    counts: dict[tuple[ObjectiveState, Origin, Decimal | None, bool, bool, ReviewState | None], int]
    counts = {}
    for f in facts:
        key = (f.state, f.origin, f.score, f.is_company, f.aligned_upward, f.review_state)
        counts[key] = counts.get(key, 0) + 1
    return [FactTally(*key, count) for key, count in counts.items()]


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
    live: dict[tuple[OwnerType, str], int] = {}
    for fact in facts:
        if fact.state in _LIVE:
            key = (fact.owner_type, fact.owner_id)
            live[key] = live.get(key, 0) + 1
    return loads_of(live, policy, owners=owners)


def loads_of(
    live: Mapping[tuple[OwnerType, str], int],
    policy: Policy,
    *,
    owners: Iterable[tuple[OwnerType, str]] = (),
) -> list[OwnerLoad]:
    """``objectives_per_owner`` from the count of live objectives per owner (owners with none
    may be left out of ``live``)."""
    counts: dict[tuple[OwnerType, str], int] = dict.fromkeys(owners, 0)
    for key, count in live.items():
        if count:
            counts[key] = counts.get(key, 0) + count
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
    return score_distribution_of(tallies_of(facts), policy)


def score_distribution_of(tallies: Iterable[FactTally], policy: Policy) -> ScoreDistribution:
    """``score_distribution`` of counted facts."""
    grades = dict.fromkeys(Grade, 0)
    agreed = 0
    scored = 0
    sweet = 0
    total = Decimal(0)
    for tally in tallies:
        if tally.state is not ObjectiveState.AGREED:
            continue
        agreed += tally.count
        if tally.score is not None:
            scored += tally.count
            total += tally.score * tally.count
            grades[grade_for(tally.score, policy)] += tally.count
            if in_sweet_spot(tally.score, policy):
                sweet += tally.count
    mean = (total / scored).quantize(_SHARE, rounding=ROUND_HALF_UP) if scored else None
    return ScoreDistribution(agreed, scored, mean, grades, sweet, _share(sweet, scored))


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
    return bottom_up_share_of(tallies_of(facts), policy)


def bottom_up_share_of(tallies: Iterable[FactTally], policy: Policy) -> ShareReport:
    """``bottom_up_share`` of counted facts."""
    live = [t for t in tallies if t.state in _LIVE]
    total = sum(t.count for t in live)
    bottom_up = sum(t.count for t in live if t.origin is Origin.BOTTOM_UP)
    share = _share(bottom_up, total)
    target = policy.bottom_up_share_target
    meets = share is not None and Decimal(bottom_up) >= target * total
    return ShareReport(total, bottom_up, share, target, meets)


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many of the eligible objectives are aligned upward."""

    eligible: int
    aligned: int
    share: Decimal | None
    unaligned_ids: tuple[str, ...] = ()


def alignment_coverage(facts: Iterable[ObjectiveFact]) -> Coverage:
    """Share of live, non-company objectives that align to a parent."""
    facts = list(facts)
    missing = tuple(f.id for f in facts if needs_alignment(f.state, f.is_company, f.aligned_upward))
    return alignment_coverage_of(tallies_of(facts), missing)


def needs_alignment(state: ObjectiveState, is_company: bool, aligned_upward: bool) -> bool:
    """Whether an objective counts as unaligned: live, not the company's, with no parent."""
    return state in _LIVE and not is_company and not aligned_upward


def alignment_coverage_of(tallies: Iterable[FactTally], unaligned_ids: Sequence[str]) -> Coverage:
    """``alignment_coverage`` of counted facts and the ids of the unaligned ones."""
    eligible = [t for t in tallies if t.state in _LIVE and not t.is_company]
    total = sum(t.count for t in eligible)
    aligned = sum(t.count for t in eligible if t.aligned_upward)
    return Coverage(total, aligned, _share(aligned, total), tuple(unaligned_ids))


def owners_without_agreed_okrs(
    owners: Iterable[tuple[OwnerType, str]],
    facts: Iterable[ObjectiveFact],
    *,
    cycle: Cycle,
    today: date,
) -> list[tuple[OwnerType, str]]:
    """Owners with no agreed objective once the planning deadline has passed (else nothing)."""
    agreed = {(f.owner_type, f.owner_id) for f in facts if f.state is ObjectiveState.AGREED}
    return owners_without_agreed(owners, agreed, cycle=cycle, today=today)


def owners_without_agreed(
    owners: Iterable[tuple[OwnerType, str]],
    agreed: Collection[tuple[OwnerType, str]],
    *,
    cycle: Cycle,
    today: date,
) -> list[tuple[OwnerType, str]]:
    """``owners_without_agreed_okrs`` from the owners that have an agreed objective."""
    if cycle.planning_deadline is None or today <= cycle.planning_deadline:
        return []
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
    return review_completion_of(tallies_of(facts))


def review_completion_of(tallies: Iterable[FactTally]) -> ReviewCompletion:
    """``review_completion`` of counted facts."""
    counts: dict[ReviewState | None, int] = {}
    for t in tallies:
        if t.state is ObjectiveState.AGREED:
            counts[t.review_state] = counts.get(t.review_state, 0) + t.count
    due = sum(counts.values())
    missing = counts.get(None, 0)
    draft = counts.get(ReviewState.DRAFT, 0)
    submitted = counts.get(ReviewState.SUBMITTED, 0)
    confirmed = counts.get(ReviewState.CONFIRMED, 0)
    return ReviewCompletion(
        due,
        missing,
        draft,
        submitted,
        confirmed,
        _share(confirmed, due),
        _share(submitted + confirmed, due),
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
        week = week_of(point.observed_at.date())
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
        confidence_point(week, len(values), sum(values)) for week, values in sorted(weeks.items())
    ]


def week_of(day: date) -> date:
    """The Monday of the (ISO) week of a day: the trend's week."""
    return day - timedelta(days=day.weekday())


def confidence_point(week: date, key_results: int, total: int) -> ConfidencePoint:
    """A week of the trend from how many KRs stated a confidence and the sum of their latest."""
    mean = (Decimal(total) / key_results).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return ConfidencePoint(week, key_results, mean)
