"""Schemas of ``POST /v1/org/sync``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from api.schemas.common import OutputModel


class SyncChange(OutputModel):
    """One change of the diff."""

    entity: Literal["unit", "person"]
    id: str
    external_id: str
    action: Literal["create", "update", "move", "deactivate", "reactivate"]
    fields: dict[str, Any] = Field(description="The fields the change sets, with their new values.")


class SyncSummary(OutputModel):
    """How many changes of each kind."""

    units_created: int
    units_updated: int
    units_moved: int
    units_deactivated: int
    units_reactivated: int
    people_created: int
    people_updated: int
    people_moved: int
    people_deactivated: int
    people_reactivated: int
    unchanged: int


class SyncResult(OutputModel):
    """The diff of a snapshot: applied, or only planned (``dry_run``)."""

    dry_run: bool
    summary: SyncSummary
    changes: list[SyncChange]
