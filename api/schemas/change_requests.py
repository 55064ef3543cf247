"""Schemas of ``/v1/change-requests``: proposed changes to agreed key results of annual cycles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

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
    """A proposed change to one agreed key result of an annual cycle, with its reason.

    It is accepted only if the objective then passes the submission rules again (weights sum to
    100%, every KR measurable and due inside the cycle)."""

    key_result_id: Id
    changes: KeyResultChanges
    reason: Reason


class NewKeyResult(InputModel):
    """The definition of a key result added by a change request."""

    title: Title
    kind: KindIn = KeyResultKind.NUMERIC
    start_value: Value | None = None
    target_value: Value | None = None
    weight: Weight
    due_on: Day


class ModifyKeyResult(InputModel):
    """Change definition fields of one KR of the objective."""

    op: Literal["modify"]
    key_result_id: Id
    changes: KeyResultChanges


class AddKeyResult(InputModel):
    """Add a KR to the objective."""

    op: Literal["add"]
    changes: NewKeyResult


class RemoveKeyResult(InputModel):
    """Remove one KR of the objective."""

    op: Literal["remove"]
    key_result_id: Id


KeyResultChangeItem = Annotated[
    ModifyKeyResult | AddKeyResult | RemoveKeyResult, Field(discriminator="op")
]


class ChangeSetCreate(InputModel):
    """A proposed change to several key results of one agreed annual objective at once (modify,
    add, remove, applied in order), with its reason; accepted only if the objective then passes
    the submission rules again (weights sum to 100%, KR count within policy, due dates)."""

    objective_id: Id
    items: list[KeyResultChangeItem] = Field(min_length=1, max_length=20)
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


class KeyResultChangeItemPublic(OutputModel):
    """One item of a request of several KRs (an added KR has no id until accepted)."""

    op: Literal["modify", "add", "remove"]
    key_result_id: str | None
    fields: list[str]
    changes: KeyResultChangesPublic


class ChangeRequestPublic(OutputModel):
    """A proposed change to an agreed annual objective's key results, accepted or rejected by the
    approver: one KR (`key_result_id`, `changes`) or several (`items`)."""

    id: str
    key_result_id: str | None
    objective_id: str
    requested_by_id: str | None
    fields: list[str] = Field(description="The key result fields this request changes.")
    changes: KeyResultChangesPublic
    items: list[KeyResultChangeItemPublic] | None = Field(
        description="The items of a request of several KRs (null for a request of one)."
    )
    reason: str
    state: ChangeRequestState
    decided_by_id: str | None
    decided_at: datetime | None
    decision_note: str | None
    created_at: datetime
    updated_at: datetime
