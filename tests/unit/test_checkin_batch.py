"""The batch phases of check-ins (``resolve``, ``ties``, ``classify``, ``choose``) against the
single-item rules: a batch gives the outcome its items give pushed one by one, in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.checkins import (
    FUTURE_TOLERANCE,
    Classified,
    Current,
    Keyed,
    Named,
    Point,
    Standing,
    Stored,
    ambiguous_metric_key,
    apply_checkin,
    choose,
    classify,
    current_point,
    current_points,
    idempotency_key,
    recency,
    resolve,
    stand_in,
    ties,
    validate_checkin,
)
from domain.errors import DomainError
from domain.model import CheckIn, KeyResult, KeyResultKind

MODERATE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
MICROSECOND = timedelta(microseconds=1)
KR_IDS = ("k0", "k1", "k2")


def _minutes(n: int) -> datetime:
    return NOW + n * MINUTE


# -- strategies --------------------------------------------------------------------------------


@dataclass
class World:
    """KRs as a batch finds them and the stored external ids."""

    kinds: dict[str, KeyResultKind]
    confidence: dict[str, int | None]
    stored_current: dict[str, CheckIn | None]
    stored: dict[tuple[str, str], CheckIn] = field(default_factory=dict)


sources = st.sampled_from(["crm", "erp"])
external_ids = st.none() | st.sampled_from(["1", "2", "3"])
observed = st.integers(min_value=-3, max_value=7).map(_minutes)  # 6 and 7 lie in the future


@st.composite
def worlds(draw: st.DrawFn) -> World:
    kinds = {kr_id: draw(st.sampled_from(list(KeyResultKind))) for kr_id in KR_IDS}
    confidence = {kr_id: draw(st.none() | st.integers(0, 10)) for kr_id in KR_IDS}
    current: dict[str, CheckIn | None] = {}
    for n, kr_id in enumerate(KR_IDS):
        if draw(st.booleans()):
            current[kr_id] = CheckIn(
                id=f"s{n}",
                key_result_id=kr_id,
                observed_at=draw(observed),
                # a replica whose clock runs ahead may have received it "after" now
                received_at=NOW + draw(st.integers(-5, 5)) * MICROSECOND,
                value=Decimal(n),
            )
        else:
            current[kr_id] = None
    world = World(kinds, confidence, current)
    for n in range(draw(st.integers(0, 3))):
        key = (draw(sources), draw(st.sampled_from(["1", "2", "3"])))
        world.stored[key] = CheckIn(
            id=f"x{n}",
            key_result_id=draw(st.sampled_from(KR_IDS)),
            observed_at=NOW - MINUTE,
            received_at=NOW - MINUTE,
            source=key[0],
            external_id=key[1],
        )
    return world


points = st.builds(
    Point,
    key_result_id=st.sampled_from(KR_IDS),
    observed_at=observed,
    source=sources,
    external_id=external_ids,
    value=st.sampled_from([None, Decimal(1), Decimal("2.5"), Decimal("Infinity")]),
    done=st.sampled_from([None, True, False]),
    confidence=st.none() | st.integers(-1, 11),
    note=st.sampled_from([None, "", "  ", "the deal slipped"]),
)


def _kr(world: World, kr_id: str) -> KeyResult:
    return KeyResult(kr_id, "o", "t", world.kinds[kr_id], Decimal(1), Decimal(0), Decimal(10))


def _of(point: CheckIn) -> Current:
    """The point as it competes for a KR's current value."""
    return Current(recency(point.observed_at, point.received_at, point.id), point.value, point.done)


def _key(point: CheckIn | None) -> tuple[datetime, datetime, str] | None:
    return None if point is None else _of(point).key


def _ids() -> Iterator[str]:
    return (f"n{n:03}" for n in range(10_000))


