"""Schemas of ``/v1/key-results/{id}/initiatives`` and ``/v1/initiatives``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from api.schemas.common import UNSET, Day, Id, InputModel, OutputModel, Title
from domain.model import InitiativeState

InitiativeStateIn = Annotated[InitiativeState, Field(strict=False)]


class InitiativeCreate(InputModel):
    """A new task derived from a key result (tracked, never scored)."""

    title: Title
    assignee_id: Id | None = None
    state: InitiativeStateIn = InitiativeState.TODO
    due_on: Day | None = None


class InitiativeUpdate(InputModel):
    """Fields of an initiative to change; the assignee may change `state` only."""

    title: Title = UNSET
    assignee_id: Id | None = None
    state: InitiativeStateIn = UNSET
    due_on: Day | None = None


class InitiativePublic(OutputModel):
    """A task derived from a key result and assigned to a person."""

    id: str
    key_result_id: str
    title: str
    assignee_id: str | None
    state: InitiativeState
    due_on: date | None
    created_at: datetime
    updated_at: datetime
