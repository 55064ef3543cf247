"""Schemas of the change feed ``/v1/events``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class EventPublic(BaseModel):
    """One write, in commit order."""

    cursor: str = Field(description="Pass as `?after=` to read the events after this one.")
    type: str = Field(description="What happened, e.g. `cycle.activated`.")
    entity: str
    entity_id: str
    data: dict[str, Any]
    occurred_at: datetime


class EventPage(BaseModel):
    """A page of the feed and the cursor to resume from (never null)."""

    items: list[EventPublic]
    next_cursor: str = Field(
        description="Pass as `?after=` next time: the cursor of the last event returned, or "
        "the `after` you sent when nothing is new. Never null: store it and resume from it."
    )
    has_more: bool = Field(description="Whether more events are waiting after `next_cursor`.")
