"""The end-of-cycle review (okr-domain §7): final scores, grade, flags and its small lifecycle."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from domain.access import Viewer, check_can_approve
from domain.errors import InvalidTransition, RuleViolation, Violation
from domain.model import Cycle, CycleState, Grade, Objective, ReviewFlag, ReviewState
from domain.org import OrgChart
from domain.policy import Policy
from domain.scoring import ONE, ZERO, grade_for, kr_score, objective_score


@dataclass(slots=True)
class ReviewAnswers:
    """The five review questions (实施规范 6.4)."""

    goal: str = ""
    results: str = ""
    measures: str = ""
    problems: str = ""
    lessons: str = ""

    def missing(self) -> list[str]:
        """Names of the questions left blank."""
        return [f.name for f in fields(self) if not getattr(self, f.name).strip()]


@dataclass(slots=True)
class FinalKeyResultScore:
    """A KR's computed score and the final one the owner submits."""

    key_result_id: str
    computed_score: Decimal
    final_score: Decimal
    override_reason: str | None = None

    @property
    def overridden(self) -> bool:
        """Whether the final score differs from the computed one."""
        return self.final_score != self.computed_score


@dataclass(slots=True)
class ReviewResult:
    """The computed outcome of a review: final KR scores, objective score, grade and flags."""

    objective_id: str
    key_results: list[FinalKeyResultScore]
    score: Decimal | None
    grade: Grade | None
    flags: list[ReviewFlag] = field(default_factory=list)
    achieved: bool | None = None
    answers: ReviewAnswers = field(default_factory=ReviewAnswers)


def review_flags(score: Decimal, achieved: bool | None, policy: Policy) -> list[ReviewFlag]:
    """``too_easy``, ``reconsider``, ``krs_met_objective_missed`` in that order, as they apply."""
    flags: list[ReviewFlag] = []
    if score >= policy.ambition_warning:
        flags.append(ReviewFlag.TOO_EASY)
    if score < policy.reconsider_below:
        flags.append(ReviewFlag.RECONSIDER)
    if score >= policy.grade_good and achieved is False:
        flags.append(ReviewFlag.KRS_MET_OBJECTIVE_MISSED)
    return flags


def build_review(
    objective: Objective,
    *,
    overrides: Mapping[str, tuple[Decimal, str | None]],
    achieved: bool | None,
    answers: ReviewAnswers,
    policy: Policy,
) -> ReviewResult:
    """Final scores (computed unless overridden with a reason), objective score, grade, flags.

    Override scores are rounded half-up to 2 decimals like any KR score.
    """
    problems: list[Violation] = []
    known = {kr.id for kr in objective.key_results}
    for kr_id in overrides:
        if kr_id not in known:
            problems.append(
                Violation(
                    "review.unknown_key_result",
                    f"key result {kr_id} is not part of objective {objective.id}",
                    kr_id,
                )
            )
    finals: list[FinalKeyResultScore] = []
    for kr in objective.key_results:
        final = kr.score
        reason: str | None = None
        if kr.id in overrides:
            raw, reason = overrides[kr.id]
            if not raw.is_finite() or not ZERO <= raw <= ONE:
                problems.append(
                    Violation(
                        "review.score_out_of_range", f"{kr.id}: a score lies in [0, 1]", kr.id
                    )
                )
                continue
            final = kr_score(raw)
            if final != kr.score and (reason is None or not reason.strip()):
                problems.append(
                    Violation(
                        "review.override_reason_required",
                        f"{kr.id}: overriding {kr.score} with {final} needs a reason",
                        kr.id,
                    )
                )
            if final == kr.score:
                reason = None
        finals.append(FinalKeyResultScore(kr.id, kr.score, final, reason))
    if problems:
        raise RuleViolation.from_violations(problems)
    weights = {kr.id: kr.weight for kr in objective.key_results}
    score = objective_score([(weights[f.key_result_id], f.final_score) for f in finals])
    grade = None if score is None else grade_for(score, policy)
    flags = [] if score is None else review_flags(score, achieved, policy)
    return ReviewResult(objective.id, finals, score, grade, flags, achieved, answers)


