"""Unit tests of alignment rules, loop detection and the score roll-up."""

from datetime import date
from decimal import Decimal

import pytest

from domain.alignment import AlignmentEdge, RollupGraph, check_alignment, find_path
from domain.errors import AlignmentCycle, AlignmentRefused, NotFound
from domain.model import (
    Cycle,
    CycleKind,
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
    OwnerType,
)
from tests.support.orgdata import numeric_kr, objective, org_chart

YEAR = Cycle(id="y", kind=CycleKind.ANNUAL, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31))
Q1 = Cycle(id="q1", kind=CycleKind.QUARTERLY, starts_on=date(2025, 1, 1), ends_on=date(2025, 3, 31))
Q2 = Cycle(id="q2", kind=CycleKind.QUARTERLY, starts_on=date(2025, 4, 1), ends_on=date(2025, 6, 30))


def check(child: Objective, parent: Objective, edges: list[AlignmentEdge], **kw: object) -> None:
    child_cycle = kw.pop("child_cycle", Q1)
    parent_cycle = kw.pop("parent_cycle", YEAR)
    assert isinstance(child_cycle, Cycle) and isinstance(parent_cycle, Cycle)
    kr = kw.pop("parent_key_result", None)
    assert kr is None or isinstance(kr, KeyResult)
    check_alignment(
        child=child,
        child_cycle=child_cycle,
        parent=parent,
        parent_cycle=parent_cycle,
        org=org_chart(),
        edges=edges,
        parent_key_result=kr,
    )


def derived_kr(kid: str, oid: str, weight: str = "50") -> KeyResult:
    return KeyResult(kid, oid, f"kr {kid}", KeyResultKind.DERIVED, Decimal(weight))


# -- rules -------------------------------------------------------------------------------------


def test_person_aligns_to_own_unit_ancestor_units_and_manager_chain() -> None:
    ana = objective("a", OwnerType.PERSON, "ana")
    parents = [
        objective("p1", OwnerType.UNIT, "east"),
        objective("p2", OwnerType.UNIT, "acme"),
        objective("p3", OwnerType.PERSON, "lead"),
        objective("p4", OwnerType.PERSON, "ceo"),
    ]

    for parent in parents:
        check(ana, parent, [])


JAN = Cycle(id="jan", kind=CycleKind.MONTHLY, starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 31))


def test_person_aligns_to_their_own_objective_in_an_enclosing_cycle() -> None:
    quarter = objective("q", OwnerType.PERSON, "ana")
    year = objective("y", OwnerType.PERSON, "ana")
    month = objective("m", OwnerType.PERSON, "ana")

    check(quarter, year, [], child_cycle=Q1, parent_cycle=YEAR)
    check(month, quarter, [], child_cycle=JAN, parent_cycle=Q1)
    check(month, year, [], child_cycle=JAN, parent_cycle=YEAR)


def test_person_does_not_align_to_their_own_objective_of_the_same_or_another_period() -> None:
    mine = objective("a", OwnerType.PERSON, "ana")
    other = objective("b", OwnerType.PERSON, "ana")

    with pytest.raises(AlignmentRefused) as same:
        check(mine, other, [], child_cycle=Q1, parent_cycle=Q1)
    with pytest.raises(AlignmentRefused) as elsewhere:
        check(mine, other, [], child_cycle=Q1, parent_cycle=Q2)
    with pytest.raises(AlignmentRefused) as downward:
        check(other, mine, [], child_cycle=YEAR, parent_cycle=Q1)

    assert same.value.code == "alignment.own_not_enclosing"
    codes = {v.code for v in elsewhere.value.violations}
    assert codes == {"alignment.period_not_contained", "alignment.own_not_enclosing"}
    assert "alignment.own_not_enclosing" in {v.code for v in downward.value.violations}


def test_person_cannot_align_to_peer_or_other_unit() -> None:
    ana = objective("a", OwnerType.PERSON, "ana")
    peer = objective("p", OwnerType.PERSON, "bob")
    other = objective("o", OwnerType.UNIT, "ops")

    with pytest.raises(AlignmentRefused) as to_peer:
        check(ana, peer, [])
    with pytest.raises(AlignmentRefused) as to_other:
        check(ana, other, [])

    assert to_peer.value.code == "alignment.not_upward"
    assert to_other.value.code == "alignment.not_upward"


def test_unit_aligns_to_same_or_ancestor_unit_never_a_person() -> None:
    east = objective("e", OwnerType.UNIT, "east")

    check(east, objective("s", OwnerType.UNIT, "sales"), [])
    check(east, objective("e2", OwnerType.UNIT, "east"), [])
    with pytest.raises(AlignmentRefused) as person:
        check(east, objective("c", OwnerType.PERSON, "ceo"), [])
    with pytest.raises(AlignmentRefused) as down:
        check(objective("s", OwnerType.UNIT, "sales"), east, [])

    assert person.value.code == "alignment.not_upward"
    assert down.value.code == "alignment.not_upward"


