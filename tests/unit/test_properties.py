"""Property tests: score ranges, order independence, incremental roll-up, acyclic alignment."""

import copy
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.alignment import AlignmentEdge, RollupGraph, check_alignment
from domain.errors import AlignmentRefused
from domain.model import (
    Cycle,
    CycleKind,
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
    OwnerType,
)
from domain.scoring import kr_progress, kr_score, objective_score
from tests.support.orgdata import org_chart

MODERATE = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

values = st.decimals(min_value=-10_000, max_value=10_000, places=3, allow_nan=False)
unit_scores = st.decimals(min_value=0, max_value=1, places=2)
weights = st.decimals(min_value=Decimal("0.01"), max_value=100, places=2)


@MODERATE
@given(start=values, target=values, current=st.none() | values)
def test_numeric_kr_score_is_always_within_0_and_1(
    start: Decimal, target: Decimal, current: Decimal | None
) -> None:
    kr = KeyResult("k", "o", "t", KeyResultKind.NUMERIC, Decimal(1), start, target, current)
    if start == target:
        return

    score = kr_score(kr_progress(kr))

    assert Decimal(0) <= score <= Decimal(1)
    assert score == score.quantize(Decimal("0.01"))


@MODERATE
@given(pairs=st.lists(st.tuples(weights, unit_scores), min_size=1, max_size=8), data=st.data())
def test_objective_score_is_in_range_and_order_independent(
    pairs: list[tuple[Decimal, Decimal]], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(pairs))

    score = objective_score(pairs)
    again = objective_score(shuffled)

    assert score is not None
    assert Decimal(0) <= score <= Decimal(1)
    assert score == again


@MODERATE
@given(children=st.lists(unit_scores, max_size=10))
def test_derived_kr_score_is_within_0_and_1(children: list[Decimal]) -> None:
    kr = KeyResult("d", "o", "t", KeyResultKind.DERIVED, Decimal(1))

    score = kr_score(kr_progress(kr, child_scores=children))

    assert Decimal(0) <= score <= Decimal(1)


# -- roll-up ---------------------------------------------------------------------------------


@st.composite
def rollup_graphs(draw: st.DrawFn) -> tuple[list[Objective], list[AlignmentEdge]]:
    depth = draw(st.integers(min_value=1, max_value=7))
    levels: list[list[Objective]] = []
    edges: list[AlignmentEdge] = []
    counter = 0
    for level in range(depth):
        width = draw(st.integers(min_value=1, max_value=4))
        row: list[Objective] = []
        for _ in range(width):
            counter += 1
            oid = f"o{counter}"
            state = draw(st.sampled_from([ObjectiveState.AGREED] * 3 + list(ObjectiveState)))
            obj = Objective(oid, "c", OwnerType.UNIT, "u", oid, state=state)
            for k in range(draw(st.integers(min_value=0, max_value=4))):
                kind = draw(st.sampled_from(list(KeyResultKind)))
                kr = KeyResult(f"{oid}k{k}", oid, "kr", kind, draw(weights))
                if kind is KeyResultKind.NUMERIC:
                    kr.start_value = Decimal(0)
                    kr.target_value = draw(st.sampled_from([Decimal(10), Decimal(-10)]))
                    kr.current_value = draw(st.none() | values)
                elif kind is KeyResultKind.MILESTONE:
                    kr.done = draw(st.booleans())
                obj.key_results.append(kr)
            if level:
                parents = [o for above in levels for o in above]
                parent = draw(st.sampled_from(parents))
                derived = [kr for kr in parent.key_results if kr.kind is KeyResultKind.DERIVED]
                targets: list[KeyResult | None] = [None, *parent.key_results, *derived, *derived]
                target = draw(st.sampled_from(targets))
                edges.append(AlignmentEdge(oid, parent.id, None if target is None else target.id))
            row.append(obj)
        levels.append(row)
    return [o for row in levels for o in row], edges


def snapshot(objectives: list[Objective]) -> dict[str, Decimal | None]:
    out: dict[str, Decimal | None] = {}
    for obj in objectives:
        out[obj.id] = obj.score
        for kr in obj.key_results:
            out[kr.id] = kr.score
    return out


