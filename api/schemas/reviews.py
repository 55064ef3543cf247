"""Schemas of ``/v1/objectives/{id}/review`` and its actions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from api.schemas.common import (
    Day,
    Description,
    Id,
    InputModel,
    JsonNumber,
    NumberOut,
    OutputModel,
    Reason,
    Title,
)
from domain.model import Grade, ReviewFlag, ReviewState

Score = Annotated[Decimal, JsonNumber(max_digits=21, decimal_places=6, ge=0, le=1)]


class ReviewKeyResultIn(InputModel):
    """The final score the owner gives one key result; differing from the computed one needs a
    reason. Rounded half-up to 2 decimals."""

    key_result_id: Id
    final_score: Score
    override_reason: Reason | None = None


class FollowUpIn(InputModel):
    """A follow-up action (复盘后的后续措施): carried into a later cycle as an initiative."""

    title: Title
    owner_id: Id
    due_on: Day | None = None
    carry_to_cycle_id: Id


class ReviewPut(InputModel):
    """The whole draft review: omitted answers are blank, omitted KRs keep the computed score."""

    achieved: bool | None = Field(default=None, description="Whether the objective was achieved.")
    goal: Description = Field(default="", description="What the goal was, and why.")
    results: Description = Field(
        default="", description="Did results reach a reasonable level; the deviation; plan changes."
    )
    measures: Description = Field(default="", description="How effective the measures were.")
    problems: Description = Field(
        default="", description="What problems arose, how they were solved."
    )
    lessons: Description = Field(default="", description="Lessons, next steps, self-evaluation.")
    key_results: list[ReviewKeyResultIn] = Field(default_factory=list, max_length=100)
    follow_ups: list[FollowUpIn] | None = Field(
        default=None,
        max_length=20,
        description="Follow-up actions; omitted keeps those written before, a list replaces them.",
    )


class ReviewAdjustmentIn(InputModel):
    """The manager's score for one key result at confirmation; differing from the owner's final
    score needs a reason. Rounded half-up to 2 decimals."""

    key_result_id: Id
    score: Score
    reason: Reason | None = None


class ReviewConfirm(InputModel):
    """The manager's confirmation: a note and, optionally, adjusted KR scores."""

    note: Description | None = Field(default=None, description="The manager's comment.")
    adjustments: list[ReviewAdjustmentIn] = Field(default_factory=list, max_length=100)


class FollowUpCarry(InputModel):
    """The key result, in the follow-up's cycle, that the follow-up becomes an initiative of."""

    key_result_id: Id


class ReviewReturn(InputModel):
    """Why the review goes back to its owner."""

    reason: Reason


class ReviewKeyResultPublic(OutputModel):
    """One key result in a review: the computed score and the final one."""

    key_result_id: str
    title: str
    weight: NumberOut
    computed_score: NumberOut
    final_score: NumberOut
    overridden: bool
    override_reason: str | None
    confirmed_score: NumberOut | None = Field(
        description="The score the manager confirmed (null until confirmed)."
    )
    adjusted: bool = Field(description="Whether the manager changed the owner's final score.")
    adjustment_reason: str | None


class FollowUpPublic(OutputModel):
    """A follow-up action of a review and whether it was carried as an initiative."""

    id: str
    title: str
    owner_id: str
    due_on: date | None
    carry_to_cycle_id: str
    state: str = Field(description="`open` until carried as an initiative (`carried`).")
    initiative_id: str | None


class ReviewPublic(OutputModel):
    """The end-of-cycle review of one objective, with its final scores, grade and flags.

    While the review is a draft its computed scores follow the key results; submitting freezes them.
    """

    id: str
    objective_id: str
    cycle_id: str
    state: ReviewState
    achieved: bool | None
    goal: str
    results: str
    measures: str
    problems: str
    lessons: str
    key_results: list[ReviewKeyResultPublic]
    follow_ups: list[FollowUpPublic] = Field(default_factory=list)
    score: NumberOut | None
    grade: Grade | None
    flags: list[ReviewFlag]
    return_reason: str | None
    submitted_at: datetime | None
    confirmed_at: datetime | None
    confirmed_by_id: str | None
    confirm_note: str | None
    confirmed_score: NumberOut | None = Field(
        description="The objective score from the confirmed KR scores (null until confirmed); "
        "reports and exports use it."
    )
    confirmed_grade: Grade | None
    confirmed_flags: list[ReviewFlag] | None
    version: int
    created_at: datetime
    updated_at: datetime