def _batch(
    world: World, batch: list[Point], by_person: bool, *, stand_ins: bool = False
) -> Classified:
    last = {k: (p.observed_at if p else None) for k, p in world.stored_current.items()}
    read = ties(batch, last) if stand_ins else set(KR_IDS)
    standing: dict[str, Standing] = {}
    for kr_id, stored in world.stored_current.items():
        if stored is None:
            current = None
        else:
            current = _of(stored) if kr_id in read else stand_in(last[kr_id])
        standing[kr_id] = Standing(_kr(world, kr_id), world.confidence[kr_id], current)
    known = {k: Stored(c.id, c.key_result_id) for k, c in world.stored.items()}
    return classify(batch, standing, known, now=NOW, by_person=by_person, new_ids=_ids())


# -- the reference: one point at a time, through the single-item rules ------------------------


@dataclass
class Single:
    outcome: str
    check_in_id: str | None
    codes: list[str]


def _one_by_one(
    world: World, batch: list[Point], by_person: bool
) -> tuple[list[Single], dict[str, KeyResult], dict[str, int | None], dict[str, CheckIn | None]]:
    krs = {kr_id: _kr(world, kr_id) for kr_id in KR_IDS}
    confidence = dict(world.confidence)
    current = dict(world.stored_current)
    stored = dict(world.stored)
    ids = _ids()
    created = 0
    out: list[Single] = []
    for p in batch:
        now = NOW + created * MICROSECOND  # each push received a moment after the one before
        probe = CheckIn(
            "", p.key_result_id, p.observed_at, now, source=p.source, external_id=p.external_id
        )
        key = idempotency_key(probe)
        if key is not None and key in stored:
            known = stored[key]
            if known.key_result_id != p.key_result_id:
                out.append(Single("refused", None, ["check_in.external_id_taken"]))
            else:
                out.append(Single("duplicate", known.id, []))
            continue
        codes: list[str] = []
        try:
            validate_checkin(
                krs[p.key_result_id],
                value=p.value,
                done=p.done,
                confidence=p.confidence,
                note=p.note,
                previous_confidence=confidence[p.key_result_id],
                by_person=by_person,
            )
        except DomainError as exc:
            codes = [v.code for v in exc.violations]
        if p.observed_at > now + FUTURE_TOLERANCE:
            codes.append("check_in.observed_in_future")
        if codes:
            out.append(Single("refused", None, codes))
            continue
        point = CheckIn(
            next(ids),
            p.key_result_id,
            p.observed_at,
            now,
            value=p.value,
            done=p.done,
            confidence=p.confidence,
            note=p.note,
            source=p.source,
            external_id=p.external_id,
        )
        created += 1
        if key is not None:
            stored[key] = point
        if apply_checkin(krs[p.key_result_id], point, current[p.key_result_id]):
            current[p.key_result_id] = point
            if p.confidence is not None:
                confidence[p.key_result_id] = p.confidence
        out.append(Single("created", point.id, []))
    return out, krs, confidence, current


def _verdicts(classified: Classified) -> list[Single]:
    return [
        Single(
            v.outcome,
            v.check_in_id,
            [x.code for x in v.error.violations] if v.error is not None else [],
        )
        for v in classified.verdicts
    ]


# -- properties ------------------------------------------------------------------------------


@MODERATE
@given(world=worlds(), batch=st.lists(points, max_size=12), by_person=st.booleans())
def test_a_batch_gives_the_outcome_of_its_items_one_by_one(
    world: World, batch: list[Point], by_person: bool
) -> None:
    classified = _batch(world, batch, by_person)
    singles, krs, confidence, current = _one_by_one(world, batch, by_person)

    assert _verdicts(classified) == singles
    created = {
        p.key_result_id for p, s in zip(batch, singles, strict=True) if s.outcome == "created"
    }
    assert classified.changed == sorted(created)
    for kr_id in KR_IDS:
        standing = classified.standing[kr_id]
        assert (standing.current.key if standing.current else None) == _key(current[kr_id])
        assert standing.confidence == confidence[kr_id]
        if standing.current is not None and standing.current.key[2].startswith("n"):
            # a new point is current: the one-by-one KR shows what it says
            if standing.current.value is not None:
                assert krs[kr_id].current_value == standing.current.value
            if standing.current.done is not None:
                assert krs[kr_id].done == standing.current.done


