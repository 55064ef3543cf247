"""Objectives: creation with origin, draft visibility, editing and the workflow.

Also the helpers the key result and change request services share: loading an objective the caller
may see (locked when the caller writes scores), deciding who may edit it, and handing a change to
the roll-up, which owns every score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.forecasts import ObjectiveLint
from api.schemas.key_results import KeyResultPublic
from api.schemas.objectives import ObjectiveCreate, ObjectivePublic, RuleWarning
from api.services.events import emit
from api.services.lint import finding_public, findings_of
from api.services.okr_visibility import (
    can_see,
    is_draft_reader,
    objective_not_found,
)
from api.services.org import load_org_chart
from api.services.policy import current_policy
from api.services.rollup import propagate
from domain import access
from domain.errors import PermissionDenied, Violation, check_if_match
from domain.lifecycle import (
    check_cycle_open_for_planning,
    check_cycle_writable,
    check_objective_edit,
    transition_objective,
    validate_submission,
)
from domain.lint import Finding
from domain.model import Cycle, Objective, ObjectiveState, OwnerType
from domain.objective_rules import check_deletable, check_owner, origin_of
from domain.org import OrgChart
from domain.policy import Policy
from persistence.mappers import cycle_to_domain, objective_to_domain
from persistence.repositories.cycles import CycleRepository
from persistence.repositories.objectives import KeyResultRepository, ObjectiveRepository
from persistence.repositories.org import PersonRepository
from persistence.tables import KeyResultRow, ObjectiveRow
from persistence.types import utcnow

#: Action path segment -> event type.
EVENTS = {
    "submit": "objective.submitted",
    "approve": "objective.approved",
    "return": "objective.returned",
    "cancel": "objective.cancelled",
}
#: Objectives of an owner that count against the policy's limit per cycle.
COUNTED_STATES = (ObjectiveState.PROPOSED.value, ObjectiveState.AGREED.value)


# -- shared helpers ----------------------------------------------------------------------------


def actor_of(principal: Principal) -> str:
    """The caller's id (a person's id, or a service key's id)."""
    return principal.id


def owner_stub(owner_type: OwnerType, owner_id: str) -> Objective:
    """A domain objective with only its owner set (for org checks before it exists)."""
    return Objective(id="", cycle_id="", owner_type=owner_type, owner_id=owner_id, title="")


def may_edit(org: OrgChart, objective: Objective, principal: Principal) -> bool:
    """Owner (unit: its head), their manager chain (unit: heads above) and admins edit."""
    return is_draft_reader(objective, principal, org)


def check_may_edit(org: OrgChart, objective: Objective, principal: Principal) -> None:
    """403 unless the caller may edit the objective and its key results."""
    if not may_edit(org, objective, principal):
        raise PermissionDenied(
            f"{principal.id} may not change objective {objective.id}: only its owner, the "
            "owner's managers (unit: the heads of the units above) and admins may",
            code="objective.edit_denied",
            field="owner_id",
        )


def check_can_approve(org: OrgChart, objective: Objective, principal: Principal) -> None:
    """The approver (or an admin, never the owner) approves, returns, cancels, decides."""
    access.check_can_approve(org, principal.viewer, objective)


not_found = objective_not_found
"""The 404 of a missing objective or of one the caller may not see."""


@dataclass(slots=True)
class Loaded:
    """An objective the caller may see, with its key results, cycle and the org chart.

    ``locked``: the objective row was locked when it was read (and its KRs read after), so these
    rows are the newest until commit and the roll-up may trust them.
    """

    row: ObjectiveRow
    key_results: list[KeyResultRow]
    cycle: Cycle
    org: OrgChart
    locked: bool = False

    @property
    def domain(self) -> Objective:
        """The domain view of the objective with its key results."""
        return objective_to_domain(self.row, self.key_results)


async def load_visible(
    session: AsyncSession,
    objective_id: str,
    principal: Principal,
    *,
    field: str | None = None,
    for_update: bool = False,
) -> Loaded:
    """The objective, its KRs, its cycle and the org chart; 404 when it is a hidden draft.

    ``for_update`` locks the objective as it is read (PostgreSQL ``FOR UPDATE``; SQLite: the
    transaction becomes the writer first): writers whose changes reach scores load this way.
    """
    repo = ObjectiveRepository(session)
    row = await (repo.find_locked(objective_id) if for_update else repo.find(objective_id))
    if row is None:
        raise not_found(objective_id, field)
    org = await load_org_chart(session)
    if not await can_see(session, row, principal, org):
        raise not_found(objective_id, field)
    key_results = await KeyResultRepository(session).for_objective(row.id)
    cycle = cycle_to_domain(await CycleRepository(session).get(row.cycle_id, field="cycle_id"))
    return Loaded(row=row, key_results=key_results, cycle=cycle, org=org, locked=for_update)


