"""Schemas of ``/v1/change-requests``: proposed changes to agreed key results of annual cycles."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from api.schemas.common import (
    UNSET,
    Day,
    Description,
    Id,
    InputModel,
    NumberOut,
    OutputModel,
    Reason,
    Title,
)
from api.schemas.key_results import KindIn, Value, Weight
from domain.model import ChangeRequestState, KeyResultKind


class KeyResultChanges(InputModel):
    """The definition fields to change (omit the others; at least one)."""

    title: Title = UNSET
    kind: KindIn = UNSET
    start_value: Value | None = None
    target_value: Value | None = None
    weight: Weight = UNSET
    due_on: Day = UNSET


class ChangeRequestCreate(InputModel):
    """A proposed change to an agreed key result of an annual cycle, with its reason."""

    key_result_id: Id
    changes: KeyResultChanges
    reason: Reason


class ChangeRequestDecision(InputModel):
    """An optional note with the approver's decision."""

    note: Description | None = None


class KeyResultChangesPublic(OutputModel):
    """The requested values; a field not named in `fields` is not changed (null)."""

    title: str | None = None
    kind: KeyResultKind | None = None
    start_value: NumberOut | None = None
    target_value: NumberOut | None = None
    weight: NumberOut | None = None
    due_on: date | None = None


class ChangeRequestPublic(OutputModel):
    """A proposed change to an agreed annual key result, accepted or rejected by the approver."""

    id: str
    key_result_id: str
    objective_id: str
    requested_by_id: str | None
    fields: list[str] = Field(description="The key result fields this request changes.")
    changes: KeyResultChangesPublic
    reason: str
    state: ChangeRequestState
    decided_by_id: str | None
    decided_at: datetime | None
    decision_note: str | None
    created_at: datetime
    updated_at: datetime
