"""Schemas of ``GET /v1/cycles/{id}/alignment-graph``."""

from __future__ import annotations

from api.schemas.common import NumberOut, OutputModel
from domain.model import Grade, KeyResultKind, ObjectiveState, OwnerType


class GraphKeyResult(OutputModel):
    """A key result inside an objective node."""

    id: str
    title: str
    kind: KeyResultKind
    score: NumberOut


class GraphNode(OutputModel):
    """An objective with its key results and scores."""

    id: str
    cycle_id: str
    title: str
    owner_type: OwnerType
    owner_id: str
    state: ObjectiveState
    score: NumberOut | None
    grade: Grade | None
    key_results: list[GraphKeyResult]


class GraphEdge(OutputModel):
    """Child objective -> parent objective (or one of its KRs)."""

    id: str
    child_objective_id: str
    parent_objective_id: str
    parent_key_result_id: str | None


class AlignmentGraph(OutputModel):
    """The cycle's objectives the caller may see, and the alignment edges between them.

    Parents in enclosing cycles are included as nodes so that every edge has both ends.
    """

    cycle_id: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