async def roll_up(
    session: AsyncSession,
    loaded: Loaded,
    *,
    key_result_ids: Iterable[str] = (),
    whole: bool = False,
    policy: Policy | None = None,
    state_changed: bool = False,
) -> None:
    """Hand a change of the locked objective to the roll-up, which rewrites the scores.

    ``key_result_ids``: KRs whose values or definition changed; ``whole``: the objective's state
    or KR set changed (all its KRs are recomputed). The objective and its KRs are trusted as
    loaded (no second read); the derived KRs above and their objectives are locked and read by
    the roll-up. Only agreed objectives feed derived KRs above them: the roll-up climbs when the
    objective is agreed, or when ``state_changed`` made it agreed or took it out of agreed.
    """
    if not loaded.locked:
        raise ValueError(f"objective {loaded.row.id} must be loaded for update to be rolled up")
    await propagate(
        session,
        key_result_ids=key_result_ids,
        objective_ids=[loaded.row.id] if whole else (),
        loaded_key_results={kr.id: kr for kr in loaded.key_results},
        held_objectives={loaded.row.id: loaded.row},
        policy=policy,
        climb=state_changed or loaded.row.state == ObjectiveState.AGREED.value,
    )


def public_of(
    row: ObjectiveRow,
    key_results: Sequence[KeyResultRow],
    warnings: Sequence[Violation] = (),
    findings: Sequence[Finding] = (),
    *,
    owner_inactive: bool = False,
) -> ObjectivePublic:
    """The objective as the API shows it, key results embedded; ``warnings`` and lint
    ``findings`` (with their source) as its warnings."""
    return ObjectivePublic.model_validate(
        {
            **row.model_dump(),
            "owner_inactive": owner_inactive,
            "key_results": [KeyResultPublic.model_validate(kr) for kr in key_results],
            "warnings": [
                RuleWarning(code=w.code, message=w.message, field=w.field) for w in warnings
            ]
            + [
                RuleWarning(code=f.code, message=f.message, field=f.field, source=f.source)
                for f in findings
            ],
        }
    )


async def inactive_owners(session: AsyncSession, rows: Sequence[ObjectiveRow]) -> set[str]:
    """Ids of the deactivated people among the owners of these objectives (one query)."""
    people = [r.owner_id for r in rows if r.owner_type == OwnerType.PERSON.value]
    return await PersonRepository(session).inactive_among(people)


async def _public(
    session: AsyncSession,
    row: ObjectiveRow,
    key_results: Sequence[KeyResultRow],
    warnings: Sequence[Violation] = (),
    findings: Sequence[Finding] = (),
) -> ObjectivePublic:
    inactive = row.owner_id in await inactive_owners(session, [row])
    return public_of(row, key_results, warnings, findings, owner_inactive=inactive)


# -- create, read, list ------------------------------------------------------------------------


async def create_objective(
    session: AsyncSession, body: ObjectiveCreate, principal: Principal
) -> ObjectivePublic:
    """A new draft; the owner side, their managers and admins create objectives."""
    actor = actor_of(principal)
    cycle = cycle_to_domain(await CycleRepository(session).get(body.cycle_id, field="cycle_id"))
    org = await load_org_chart(session)
    check_owner(org, body.owner_type, body.owner_id)
    if not may_edit(org, owner_stub(body.owner_type, body.owner_id), principal):
        raise PermissionDenied(
            f"{actor} may not create objectives for {body.owner_type.value} {body.owner_id}: "
            "only the owner, the owner's managers (unit: heads of the units above) and admins may",
            code="objective.create_denied",
            field="owner_id",
        )
    check_cycle_open_for_planning(cycle)
    origin = origin_of(org, body.owner_type, body.owner_id, actor, body.origin)
    row = ObjectiveRow(
        cycle_id=body.cycle_id,
        owner_type=body.owner_type.value,
        owner_id=body.owner_id,
        title=body.title,
        description=body.description,
        origin=origin.value,
        created_by_id=principal.author_id,
    )
    await ObjectiveRepository(session).add(row)
    public = await _public(session, row, [])
    await emit(session, "objective.created", "objective", public, entity_id=row.id)
    return public


# -- edit, delete ------------------------------------------------------------------------------


async def update_objective(
    session: AsyncSession,
    objective_id: str,
    changes: Mapping[str, Any],
    principal: Principal,
    *,
    if_match: str | None,
) -> ObjectivePublic:
    """Change the title or description: freely in draft, never once agreed."""
    loaded = await load_visible(session, objective_id, principal)
    check_may_edit(loaded.org, loaded.domain, principal)
    check_if_match(if_match, loaded.row.version)
    check_cycle_open_for_planning(loaded.cycle)
    changed = {k for k, v in changes.items() if getattr(loaded.row, k) != v}
    check_objective_edit(loaded.domain, changed)
    if changed:
        await ObjectiveRepository(session).update_versioned(
            loaded.row, {k: changes[k] for k in changed}
        )
    public = await _public(session, loaded.row, loaded.key_results)
    if changed:
        await emit(session, "objective.updated", "objective", public, entity_id=loaded.row.id)
    return public


