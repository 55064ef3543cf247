"""Lifecycles (okr-domain §4): cycle and objective state machines, submission, freezing.

Also the change requests through which agreed KRs of annual cycles change.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.errors import (
    FrozenField,
    InvalidTransition,
    PolicyViolation,
    RuleViolation,
    Violation,
)
from domain.model import (
    Cycle,
    CycleKind,
    CycleState,
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
)
from domain.org import OrgChart
from domain.policy import Policy

_CYCLE_TRANSITIONS: dict[tuple[CycleState, str], CycleState] = {
    (CycleState.PLANNING, "activate"): CycleState.ACTIVE,
    (CycleState.ACTIVE, "start_review"): CycleState.REVIEW,
    (CycleState.REVIEW, "close"): CycleState.CLOSED,
}
_CYCLE_ACTION_TARGET = {action: to for (_, action), to in _CYCLE_TRANSITIONS.items()}

_OBJECTIVE_TRANSITIONS: dict[tuple[ObjectiveState, str], ObjectiveState] = {
    (ObjectiveState.DRAFT, "submit"): ObjectiveState.PROPOSED,
    (ObjectiveState.PROPOSED, "approve"): ObjectiveState.AGREED,
    (ObjectiveState.PROPOSED, "return"): ObjectiveState.DRAFT,
    (ObjectiveState.AGREED, "cancel"): ObjectiveState.CANCELLED,
}
_OBJECTIVE_ACTION_TARGET = {action: to for (_, action), to in _OBJECTIVE_TRANSITIONS.items()}
_REASON_ACTIONS = frozenset({"return", "cancel"})

#: Objective fields frozen once it is agreed (or cancelled).
OBJECTIVE_FROZEN_FIELDS = frozenset({"title", "description"})
#: KR fields that define it; frozen after agreement, changed in annual cycles by change request.
KEY_RESULT_DEFINITION_FIELDS = frozenset(
    {"target_value", "start_value", "weight", "kind", "due_on", "title"}
)
_SETTLED = frozenset({ObjectiveState.AGREED, ObjectiveState.CANCELLED})


def transition_cycle(state: CycleState, action: str) -> CycleState:
    """The state after ``action`` (``activate``, ``start_review``, ``close``), or refuse."""
    target = _CYCLE_TRANSITIONS.get((state, action))
    if target is None:
        to = _CYCLE_ACTION_TARGET.get(action)
        shown = to.value if to is not None else f"? (unknown action {action!r})"
        raise InvalidTransition(
            f"cycle cannot {action}: {state.value} -> {shown} is not allowed",
            code="cycle.invalid_transition",
            field="state",
        )
    return target


def transition_objective(
    state: ObjectiveState, action: str, reason: str | None = None
) -> ObjectiveState:
    """The state after ``submit``, ``approve``, ``return`` or ``cancel``, or refuse.

    ``return`` and ``cancel`` need a non-blank reason. Who may act is checked by the caller
    (``OrgChart.check_can_approve`` for approve, return and cancel).
    """
    target = _OBJECTIVE_TRANSITIONS.get((state, action))
    if target is None:
        to = _OBJECTIVE_ACTION_TARGET.get(action)
        shown = to.value if to is not None else f"? (unknown action {action!r})"
        raise InvalidTransition(
            f"objective cannot {action}: {state.value} -> {shown} is not allowed",
            code="objective.invalid_transition",
            field="state",
        )
    if action in _REASON_ACTIONS and (reason is None or not reason.strip()):
        raise RuleViolation(
            f"{action} needs a reason",
            code="objective.reason_required",
            field="reason",
        )
    return target


def check_cycle_open_for_planning(cycle: Cycle) -> None:
    """Objectives and KRs are created, edited, submitted and approved in planning/active cycles."""
    if cycle.state not in (CycleState.PLANNING, CycleState.ACTIVE):
        raise RuleViolation(
            f"cycle {cycle.id} is {cycle.state.value}: objectives can no longer be planned",
            code="cycle.not_open",
            field="cycle_id",
        )


def check_cycle_writable(cycle: Cycle) -> None:
    """A closed cycle is read-only for ever."""
    if cycle.state is CycleState.CLOSED:
        raise RuleViolation(
            f"cycle {cycle.id} is closed and read-only",
            code="cycle.closed",
            field="cycle_id",
        )


def validate_submission(
    objective: Objective, cycle: Cycle, *, owner_objective_count: int, policy: Policy
) -> list[Violation]:
    """Check an objective before it is proposed; return the warnings, raise on any error.

    ``owner_objective_count`` is the number of the owner's OTHER objectives in the cycle that count
    against the limit (proposed or agreed); this objective is added to it.
    All errors are named at once in a PolicyViolation coded ``objective.submission_invalid``.
    """
    errors, warnings = objective_shape_violations(objective, cycle, policy)
    total_objectives = owner_objective_count + 1
    if total_objectives > policy.max_objectives_per_owner:
        errors.append(
            Violation(
                "objective.too_many_objectives",
                f"the owner would have {total_objectives} objectives in the cycle, at most "
                f"{policy.max_objectives_per_owner} are allowed",
                "owner_id",
            )
        )
    if total_objectives < policy.min_objectives_per_owner:
        warnings.append(
            Violation(
                "objective.few_objectives",
                f"the owner has fewer than {policy.min_objectives_per_owner} objectives",
                "owner_id",
            )
        )
    if errors:
        raise PolicyViolation.from_violations(errors, code="objective.submission_invalid")
    return warnings


def objective_shape_violations(
    objective: Objective, cycle: Cycle, policy: Policy
) -> tuple[list[Violation], list[Violation]]:
    """The submission rules of one objective's key results (errors, warnings): KR count within
    policy, weights summing to the policy's total, every KR fit (target, due date in the cycle).
    Submission adds the owner's objective count; an accepted change request passes these again."""
    errors: list[Violation] = []
    warnings: list[Violation] = []
    krs = objective.key_results
    count = len(krs)
    if count < policy.min_key_results_per_objective:
        errors.append(
            Violation(
                "objective.too_few_key_results",
                f"an objective needs at least {policy.min_key_results_per_objective} key "
                f"result(s), it has {count}",
                "key_results",
            )
        )
    if count > policy.max_key_results_per_objective:
        errors.append(
            Violation(
                "objective.too_many_key_results",
                f"an objective has at most {policy.max_key_results_per_objective} key results, "
                f"it has {count}",
                "key_results",
            )
        )
    if 0 < count < policy.recommended_min_key_results:
        warnings.append(
            Violation(
                "objective.few_key_results",
                f"fewer than {policy.recommended_min_key_results} key results",
                "key_results",
            )
        )
    if count:
        total = sum((kr.weight for kr in krs), Decimal(0))
        if total != policy.weights_total:
            errors.append(
                Violation(
                    "objective.weights_not_100",
                    f"key result weights sum to {total}, they must sum to {policy.weights_total}",
                    "key_results",
                )
            )
    for kr in krs:
        errors.extend(key_result_definition_violations(kr, cycle))
    return errors, warnings


