"""Schemas of ``/v1/policy``."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from api.schemas.common import UNSET, InputModel, JsonNumber, NumberOut, OutputModel
from domain.model import PublishOn

ObjectiveNumbers = Annotated[
    Literal["require", "forbid", "any"],
    Field(description="OKR lint: `require` a number in objective titles, `forbid` one, or `any`."),
]
Count = Annotated[int, Field(ge=1, le=1000)]
Share = Annotated[Decimal, JsonNumber(max_digits=5, decimal_places=4, ge=0, le=1)]
Total = Annotated[Decimal, JsonNumber(max_digits=7, decimal_places=2, gt=0, le=10000)]


class PolicyPublic(OutputModel):
    """The organisation's OKR policy (okr-domain.md §2)."""

    max_objectives_per_owner: int
    min_objectives_per_owner: int
    max_key_results_per_objective: int
    min_key_results_per_objective: int
    recommended_min_key_results: int
    weights_total: NumberOut
    bottom_up_share_target: NumberOut
    sweet_spot_low: NumberOut
    sweet_spot_high: NumberOut
    ambition_warning: NumberOut
    reconsider_below: NumberOut
    grade_excellent: NumberOut
    grade_good: NumberOut
    grade_fair: NumberOut
    grade_pass: NumberOut
    stale_after_days: int
    deadline_reminder_days: int
    at_risk_confidence: int
    objective_numbers: ObjectiveNumbers
    publish_on: PublishOn = Field(
        description="When an objective becomes public: once `agreed` (default) or `proposed`."
    )
    version: int


class PolicyUpdate(InputModel):
    """Policy fields to change (omit the others); the result must be consistent as a whole."""

    max_objectives_per_owner: Count = UNSET
    min_objectives_per_owner: Count = UNSET
    max_key_results_per_objective: Count = UNSET
    min_key_results_per_objective: Count = UNSET
    recommended_min_key_results: Count = UNSET
    weights_total: Total = UNSET
    bottom_up_share_target: Share = UNSET
    sweet_spot_low: Share = UNSET
    sweet_spot_high: Share = UNSET
    ambition_warning: Share = UNSET
    reconsider_below: Share = UNSET
    grade_excellent: Share = UNSET
    grade_good: Share = UNSET
    grade_fair: Share = UNSET
    grade_pass: Share = UNSET
    stale_after_days: Annotated[int, Field(ge=1, le=365)] = UNSET
    deadline_reminder_days: Annotated[int, Field(ge=1, le=365)] = UNSET
    at_risk_confidence: Annotated[int, Field(ge=1, le=10)] = UNSET
    objective_numbers: ObjectiveNumbers = UNSET
    publish_on: Annotated[PublishOn, Field(strict=False)] = UNSET