_REVIEW_TRANSITIONS: dict[tuple[ReviewState, str], ReviewState] = {
    (ReviewState.DRAFT, "submit"): ReviewState.SUBMITTED,
    (ReviewState.SUBMITTED, "confirm"): ReviewState.CONFIRMED,
    (ReviewState.SUBMITTED, "return"): ReviewState.DRAFT,
}


def check_review_open(cycle: Cycle) -> None:
    """Reviews are written, submitted, confirmed and returned only while the cycle is in review."""
    if cycle.state is not CycleState.REVIEW:
        raise RuleViolation(
            f"cycle {cycle.id} is {cycle.state.value}, not in review",
            code="review.cycle_not_in_review",
            field="cycle_id",
        )


def check_review_editable(state: ReviewState) -> None:
    """Only a draft review is edited (a returned one is a draft again)."""
    if state is not ReviewState.DRAFT:
        raise InvalidTransition(
            f"a {state.value} review cannot be edited",
            code="review.not_editable",
            field="state",
        )


def transition_review(
    state: ReviewState,
    action: str,
    *,
    cycle: Cycle | None = None,
    answers: ReviewAnswers | None = None,
    achieved: bool | None = None,
    reason: str | None = None,
) -> ReviewState:
    """``submit`` (all five answers and ``achieved``), ``confirm``, ``return`` (with a reason).

    With ``cycle`` given it must be in review. Who confirms or returns is checked with
    ``check_can_confirm`` (an approver of the objective).
    """
    if cycle is not None:
        check_review_open(cycle)
    target = _REVIEW_TRANSITIONS.get((state, action))
    if target is None:
        raise InvalidTransition(
            f"review cannot {action} from {state.value}",
            code="review.invalid_transition",
            field="state",
        )
    problems: list[Violation] = []
    if action == "submit":
        missing = (answers or ReviewAnswers()).missing()
        problems.extend(
            Violation("review.answer_required", f"the answer to {name!r} is blank", name)
            for name in missing
        )
        if achieved is None:
            problems.append(
                Violation(
                    "review.achieved_required", "say whether the objective was achieved", "achieved"
                )
            )
    if action == "return" and (reason is None or not reason.strip()):
        problems.append(Violation("review.reason_required", "returning needs a reason", "reason"))
    if problems:
        code = None if len(problems) == 1 else "review.incomplete"
        raise RuleViolation.from_violations(problems, code=code)
    return target


def check_can_confirm(objective: Objective, viewer: Viewer, org: OrgChart) -> None:
    """Confirming or returning a review is for an approver of the objective, never its owner."""
    check_can_approve(org, viewer, objective)


@dataclass(slots=True)
class ConfirmedKeyResultScore:
    """A KR at confirmation: the owner's final score and the one the manager confirms."""

    key_result_id: str
    proposed_score: Decimal
    confirmed_score: Decimal
    adjustment_reason: str | None = None

    @property
    def adjusted(self) -> bool:
        """Whether the manager changed the owner's final score."""
        return self.confirmed_score != self.proposed_score


@dataclass(slots=True)
class ConfirmedReview:
    """The confirmed outcome: KR scores as the manager confirmed them, objective score, grade,
    flags (reports use these rather than the owner's proposal)."""

    key_results: list[ConfirmedKeyResultScore]
    score: Decimal | None
    grade: Grade | None
    flags: list[ReviewFlag] = field(default_factory=list)