def key_result_definition_violations(kr: KeyResult, cycle: Cycle) -> list[Violation]:
    """What makes a KR unfit for submission: weight, measurable target, due date in the cycle."""
    found: list[Violation] = []
    if kr.weight <= 0:
        found.append(
            Violation(
                "key_result.weight_not_positive", f"key result {kr.id}: weight must be > 0", kr.id
            )
        )
    if kr.kind is KeyResultKind.NUMERIC:
        if kr.start_value is None or kr.target_value is None:
            found.append(
                Violation(
                    "key_result.target_equals_start",
                    f"key result {kr.id}: a numeric key result needs a start and a target value",
                    kr.id,
                )
            )
        elif kr.start_value == kr.target_value:
            found.append(
                Violation(
                    "key_result.target_equals_start",
                    f"key result {kr.id}: target equals start, progress cannot be measured",
                    kr.id,
                )
            )
    if kr.due_on is None:
        found.append(
            Violation(
                "key_result.due_outside_cycle",
                f"key result {kr.id}: a due date inside the cycle is required",
                kr.id,
            )
        )
    elif not cycle.covers(kr.due_on):
        found.append(
            Violation(
                "key_result.due_outside_cycle",
                f"key result {kr.id}: due {kr.due_on} lies outside the cycle "
                f"{cycle.starts_on}..{cycle.ends_on}",
                kr.id,
            )
        )
    return found


def check_objective_edit(objective: Objective, changed: set[str]) -> None:
    """Drafts are edited freely; proposed must go back to draft; agreed text is frozen."""
    if not changed or objective.state is ObjectiveState.DRAFT:
        return
    if objective.state is ObjectiveState.PROPOSED:
        raise RuleViolation(
            f"objective {objective.id} is proposed: return it to draft before editing",
            code="objective.not_editable",
            field=sorted(changed)[0],
        )
    frozen = sorted(changed & OBJECTIVE_FROZEN_FIELDS)
    if frozen:
        raise FrozenField.from_violations(
            [
                Violation(
                    "objective.frozen",
                    f"{name} of {objective.state.value} objective {objective.id} is frozen",
                    name,
                )
                for name in frozen
            ]
        )