@MODERATE
@given(world=worlds(), batch=st.lists(points, max_size=12), by_person=st.booleans())
def test_stand_ins_decide_as_the_stored_points_unless_a_point_ties(
    world: World, batch: list[Point], by_person: bool
) -> None:
    read = _batch(world, batch, by_person)
    stood_in = _batch(world, batch, by_person, stand_ins=True)

    assert _verdicts(stood_in) == _verdicts(read)
    for kr_id in KR_IDS:
        a, b = read.standing[kr_id].current, stood_in.standing[kr_id].current
        new_a = a is not None and a.key[2].startswith("n")
        new_b = b is not None and b.key[2].startswith("n")
        assert new_a == new_b
        if new_a:
            assert a == b
        assert read.standing[kr_id].confidence == stood_in.standing[kr_id].confidence


@MODERATE
@given(
    st.lists(
        st.tuples(st.sampled_from(KR_IDS), st.integers(0, 3), st.integers(0, 3), st.integers(0, 9)),
        max_size=10,
    )
)
def test_current_points_agree_with_current_point_whatever_the_order(
    raw: list[tuple[str, int, int, int]],
) -> None:
    checkins = [
        CheckIn(f"c{n}", kr_id, _minutes(o), _minutes(r), value=Decimal(v))
        for n, (kr_id, o, r, v) in enumerate(raw)
    ]
    chosen = current_points({}, ((c.key_result_id, _of(c)) for c in checkins))
    reverse = current_points({}, ((c.key_result_id, _of(c)) for c in reversed(checkins)))

    for kr_id in KR_IDS:
        best = current_point(c for c in checkins if c.key_result_id == kr_id)
        got = chosen.get(kr_id)
        assert (got.key if got else None) == _key(best)
        assert reverse.get(kr_id) == got


def test_choose_keeps_the_current_point_on_an_older_or_equal_key() -> None:
    stored = Current((_minutes(1), _minutes(1), "b"))
    older = Current((_minutes(0), _minutes(5), "z"))
    tie_received_earlier = Current((_minutes(1), _minutes(0), "z"))
    newer = Current((_minutes(1), _minutes(1), "c"))

    assert choose(stored, older) is stored
    assert choose(stored, tie_received_earlier) is stored
    assert choose(stored, newer) is newer
    assert choose(None, older) is older


# -- resolve -----------------------------------------------------------------------------------

FOUND: dict[str, str | None] = {"k0": "sales", "k1": "churn", "k9": None}
Q1 = (date(2026, 1, 1), date(2026, 3, 31))
Q2 = (date(2026, 4, 1), date(2026, 6, 30))
YEAR = (date(2026, 1, 1), date(2026, 12, 31))
KEYED = {
    "sales": [Keyed("k0", "q1", *Q1), Keyed("k5", "q2", *Q2)],
    "churn": [Keyed("k1", "q1", *Q1), Keyed("k7", "y", *YEAR)],
    "solo": [Keyed("k3", "q1", *Q1)],
}
JAN = date(2026, 1, 10)
MAY = date(2026, 5, 10)


@MODERATE
@given(
    st.lists(
        st.tuples(
            st.none() | st.sampled_from(["k0", "k1", "k9", "gone"]),
            st.none() | st.sampled_from(["sales", "churn", "solo", "unknown"]),
            st.sampled_from([JAN, MAY, date(2027, 1, 1)]),
        ),
        max_size=10,
    )
)
def test_resolve_matches_each_item_alone(named: list[Named]) -> None:
    batch = resolve(named, FOUND, KEYED)
    for pair, got in zip(named, batch, strict=True):
        (alone,) = resolve([pair], FOUND, KEYED)
        assert (got.key_result_id, got.other_id, got.candidates) == (
            alone.key_result_id,
            alone.other_id,
            alone.candidates,
        )
        assert (got.error.code if got.error else None) == (
            alone.error.code if alone.error else None
        )


