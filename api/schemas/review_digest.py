"""Schemas of ``GET /v1/org-units/{id}/digests/review`` (the review meeting's agenda)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from api.schemas.common import NumberOut, OutputModel
from domain.model import Grade, KeyResultKind, OwnerType, ReviewFlag, ReviewState


class ReviewAnswersOut(OutputModel):
    """The five review questions (实施规范 6.4) as the owner answered them."""

    goal: str
    results: str
    measures: str
    problems: str
    lessons: str


class AgendaKeyResultOut(OutputModel):
    """One KR: target, actual and deviation; computed, proposed, confirmed and final score."""

    key_result_id: str
    title: str
    kind: KeyResultKind
    weight: NumberOut
    target_value: NumberOut | None
    actual_value: NumberOut | None
    deviation: NumberOut | None = Field(
        description="`actual_value - target_value` in the KR's unit (numeric KRs only)."
    )
    computed_score: NumberOut
    proposed_score: NumberOut | None = Field(description="The owner's final score, if reviewed.")
    confirmed_score: NumberOut | None = Field(description="The manager's score, once confirmed.")
    final_score: NumberOut = Field(description="Confirmed, else proposed, else computed.")
    gap: NumberOut = Field(description="`1 - final_score`.")
    override_reason: str | None
    adjustment_reason: str | None


class AgendaItemOut(OutputModel):
    """One objective on the agenda, in presentation order."""

    position: int
    objective_id: str
    title: str
    owner_type: OwnerType
    owner_id: str
    owner_name: str
    review_state: ReviewState | None = Field(description="Null when no review is visible.")
    achieved: bool | None
    computed_score: NumberOut | None
    proposed_score: NumberOut | None
    confirmed_score: NumberOut | None
    score: NumberOut | None = Field(description="Confirmed, else proposed, else computed.")
    grade: Grade | None
    flags: list[ReviewFlag]
    key_results: list[AgendaKeyResultOut]
    answers: ReviewAnswersOut | None
    confirm_note: str | None


class AgendaSummaryOut(OutputModel):
    """The figures of the agenda."""

    objectives: int
    reviews_missing: int
    reviews_draft: int
    reviews_submitted: int
    reviews_confirmed: int
    mean_score: NumberOut | None
    grades: dict[Grade, int]
    flagged: dict[ReviewFlag, int]


class ReviewDigest(OutputModel):
    """The review meeting's agenda for one unit (its subtree and their people) and cycle."""

    unit_id: str
    unit_name: str
    cycle_id: str
    cycle_name: str
    starts_on: date
    ends_on: date
    summary: AgendaSummaryOut
    items: list[AgendaItemOut]