def upward_part(
    objectives: list[Objective], edges: list[AlignmentEdge], kr_ids: list[str]
) -> list[Objective]:
    """The chain above the KRs plus every objective aligned to a derived KR on that chain."""
    by_id = {o.id: o for o in objectives}
    owner = {kr.id: o for o in objectives for kr in o.key_results}
    kinds = {kr.id: kr.kind for o in objectives for kr in o.key_results}
    chain: dict[str, Objective] = {}
    stack = [owner[k] for k in kr_ids]
    while stack:
        obj = stack.pop()
        if obj.id in chain:
            continue
        chain[obj.id] = obj
        for e in edges:
            kr_id = e.parent_key_result_id
            if e.child_objective_id == obj.id and kr_id and kinds[kr_id] is KeyResultKind.DERIVED:
                stack.append(owner[kr_id])
    derived_on_chain = {kr.id for o in chain.values() for kr in o.key_results}
    siblings = [
        by_id[e.child_objective_id] for e in edges if e.parent_key_result_id in derived_on_chain
    ]
    return list({o.id: o for o in [*chain.values(), *siblings]}.values())


@MODERATE
@given(graph=rollup_graphs(), data=st.data())
def test_incremental_propagation_equals_full_recompute(
    graph: tuple[list[Objective], list[AlignmentEdge]], data: st.DataObject
) -> None:
    objectives, edges = graph
    RollupGraph(objectives, edges).recompute_all()
    leaves = [
        kr for o in objectives for kr in o.key_results if kr.kind is not KeyResultKind.DERIVED
    ]
    if not leaves:
        return
    changed = data.draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=3, unique_by=id))
    for kr in changed:
        if kr.kind is KeyResultKind.NUMERIC:
            kr.current_value = data.draw(values)
        else:
            kr.done = not kr.done
    reference = copy.deepcopy(objectives)
    partial = data.draw(st.booleans())

    ids = [kr.id for kr in changed]
    nodes = upward_part(objectives, edges, ids) if partial else objectives
    touched = RollupGraph(nodes, edges).propagate_from(ids)
    RollupGraph(reference, edges).recompute_all()

    assert snapshot(objectives) == snapshot(reference)
    assert set(ids) <= set(touched.key_result_ids)
    assert set(touched.changed_objective_ids) <= set(touched.objective_ids)


# -- alignment never loops -------------------------------------------------------------------

YEAR = Cycle("y", CycleKind.ANNUAL, date(2025, 1, 1), date(2025, 12, 31))
Q1 = Cycle("q1", CycleKind.QUARTERLY, date(2025, 1, 1), date(2025, 3, 31))
Q2 = Cycle("q2", CycleKind.QUARTERLY, date(2025, 4, 1), date(2025, 6, 30))
OWNERS = [(OwnerType.UNIT, u) for u in ("acme", "sales", "east", "ops")] + [
    (OwnerType.PERSON, p) for p in ("ceo", "vp", "lead", "ana", "bob", "opsboss")
]


def is_acyclic(nodes: list[str], edges: list[AlignmentEdge]) -> bool:
    pending = dict.fromkeys(nodes, 0)
    parents: dict[str, list[str]] = {}
    for e in edges:
        pending[e.parent_objective_id] += 1
        parents.setdefault(e.child_objective_id, []).append(e.parent_objective_id)
    ready = [n for n, c in pending.items() if c == 0]
    seen = 0
    while ready:
        node = ready.pop()
        seen += 1
        for p in parents.get(node, ()):
            pending[p] -= 1
            if pending[p] == 0:
                ready.append(p)
    return seen == len(nodes)


# Units may align to their own objectives, so a small, unit-heavy pool makes loops likely.
LOOPY_OWNERS = st.sampled_from(OWNERS[:3] * 3 + OWNERS)


@MODERATE
@given(
    owners=st.lists(
        st.tuples(LOOPY_OWNERS, st.sampled_from([YEAR, Q1, Q1, Q2])), min_size=2, max_size=8
    ),
    attempts=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=40),
)
def test_accepted_alignment_edges_never_form_a_loop(
    owners: list[tuple[tuple[OwnerType, str], Cycle]], attempts: list[tuple[int, int]]
) -> None:
    org = org_chart()
    objectives = [
        (Objective(f"o{i}", cycle.id, owner_type, owner_id, "t"), cycle)
        for i, ((owner_type, owner_id), cycle) in enumerate(owners)
    ]
    edges: list[AlignmentEdge] = []
    refused = 0

    for a, b in attempts:
        (child, child_cycle) = objectives[a % len(objectives)]
        (parent, parent_cycle) = objectives[b % len(objectives)]
        try:
            check_alignment(
                child=child,
                child_cycle=child_cycle,
                parent=parent,
                parent_cycle=parent_cycle,
                org=org,
                edges=edges,
            )
        except AlignmentRefused:
            refused += 1
            continue
        edges.append(AlignmentEdge(child.id, parent.id))

    assert is_acyclic([o.id for o, _ in objectives], edges)
    assert len(edges) + refused == len(attempts)