def test_resolve_names_every_case() -> None:
    named: list[Named] = [
        (None, None, JAN),
        ("gone", "sales", JAN),
        ("k0", None, JAN),
        (None, "sales", JAN),
        (None, "sales", MAY),  # the KR of the cycle running on the day observed
        ("k0", "sales", MAY),  # the KR named by id carries the key: that KR
        ("k0", "churn", JAN),  # churn runs in Q1 and in the year: ambiguous
        ("k9", "sales", JAN),
        (None, "churn", MAY),  # only the year runs in May
        (None, "unknown", JAN),
        ("k1", "unknown", JAN),
        (None, "sales", date(2027, 1, 1)),  # no cycle with the key runs then: two are open
        (None, "solo", MAY),  # Q1 does not run in May, but is the one open cycle with the key
    ]

    got = [
        (
            r.key_result_id,
            r.other_id,
            r.candidates,
            r.error.code if r.error else None,
            r.error and r.error.field,
        )
        for r in resolve(named, FOUND, KEYED)
    ]

    assert got == [
        (None, None, (), "check_in.key_result_required", "key_result_id"),
        (None, None, (), "key_result.not_found", "key_result_id"),
        ("k0", None, (), None, None),
        ("k0", None, (), None, None),
        ("k5", None, (), None, None),
        ("k0", None, (), None, None),
        (None, None, ("k1", "k7"), None, None),
        ("k9", "k0", (), None, None),
        ("k7", None, (), None, None),
        (None, None, (), "key_result.not_found", "metric_key"),
        (None, None, (), "key_result.not_found", "metric_key"),
        (None, None, ("k0", "k5"), None, None),
        ("k3", None, (), None, None),
    ]


def test_an_ambiguous_metric_key_is_refused_naming_the_cycles() -> None:
    error = ambiguous_metric_key("churn", [("q1", "Q1 2026"), ("y", "2026")])

    assert (error.code, error.field) == ("metric_key.ambiguous", "metric_key")
    assert "q1 ('Q1 2026')" in error.message and "y ('2026')" in error.message
    assert "key_result_id" in error.message


def test_ties_name_only_kr_whose_last_check_in_a_point_repeats() -> None:
    batch = [
        Point("k0", _minutes(1)),
        Point("k1", _minutes(2)),
        Point("k2", _minutes(3)),
    ]
    last = {"k0": _minutes(1), "k1": _minutes(1), "k2": None}

    assert ties(batch, last) == {"k0"}
    assert stand_in(None) is None
    assert stand_in(_minutes(1)) == Current((_minutes(1), datetime(1970, 1, 1, tzinfo=UTC), ""))


def test_a_duplicate_in_the_batch_answers_with_the_first_ones_id_and_changes_nothing() -> None:
    kr = KeyResult("k0", "o", "t", KeyResultKind.NUMERIC, Decimal(1), Decimal(0), Decimal(10))
    standing = {"k0": Standing(kr, None, None), "k1": Standing(kr, None, None)}
    batch = [
        Point("k0", _minutes(0), "crm", "1", Decimal(4)),
        Point("k0", _minutes(1), "crm", "1", Decimal(9)),
        Point("k1", _minutes(1), "crm", "1", Decimal(9)),
    ]

    classified = classify(batch, standing, {}, now=NOW, by_person=False, new_ids=_ids())

    assert [(v.outcome, v.check_in_id) for v in classified.verdicts] == [
        ("created", "n000"),
        ("duplicate", "n000"),
        ("refused", None),
    ]
    assert classified.verdicts[2].error is not None
    assert classified.verdicts[2].error.code == "check_in.external_id_taken"
    current = classified.standing["k0"].current
    assert current is not None and current.value == Decimal(4)
    assert standing["k0"].current is None  # the caller's standing is left as it was