def test_parent_period_must_contain_the_child_period() -> None:
    ana = objective("a", OwnerType.PERSON, "ana")
    lead = objective("l", OwnerType.PERSON, "lead")

    check(ana, lead, [], child_cycle=Q1, parent_cycle=Q1)
    with pytest.raises(AlignmentRefused) as err:
        check(ana, lead, [], child_cycle=YEAR, parent_cycle=Q1)
    with pytest.raises(AlignmentRefused) as disjoint:
        check(ana, lead, [], child_cycle=Q2, parent_cycle=Q1)

    assert err.value.code == "alignment.period_not_contained"
    assert disjoint.value.code == "alignment.period_not_contained"


def test_every_violation_is_named_at_once() -> None:
    ana = objective("a", OwnerType.PERSON, "ana", state=ObjectiveState.CANCELLED)
    peer = objective("p", OwnerType.PERSON, "bob", state=ObjectiveState.CANCELLED)
    foreign = numeric_kr("k", "elsewhere")
    edges = [AlignmentEdge("a", "p", "k")]

    with pytest.raises(AlignmentRefused) as err:
        check(ana, peer, edges, child_cycle=YEAR, parent_cycle=Q1, parent_key_result=foreign)

    assert err.value.code == "alignment.refused"
    assert [v.code for v in err.value.violations] == [
        "alignment.cancelled",
        "alignment.cancelled",
        "alignment.key_result_mismatch",
        "alignment.period_not_contained",
        "alignment.not_upward",
        "alignment.duplicate",
    ]


def test_self_alignment_is_refused() -> None:
    east = objective("e", OwnerType.UNIT, "east")

    with pytest.raises(AlignmentRefused) as err:
        check(east, east, [])

    assert err.value.code == "alignment.self"


def test_duplicate_edge_is_refused_but_another_kr_of_the_same_parent_is_fine() -> None:
    ana = objective("a", OwnerType.PERSON, "ana")
    lead = objective("l", OwnerType.PERSON, "lead")
    lead.key_results = [numeric_kr("k1", "l"), numeric_kr("k2", "l")]
    edges = [AlignmentEdge("a", "l", "k1")]

    check(ana, lead, edges, parent_key_result=lead.key_results[1])
    check(ana, lead, edges)
    with pytest.raises(AlignmentRefused) as err:
        check(ana, lead, edges, parent_key_result=lead.key_results[0])

    assert err.value.code == "alignment.duplicate"


def test_loop_is_refused_and_named() -> None:
    e1 = objective("e1", OwnerType.UNIT, "east")
    e2 = objective("e2", OwnerType.UNIT, "east")
    edges = [AlignmentEdge("e2", "e3"), AlignmentEdge("e3", "e1")]

    with pytest.raises(AlignmentCycle) as err:
        check(e1, e2, edges, child_cycle=Q1, parent_cycle=Q1)

    assert err.value.code == "alignment.cycle"
    assert err.value.loop == ("e1", "e2", "e3", "e1")
    assert "e1 -> e2 -> e3 -> e1" in err.value.message


def test_loop_error_also_lists_other_violations() -> None:
    e1 = objective("e1", OwnerType.UNIT, "east")
    e2 = objective("e2", OwnerType.UNIT, "east")

    with pytest.raises(AlignmentCycle) as err:
        check(e1, e2, [AlignmentEdge("e2", "e1")], child_cycle=YEAR, parent_cycle=Q1)

    assert [v.code for v in err.value.violations] == [
        "alignment.cycle",
        "alignment.period_not_contained",
    ]


def test_find_path() -> None:
    edges = [AlignmentEdge("a", "b"), AlignmentEdge("b", "c", "k"), AlignmentEdge("x", "c")]

    assert find_path(edges, "a", "c") == ["a", "b", "c"]
    assert find_path(edges, "c", "a") is None
    assert find_path(edges, "a", "a") == ["a"]
    assert find_path(edges, "a", "x") is None


# -- roll-up ---------------------------------------------------------------------------------


def rollup_fixture() -> tuple[Objective, Objective, Objective, Objective]:
    """company (derived d + numeric) <- east (derived e + milestone) <- ana, bob (numeric)."""
    company = objective("co", OwnerType.UNIT, "acme", state=ObjectiveState.AGREED)
    company.key_results = [
        derived_kr("d", "co", "60"),
        numeric_kr("cn", "co", "40", current_value=Decimal(5)),
    ]
    east = objective("east", OwnerType.UNIT, "east", state=ObjectiveState.AGREED)
    east.key_results = [
        derived_kr("e", "east"),
        KeyResult("m", "east", "launch", KeyResultKind.MILESTONE, Decimal("50"), done=True),
    ]
    ana = objective("ana", OwnerType.PERSON, "ana", state=ObjectiveState.AGREED)
    ana.key_results = [numeric_kr("ak", "ana", "100", current_value=Decimal(8))]
    bob = objective("bob", OwnerType.PERSON, "bob", state=ObjectiveState.AGREED)
    bob.key_results = [numeric_kr("bk", "bob", "100", current_value=Decimal(3))]
    return company, east, ana, bob


EDGES = [
    AlignmentEdge("east", "co", "d"),
    AlignmentEdge("ana", "east", "e"),
    AlignmentEdge("bob", "east", "e"),
]


