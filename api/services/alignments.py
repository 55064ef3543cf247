"""Alignment edges (okr-domain §5): upward, period-contained, acyclic; derived KRs roll up."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.alignments import AlignmentCreate, AlignmentPublic
from api.services.events import emit
from api.services.okr_visibility import (
    is_draft_reader,
    objective_shell,
    visible_objective,
)
from api.services.org import load_org_chart
from api.services.rollup import propagate
from domain.alignment import AlignmentEdge, check_alignment
from domain.errors import NotFound, PermissionDenied
from domain.model import KeyResultKind
from domain.org import OrgChart
from persistence.mappers import cycle_to_domain, key_result_to_domain
from persistence.repositories.alignment import ALIGNMENT_LOCK_KEY, AlignmentRepository, GraphLoader
from persistence.repositories.base import Keyset, serialise
from persistence.repositories.cycles import CycleRepository
from persistence.tables import AlignmentRow, KeyResultRow, ObjectiveRow


def check_may_edit(org: OrgChart, row: ObjectiveRow, principal: Principal, *, what: str) -> None:
    """403 unless the caller may edit the objective: owner side, their manager chain, admins."""
    if not is_draft_reader(row, principal, org):
        raise PermissionDenied(
            f"{principal.id} may not change the {what} of objective {row.id}: only its owner, the "
            "owner's managers (unit: the heads of the units above) and admins may",
            code=f"{what}.edit_denied",
            field="child_objective_id" if what == "alignment" else "from_objective_id",
        )


async def _derived(session: AsyncSession, kr_id: str | None) -> bool:
    if kr_id is None:
        return False
    rows = await GraphLoader(session).key_results([kr_id])
    return bool(rows) and rows[0].kind == KeyResultKind.DERIVED.value


async def create_alignment(
    session: AsyncSession, principal: Principal, body: AlignmentCreate
) -> AlignmentPublic:
    """A new edge; every violated rule at once, a loop as 409 ``alignment.cycle`` naming it."""
    await serialise(session, ALIGNMENT_LOCK_KEY)
    org = await load_org_chart(session)
    child = await visible_objective(
        session, body.child_objective_id, principal, org, field="child_objective_id"
    )
    check_may_edit(org, child, principal, what="alignment")
    parent_kr: KeyResultRow | None = None
    if body.parent_key_result_id is not None:
        missing = NotFound(
            f"key result {body.parent_key_result_id} does not exist",
            code="key_result.not_found",
            field="parent_key_result_id",
        )
        found = await GraphLoader(session).key_results([body.parent_key_result_id])
        if not found:
            raise missing
        parent_kr = found[0]
        try:
            await visible_objective(session, parent_kr.objective_id, principal, org)
        except NotFound as exc:
            raise missing from exc
    parent_id = body.parent_objective_id or (parent_kr.objective_id if parent_kr else "")
    parent = await visible_objective(
        session, parent_id, principal, org, field="parent_objective_id"
    )
    cycles = CycleRepository(session)
    child_cycle = cycle_to_domain(await cycles.get(child.cycle_id))
    parent_cycle = cycle_to_domain(await cycles.get(parent.cycle_id))
    edges = [
        AlignmentEdge(e.child_objective_id, e.parent_objective_id, e.parent_key_result_id)
        for e in await AlignmentRepository(session).all_edges()
    ]
    check_alignment(
        child=objective_shell(child),
        child_cycle=child_cycle,
        parent=objective_shell(parent),
        parent_cycle=parent_cycle,
        org=org,
        edges=edges,
        parent_key_result=key_result_to_domain(parent_kr) if parent_kr else None,
    )
    row = await AlignmentRepository(session).add(
        AlignmentRow(
            child_objective_id=child.id,
            parent_objective_id=parent.id,
            parent_key_result_id=parent_kr.id if parent_kr else None,
            created_by_id=principal.author_id,
        )
    )
    if parent_kr is not None and parent_kr.kind == KeyResultKind.DERIVED.value:
        await propagate(session, key_result_ids=[parent_kr.id])
    public = AlignmentPublic.model_validate(row)
    await emit(session, "alignment.created", "alignment", public, entity_id=row.id)
    return public


async def _visible_alignment(
    session: AsyncSession, alignment_id: str, principal: Principal, org: OrgChart
) -> AlignmentRow:
    row = await AlignmentRepository(session).get(alignment_id)
    for objective_id in (row.child_objective_id, row.parent_objective_id):
        try:
            await visible_objective(session, objective_id, principal, org)
        except NotFound as exc:
            raise NotFound(
                f"alignment {alignment_id} does not exist", code="alignment.not_found"
            ) from exc
    return row


async def get_alignment(
    session: AsyncSession, principal: Principal, alignment_id: str
) -> AlignmentPublic:
    """One edge (404 when either end is a draft the caller may not see)."""
    org = await load_org_chart(session)
    row = await _visible_alignment(session, alignment_id, principal, org)
    return AlignmentPublic.model_validate(row)


async def list_alignments(
    session: AsyncSession,
    principal: Principal,
    *,
    child_objective_id: str | None,
    parent_objective_id: str | None,
    parent_key_result_id: str | None,
    cycle_id: str | None,
    limit: int,
    after: Keyset | None,
) -> tuple[list[AlignmentPublic], Keyset | None]:
    """Edges in creation order; ``cycle_id`` is the child's cycle; hidden drafts left out."""
    rows, next_keyset = await AlignmentRepository(session).list_visible(
        principal.viewer,
        child_objective_id=child_objective_id,
        parent_objective_id=parent_objective_id,
        parent_key_result_id=parent_key_result_id,
        cycle_id=cycle_id,
        limit=limit,
        after=after,
    )
    return [AlignmentPublic.model_validate(r) for r in rows], next_keyset


async def delete_alignment(session: AsyncSession, principal: Principal, alignment_id: str) -> None:
    """Remove an edge (whoever may edit the child); a derived parent KR is recomputed."""
    await serialise(session, ALIGNMENT_LOCK_KEY)
    org = await load_org_chart(session)
    row = await _visible_alignment(session, alignment_id, principal, org)
    child = await visible_objective(session, row.child_objective_id, principal, org)
    check_may_edit(org, child, principal, what="alignment")
    public = AlignmentPublic.model_validate(row)
    kr_id = row.parent_key_result_id
    await AlignmentRepository(session).delete(row)
    if await _derived(session, kr_id):
        await propagate(session, key_result_ids=[kr_id] if kr_id else [])
    await emit(session, "alignment.deleted", "alignment", public, entity_id=alignment_id)
