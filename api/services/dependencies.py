"""Dependencies: lateral links between objectives/KRs across teams (no roll-up, no loop rule)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.auth import Principal
from api.pagination import Page, PageParams, page_of
from api.schemas.alignments import DependencyCreate, DependencyPublic
from api.services.alignments import check_may_edit, visible_objective_ids
from api.services.events import emit
from api.services.okr_visibility import visible_objective
from api.services.org import load_org_chart
from api.services.rules import refuse_all
from domain.errors import NotFound, Violation
from domain.org import OrgChart
from persistence.repositories_alignment import DependencyRepository, GraphLoader
from persistence.repository import equals
from persistence.tables import DependencyRow, KeyResultRow, ObjectiveRow


async def _end(
    session: AsyncSession,
    org: OrgChart,
    actor: str,
    *,
    objective_id: str | None,
    key_result_id: str | None,
    side: str,
) -> tuple[ObjectiveRow, KeyResultRow | None]:
    """The objective at one end (and its KR when the end is a KR); hidden drafts are 404."""
    kr: KeyResultRow | None = None
    if key_result_id is not None:
        found = await GraphLoader(session).key_results([key_result_id])
        if not found:
            raise NotFound(
                f"key result {key_result_id} does not exist",
                code="key_result.not_found",
                field=f"{side}_key_result_id",
            )
        kr = found[0]
        objective_id = kr.objective_id
    assert objective_id is not None
    field = f"{side}_key_result_id" if kr else f"{side}_objective_id"
    row = await visible_objective(session, objective_id, actor, org, field=field)
    return row, kr


async def create_dependency(
    session: AsyncSession, principal: Principal, body: DependencyCreate
) -> DependencyPublic:
    """A new link; whoever may edit the ``from`` objective records what it depends on."""
    actor = principal.person_id
    org = await load_org_chart(session)
    source, source_kr = await _end(
        session,
        org,
        actor,
        objective_id=body.from_objective_id,
        key_result_id=body.from_key_result_id,
        side="from",
    )
    target, target_kr = await _end(
        session,
        org,
        actor,
        objective_id=body.to_objective_id,
        key_result_id=body.to_key_result_id,
        side="to",
    )
    check_may_edit(org, source, actor, what="dependency")
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
    duplicate = equals(
        DependencyRow,
        from_objective_id=body.from_objective_id,
        from_key_result_id=body.from_key_result_id,
        to_objective_id=body.to_objective_id,
        to_key_result_id=body.to_key_result_id,
    )
    existing, _ = await DependencyRepository(session).list(filters=duplicate, limit=1)
    if existing:
        problems.append(
            Violation("dependency.duplicate", f"dependency {existing[0].id} exists already", "to")
        )
    refuse_all(problems, code="dependency.invalid")
    row = await DependencyRepository(session).add(
        DependencyRow(**body.model_dump(), created_by_id=actor)
    )
    public = DependencyPublic.model_validate(row)
    await emit(session, "dependency.created", "dependency", public, entity_id=row.id)
    return public


def _visible_filters(org: OrgChart, actor: str) -> list[ColumnElement[bool]]:
    visible = visible_objective_ids(org, actor)
    if visible is None:
        return []
    kr_visible = GraphLoader.key_result_ids_of(visible)
    out: list[ColumnElement[bool]] = []
    for objective_column, kr_column in (
        (DependencyRow.from_objective_id, DependencyRow.from_key_result_id),
        (DependencyRow.to_objective_id, DependencyRow.to_key_result_id),
    ):
        out.append(
            or_(col(objective_column).in_(visible), col(kr_column).in_(kr_visible)),
        )
    return out


async def _visible_dependency(
    session: AsyncSession, dependency_id: str, org: OrgChart, actor: str
) -> DependencyRow:
    filters = [col(DependencyRow.id) == dependency_id, *_visible_filters(org, actor)]
    rows, _ = await DependencyRepository(session).list(filters=filters, limit=1)
    if not rows:
        raise NotFound(f"dependency {dependency_id} does not exist", code="dependency.not_found")
    return rows[0]


async def get_dependency(
    session: AsyncSession, principal: Principal, dependency_id: str
) -> DependencyPublic:
    """One dependency (404 when an end is a draft the caller may not see)."""
    org = await load_org_chart(session)
    row = await _visible_dependency(session, dependency_id, org, principal.person_id)
    return DependencyPublic.model_validate(row)


async def list_dependencies(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    from_objective_id: str | None,
    from_key_result_id: str | None,
    to_objective_id: str | None,
    to_key_result_id: str | None,
) -> Page[DependencyPublic]:
    """Dependencies in creation order, filtered by either end; hidden drafts left out."""
    org = await load_org_chart(session)
    filters = equals(
        DependencyRow,
        from_objective_id=from_objective_id,
        from_key_result_id=from_key_result_id,
        to_objective_id=to_objective_id,
        to_key_result_id=to_key_result_id,
    )
    filters += _visible_filters(org, principal.person_id)
    rows, after = await DependencyRepository(session).list(
        filters=filters, limit=page.limit, after=page.after
    )
    return page_of([DependencyPublic.model_validate(r) for r in rows], after)


async def delete_dependency(
    session: AsyncSession, principal: Principal, dependency_id: str
) -> None:
    """Remove a dependency (whoever may edit the ``from`` objective)."""
    actor = principal.person_id
    org = await load_org_chart(session)
    row = await _visible_dependency(session, dependency_id, org, actor)
    source, _ = await _end(
        session,
        org,
        actor,
        objective_id=row.from_objective_id,
        key_result_id=row.from_key_result_id,
        side="from",
    )
    check_may_edit(org, source, actor, what="dependency")
    public = DependencyPublic.model_validate(row)
    await DependencyRepository(session).delete(row)
    await emit(session, "dependency.deleted", "dependency", public, entity_id=dependency_id)
