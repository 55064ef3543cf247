"""Change requests: the only way an agreed key result of an annual cycle changes its definition.

The owner side asks; the objective's approver accepts (the change is applied, the KR's version is
bumped and the roll-up recomputes the scores) or rejects. A request changes one KR
(``key_result_id``, ``changes``) or several at once (``objective_id``, ``items``: modify, add,
remove); either is accepted only if the objective then passes the submission rules again
(``domain.lifecycle.objective_shape_violations``), checked when it is made and when accepted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.change_requests import (
    AddKeyResult,
    ChangeRequestCreate,
    ChangeRequestPublic,
    ChangeSetCreate,
    KeyResultChangeItemPublic,
    KeyResultChangesPublic,
)
from api.schemas.key_results import KeyResultPublic
from api.services.events import emit
from api.services.key_results import load_key_result
from api.services.objectives import Loaded, check_can_approve, check_may_edit, load_visible, roll_up
from api.services.okr_visibility import visibility
from api.services.policy import current_policy
from domain.errors import NotFound, RuleViolation
from domain.lifecycle import (
    ChangeItem,
    ChangeOp,
    check_can_accept_change_request,
    check_change_request,
    check_change_set,
)
from domain.model import ChangeRequestState, KeyResultKind
from domain.policy import Policy
from persistence.mappers import key_result_to_domain
from persistence.repositories.base import Keyset
from persistence.repositories.objectives import ChangeRequestRepository, KeyResultRepository
from persistence.tables import ChangeRequestRow, KeyResultRow
from persistence.types import utcnow

_DECIMALS = frozenset({"start_value", "target_value", "weight"})


def _stored(changes: dict[str, Any]) -> dict[str, Any]:
    """JSON-safe form of the changes (decimals as strings, dates ISO, kinds as values)."""
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if isinstance(value, Decimal):
            out[name] = str(value)
        elif isinstance(value, KeyResultKind):
            out[name] = value.value
        elif isinstance(value, date):
            out[name] = value.isoformat()
        else:
            out[name] = value
    return out


def _loaded(stored: dict[str, Any]) -> dict[str, Any]:
    """The domain values of stored changes."""
    out: dict[str, Any] = {}
    for name, value in stored.items():
        if value is None:
            out[name] = None
        elif name in _DECIMALS:
            out[name] = Decimal(value)
        elif name == "due_on":
            out[name] = date.fromisoformat(value)
        elif name == "kind":
            out[name] = KeyResultKind(value)
        else:
            out[name] = value
    return out


def public_of(row: ChangeRequestRow) -> ChangeRequestPublic:
    """The change request as the API shows it."""
    return ChangeRequestPublic(
        id=row.id,
        key_result_id=row.key_result_id,
        objective_id=row.objective_id,
        requested_by_id=row.requested_by_id,
        fields=sorted(row.changes),
        changes=KeyResultChangesPublic.model_validate(_loaded(row.changes)),
        items=None
        if row.items is None
        else [
            KeyResultChangeItemPublic(
                op=item["op"],
                key_result_id=item.get("key_result_id"),
                fields=sorted(item["changes"]),
                changes=KeyResultChangesPublic.model_validate(_loaded(item["changes"])),
            )
            for item in row.items
        ],
        reason=row.reason,
        state=ChangeRequestState(row.state),
        decided_by_id=row.decided_by_id,
        decided_at=row.decided_at,
        decision_note=row.decision_note,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def create_change_request(
    session: AsyncSession, body: ChangeRequestCreate | ChangeSetCreate, principal: Principal
) -> ChangeRequestPublic:
    """Ask to change an agreed annual KR, or several of one objective (whoever may edit the
    objective)."""
    policy, _version = await current_policy(session)
    if isinstance(body, ChangeSetCreate):
        return await _create_change_set(session, body, principal, policy)
    found = await load_key_result(session, body.key_result_id, principal)
    loaded = found.objective
    check_may_edit(loaded.org, loaded.domain, principal)
    changes = body.changes.model_dump(exclude_unset=True)
    check_change_request(
        loaded.domain,
        loaded.cycle,
        changes,
        key_result=key_result_to_domain(found.row),
        policy=policy,
    )
    row = ChangeRequestRow(
        key_result_id=found.row.id,
        objective_id=loaded.row.id,
        requested_by_id=principal.author_id,
        changes=_stored(changes),
        reason=body.reason,
    )
    await ChangeRequestRepository(session).add(row)
    public = public_of(row)
    await emit(session, "change_request.created", "change_request", public, entity_id=row.id)
    return public


def _items(stored: list[dict[str, Any]]) -> list[ChangeItem]:
    return [
        ChangeItem(ChangeOp(i["op"]), i.get("key_result_id"), _loaded(i["changes"])) for i in stored
    ]


async def _create_change_set(
    session: AsyncSession, body: ChangeSetCreate, principal: Principal, policy: Policy
) -> ChangeRequestPublic:
    """A request of several KRs of one objective."""
    loaded = await load_visible(session, body.objective_id, principal, field="objective_id")
    check_may_edit(loaded.org, loaded.domain, principal)
    stored = [
        {
            "op": item.op,
            "key_result_id": None if isinstance(item, AddKeyResult) else item.key_result_id,
            "changes": _stored(
                item.changes.model_dump(exclude_unset=True)
                if isinstance(item, AddKeyResult)
                else {}
                if item.op == "remove"
                else item.changes.model_dump(exclude_unset=True)
            ),
        }
        for item in body.items
    ]
    check_change_set(loaded.domain, loaded.cycle, _items(stored), policy=policy)
    row = ChangeRequestRow(
        key_result_id=None,
        objective_id=loaded.row.id,
        requested_by_id=principal.author_id,
        changes={},
        items=stored,
        reason=body.reason,
    )
    await ChangeRequestRepository(session).add(row)
    public = public_of(row)
    await emit(session, "change_request.created", "change_request", public, entity_id=row.id)
    return public


async def _apply_change_set(
    session: AsyncSession, loaded: Loaded, row: ChangeRequestRow, policy: Policy
) -> None:
    """Apply an accepted request of several KRs in its order, then roll the objective up."""
    assert row.items is not None
    items = _items(row.items)
    check_change_set(loaded.domain, loaded.cycle, items, policy=policy)
    repo = KeyResultRepository(session)
    by_id = {kr.id: kr for kr in loaded.key_results}
    position = max((kr.position for kr in loaded.key_results), default=-1)
    for item in items:
        values: dict[str, Any] = {
            k: (v.value if isinstance(v, KeyResultKind) else v) for k, v in item.changes.items()
        }
        if item.op is ChangeOp.ADD:
            position += 1
            values.setdefault("kind", KeyResultKind.NUMERIC.value)
            kr = KeyResultRow(
                objective_id=loaded.row.id,
                cycle_id=loaded.row.cycle_id,
                position=position,
                **values,
            )
            await repo.add(kr)
            loaded.key_results.append(kr)
            event = "key_result.created"
        elif item.op is ChangeOp.REMOVE:
            kr = by_id[item.key_result_id or ""]
            public = KeyResultPublic.model_validate(kr)
            await repo.delete(kr)
            loaded.key_results.remove(kr)
            await emit(session, "key_result.deleted", "key_result", public, entity_id=kr.id)
            continue
        else:
            kr = by_id[item.key_result_id or ""]
            await repo.update_versioned(kr, values)
            event = "key_result.updated"
        await emit(
            session, event, "key_result", KeyResultPublic.model_validate(kr), entity_id=kr.id
        )
    await roll_up(session, loaded, whole=True)


async def get_change_request(
    session: AsyncSession, request_id: str, principal: Principal
) -> ChangeRequestPublic:
    """One change request, when the caller sees its objective (unknown otherwise)."""
    row = await ChangeRequestRepository(session).find_visible(request_id, visibility(principal))
    if row is None:
        raise NotFound(
            f"change request {request_id} does not exist", code="change_request.not_found"
        )
    return public_of(row)


async def list_change_requests(
    session: AsyncSession,
    principal: Principal,
    *,
    state: ChangeRequestState | None,
    objective_id: str | None,
    key_result_id: str | None,
    limit: int,
    after: Keyset | None,
) -> tuple[list[ChangeRequestPublic], Keyset | None]:
    """Change requests in creation order."""
    rows, next_keyset = await ChangeRequestRepository(session).list_visible(
        visibility(principal),
        state=state.value if state else None,
        objective_id=objective_id,
        key_result_id=key_result_id,
        limit=limit,
        after=after,
    )
    return [public_of(r) for r in rows], next_keyset


async def decide(
    session: AsyncSession,
    request_id: str,
    principal: Principal,
    *,
    accept: bool,
    note: str | None,
) -> ChangeRequestPublic:
    """Accept (apply to the KR, bump its version, roll up) or reject a pending request.

    Locks in the order every writer takes them: the request, its KR, then the objective.
    """
    row = await ChangeRequestRepository(session).find_locked(request_id)
    if row is None:
        raise NotFound(
            f"change request {request_id} does not exist", code="change_request.not_found"
        )
    if row.key_result_id is not None:
        await KeyResultRepository(session).find_locked(row.key_result_id)
    loaded = await load_visible(
        session, row.objective_id, principal, field="objective_id", for_update=True
    )
    if principal.kind == "person":
        check_can_accept_change_request(loaded.domain, principal.id, loaded.org)
    else:
        check_can_approve(loaded.org, loaded.domain, principal)
    if row.state != ChangeRequestState.PENDING.value:
        raise RuleViolation(
            f"change request {request_id} is already {row.state}",
            code="change_request.not_pending",
            field="state",
        )
    kr_row = next((k for k in loaded.key_results if k.id == row.key_result_id), None)
    changes = _loaded(row.changes)
    policy, _version = await current_policy(session)
    if accept and row.items is not None:
        await _apply_change_set(session, loaded, row, policy)
    elif accept and kr_row is not None:
        check_change_request(
            loaded.domain,
            loaded.cycle,
            changes,
            key_result=key_result_to_domain(kr_row),
            policy=policy,
        )
        values = {k: (v.value if isinstance(v, KeyResultKind) else v) for k, v in changes.items()}
        await KeyResultRepository(session).update_versioned(kr_row, values)
        await roll_up(session, loaded, key_result_ids=[kr_row.id])
        await emit(
            session,
            "key_result.updated",
            "key_result",
            KeyResultPublic.model_validate(kr_row),
            entity_id=kr_row.id,
        )
    state = ChangeRequestState.ACCEPTED if accept else ChangeRequestState.REJECTED
    await ChangeRequestRepository(session).update(
        row,
        {
            "state": state.value,
            "decided_by_id": principal.author_id,
            "decided_at": utcnow(),
            "decision_note": note,
        },
    )
    public = public_of(row)
    await emit(session, f"change_request.{state.value}", "change_request", public, entity_id=row.id)
    return public