def _kr_frozen_code(cycle: Cycle) -> str:
    if cycle.kind is CycleKind.ANNUAL:
        return "key_result.change_request_required"
    return "key_result.frozen"


def check_key_result_edit(objective: Objective, cycle: Cycle, changed: set[str]) -> None:
    """KR edits: free in draft, refused when proposed, definition frozen after agreement.

    Annual cycles answer ``key_result.change_request_required`` instead of ``key_result.frozen``.
    """
    if not changed or objective.state is ObjectiveState.DRAFT:
        return
    if objective.state is ObjectiveState.PROPOSED:
        raise RuleViolation(
            f"objective {objective.id} is proposed: return it to draft before editing key results",
            code="objective.not_editable",
            field=sorted(changed)[0],
        )
    frozen = sorted(changed & KEY_RESULT_DEFINITION_FIELDS)
    if frozen:
        code = _kr_frozen_code(cycle)
        hint = " (submit a change request)" if code.endswith("required") else ""
        raise FrozenField.from_violations(
            [
                Violation(code, f"{name} of an agreed key result is frozen{hint}", name)
                for name in frozen
            ]
        )


def check_key_result_add_remove(objective: Objective, cycle: Cycle) -> None:
    """Adding or removing KRs: only in draft."""
    if objective.state is ObjectiveState.DRAFT:
        return
    if objective.state is ObjectiveState.PROPOSED:
        raise RuleViolation(
            f"objective {objective.id} is proposed: return it to draft before changing its KRs",
            code="objective.not_editable",
            field="key_results",
        )
    raise FrozenField(
        f"the key results of {objective.state.value} objective {objective.id} are frozen",
        code=_kr_frozen_code(cycle),
        field="key_results",
    )


_CHANGE_TYPES: dict[str, tuple[type, ...]] = {
    "target_value": (Decimal,),
    "start_value": (Decimal,),
    "weight": (Decimal,),
    "kind": (KeyResultKind, str),
    "due_on": (date,),
    "title": (str,),
}


