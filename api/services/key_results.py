"""Key results: added and removed in drafts, definitions frozen after agreement.

Every change that reaches a score is handed to the roll-up with the objective locked as it was
loaded (a KR that is changed is locked before its objective, as check-ins lock them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.key_results import KeyResultCreate, KeyResultPublic
from api.services.events import emit
from api.services.objectives import (
    Loaded,
    check_may_edit,
    load_visible,
    roll_up,
)
from api.services.rules import refuse_all
from domain.errors import Conflict, NotFound, RuleViolation, check_if_match
from domain.key_result_rules import (
    affects_score,
    check_cycle_allows_edit,
    progress_violations,
    value_violations,
    with_changes,
)
from domain.lifecycle import (
    check_cycle_open_for_planning,
    check_key_result_add_remove,
    check_key_result_edit,
)
from domain.model import KeyResultKind, ObjectiveState
from persistence.mappers import key_result_to_domain
from persistence.repositories.objectives import KeyResultRepository
from persistence.tables import KeyResultRow


async def _check_metric_key(
    session: AsyncSession, metric_key: str | None, kr_id: str, cycle_id: str
) -> None:
    """409 when another KR of the cycle carries the metric key (unique per cycle: a KR of each
    cycle may carry it)."""
    if metric_key is None:
        return
    other = await KeyResultRepository(session).find_by_metric_key(metric_key, cycle_id)
    if other is not None and other.id != kr_id:
        raise Conflict(
            f"metric_key {metric_key!r} belongs to key result {other.id} of the same cycle",
            code="key_result.metric_key_taken",
            field="metric_key",
        )


@dataclass(slots=True)
class LoadedKeyResult:
    """A key result the caller may see, with its objective."""

    row: KeyResultRow
    objective: Loaded


async def load_key_result(
    session: AsyncSession, key_result_id: str, principal: Principal, *, for_update: bool = False
) -> LoadedKeyResult:
    """The KR and its objective; 404 when the objective is a draft the caller may not see.

    ``for_update`` locks the KR, then its objective, as they are read.
    """
    repo = KeyResultRepository(session)
    row = await (repo.find_locked(key_result_id) if for_update else repo.find(key_result_id))
    missing = NotFound(f"key result {key_result_id} does not exist", code="key_result.not_found")
    if row is None:
        raise missing
    try:
        loaded = await load_visible(session, row.objective_id, principal, for_update=for_update)
    except NotFound as exc:
        raise missing from exc
    kr = next(k for k in loaded.key_results if k.id == row.id)
    return LoadedKeyResult(row=kr, objective=loaded)


def _public(row: KeyResultRow) -> KeyResultPublic:
    return KeyResultPublic.model_validate(row)


async def create_key_result(
    session: AsyncSession, objective_id: str, body: KeyResultCreate, principal: Principal
) -> KeyResultPublic:
    """Add a KR to a draft objective and roll its score up."""
    loaded = await load_visible(session, objective_id, principal, for_update=True)
    check_may_edit(loaded.org, loaded.domain, principal)
    check_cycle_open_for_planning(loaded.cycle)
    check_key_result_add_remove(loaded.domain, loaded.cycle)
    row = KeyResultRow(
        objective_id=objective_id,
        cycle_id=loaded.row.cycle_id,
        position=max((k.position for k in loaded.key_results), default=-1) + 1,
        **{**body.model_dump(), "kind": body.kind.value},
    )
    refuse_all(value_violations(key_result_to_domain(row)), code="key_result.invalid")
    await _check_metric_key(session, body.metric_key, row.id, row.cycle_id)
    await KeyResultRepository(session).add(row)
    loaded.key_results.append(row)
    await roll_up(session, loaded, whole=True)
    public = _public(row)
    await emit(session, "key_result.created", "key_result", public, entity_id=row.id)
    return public


async def update_key_result(
    session: AsyncSession,
    key_result_id: str,
    changes: Mapping[str, Any],
    principal: Principal,
    *,
    if_match: str | None,
) -> KeyResultPublic:
    """Change a KR: anything in draft; after agreement only its unit and metric key."""
    found = await load_key_result(session, key_result_id, principal, for_update=True)
    row, loaded = found.row, found.objective
    check_may_edit(loaded.org, loaded.domain, principal)
    check_if_match(if_match, row.version)
    values = {k: (v.value if isinstance(v, KeyResultKind) else v) for k, v in changes.items()}
    changed = {k for k, v in values.items() if getattr(row, k) != v}
    check_cycle_allows_edit(loaded.cycle, changed)
    check_key_result_edit(loaded.domain, loaded.cycle, changed)
    progress = progress_violations(ObjectiveState(loaded.row.state), changed)
    if progress:
        raise RuleViolation.from_violations(progress)
    candidate = with_changes(key_result_to_domain(row), {k: changes[k] for k in changed})
    refuse_all(value_violations(candidate), code="key_result.invalid")
    if "metric_key" in changed:
        await _check_metric_key(session, values["metric_key"], row.id, row.cycle_id)
    if changed:
        await KeyResultRepository(session).update_versioned(row, {k: values[k] for k in changed})
        if affects_score(changed):
            await roll_up(session, loaded, key_result_ids=[row.id])
    public = _public(row)
    if changed:
        await emit(session, "key_result.updated", "key_result", public, entity_id=row.id)
    return public


async def delete_key_result(
    session: AsyncSession, key_result_id: str, principal: Principal, *, if_match: str | None
) -> None:
    """Remove a KR from a draft objective and roll its score up."""
    found = await load_key_result(session, key_result_id, principal, for_update=True)
    row, loaded = found.row, found.objective
    check_may_edit(loaded.org, loaded.domain, principal)
    check_if_match(if_match, row.version)
    check_cycle_open_for_planning(loaded.cycle)
    check_key_result_add_remove(loaded.domain, loaded.cycle)
    public = _public(row)
    await KeyResultRepository(session).delete(row)
    loaded.key_results.remove(row)
    await roll_up(session, loaded, whole=True)
    await emit(session, "key_result.deleted", "key_result", public, entity_id=key_result_id)
