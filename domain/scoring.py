"""Scoring (okr-domain §3): KR progress and score, objective score, grade, sweet spot.

All arithmetic is ``Decimal`` with ROUND_HALF_UP; binary floats never take part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from domain.errors import RuleViolation
from domain.model import Grade, KeyResult, KeyResultKind
from domain.policy import Policy

ZERO = Decimal("0")
ONE = Decimal("1")
KR_QUANTUM = Decimal("0.01")
OBJECTIVE_QUANTUM = Decimal("0.001")


def clamp(value: Decimal) -> Decimal:
    """Clamp a progress value into [0, 1]."""
    if value < ZERO:
        return ZERO
    if value > ONE:
        return ONE
    return value


def kr_progress(kr: KeyResult, *, child_scores: Sequence[Decimal] = ()) -> Decimal:
    """Progress of a key result in [0, 1] (not rounded).

    Numeric: linear from start to target (increasing or decreasing), no current value -> 0.
    Milestone: 0 or 1. Derived: the weight-free mean of ``child_scores`` (none -> 0).
    A numeric KR without start or target has no measurable progress yet and scores 0;
    ``target == start`` is refused (``key_result.target_equals_start``).
    """
    if kr.kind is KeyResultKind.MILESTONE:
        return ONE if kr.done else ZERO
    if kr.kind is KeyResultKind.DERIVED:
        if not child_scores:
            return ZERO
        return clamp(sum(child_scores, ZERO) / len(child_scores))
    start, target, current = kr.start_value, kr.target_value, kr.current_value
    if start is not None and target is not None and start == target:
        raise RuleViolation(
            f"key result {kr.id}: target equals start, progress cannot be measured",
            code="key_result.target_equals_start",
            field=kr.id,
        )
    if start is None or target is None or current is None:
        return ZERO
    if target > start:
        return clamp((current - start) / (target - start))
    return clamp((start - current) / (start - target))


def kr_score(progress: Decimal) -> Decimal:
    """KR score: progress rounded half-up to a whole percent (0.625 -> 0.63)."""
    return progress.quantize(KR_QUANTUM, rounding=ROUND_HALF_UP)


def objective_score(weighted_scores: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Σ wᵢ·sᵢ / Σ wᵢ rounded half-up to 3 decimals; ``None`` when there are no KRs.

    Non-positive weights (possible only in drafts, submission refuses them) count as 0; when no
    weight is positive the plain mean of the scores is taken, so the result stays in [0, 1].
    """
    total_weight = ZERO
    weighted = ZERO
    plain = ZERO
    count = 0
    for weight, score in weighted_scores:
        count += 1
        plain += score
        if weight > ZERO:
            total_weight += weight
            weighted += weight * score
    if count == 0:
        return None
    if total_weight > ZERO:
        value = weighted / total_weight
    else:
        value = plain / count
    return value.quantize(OBJECTIVE_QUANTUM, rounding=ROUND_HALF_UP)


def grade_for(score: Decimal, policy: Policy) -> Grade:
    """The grade band of an objective score; every lower bound is inclusive."""
    if score >= policy.grade_excellent:
        return Grade.EXCELLENT
    if score >= policy.grade_good:
        return Grade.GOOD
    if score >= policy.grade_fair:
        return Grade.FAIR
    if score >= policy.grade_pass:
        return Grade.PASS
    return Grade.POOR


def in_sweet_spot(score: Decimal, policy: Policy) -> bool:
    """Whether a score lies in the sweet spot (both ends inclusive)."""
    return policy.sweet_spot_low <= score <= policy.sweet_spot_high


def score_key_result(kr: KeyResult, *, child_scores: Sequence[Decimal] = ()) -> Decimal:
    """Progress and rounding in one step: the KR's score."""
    return kr_score(kr_progress(kr, child_scores=child_scores))
