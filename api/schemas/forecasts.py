"""Schemas of forecasts (docs/forecast.md) and of OKR lint findings (okr-domain.md §10)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from api.schemas.common import NumberOut, OutputModel

ForecastMethodName = Literal[
    "theil_sen", "pace", "milestone_done", "milestone_open", "derived_rollup", "weighted", "none"
]
BandName = Literal["on_track", "at_risk", "off_track"]
ReasonName = Literal[
    "no_check_ins",
    "not_measurable",
    "derived",
    "child_without_forecast",
    "no_key_results",
    "key_result_without_forecast",
]


class ForecastPublic(OutputModel):
    """A key result's most likely end-of-cycle score with an 80% interval (docs/forecast.md).

    When no forecast is given, `score`, `low`, `high` and `band` are null and `reason` says why.
    """

    method: ForecastMethodName
    points_used: int = Field(description="How many check-ins (distinct instants) were used.")
    progress: NumberOut | None = Field(description="Projected progress at the cycle's end, 0-1.")
    score: NumberOut | None = Field(description="Projected score (2 decimals).")
    low: NumberOut | None = Field(description="Lower end of the interval.")
    high: NumberOut | None = Field(description="Upper end of the interval.")
    interval_level: NumberOut = Field(description="Nominal coverage of the interval (0.80).")
    band: BandName | None = Field(
        description="`on_track` from the sweet spot's lower bound up, `off_track` below the "
        "reconsider threshold, `at_risk` in between."
    )
    reason: ReasonName | None = Field(description="Why no forecast is given.")
    reason_message: str | None


class ObjectiveForecastPublic(OutputModel):
    """An objective's weighted forecast (3 decimals) with its interval, or the reason for none."""

    method: ForecastMethodName
    points_used: int
    score: NumberOut | None
    low: NumberOut | None
    high: NumberOut | None
    interval_level: NumberOut
    band: BandName | None
    reason: ReasonName | None
    reason_message: str | None


class LintFinding(OutputModel):
    """One OKR quality finding (never blocking)."""

    code: str = Field(description="Stable code, e.g. `lint.key_result_activity`.")
    message: str = Field(description="In the language of the text it is about.")
    field: str = Field(
        description="`title`, `key_results`, `alignment` or `key_results[<id>].<field>`."
    )
    source: str = Field(description="The section of okr-domain.md the rule comes from.")


class ObjectiveLint(OutputModel):
    """The OKR lint findings of one objective (okr-domain.md §10)."""

    objective_id: str
    findings: list[LintFinding]
