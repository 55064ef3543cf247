"""OKR lint (okr-domain §10) of an objective: the facts the rules need (alignment upward, what
the metric keys reached in the owner's previous cycle), loaded once and handed to
``domain.lint.lint_objective``. ``api.services.objectives`` serves them on
``GET /v1/objectives/{id}/lint`` and adds them to the warnings of ``/submit`` (never blocking)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.forecasts import LintFinding
from domain.lint import Finding, LintKeyResult, ObjectiveNumbers, lint_objective
from domain.model import Cycle, KeyResultKind, OwnerType
from domain.org import OrgChart
from domain.policy import Policy
from persistence.mappers import key_result_to_domain
from persistence.repositories.alignment import AlignmentRepository
from persistence.repositories.objectives import KeyResultRepository
from persistence.tables import KeyResultRow, ObjectiveRow


def _objective_numbers(policy: Policy) -> ObjectiveNumbers:
    value = policy.objective_numbers
    if value == "require":
        return "require"
    if value == "forbid":
        return "forbid"
    return "any"


async def findings_of(
    session: AsyncSession,
    *,
    row: ObjectiveRow,
    key_results: Sequence[KeyResultRow],
    cycle: Cycle,
    org: OrgChart,
    policy: Policy,
) -> list[Finding]:
    """Every lint finding of the objective with these KRs in this cycle."""
    linted = [
        LintKeyResult.of(key_result_to_domain(kr), unit=kr.unit, metric_key=kr.metric_key)
        for kr in key_results
    ]
    owner_type = OwnerType(row.owner_type)
    company = owner_type is OwnerType.UNIT and org.is_root_unit(row.owner_id)
    aligned: bool | None = None
    if not company:
        edges = await AlignmentRepository(session).touching([row.id])
        aligned = any(edge.child_objective_id == row.id for edge in edges)
    keys = {
        kr.metric_key
        for kr in key_results
        if kr.metric_key is not None and kr.kind == KeyResultKind.NUMERIC.value
    }
    previous: dict[str, Decimal] = await KeyResultRepository(session).reached_in_previous_cycle(
        owner_type=row.owner_type,
        owner_id=row.owner_id,
        kind=cycle.kind.value,
        starts_on=cycle.starts_on,
        metric_keys=keys,
    )
    return lint_objective(
        title=row.title,
        description=row.description,
        key_results=linted,
        cycle=cycle,
        policy=policy,
        objective_numbers=_objective_numbers(policy),
        previous_values=previous,
        aligned_upward=aligned,
    )


def finding_public(finding: Finding) -> LintFinding:
    """A finding as the API shows it."""
    return LintFinding(
        code=finding.code, message=finding.message, field=finding.field, source=finding.source
    )
