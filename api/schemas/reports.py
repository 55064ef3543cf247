"""Schemas of ``GET /v1/cycles/{id}/report`` (okr-domain §8)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from api.schemas.common import NumberOut, OutputModel
from domain.model import Grade, OwnerType


class OwnerRef(OutputModel):
    """An owner of objectives: a person or an org unit."""

    owner_type: OwnerType
    owner_id: str
    owner_name: str
    owner_inactive: bool = Field(
        default=False, description="The owner is a person who was deactivated (left)."
    )


class FollowUpOut(OutputModel):
    """An open follow-up action of an earlier review, carried into this cycle."""

    id: str
    title: str
    owner_id: str
    owner_name: str
    due_on: date | None
    objective_id: str = Field(description="The reviewed objective it follows up.")
    review_id: str


class OwnerLoadOut(OwnerRef):
    """Live (not cancelled) objectives of one owner against the policy."""

    count: int
    status: str = Field(description="`ok`, `too_few` or `too_many` against the policy.")


class ScoreDistributionOut(OutputModel):
    """Scores of agreed objectives: count, mean, grades, sweet spot."""

    objectives: int
    scored: int
    mean: NumberOut | None
    grades: dict[Grade, int]
    in_sweet_spot: int
    sweet_spot_share: NumberOut | None


class BottomUpOut(OutputModel):
    """Share of live objectives that originate bottom-up, against the policy's target."""

    total: int
    bottom_up: int
    share: NumberOut | None
    target: NumberOut
    meets_target: bool


class CoverageOut(OutputModel):
    """Share of live non-company objectives aligned upward."""

    eligible: int
    aligned: int
    share: NumberOut | None
    unaligned_objective_ids: list[str] = Field(
        description="The unaligned objectives the caller may see (drafts only for who may)."
    )


class StaleKeyResultOut(OutputModel):
    """A key result of an agreed objective with no recent check-in."""

    key_result_id: str
    objective_id: str
    title: str
    last_check_in_at: datetime | None


class ConfidencePointOut(OutputModel):
    """Mean stated confidence in one week (its Monday)."""

    week: date
    key_results: int
    mean_confidence: NumberOut


class ReviewCompletionOut(OutputModel):
    """Reviews of agreed objectives: missing, drafted, submitted, confirmed."""

    due: int
    missing: int
    draft: int
    submitted: int
    confirmed: int
    confirmed_share: NumberOut | None
    submitted_or_confirmed_share: NumberOut | None


class ForecastSummaryOut(OutputModel):
    """Forecast bands of agreed objectives and their KRs (docs/forecast.md)."""

    key_results: dict[str, int] = Field(
        description="KRs per band (`on_track`, `at_risk`, `off_track`) and `none` (no forecast)."
    )
    objectives: dict[str, int] = Field(description="Objectives per band of their forecast.")
    off_track_key_result_ids: list[str]
    at_risk_key_result_ids: list[str]


class CycleReport(OutputModel):
    """The reports of one cycle, for the whole organisation or one unit and its descendants."""

    cycle_id: str
    unit_id: str | None
    as_of: date
    objectives: int = Field(description="Objectives of the cycle in scope, cancelled included.")
    objectives_per_owner: list[OwnerLoadOut]
    scores: ScoreDistributionOut
    bottom_up: BottomUpOut
    alignment_coverage: CoverageOut
    stale_key_results: list[StaleKeyResultOut] = Field(
        description="Only while the cycle is active; KRs of agreed objectives."
    )
    owners_without_agreed_okrs: list[OwnerRef] = Field(
        description="Once the planning deadline has passed: owners in scope with nothing agreed."
    )
    confidence_trend: list[ConfidencePointOut]
    review_completion: ReviewCompletionOut
    forecast: ForecastSummaryOut
    open_follow_ups: list[FollowUpOut] = Field(
        description="Follow-up actions of earlier reviews carried into this cycle, still open."
    )
