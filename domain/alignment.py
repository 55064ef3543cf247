"""The alignment graph (okr-domain §5): edge rules, loop detection and score roll-up.

Edges point from a child objective up to a parent objective, or to one KR of it. Scores roll up
only through KRs of kind ``derived``: such a KR's progress is the plain mean of the current
scores of the agreed objectives aligned to it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.errors import AlignmentCycle, AlignmentRefused, NotFound, RuleViolation, Violation
from domain.model import (
    Cycle,
    CycleKind,
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
    OwnerType,
)
from domain.org import OrgChart
from domain.scoring import kr_progress, kr_score, objective_score

_DERIVED = KeyResultKind.DERIVED
_AGREED = ObjectiveState.AGREED
_ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class AlignmentEdge:
    """Child objective supports a parent objective, or one KR of it (then both ids are set)."""

    child_objective_id: str
    parent_objective_id: str
    parent_key_result_id: str | None = None


def find_path(edges: Iterable[AlignmentEdge], start: str, goal: str) -> list[str] | None:
    """A path of objective ids from ``start`` up to ``goal`` along child->parent edges."""
    if start == goal:
        return [start]
    parents: dict[str, list[str]] = {}
    for edge in edges:
        parents.setdefault(edge.child_objective_id, []).append(edge.parent_objective_id)
    previous: dict[str, str] = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for parent in parents.get(node, ()):
            if parent in previous:
                continue
            previous[parent] = node
            if parent == goal:
                path = [goal]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                path.reverse()
                return path
            queue.append(parent)
    return None


def _owner_is_upward(child: Objective, parent: Objective, org: OrgChart) -> bool:
    if child.owner_type is OwnerType.UNIT:
        if parent.owner_type is not OwnerType.UNIT:
            return False
        return parent.owner_id == child.owner_id or parent.owner_id in org.unit_ancestors(
            child.owner_id
        )
    if parent.owner_type is OwnerType.PERSON:
        return parent.owner_id in org.manager_chain(child.owner_id)
    person = org.people.get(child.owner_id)
    if person is None or person.unit_id is None:
        return False
    return parent.owner_id == person.unit_id or parent.owner_id in org.unit_ancestors(
        person.unit_id
    )


_KIND_RANK = {CycleKind.MONTHLY: 1, CycleKind.QUARTERLY: 2, CycleKind.ANNUAL: 3}


def encloses(parent_cycle: Cycle, child_cycle: Cycle) -> bool:
    """Whether the parent's cycle is of a longer kind and contains the child's (a year around a
    quarter, a quarter around a month)."""
    return _KIND_RANK[parent_cycle.kind] > _KIND_RANK[child_cycle.kind] and parent_cycle.contains(
        child_cycle
    )


def is_own_objective(child: Objective, parent: Objective) -> bool:
    """Whether both objectives belong to the same person."""
    return (
        child.owner_type is OwnerType.PERSON
        and parent.owner_type is OwnerType.PERSON
        and child.owner_id == parent.owner_id
    )


def check_alignment(
    *,
    child: Objective,
    child_cycle: Cycle,
    parent: Objective,
    parent_cycle: Cycle,
    org: OrgChart,
    edges: Iterable[AlignmentEdge],
    parent_key_result: KeyResult | None = None,
) -> None:
    """Refuse an alignment edge that breaks §5, naming every violation at once.

    Raises AlignmentCycle (whose ``loop`` runs child ... child) when the edge would close a loop,
    AlignmentRefused otherwise.
    """
    edges = list(edges)
    problems: list[Violation] = []
    if child.id == parent.id:
        problems.append(
            Violation(
                "alignment.self", "an objective cannot align to itself", "parent_objective_id"
            )
        )
    for who, obj, field in (
        ("child", child, "child_objective_id"),
        ("parent", parent, "parent_objective_id"),
    ):
        if obj.state is ObjectiveState.CANCELLED:
            problems.append(
                Violation(
                    "alignment.cancelled", f"the {who} objective {obj.id} is cancelled", field
                )
            )
    if parent_key_result is not None and parent_key_result.objective_id != parent.id:
        problems.append(
            Violation(
                "alignment.key_result_mismatch",
                f"key result {parent_key_result.id} does not belong to objective {parent.id}",
                "parent_key_result_id",
            )
        )
    if not parent_cycle.contains(child_cycle):
        problems.append(
            Violation(
                "alignment.period_not_contained",
                f"the parent's cycle {parent_cycle.id} ({parent_cycle.starts_on}.."
                f"{parent_cycle.ends_on}) does not contain the child's cycle {child_cycle.id} "
                f"({child_cycle.starts_on}..{child_cycle.ends_on})",
                "parent_objective_id",
            )
        )
    if child.id != parent.id and is_own_objective(child, parent):
        # okr-domain §5: a person aligns to their own objective in an enclosing cycle only
        if not encloses(parent_cycle, child_cycle):
            problems.append(
                Violation(
                    "alignment.own_not_enclosing",
                    f"person {child.owner_id} aligns to their own objective only in an enclosing "
                    f"cycle (a quarter under a year, a month under a quarter); "
                    f"{parent_cycle.kind.value} {parent_cycle.id} does not enclose "
                    f"{child_cycle.kind.value} {child_cycle.id}",
                    "parent_objective_id",
                )
            )
    elif child.id != parent.id and not _owner_is_upward(child, parent, org):
        problems.append(
            Violation(
                "alignment.not_upward",
                f"{child.owner_type.value} {child.owner_id} cannot align to an objective of "
                f"{parent.owner_type.value} {parent.owner_id}: alignment runs upward (sideways "
                "links are dependencies)",
                "parent_objective_id",
            )
        )
    kr_id = parent_key_result.id if parent_key_result is not None else None
    for edge in edges:
        if (
            edge.child_objective_id == child.id
            and edge.parent_objective_id == parent.id
            and edge.parent_key_result_id == kr_id
        ):
            problems.append(
                Violation(
                    "alignment.duplicate", "this alignment exists already", "parent_objective_id"
                )
            )
            break
    path = None if child.id == parent.id else find_path(edges, parent.id, child.id)
    if path is not None:
        error = AlignmentCycle([child.id, *path])
        error.violations = (*error.violations, *problems)
        raise error
    if problems:
        raise AlignmentRefused.from_violations(problems)


@dataclass(frozen=True, slots=True)
class Touched:
    """What a roll-up recomputed (in dependency order) and which of those changed value."""

    key_result_ids: tuple[str, ...]
    objective_ids: tuple[str, ...]
    changed_key_result_ids: tuple[str, ...] = ()
    changed_objective_ids: tuple[str, ...] = ()


class RollupGraph:
    """Objectives (with their KRs) and alignment edges; recomputes scores in dependency order.

    A graph may be partial for ``propagate_from``: the objectives above the changed KRs plus every
    objective aligned to a derived KR on that chain (whose stored ``score`` is taken as-is).
    Numeric KRs whose definition is not measurable yet (drafts: no target, target == start) score 0.
    """

    def __init__(self, objectives: Iterable[Objective], edges: Iterable[AlignmentEdge]) -> None:
        self.objectives: dict[str, Objective] = {o.id: o for o in objectives}
        self.key_results: dict[str, KeyResult] = {}
        self._kr_owner: dict[str, Objective] = {}
        for obj in self.objectives.values():
            for kr in obj.key_results:
                self.key_results[kr.id] = kr
                self._kr_owner[kr.id] = obj
        # parent KR id -> child objective ids (ordered, deduplicated); child id -> parent KR ids
        self._kr_children: dict[str, dict[str, None]] = {}
        self._feeds: dict[str, dict[str, None]] = {}
        for edge in edges:
            kr_id = edge.parent_key_result_id
            if kr_id is None or kr_id not in self.key_results:
                continue
            self._kr_children.setdefault(kr_id, {})[edge.child_objective_id] = None
            self._feeds.setdefault(edge.child_objective_id, {})[kr_id] = None

    # -- scoring one node --------------------------------------------------------------------

    def _derived_inputs(self, kr: KeyResult) -> list[Decimal]:
        scores: list[Decimal] = []
        objectives = self.objectives
        for child_id in self._kr_children.get(kr.id, ()):
            child = objectives.get(child_id)
            if child is None:
                raise ValueError(
                    f"objective {child_id}, aligned to derived key result {kr.id}, "
                    "is not in the graph"
                )
            if child.state is _AGREED:
                scores.append(_ZERO if child.score is None else child.score)
        return scores

    def _score_kr(self, kr: KeyResult) -> bool:
        if kr.kind is _DERIVED:
            new = kr_score(kr_progress(kr, child_scores=self._derived_inputs(kr)))
        else:
            try:
                new = kr_score(kr_progress(kr))
            except RuleViolation:
                new = _ZERO
        if new != kr.score:
            kr.score = new
            return True
        return False

    @staticmethod
    def _score_objective(obj: Objective) -> bool:
        new = objective_score([(kr.weight, kr.score) for kr in obj.key_results])
        if new != obj.score:
            obj.score = new
            return True
        return False

    # -- ordering ------------------------------------------------------------------------------

    def _dependency_order(
        self, nodes: Sequence[Objective], kr_filter: set[str] | None
    ) -> list[Objective]:
        """Kahn's algorithm over ``nodes``: children before the derived KRs they feed."""
        index = {o.id: o for o in nodes}
        pending: dict[str, int] = {}
        dependents: dict[str, list[str]] = {}
        for obj in nodes:
            count = 0
            for kr in obj.key_results:
                if kr.kind is not _DERIVED or (kr_filter is not None and kr.id not in kr_filter):
                    continue
                for child_id in self._kr_children.get(kr.id, ()):
                    if child_id in index:
                        dependents.setdefault(child_id, []).append(obj.id)
                        count += 1
            pending[obj.id] = count
        order = [o for o in nodes if pending[o.id] == 0]
        position = 0
        while position < len(order):
            done = order[position].id
            position += 1
            for parent_id in dependents.get(done, ()):
                pending[parent_id] -= 1
                if pending[parent_id] == 0:
                    order.append(index[parent_id])
        if len(order) < len(nodes):
            raise AlignmentCycle(self._find_loop(pending, index, kr_filter))
        return order

    def _find_loop(
        self, pending: dict[str, int], index: dict[str, Objective], kr_filter: set[str] | None
    ) -> list[str]:
        stuck = {oid for oid, count in pending.items() if count > 0}

        def next_child(oid: str) -> str:
            for kr in index[oid].key_results:
                if kr.kind is not _DERIVED or (kr_filter is not None and kr.id not in kr_filter):
                    continue
                for child_id in self._kr_children.get(kr.id, ()):
                    if child_id in stuck:
                        return child_id
            raise AssertionError("a stuck objective always waits for another stuck one")

        walk = [next(iter(sorted(stuck)))]
        seen = {walk[0]: 0}
        while True:
            step = next_child(walk[-1])
            if step in seen:
                loop = walk[seen[step] :] + [step]
                loop.reverse()  # child -> parent direction
                return loop
            seen[step] = len(walk)
            walk.append(step)

    # -- public ------------------------------------------------------------------------------

    def recompute_all(self) -> None:
        """Set every KR score and objective score from scratch, children before parents."""
        for obj in self._dependency_order(list(self.objectives.values()), None):
            for kr in obj.key_results:
                self._score_kr(kr)
            self._score_objective(obj)

    def propagate_from(self, key_result_ids: Iterable[str]) -> Touched:
        """Recompute the given KRs, their objectives and every derived KR/objective above them."""
        kr_set: set[str] = set()
        start: list[Objective] = []
        for kr_id in key_result_ids:
            owner = self._kr_owner.get(kr_id)
            if owner is None:
                raise NotFound(
                    f"key result {kr_id} is not in the graph",
                    code="key_result.not_found",
                    field="key_result_id",
                )
            kr_set.add(kr_id)
            start.append(owner)
        closure: dict[str, Objective] = {}
        stack = start
        while stack:
            obj = stack.pop()
            if obj.id in closure:
                continue
            closure[obj.id] = obj
            for kr_id in self._feeds.get(obj.id, ()):
                if self.key_results[kr_id].kind is _DERIVED:
                    kr_set.add(kr_id)
                    stack.append(self._kr_owner[kr_id])
        touched_krs: list[str] = []
        touched_objectives: list[str] = []
        changed_krs: list[str] = []
        changed_objectives: list[str] = []
        for obj in self._dependency_order(list(closure.values()), kr_set):
            for kr in obj.key_results:
                if kr.id in kr_set:
                    touched_krs.append(kr.id)
                    if self._score_kr(kr):
                        changed_krs.append(kr.id)
            touched_objectives.append(obj.id)
            if self._score_objective(obj):
                changed_objectives.append(obj.id)
        return Touched(
            key_result_ids=tuple(touched_krs),
            objective_ids=tuple(touched_objectives),
            changed_key_result_ids=tuple(changed_krs),
            changed_objective_ids=tuple(changed_objectives),
        )
