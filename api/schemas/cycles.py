"""Schemas of ``/v1/cycles``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from api.schemas.common import UNSET, Day, Id, InputModel, Name, OutputModel
from domain.model import CycleKind, CycleState

CycleKindIn = Annotated[CycleKind, Field(strict=False)]


class CycleCreate(InputModel):
    """A new cycle, in planning. A quarter may sit in a year, a month in a quarter.

    Its deadlines may lie before its start or after its end; they must be in the order
    submission, agreement, publication, review submission, review confirmation.
    """

    name: Name
    kind: CycleKindIn
    starts_on: Day
    ends_on: Day = Field(description="After `starts_on`.")
    parent_id: Id | None = None
    planning_deadline: Day | None = None
    review_deadline: Day | None = None
    submission_deadline: Day | None = None
    agreement_deadline: Day | None = None
    publication_deadline: Day | None = None
    review_submission_deadline: Day | None = None
    review_confirmation_deadline: Day | None = None
    deadlines_from_template: bool = Field(
        default=False,
        description="Fill the five deadlines not given from the template of the cycle's kind "
        "(okr-domain.md §9).",
    )


class CycleUpdate(InputModel):
    """Fields of a cycle to change (omit the others; not once it is closed)."""

    name: Name = UNSET
    starts_on: Day = UNSET
    ends_on: Day = UNSET
    parent_id: Id | None = None
    planning_deadline: Day | None = None
    review_deadline: Day | None = None
    submission_deadline: Day | None = None
    agreement_deadline: Day | None = None
    publication_deadline: Day | None = None
    review_submission_deadline: Day | None = None
    review_confirmation_deadline: Day | None = None


class CyclePublic(OutputModel):
    """A period in which OKRs are set, tracked and scored."""

    id: str
    name: str
    kind: CycleKind
    starts_on: date
    ends_on: date
    parent_id: str | None
    state: CycleState
    planning_deadline: date | None
    review_deadline: date | None
    submission_deadline: date | None
    agreement_deadline: date | None
    publication_deadline: date | None
    review_submission_deadline: date | None
    review_confirmation_deadline: date | None
    version: int
    created_at: datetime
    updated_at: datetime
