"""The review meeting's agenda (复盘会, okr-domain §9): per unit and cycle, the objectives in order
with their final score, grade, flags, every KR's deviation and the five answers.

Which score an agenda shows is the review's rule (okr-domain §7): the manager's confirmed score
once the review is confirmed, the owner's proposal while it is submitted (or a draft the reader
may see), the computed score when there is no review yet. A KR's *deviation* is how far its
actual value lies from its target, in the KR's unit (``actual − target``, negative when short);
milestones and derived KRs have none. Its *gap* is ``1 − final score``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from domain.model import Grade, KeyResultKind, Objective, OwnerType, ReviewFlag, ReviewState
from domain.policy import Policy
from domain.review import ReviewAnswers, review_flags
from domain.scoring import OBJECTIVE_QUANTUM, ONE, grade_for


@dataclass(frozen=True, slots=True)
class ReviewedKeyResult:
    """A KR's scores as its review stores them (the manager's is None until confirmed)."""

    final_score: Decimal
    confirmed_score: Decimal | None = None
    override_reason: str | None = None
    adjustment_reason: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """What an agenda shows of one objective's review (only a review its reader may see)."""

    state: ReviewState
    achieved: bool | None
    score: Decimal | None
    flags: tuple[ReviewFlag, ...]
    answers: ReviewAnswers
    key_results: dict[str, ReviewedKeyResult] = field(default_factory=dict)
    confirmed_score: Decimal | None = None
    confirmed_flags: tuple[ReviewFlag, ...] | None = None
    confirm_note: str | None = None


@dataclass(frozen=True, slots=True)
class AgendaKeyResult:
    """One KR on the agenda."""

    key_result_id: str
    title: str
    kind: KeyResultKind
    weight: Decimal
    target_value: Decimal | None
    actual_value: Decimal | None
    deviation: Decimal | None
    computed_score: Decimal
    proposed_score: Decimal | None
    confirmed_score: Decimal | None
    final_score: Decimal
    gap: Decimal
    override_reason: str | None
    adjustment_reason: str | None


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One objective on the agenda, as presented in the meeting."""

    position: int
    objective_id: str
    title: str
    owner_type: OwnerType
    owner_id: str
    owner_name: str
    review_state: ReviewState | None
    achieved: bool | None
    computed_score: Decimal | None
    proposed_score: Decimal | None
    confirmed_score: Decimal | None
    score: Decimal | None
    grade: Grade | None
    flags: tuple[ReviewFlag, ...]
    key_results: tuple[AgendaKeyResult, ...]
    answers: ReviewAnswers | None
    confirm_note: str | None


@dataclass(frozen=True, slots=True)
class AgendaSummary:
    """The figures the leader sums up with."""

    objectives: int
    reviews_missing: int
    reviews_draft: int
    reviews_submitted: int
    reviews_confirmed: int
    mean_score: Decimal | None
    grades: dict[Grade, int]
    flagged: dict[ReviewFlag, int]


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """An objective to put on the agenda: the objective with its KRs, its owner's name and
    place in the order (unit objectives by depth first, then people by name), its review."""

    objective: Objective
    owner_name: str
    owner_depth: int
    review: ReviewFacts | None


def _deviation(
    kind: KeyResultKind, actual: Decimal | None, target: Decimal | None
) -> Decimal | None:
    if kind is not KeyResultKind.NUMERIC or target is None or actual is None:
        return None
    return actual - target


def _key_results(objective: Objective, review: ReviewFacts | None) -> tuple[AgendaKeyResult, ...]:
    lines: list[AgendaKeyResult] = []
    for kr in objective.key_results:
        stored = None if review is None else review.key_results.get(kr.id)
        proposed = None if stored is None else stored.final_score
        confirmed = None if stored is None else stored.confirmed_score
        final = kr.score if proposed is None else proposed
        if confirmed is not None:
            final = confirmed
        lines.append(
            AgendaKeyResult(
                key_result_id=kr.id,
                title=kr.title,
                kind=kr.kind,
                weight=kr.weight,
                target_value=kr.target_value,
                actual_value=kr.current_value,
                deviation=_deviation(kr.kind, kr.current_value, kr.target_value),
                computed_score=kr.score,
                proposed_score=proposed,
                confirmed_score=confirmed,
                final_score=final,
                gap=ONE - final,
                override_reason=None if stored is None else stored.override_reason,
                adjustment_reason=None if stored is None else stored.adjustment_reason,
            )
        )
    return tuple(lines)


def agenda_item(position: int, entry: AgendaEntry, policy: Policy) -> AgendaItem:
    """One objective's place on the agenda with the score its review says counts."""
    objective, review = entry.objective, entry.review
    confirmed = None
    if review is not None and review.state is ReviewState.CONFIRMED:
        confirmed = review.confirmed_score
    proposed = None if review is None else review.score
    score = objective.score if review is None else proposed
    if confirmed is not None:
        score = confirmed
    if score is None:
        flags: tuple[ReviewFlag, ...] = ()
    elif review is None:
        flags = tuple(review_flags(score, None, policy))
    elif confirmed is not None and review.confirmed_flags is not None:
        flags = review.confirmed_flags
    else:
        flags = review.flags
    return AgendaItem(
        position=position,
        objective_id=objective.id,
        title=objective.title,
        owner_type=objective.owner_type,
        owner_id=objective.owner_id,
        owner_name=entry.owner_name,
        review_state=None if review is None else review.state,
        achieved=None if review is None else review.achieved,
        computed_score=objective.score,
        proposed_score=proposed,
        confirmed_score=confirmed,
        score=score,
        grade=None if score is None else grade_for(score, policy),
        flags=flags,
        key_results=_key_results(objective, review),
        answers=None if review is None else review.answers,
        confirm_note=None if review is None else review.confirm_note,
    )


def _order(entry: AgendaEntry) -> tuple[int, int, str, str, str]:
    o = entry.objective
    kind = 0 if o.owner_type is OwnerType.UNIT else 1
    return (kind, entry.owner_depth, entry.owner_name.casefold(), o.title.casefold(), o.id)


def review_agenda(entries: Iterable[AgendaEntry], policy: Policy) -> list[AgendaItem]:
    """The agenda: unit objectives (outermost unit first), then people's by name, each owner's
    objectives by title."""
    ordered = sorted(entries, key=_order)
    return [agenda_item(i, entry, policy) for i, entry in enumerate(ordered, start=1)]


def agenda_summary(items: Iterable[AgendaItem]) -> AgendaSummary:
    """Counts of review states, the mean final score (3 decimals, half-up), grades and flags."""
    items = list(items)
    states = Counter(item.review_state for item in items)
    scores = [item.score for item in items if item.score is not None]
    mean = None
    if scores:
        mean = (sum(scores, Decimal(0)) / len(scores)).quantize(
            OBJECTIVE_QUANTUM, rounding=ROUND_HALF_UP
        )
    grades = Counter(item.grade for item in items if item.grade is not None)
    flagged = Counter(flag for item in items for flag in item.flags)
    return AgendaSummary(
        objectives=len(items),
        reviews_missing=states[None],
        reviews_draft=states[ReviewState.DRAFT],
        reviews_submitted=states[ReviewState.SUBMITTED],
        reviews_confirmed=states[ReviewState.CONFIRMED],
        mean_score=mean,
        grades={grade: grades[grade] for grade in Grade},
        flagged={flag: flagged[flag] for flag in ReviewFlag},
    )
