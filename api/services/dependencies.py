"""Dependencies: lateral links between objectives/KRs across teams (no roll-up, no loop rule)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.alignments import DependencyCreate, DependencyPublic
from api.services.alignments import check_may_edit
from api.services.events import emit
from api.services.okr_visibility import visible_objective
from api.services.org import load_org_chart
from api.services.rules import refuse_all
from domain.errors import NotFound, Violation
from domain.org import OrgChart
from persistence.repositories.alignment import DependencyRepository, GraphLoader
from persistence.repositories.base import Keyset
from persistence.tables import DependencyRow, KeyResultRow, ObjectiveRow


async def _end(
    session: AsyncSession,
    org: OrgChart,
    principal: Principal,
    *,
    objective_id: str | None,
    key_result_id: str | None,
    side: str,
) -> tuple[ObjectiveRow, KeyResultRow | None]:
    """The objective at one end (and its KR when the end is a KR); hidden drafts are 404, with
    the same answer as an unknown id."""
    if key_result_id is None:
        assert objective_id is not None
        field = f"{side}_objective_id"
        return await visible_objective(session, objective_id, principal, org, field=field), None
    missing = NotFound(
        f"key result {key_result_id} does not exist",
        code="key_result.not_found",
        field=f"{side}_key_result_id",
    )
    found = await GraphLoader(session).key_results([key_result_id])
    if not found:
        raise missing
    try:
        row = await visible_objective(session, found[0].objective_id, principal, org)
    except NotFound as exc:
        raise missing from exc
    return row, found[0]


async def create_dependency(
    session: AsyncSession, principal: Principal, body: DependencyCreate
) -> DependencyPublic:
    """A new link; whoever may edit the ``from`` objective records what it depends on."""
    org = await load_org_chart(session)
    source, source_kr = await _end(
        session,
        org,
        principal,
        objective_id=body.from_objective_id,
        key_result_id=body.from_key_result_id,
        side="from",
    )
    target, target_kr = await _end(
        session,
        org,
        principal,
        objective_id=body.to_objective_id,
        key_result_id=body.to_key_result_id,
        side="to",
    )
    check_may_edit(org, source, principal, what="dependency")
    problems: list[Violation] = []
    same = (
        source_kr.id == target_kr.id
        if source_kr is not None and target_kr is not None
        else source_kr is None and target_kr is None and source.id == target.id
    )
    if same:
        problems.append(
            Violation("dependency.self", "a dependency links two different things", "to")
        )
    existing = await DependencyRepository(session).first_matching(
        from_objective_id=body.from_objective_id,
        from_key_result_id=body.from_key_result_id,
        to_objective_id=body.to_objective_id,
        to_key_result_id=body.to_key_result_id,
    )
    if existing is not None:
        problems.append(
            Violation("dependency.duplicate", f"dependency {existing.id} exists already", "to")
        )
    refuse_all(problems, code="dependency.invalid")
    row = await DependencyRepository(session).add(
        DependencyRow(**body.model_dump(), created_by_id=principal.author_id)
    )
    public = DependencyPublic.model_validate(row)
    await emit(
        session,
        "dependency.created",
        "dependency",
        public,
        entity_id=row.id,
        objective_id=source.id,
        related_objective_id=target.id,
    )
    return public


async def _visible_dependency(
    session: AsyncSession, dependency_id: str, principal: Principal
) -> DependencyRow:
    row = await DependencyRepository(session).find_visible(principal.viewer, dependency_id)
    if row is None:
        raise NotFound(f"dependency {dependency_id} does not exist", code="dependency.not_found")
    return row


async def get_dependency(
    session: AsyncSession, principal: Principal, dependency_id: str
) -> DependencyPublic:
    """One dependency (404 when an end is a draft the caller may not see)."""
    row = await _visible_dependency(session, dependency_id, principal)
    return DependencyPublic.model_validate(row)


async def list_dependencies(
    session: AsyncSession,
    principal: Principal,
    *,
    from_objective_id: str | None,
    from_key_result_id: str | None,
    to_objective_id: str | None,
    to_key_result_id: str | None,
    limit: int,
    after: Keyset | None,
) -> tuple[list[DependencyPublic], Keyset | None]:
    """Dependencies in creation order, filtered by either end; hidden drafts left out."""
    rows, next_keyset = await DependencyRepository(session).list_visible(
        principal.viewer,
        from_objective_id=from_objective_id,
        from_key_result_id=from_key_result_id,
        to_objective_id=to_objective_id,
        to_key_result_id=to_key_result_id,
        limit=limit,
        after=after,
    )
    return [DependencyPublic.model_validate(r) for r in rows], next_keyset


async def delete_dependency(
    session: AsyncSession, principal: Principal, dependency_id: str
) -> None:
    """Remove a dependency (whoever may edit the ``from`` objective)."""
    org = await load_org_chart(session)
    row = await _visible_dependency(session, dependency_id, principal)
    source, _ = await _end(
        session,
        org,
        principal,
        objective_id=row.from_objective_id,
        key_result_id=row.from_key_result_id,
        side="from",
    )
    check_may_edit(org, source, principal, what="dependency")
    target, _ = await _end(
        session,
        org,
        principal,
        objective_id=row.to_objective_id,
        key_result_id=row.to_key_result_id,
        side="to",
    )
    public = DependencyPublic.model_validate(row)
    await DependencyRepository(session).delete(row)
    await emit(
        session,
        "dependency.deleted",
        "dependency",
        public,
        entity_id=dependency_id,
        objective_id=source.id,
        related_objective_id=target.id,
    )
