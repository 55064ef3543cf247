"""Schemas of ``/v1/alignments`` and ``/v1/dependencies``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self

from pydantic import ConfigDict, model_validator

from api.schemas.common import Id, InputModel, Note, OutputModel


def _given(name: str) -> dict[str, Any]:
    """JSON Schema: the field is present and not null."""
    return {"required": [name], "properties": {name: {"type": "string"}}}


def _exactly_one(first: str, second: str) -> dict[str, Any]:
    return {"oneOf": [_given(first), _given(second)]}


class AlignmentCreate(InputModel):
    """A child objective supports a parent objective, or one key result of it.

    Give `parent_key_result_id` (its objective is the parent) or `parent_objective_id` (or both,
    when they agree). Alignment runs upward and the graph stays acyclic.
    """

    # The rule of the validator below, in the schema too (so clients and fuzzers know it); inside
    # `allOf`, which generated clients merge into the model instead of splitting it into a union.
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [{"anyOf": [_given("parent_objective_id"), _given("parent_key_result_id")]}]
        }
    )

    child_objective_id: Id
    parent_objective_id: Id | None = None
    parent_key_result_id: Id | None = None

    @model_validator(mode="after")
    def _one_parent(self) -> Self:
        if self.parent_objective_id is None and self.parent_key_result_id is None:
            raise ValueError("give parent_objective_id or parent_key_result_id")
        return self


class AlignmentPublic(OutputModel):
    """An edge of the alignment graph (`parent_objective_id` is set even for a KR parent)."""

    id: str
    child_objective_id: str
    parent_objective_id: str
    parent_key_result_id: str | None
    created_by_id: str | None
    created_at: datetime


class DependencyCreate(InputModel):
    """A lateral link: the `from` objective or KR depends on the `to` objective or KR.

    Exactly one of `from_objective_id`/`from_key_result_id` and one of
    `to_objective_id`/`to_key_result_id`.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                _exactly_one("from_objective_id", "from_key_result_id"),
                _exactly_one("to_objective_id", "to_key_result_id"),
            ]
        }
    )

    from_objective_id: Id | None = None
    from_key_result_id: Id | None = None
    to_objective_id: Id | None = None
    to_key_result_id: Id | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _one_each(self) -> Self:
        if (self.from_objective_id is None) == (self.from_key_result_id is None):
            raise ValueError("give exactly one of from_objective_id and from_key_result_id")
        if (self.to_objective_id is None) == (self.to_key_result_id is None):
            raise ValueError("give exactly one of to_objective_id and to_key_result_id")
        return self


class DependencyPublic(OutputModel):
    """Who depends on whom, across teams (not alignment: nothing rolls up)."""

    id: str
    from_objective_id: str | None
    from_key_result_id: str | None
    to_objective_id: str | None
    to_key_result_id: str | None
    note: str | None
    created_by_id: str | None
    created_at: datetime
