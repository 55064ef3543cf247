"""The alignment graph of a cycle, as JSON, Mermaid or Graphviz DOT."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.alignment_graph import AlignmentGraph, GraphEdge, GraphKeyResult, GraphNode
from persistence.repositories.alignment import AlignmentRepository, GraphLoader
from persistence.repositories.cycles import CycleRepository


async def alignment_graph(
    session: AsyncSession, principal: Principal, cycle_id: str
) -> AlignmentGraph:
    """Objectives of the cycle (hidden drafts left out), their KRs and edges, with scores."""
    await CycleRepository(session).get(cycle_id)
    loader = GraphLoader(session)
    objectives = {
        r.id: r for r in await loader.visible_objectives(principal.viewer, cycle_id=cycle_id)
    }
    edges = await AlignmentRepository(session).touching(objectives)
    others = {e.parent_objective_id for e in edges} | {e.child_objective_id for e in edges}
    others -= objectives.keys()
    if others:
        for row in await loader.visible_objectives(principal.viewer, ids=others):
            if row.cycle_id != cycle_id and any(
                e.parent_objective_id == row.id and e.child_objective_id in objectives
                for e in edges
            ):
                objectives[row.id] = row
    edges = [
        e
        for e in edges
        if e.child_objective_id in objectives and e.parent_objective_id in objectives
    ]
    krs = await loader.key_results_of(set(objectives))
    by_objective: dict[str, list[GraphKeyResult]] = {oid: [] for oid in objectives}
    for kr in krs:
        by_objective[kr.objective_id].append(GraphKeyResult.model_validate(kr))
    nodes = [
        GraphNode.model_validate(
            {
                **{k: getattr(row, k) for k in GraphNode.model_fields if k != "key_results"},
                "key_results": by_objective[row.id],
            }
        )
        for row in sorted(objectives.values(), key=lambda r: (r.created_at, r.id))
    ]
    return AlignmentGraph(
        cycle_id=cycle_id,
        nodes=nodes,
        edges=[
            GraphEdge.model_validate(e) for e in sorted(edges, key=lambda e: (e.created_at, e.id))
        ],
    )


def _label(node: GraphNode) -> str:
    score = "-" if node.score is None else f"{node.score:.3f}"
    grade = f" {node.grade.value}" if node.grade is not None else ""
    return f"{node.title} ({score}{grade})"


def _quoted(text: str, *, mermaid: bool) -> str:
    if mermaid:
        return text.replace('"', "#quot;")
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_mermaid(graph: AlignmentGraph) -> str:
    """A Mermaid flowchart: children below, arrows pointing up to what they support."""
    names = {n.id: f"o{i}" for i, n in enumerate(graph.nodes)}
    krs = {kr.id: kr for n in graph.nodes for kr in n.key_results}
    lines = ["flowchart BT"]
    for node in graph.nodes:
        lines.append(f'    {names[node.id]}["{_quoted(_label(node), mermaid=True)}"]')
    for edge in graph.edges:
        kr = krs.get(edge.parent_key_result_id or "")
        arrow = (
            f'-- "{_quoted(f"{kr.title} ({kr.score:.2f})", mermaid=True)}" -->'
            if kr is not None
            else "-->"
        )
        lines.append(
            f"    {names[edge.child_objective_id]} {arrow} {names[edge.parent_objective_id]}"
        )
    return "\n".join(lines) + "\n"


def to_dot(graph: AlignmentGraph) -> str:
    """A Graphviz digraph: child -> parent, labelled with titles, scores and grades."""
    krs = {kr.id: kr for n in graph.nodes for kr in n.key_results}
    lines = ["digraph alignment {", "    rankdir=BT;", "    node [shape=box];"]
    for node in graph.nodes:
        lines.append(f'    "{node.id}" [label="{_quoted(_label(node), mermaid=False)}"];')
    for edge in graph.edges:
        kr = krs.get(edge.parent_key_result_id or "")
        label = (
            f' [label="{_quoted(f"{kr.title} ({kr.score:.2f})", mermaid=False)}"]'
            if kr is not None
            else ""
        )
        lines.append(f'    "{edge.child_objective_id}" -> "{edge.parent_objective_id}"{label};')
    lines.append("}")
    return "\n".join(lines) + "\n"
