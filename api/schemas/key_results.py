"""Schemas of ``/v1/objectives/{id}/key-results`` and ``/v1/key-results``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from api.schemas.common import (
    TITLE_RULE,
    UNSET,
    Day,
    InputModel,
    JsonNumber,
    NumberOut,
    OutputModel,
    Title,
)
from api.schemas.forecasts import ForecastPublic
from domain.model import KeyResultKind

KindIn = Annotated[KeyResultKind, Field(strict=False)]
Value = Annotated[Decimal, JsonNumber(max_digits=21, decimal_places=6)]
"""A KR value: at most 15 digits before the point and 6 after."""
Weight = Annotated[Decimal, JsonNumber(max_digits=5, decimal_places=2, gt=0, le=100)]
"""A KR weight in percent: greater than 0, at most 100."""
Unit = Annotated[str, Field(min_length=1, max_length=50), TITLE_RULE]
"""What a value counts (`%`, `customers`): a short title."""
MetricKey = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,200}$", max_length=200)]
Confidence = Annotated[int, Field(ge=0, le=10)]


class KeyResultCreate(InputModel):
    """A new key result of a draft objective.

    ``current_value`` and ``done`` may be given while the objective is a draft (the baseline);
    afterwards progress arrives only through check-ins. ``metric_key`` is the name an external
    system pushes values under: unique among the KRs of the objective's cycle (409
    ``key_result.metric_key_taken``), so the KR of each cycle may carry the same key.
    """

    title: Title
    kind: KindIn = KeyResultKind.NUMERIC
    start_value: Value | None = None
    target_value: Value | None = None
    current_value: Value | None = None
    unit: Unit | None = None
    weight: Weight
    due_on: Day | None = None
    metric_key: MetricKey | None = None
    done: bool = False
    confidence: Confidence | None = None


class KeyResultUpdate(InputModel):
    """Fields of a key result to change (omit the others; `null` clears an optional value).

    Definition fields (`title`, `kind`, `start_value`, `target_value`, `weight`, `due_on`) are
    frozen once the objective is agreed; progress fields (`current_value`, `done`,
    `confidence`) change here only in drafts.
    """

    title: Title = UNSET
    kind: KindIn = UNSET
    start_value: Value | None = None
    target_value: Value | None = None
    current_value: Value | None = None
    unit: Unit | None = None
    weight: Weight = UNSET
    due_on: Day | None = None
    metric_key: MetricKey | None = None
    done: bool = UNSET
    confidence: Confidence | None = None


class KeyResultPublic(OutputModel):
    """A measurable result of one objective, with its current score (0.00-1.00)."""

    id: str
    objective_id: str
    position: int
    title: str
    kind: KeyResultKind
    start_value: NumberOut | None
    target_value: NumberOut | None
    current_value: NumberOut | None
    unit: str | None
    weight: NumberOut
    due_on: date | None
    metric_key: str | None
    done: bool
    score: NumberOut
    confidence: int | None
    last_check_in_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    forecast: ForecastPublic | None = Field(
        default=None,
        description="The end-of-cycle forecast and band (on reads of key results and "
        "objectives; null in write answers and events).",
    )


class KeyResultBandChange(KeyResultPublic):
    """The data of a ``key_result.band_changed`` event: the KR with its forecast, and the band it
    was in before (null the first time a band is recorded)."""

    previous_band: str | None = None
