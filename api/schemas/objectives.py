"""Schemas of ``/v1/objectives`` and its workflow actions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from api.schemas.common import (
    UNSET,
    Description,
    Id,
    InputModel,
    NumberOut,
    OutputModel,
    Reason,
    Title,
)
from api.schemas.forecasts import ObjectiveForecastPublic
from api.schemas.key_results import KeyResultPublic
from domain.model import Grade, ObjectiveState, Origin, OwnerType

OwnerTypeIn = Annotated[OwnerType, Field(strict=False)]
OriginIn = Annotated[Origin, Field(strict=False)]


class ObjectiveCreate(InputModel):
    """A new draft objective of a person or an org unit.

    `origin` defaults to `bottom_up` when the caller owns the objective (a unit's: its head) and
    to `top_down` when someone above creates it for the owner; a contradicting value is refused.
    """

    cycle_id: Id
    owner_type: OwnerTypeIn
    owner_id: Id
    title: Title
    description: Description = ""
    origin: OriginIn | None = None


class ObjectiveUpdate(InputModel):
    """Fields of an objective to change (omit the others); frozen once it is agreed."""

    title: Title = UNSET
    description: Description = UNSET


class ObjectiveReason(InputModel):
    """Why an objective is returned to draft or cancelled."""

    reason: Reason


class RuleWarning(OutputModel):
    """A policy recommendation the objective does not meet (it does not block)."""

    code: str
    message: str
    field: str | None
    source: str | None = Field(
        default=None, description="For an OKR lint finding: the okr-domain.md section."
    )


class ObjectivePublic(OutputModel):
    """An owner's goal for a cycle with its key results, score (0.000-1.000) and grade."""

    id: str
    cycle_id: str
    owner_type: OwnerType
    owner_id: str
    title: str
    description: str
    origin: Origin
    state: ObjectiveState
    state_reason: str | None = Field(description="The reason of the last return or cancel.")
    score: NumberOut | None
    grade: Grade | None
    key_results: list[KeyResultPublic]
    owner_inactive: bool = Field(
        default=False,
        description="The owner is a person who was deactivated (left the organisation); the "
        "objective and its history stay.",
    )
    created_by_id: str | None
    approved_by_id: str | None
    submitted_at: datetime | None
    agreed_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    warnings: list[RuleWarning] = Field(
        default_factory=list,
        description="Policy recommendations not met and OKR lint findings (filled by `/submit`; "
        "they do not block).",
    )
    forecast: ObjectiveForecastPublic | None = Field(
        default=None,
        description="The weighted end-of-cycle forecast and band (on reads; null in write "
        "answers and events).",
    )
