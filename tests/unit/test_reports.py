"""Unit tests of the reports of okr-domain §8."""

from datetime import UTC, date, datetime
from decimal import Decimal

from domain.model import (
    CheckIn,
    Cycle,
    CycleKind,
    Grade,
    ObjectiveState,
    Origin,
    OwnerType,
    ReviewState,
)
from domain.policy import Policy
from domain.reports import (
    ObjectiveFact,
    alignment_coverage,
    bottom_up_share,
    confidence_trend,
    objectives_per_owner,
    owners_without_agreed_okrs,
    review_completion,
    score_distribution,
)
from tests.support.orgdata import objective, org_chart

AGREED = ObjectiveState.AGREED
P = OwnerType.PERSON


def fact(
    fid: str, owner: str = "ana", state: ObjectiveState = AGREED, **kw: object
) -> ObjectiveFact:
    return ObjectiveFact(fid, P, owner, state, **kw)  # type: ignore[arg-type]


def test_objectives_per_owner_against_policy() -> None:
    facts = [fact(f"a{i}") for i in range(6)] + [fact("b1", "bob"), fact("b2", "bob")]
    facts += [fact("c1", "carl"), fact("c2", "carl", ObjectiveState.CANCELLED)]

    loads = objectives_per_owner(facts, Policy(), owners=[(P, "dan")])

    assert [(o.owner_id, o.count, o.status) for o in loads] == [
        ("ana", 6, "too_many"),
        ("bob", 2, "ok"),
        ("carl", 1, "too_few"),
        ("dan", 0, "too_few"),
    ]


def test_score_distribution_counts_agreed_objectives() -> None:
    scores = ["0.95", "0.65", "0.60", "0.70", "0.45", "0.10"]
    facts = [fact(f"o{i}", score=Decimal(s)) for i, s in enumerate(scores)]
    facts += [fact("u"), fact("d", state=ObjectiveState.DRAFT, score=Decimal("0.9"))]

    dist = score_distribution(facts, Policy())

    assert dist.objectives == 7
    assert dist.scored == 6
    assert dist.grades == {
        Grade.EXCELLENT: 1,
        Grade.GOOD: 1,
        Grade.FAIR: 2,
        Grade.PASS: 1,
        Grade.POOR: 1,
    }
    assert dist.in_sweet_spot == 3
    assert dist.sweet_spot_share == Decimal("0.500")
    assert dist.mean == Decimal("0.575")


def test_score_distribution_of_nothing() -> None:
    dist = score_distribution([], Policy())

    assert dist.mean is None
    assert dist.sweet_spot_share is None


def test_bottom_up_share_against_target_at_the_edge() -> None:
    exactly = [fact(f"b{i}") for i in range(3)] + [
        fact(f"t{i}", origin=Origin.TOP_DOWN) for i in range(2)
    ]
    below = exactly + [fact("t9", origin=Origin.TOP_DOWN)]

    at = bottom_up_share(exactly, Policy())
    under = bottom_up_share(below, Policy())
    empty = bottom_up_share([], Policy())

    assert (at.total, at.matching, at.share, at.meets_target) == (5, 3, Decimal("0.600"), True)
    assert (under.share, under.meets_target) == (Decimal("0.500"), False)
    assert empty.share is None and not empty.meets_target


def test_alignment_coverage_excludes_company_and_cancelled() -> None:
    org = org_chart()
    company = objective("co", OwnerType.UNIT, "acme", state=AGREED)
    east = objective("e", OwnerType.UNIT, "east", state=AGREED)
    ana = objective("a", P, "ana", state=AGREED)
    gone = objective("g", P, "bob", state=ObjectiveState.CANCELLED)
    facts = [ObjectiveFact.of(o, org=org, aligned_ids={"e"}) for o in (company, east, ana, gone)]

    coverage = alignment_coverage(facts)

    assert facts[0].is_company
    assert (coverage.eligible, coverage.aligned, coverage.share) == (2, 1, Decimal("0.500"))
    assert coverage.unaligned_ids == ("a",)


def test_owners_without_agreed_okrs_only_after_the_deadline() -> None:
    cycle = Cycle(
        "q1",
        CycleKind.QUARTERLY,
        date(2025, 1, 1),
        date(2025, 3, 31),
        planning_deadline=date(2025, 1, 15),
    )
    owners = [(P, "ana"), (P, "bob"), (OwnerType.UNIT, "east")]
    facts = [fact("a"), fact("b", "bob", ObjectiveState.PROPOSED)]

    on_deadline = owners_without_agreed_okrs(owners, facts, cycle=cycle, today=date(2025, 1, 15))
    after = owners_without_agreed_okrs(owners, facts, cycle=cycle, today=date(2025, 1, 16))

    assert on_deadline == []
    assert after == [(P, "bob"), (OwnerType.UNIT, "east")]


def test_review_completion() -> None:
    facts = [
        fact("a", review_state=ReviewState.CONFIRMED),
        fact("b", review_state=ReviewState.SUBMITTED),
        fact("c", review_state=ReviewState.DRAFT),
        fact("d"),
        fact("x", state=ObjectiveState.CANCELLED),
    ]

    done = review_completion(facts)

    assert (done.due, done.missing, done.draft, done.submitted, done.confirmed) == (4, 1, 1, 1, 1)
    assert done.confirmed_share == Decimal("0.250")
    assert done.submitted_or_confirmed_share == Decimal("0.500")


def test_confidence_trend_takes_latest_point_per_kr_and_week() -> None:
    def ci(pid: str, kr: str, day: int, confidence: int | None) -> CheckIn:
        at = datetime(2025, 2, day, 9, tzinfo=UTC)
        return CheckIn(pid, kr, at, at, value=Decimal(1), confidence=confidence)

    points = [
        ci("1", "k1", 3, 8),
        ci("2", "k1", 5, 6),
        ci("3", "k2", 4, 7),
        ci("4", "k2", 11, 5),
        ci("5", "k3", 12, None),
    ]

    trend = confidence_trend(points)

    assert [(p.week, p.key_results, p.mean_confidence) for p in trend] == [
        (date(2025, 2, 3), 2, Decimal("6.5")),
        (date(2025, 2, 10), 1, Decimal("5.0")),
    ]