class ChangeOp(enum.StrEnum):
    """What one item of a change request does to the objective's key results."""

    MODIFY = "modify"
    ADD = "add"
    REMOVE = "remove"


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One item of a change request: modify or remove a KR (by id), or add one (``changes``
    holds its definition: title, kind, start and target values, weight, due date)."""

    op: ChangeOp
    key_result_id: str | None = None
    changes: Mapping[str, object] = field(default_factory=dict)


NEW_KEY_RESULT_PREFIX = "new-"
"""The stand-in id of an added KR in the candidate objective (``new-1``, ``new-2``, ...)."""


def _base_violations(objective: Objective, cycle: Cycle) -> list[Violation]:
    problems: list[Violation] = []
    if cycle.state is CycleState.CLOSED:
        problems.append(Violation("cycle.closed", f"cycle {cycle.id} is closed", "cycle_id"))
    if cycle.kind is not CycleKind.ANNUAL:
        problems.append(
            Violation(
                "change_request.not_annual",
                "key results change by request only in annual cycles",
                "cycle_id",
            )
        )
    if objective.state is not ObjectiveState.AGREED:
        problems.append(
            Violation(
                "change_request.objective_not_agreed",
                f"objective {objective.id} is {objective.state.value}, not agreed",
                "objective_id",
            )
        )
    return problems


def _field_violations(changes: Mapping[str, object]) -> list[Violation]:
    problems: list[Violation] = []
    for name, value in changes.items():
        types = _CHANGE_TYPES.get(name)
        if types is None:
            problems.append(
                Violation(
                    "change_request.field_not_allowed",
                    f"{name} is not a definition field of a key result",
                    name,
                )
            )
        elif not isinstance(value, types) or (name == "kind" and value not in set(KeyResultKind)):
            if not (name in ("start_value", "target_value") and value is None):
                problems.append(
                    Violation("change_request.wrong_type", f"{name} has the wrong type", name)
                )
    return problems


def _raise(problems: list[Violation]) -> None:
    if problems:
        code = None if len(problems) == 1 else "change_request.invalid"
        raise RuleViolation.from_violations(problems, code=code)


def check_change_request(
    objective: Objective,
    cycle: Cycle,
    changes: Mapping[str, object],
    *,
    key_result: KeyResult | None = None,
    policy: Policy | None = None,
) -> None:
    """A change request is for an agreed objective of an annual cycle, on definition fields.

    With ``key_result`` given, the changed KR must also stay fit (weight, target, due date); with
    ``policy`` too, the objective must then pass the submission rules again (weights summing to
    100%, KR count, due dates): a lone weight change cannot leave weights summing to 90.
    """
    problems = _base_violations(objective, cycle)
    if not changes:
        problems.append(
            Violation("change_request.empty", "a change request changes something", None)
        )
    problems.extend(_field_violations(changes))
    if not problems and key_result is not None:
        changed = apply_change_request(key_result, changes)
        problems.extend(key_result_definition_violations(changed, cycle))
        if not problems and policy is not None:
            candidate = dataclasses.replace(
                objective,
                key_results=[
                    changed if kr.id == changed.id else kr for kr in objective.key_results
                ],
            )
            problems.extend(objective_shape_violations(candidate, cycle, policy)[0])
    _raise(problems)


_ADD_REQUIRED = ("title", "weight", "due_on")


def check_change_set(
    objective: Objective, cycle: Cycle, items: Sequence[ChangeItem], *, policy: Policy
) -> Objective:
    """Several KR changes of an agreed annual objective at once (modify, add, remove), accepted
    only if the objective then passes the submission rules again; every problem named at once.

    Returns the candidate objective (added KRs under ``new-1``, ``new-2``... ids, in order).
    """
    problems = _base_violations(objective, cycle)
    if not items:
        problems.append(
            Violation("change_request.empty", "a change request changes something", "items")
        )
    by_id = {kr.id: kr for kr in objective.key_results}
    named: set[str] = set()
    changed: dict[str, KeyResult] = {}
    removed: set[str] = set()
    added: list[KeyResult] = []
    for n, item in enumerate(items):
        where = f"items[{n}]"
        if item.op is ChangeOp.ADD:
            item_problems = _field_violations(item.changes)
            missing = [name for name in _ADD_REQUIRED if item.changes.get(name) is None]
            item_problems.extend(
                Violation(
                    "change_request.field_required", f"{where}: an added KR needs {name}", name
                )
                for name in missing
            )
            problems.extend(item_problems)
            if not item_problems:
                values = dict(item.changes)
                kind = values.pop("kind", KeyResultKind.NUMERIC)
                added.append(
                    KeyResult(
                        id=f"{NEW_KEY_RESULT_PREFIX}{len(added) + 1}",
                        objective_id=objective.id,
                        title=str(values.pop("title")),
                        kind=KeyResultKind(str(kind)),
                        weight=values.pop("weight"),  # type: ignore[arg-type]
                        **values,  # type: ignore[arg-type]
                    )
                )
            continue
        kr_id = item.key_result_id
        if kr_id is None or kr_id not in by_id:
            problems.append(
                Violation(
                    "change_request.unknown_key_result",
                    f"{where}: key result {kr_id} is not part of objective {objective.id}",
                    kr_id,
                )
            )
            continue
        if kr_id in named:
            problems.append(
                Violation(
                    "change_request.duplicate_key_result",
                    f"{where}: key result {kr_id} is named twice",
                    kr_id,
                )
            )
            continue
        named.add(kr_id)
        if item.op is ChangeOp.REMOVE:
            removed.add(kr_id)
            continue
        if not item.changes:
            problems.append(
                Violation(
                    "change_request.empty", f"{where}: a modification changes something", kr_id
                )
            )
        field_problems = _field_violations(item.changes)
        problems.extend(field_problems)
        if not field_problems:
            changed[kr_id] = apply_change_request(by_id[kr_id], item.changes)
    if problems:
        _raise(problems)
    candidate = dataclasses.replace(
        objective,
        key_results=[changed.get(kr.id, kr) for kr in objective.key_results if kr.id not in removed]
        + added,
    )
    _raise(objective_shape_violations(candidate, cycle, policy)[0])
    return candidate


def apply_change_request(kr: KeyResult, changes: Mapping[str, object]) -> KeyResult:
    """A copy of the KR with the accepted changes applied (the caller rolls its score up)."""
    values = dict(changes)
    if "kind" in values and isinstance(values["kind"], str):
        values["kind"] = KeyResultKind(values["kind"])
    return dataclasses.replace(kr, **values)  # type: ignore[arg-type]


def check_can_accept_change_request(objective: Objective, actor_id: str, org: OrgChart) -> None:
    """Accepting or rejecting a change request is the objective's approver's call."""
    org.check_can_approve(objective, actor_id)