def test_recompute_all_rolls_up_through_derived_krs() -> None:
    company, east, ana, bob = rollup_fixture()
    graph = RollupGraph([company, bob, east, ana], EDGES)

    graph.recompute_all()

    assert ana.score == Decimal("0.800")
    assert bob.score == Decimal("0.300")
    assert east.key_results[0].score == Decimal("0.55")
    assert east.score == Decimal("0.775")
    assert company.key_results[0].score == Decimal("0.78")
    assert company.score == Decimal("0.668")


def test_only_agreed_children_count_and_unscored_count_as_zero() -> None:
    company, east, ana, bob = rollup_fixture()
    bob.state = ObjectiveState.PROPOSED
    carl = objective("carl", OwnerType.PERSON, "bob", state=ObjectiveState.AGREED)
    graph = RollupGraph(
        [company, east, ana, bob, carl], [*EDGES, AlignmentEdge("carl", "east", "e")]
    )

    graph.recompute_all()

    assert carl.score is None
    assert east.key_results[0].score == Decimal("0.40")


def test_plain_objective_edges_do_not_roll_up() -> None:
    company, east, ana, bob = rollup_fixture()
    graph = RollupGraph([company, east, ana], [AlignmentEdge("ana", "east")])

    graph.recompute_all()

    assert east.key_results[0].score == Decimal("0.00")
    assert east.score == Decimal("0.500")


def test_propagate_from_a_checkin_updates_the_chain() -> None:
    company, east, ana, bob = rollup_fixture()
    graph = RollupGraph([company, east, ana, bob], EDGES)
    graph.recompute_all()

    ana.key_results[0].current_value = Decimal(10)
    touched = graph.propagate_from(["ak"])

    assert touched.key_result_ids == ("ak", "e", "d")
    assert touched.objective_ids == ("ana", "east", "co")
    assert touched.changed_objective_ids == ("ana", "east", "co")
    assert ana.score == Decimal("1.000")
    assert east.key_results[0].score == Decimal("0.65")
    assert company.score == Decimal("0.698")


def test_propagate_on_a_partial_graph_uses_stored_sibling_scores() -> None:
    company, east, ana, bob = rollup_fixture()
    RollupGraph([company, east, ana, bob], EDGES).recompute_all()
    bob_stored = objective("bob", OwnerType.PERSON, "bob", state=ObjectiveState.AGREED)
    bob_stored.score = bob.score
    partial = RollupGraph([company, east, ana, bob_stored], EDGES)

    ana.key_results[0].current_value = Decimal(10)
    partial.propagate_from(["ak"])

    assert company.score == Decimal("0.698")
    assert bob_stored.score == Decimal("0.300")


def test_unknown_key_result_is_not_found() -> None:
    graph = RollupGraph([], [])

    with pytest.raises(NotFound) as err:
        graph.propagate_from(["nope"])

    assert err.value.code == "key_result.not_found"


def test_missing_child_of_a_derived_kr_is_a_programming_error() -> None:
    company, east, ana, bob = rollup_fixture()
    graph = RollupGraph([company, east, ana], EDGES)

    with pytest.raises(ValueError, match="bob"):
        graph.recompute_all()


def test_unmeasurable_draft_kr_scores_zero_in_the_graph() -> None:
    draft = objective("d", OwnerType.PERSON, "ana")
    draft.key_results = [numeric_kr("k", "d", "100", target_value=Decimal(0))]
    graph = RollupGraph([draft], [])

    graph.recompute_all()

    assert draft.score == Decimal("0.000")


def test_loop_in_stored_edges_is_reported() -> None:
    a = objective("a", OwnerType.UNIT, "east")
    a.key_results = [derived_kr("ka", "a", "100")]
    b = objective("b", OwnerType.UNIT, "east")
    b.key_results = [derived_kr("kb", "b", "100")]
    graph = RollupGraph([a, b], [AlignmentEdge("a", "b", "kb"), AlignmentEdge("b", "a", "ka")])

    with pytest.raises(AlignmentCycle) as err:
        graph.recompute_all()

    assert set(err.value.loop) == {"a", "b"}
    assert err.value.loop[0] == err.value.loop[-1]


def test_deep_chain_is_iterative() -> None:
    depth = 3000
    objectives = []
    edges = []
    for level in range(depth):
        obj = objective(f"o{level}", OwnerType.UNIT, "east", state=ObjectiveState.AGREED)
        obj.key_results = [derived_kr(f"k{level}", obj.id, "100")]
        objectives.append(obj)
        if level:
            edges.append(AlignmentEdge(f"o{level}", f"o{level - 1}", f"k{level - 1}"))
    leaf = objectives[-1]
    leaf.key_results = [numeric_kr("leaf", leaf.id, "100", current_value=Decimal(7))]
    graph = RollupGraph(objectives, edges)

    graph.recompute_all()
    leaf.key_results[0].current_value = Decimal(4)
    touched = graph.propagate_from(["leaf"])

    assert objectives[0].score == Decimal("0.400")
    assert len(touched.objective_ids) == depth