def confirm_review_scores(
    proposed: list[tuple[str, Decimal, Decimal]],
    *,
    adjustments: Mapping[str, tuple[Decimal, str | None]],
    achieved: bool | None,
    policy: Policy,
) -> ConfirmedReview:
    """The manager's confirmation of a submitted review.

    ``proposed`` lists ``(key_result_id, weight, owner's final score)`` in KR order;
    ``adjustments`` maps a KR to the manager's score and the reason for it. An adjusted score is
    rounded half-up to 2 decimals; one that differs from the owner's needs a reason. Every problem
    is reported at once.
    """
    problems: list[Violation] = []
    known = {kr_id for kr_id, _w, _s in proposed}
    problems.extend(
        Violation(
            "review.unknown_key_result", f"key result {kr_id} is not part of this review", kr_id
        )
        for kr_id in adjustments
        if kr_id not in known
    )
    items: list[ConfirmedKeyResultScore] = []
    for kr_id, _weight, owner_score in proposed:
        confirmed, reason = owner_score, None
        if kr_id in adjustments:
            raw, reason = adjustments[kr_id]
            if not raw.is_finite() or not ZERO <= raw <= ONE:
                problems.append(
                    Violation(
                        "review.score_out_of_range", f"{kr_id}: a score lies in [0, 1]", kr_id
                    )
                )
                continue
            confirmed = kr_score(raw)
            if confirmed != owner_score and (reason is None or not reason.strip()):
                problems.append(
                    Violation(
                        "review.adjustment_reason_required",
                        f"{kr_id}: adjusting {owner_score} to {confirmed} needs a reason",
                        kr_id,
                    )
                )
            if confirmed == owner_score:
                reason = None
        items.append(ConfirmedKeyResultScore(kr_id, owner_score, confirmed, reason))
    if problems:
        code = None if len(problems) == 1 else "review.invalid"
        raise RuleViolation.from_violations(problems, code=code)
    weights = {kr_id: weight for kr_id, weight, _s in proposed}
    score = objective_score([(weights[i.key_result_id], i.confirmed_score) for i in items])
    grade = None if score is None else grade_for(score, policy)
    flags = [] if score is None else review_flags(score, achieved, policy)
    return ConfirmedReview(items, score, grade, flags)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A follow-up action of a review (复盘后的后续措施), carried into a later cycle."""

    title: str
    owner_id: str
    carry_to_cycle_id: str
    due_on: date | None = None


def check_follow_ups(
    cycle: Cycle,
    follow_ups: Sequence[FollowUp],
    *,
    cycles: Mapping[str, Cycle],
    people: Collection[str],
) -> None:
    """Each follow-up has a known owner and carries into a known cycle that starts after the
    reviewed one ends (the next cycle), with its due date, if any, inside that cycle."""
    problems: list[Violation] = []
    for n, item in enumerate(follow_ups):
        where = f"follow_ups[{n}]"
        if item.owner_id not in people:
            problems.append(
                Violation(
                    "review.follow_up_unknown_owner",
                    f"{where}: person {item.owner_id} does not exist",
                    "owner_id",
                )
            )
        target = cycles.get(item.carry_to_cycle_id)
        if target is None:
            problems.append(
                Violation(
                    "review.follow_up_unknown_cycle",
                    f"{where}: cycle {item.carry_to_cycle_id} does not exist",
                    "carry_to_cycle_id",
                )
            )
            continue
        if target.starts_on <= cycle.ends_on:
            problems.append(
                Violation(
                    "review.follow_up_not_later",
                    f"{where}: a follow-up carries into a later cycle; {target.id} starts "
                    f"{target.starts_on}, the reviewed cycle ends {cycle.ends_on}",
                    "carry_to_cycle_id",
                )
            )
        if item.due_on is not None and not target.covers(item.due_on):
            problems.append(
                Violation(
                    "review.follow_up_due_outside_cycle",
                    f"{where}: due {item.due_on}, outside cycle {target.id}",
                    "due_on",
                )
            )
    if problems:
        code = None if len(problems) == 1 else "review.invalid"
        raise RuleViolation.from_violations(problems, code=code)