async def delete_objective(
    session: AsyncSession, objective_id: str, principal: Principal, *, if_match: str | None
) -> None:
    """Delete a draft (with its key results)."""
    loaded = await load_visible(session, objective_id, principal)
    check_may_edit(loaded.org, loaded.domain, principal)
    check_if_match(if_match, loaded.row.version)
    check_cycle_writable(loaded.cycle)
    check_deletable(loaded.domain)
    public = await _public(session, loaded.row, loaded.key_results)
    krs = KeyResultRepository(session)
    for kr in loaded.key_results:
        await krs.delete(kr)
    await ObjectiveRepository(session).delete(loaded.row)
    await emit(session, "objective.deleted", "objective", public, entity_id=objective_id)


# -- workflow ----------------------------------------------------------------------------------


def _check_may_submit(loaded: Loaded, principal: Principal) -> None:
    org, objective, actor_id = loaded.org, loaded.domain, principal.id
    if principal.kind == "person" and actor_id in org.owner_person_ids(
        objective.owner_type, objective.owner_id
    ):
        return
    if access.manages_all_okrs(principal.viewer):
        return
    raise PermissionDenied(
        f"{actor_id} may not submit objective {objective.id}: its owner (unit: the unit's head) "
        "or an admin submits it",
        code="objective.submit_denied",
        field="owner_id",
    )


_SAME_RULE = {"lint.few_key_results": "objective.few_key_results"}
"""Lint findings that a submission warning already states (the same policy rule)."""


def _not_repeated(findings: Sequence[Finding], warnings: Sequence[Violation]) -> list[Finding]:
    """The lint findings that no submission warning already states."""
    stated = {w.code for w in warnings}
    return [f for f in findings if _SAME_RULE.get(f.code) not in stated]


async def act(
    session: AsyncSession,
    objective_id: str,
    action: str,
    principal: Principal,
    *,
    reason: str | None = None,
    if_match: str | None,
) -> ObjectivePublic:
    """``submit``, ``approve``, ``return`` or ``cancel`` an objective.

    Approving and cancelling change what the objective feeds into derived KRs above it: the
    roll-up runs for it in the same transaction. The objective is locked as it is loaded, so the
    roll-up trusts the rows read here.
    """
    loaded = await load_visible(session, objective_id, principal, for_update=True)
    objective = loaded.domain
    if action == "submit":
        _check_may_submit(loaded, principal)
    else:
        check_can_approve(loaded.org, objective, principal)
    check_if_match(if_match, loaded.row.version)
    if action == "cancel":
        check_cycle_writable(loaded.cycle)
    else:
        check_cycle_open_for_planning(loaded.cycle)
    state = transition_objective(objective.state, action, reason)
    policy, _ = await current_policy(session)
    warnings: list[Violation] = []
    findings: list[Finding] = []
    changes: dict[str, Any] = {"state": state.value}
    now = utcnow()
    if action == "submit":
        # Two submissions of one owner must not both pass the objective limit: count under a
        # per-owner lock held until commit.
        repo = ObjectiveRepository(session)
        await repo.serialise_owner(loaded.row.owner_type, loaded.row.owner_id)
        others = await ObjectiveRepository(session).count_for_owner(
            loaded.row.cycle_id, loaded.row.owner_type, loaded.row.owner_id, states=COUNTED_STATES
        )
        warnings = validate_submission(
            objective, loaded.cycle, owner_objective_count=others, policy=policy
        )
        findings = _not_repeated(
            await findings_of(
                session,
                row=loaded.row,
                key_results=loaded.key_results,
                cycle=loaded.cycle,
                org=loaded.org,
                policy=policy,
            ),
            warnings,
        )
        changes |= {"submitted_at": now, "state_reason": None}
    elif action == "approve":
        changes |= {"approved_by_id": principal.author_id, "agreed_at": now}
    else:
        changes |= {"state_reason": reason}
    await ObjectiveRepository(session).update_versioned(loaded.row, changes)
    await roll_up(
        session, loaded, whole=True, policy=policy, state_changed=action in ("approve", "cancel")
    )
    public = await _public(session, loaded.row, loaded.key_results, warnings, findings)
    await emit(session, EVENTS[action], "objective", public, entity_id=loaded.row.id)
    return public


# -- lint --------------------------------------------------------------------------------------


async def lint_of(session: AsyncSession, principal: Principal, objective_id: str) -> ObjectiveLint:
    """The objective's OKR lint findings (404 like the objective itself when it is hidden)."""
    loaded = await load_visible(session, objective_id, principal)
    policy, _ = await current_policy(session)
    found = await findings_of(
        session,
        row=loaded.row,
        key_results=loaded.key_results,
        cycle=loaded.cycle,
        org=loaded.org,
        policy=policy,
    )
    return ObjectiveLint(objective_id=objective_id, findings=[finding_public(f) for f in found])
