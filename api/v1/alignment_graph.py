"""``GET /v1/cycles/{id}/alignment-graph`` as JSON, Mermaid or DOT."""

from __future__ import annotations

from typing import Literal

from fastapi.responses import PlainTextResponse

from api.deps import PrincipalDep, SessionDep
from api.schemas.alignment_graph import AlignmentGraph
from api.services import alignment_graph as service
from api.v1 import resource_router

router = resource_router("alignments")


@router.get(
    "/cycles/{cycle_id}/alignment-graph",
    name="get_alignment_graph",
    response_model=AlignmentGraph,
    responses={
        200: {
            "description": "The graph: JSON by default, `text/plain` Mermaid or DOT source.",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    },
)
async def get_alignment_graph(
    cycle_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    format: Literal["json", "mermaid", "dot"] = "json",
) -> AlignmentGraph | PlainTextResponse:
    """The cycle's objectives (hidden drafts left out) with KR scores and alignment edges."""
    graph = await service.alignment_graph(session, principal, cycle_id)
    if format == "mermaid":
        return PlainTextResponse(service.to_mermaid(graph))
    if format == "dot":
        return PlainTextResponse(service.to_dot(graph))
    return graph
