"""Benchmark of the score roll-up: full recompute and one incremental check-in.

Generates an organisation (default: 10,000 people, 50,000 objectives, 200,000 KRs, alignment
depth 6: company -> department -> division -> team -> squad -> individual), then times
``RollupGraph.recompute_all`` against a bare loop doing one Decimal multiply-add per KR, and
``RollupGraph.propagate_from`` for check-ins on random leaf KRs.

    .venv/bin/python bench/rollup.py            # full scale
    .venv/bin/python bench/rollup.py --scale 0.1
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import dataclass
from decimal import Decimal

from domain.alignment import AlignmentEdge, RollupGraph
from domain.model import (
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
    OwnerType,
)

# units per level below the company at full scale: departments, divisions, teams, squads
UNIT_LEVELS = (10, 50, 400, 2000)
PEOPLE = 10_000
OBJECTIVES = 50_000
KRS_PER_OBJECTIVE = 4
OBJECTIVES_PER_PERSON = 4
DERIVED_PER_UNIT_OBJECTIVE = 2
PLAIN_EDGE_SHARE = 0.10  # aligned to the objective itself, not to a KR: no roll-up
NOT_AGREED_SHARE = 0.05
WEIGHT = Decimal("25")
HUNDRED = Decimal("100")


@dataclass
class Org:
    """The generated objectives, edges and leaf KRs."""

    objectives: list[Objective]
    edges: list[AlignmentEdge]
    leaf_krs: list[KeyResult]
    people: int
    units: int
    depth: int


def generate(scale: float, rng: random.Random) -> Org:
    """Build the organisation level by level; every child aligns to its parent unit's objectives."""
    level_sizes = [1] + [max(1, round(n * scale)) for n in UNIT_LEVELS]
    people = max(1, round(PEOPLE * scale))
    target_objectives = max(1, round(OBJECTIVES * scale))
    unit_objectives_total = max(
        sum(level_sizes), target_objectives - people * OBJECTIVES_PER_PERSON
    )
    units_total = sum(level_sizes)
    base, extra = divmod(unit_objectives_total, units_total)

    objectives: list[Objective] = []
    edges: list[AlignmentEdge] = []
    leaf_krs: list[KeyResult] = []
    counter = 0

    def state() -> ObjectiveState:
        if rng.random() < NOT_AGREED_SHARE:
            return ObjectiveState.PROPOSED
        return ObjectiveState.AGREED

    def leaf_kr(oid: str, index: int) -> KeyResult:
        if index % 4 == 3:
            kr = KeyResult(f"{oid}-k{index}", oid, "ship it", KeyResultKind.MILESTONE, WEIGHT)
            kr.done = rng.random() < 0.5
        else:
            kr = KeyResult(
                f"{oid}-k{index}",
                oid,
                "measure",
                KeyResultKind.NUMERIC,
                WEIGHT,
                start_value=Decimal(0),
                target_value=HUNDRED,
                current_value=Decimal(rng.randint(0, 120)),
            )
        leaf_krs.append(kr)
        return kr

    def align(child_id: str, parents: list[Objective]) -> None:
        parent = rng.choice(parents)
        derived = [kr for kr in parent.key_results if kr.kind is KeyResultKind.DERIVED]
        if rng.random() < PLAIN_EDGE_SHARE or not derived:
            edges.append(AlignmentEdge(child_id, parent.id))
        else:
            edges.append(AlignmentEdge(child_id, parent.id, rng.choice(derived).id))

    previous: list[list[Objective]] = []  # objectives of each unit of the level above
    unit_index = 0
    for level, size in enumerate(level_sizes):
        current: list[list[Objective]] = []
        for u in range(size):
            count = base + (1 if unit_index < extra else 0)
            unit_index += 1
            unit_objectives: list[Objective] = []
            for _ in range(count):
                counter += 1
                oid = f"o{counter}"
                obj = Objective(oid, "q", OwnerType.UNIT, f"unit{level}-{u}", oid, state=state())
                for k in range(KRS_PER_OBJECTIVE):
                    if k < DERIVED_PER_UNIT_OBJECTIVE:
                        obj.key_results.append(
                            KeyResult(f"{oid}-k{k}", oid, "teams", KeyResultKind.DERIVED, WEIGHT)
                        )
                    else:
                        obj.key_results.append(leaf_kr(oid, k))
                if previous:
                    align(oid, previous[u * len(previous) // size])
                unit_objectives.append(obj)
                objectives.append(obj)
            current.append(unit_objectives)
        previous = current
    for p in range(people):
        squad = previous[p * len(previous) // people]
        for _ in range(OBJECTIVES_PER_PERSON):
            counter += 1
            oid = f"o{counter}"
            obj = Objective(oid, "q", OwnerType.PERSON, f"person{p}", oid, state=state())
            obj.key_results = [leaf_kr(oid, k) for k in range(KRS_PER_OBJECTIVE)]
            align(oid, squad)
            objectives.append(obj)
    return Org(objectives, edges, leaf_krs, people, units_total, len(level_sizes) + 1)


def snapshot(objectives: list[Objective]) -> list[Decimal | None]:
    """Every objective and KR score, in a fixed order."""
    out: list[Decimal | None] = []
    for obj in objectives:
        out.append(obj.score)
        out.extend(kr.score for kr in obj.key_results)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="size factor (default 1.0)")
    parser.add_argument("--updates", type=int, default=200, help="incremental check-ins to time")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    started = time.perf_counter()
    org = generate(args.scale, rng)
    generated = time.perf_counter() - started
    krs = [kr for obj in org.objectives for kr in obj.key_results]
    derived = sum(1 for kr in krs if kr.kind is KeyResultKind.DERIVED)
    rollup_edges = sum(1 for e in org.edges if e.parent_key_result_id is not None)

    started = time.perf_counter()
    graph = RollupGraph(org.objectives, org.edges)
    built = time.perf_counter() - started

    started = time.perf_counter()
    graph.recompute_all()
    full = time.perf_counter() - started

    # Baseline: one Decimal multiply-add per KR, same KRs, same process, same run.
    started = time.perf_counter()
    acc = Decimal(0)
    for kr in krs:
        acc += kr.weight * kr.score
    baseline = time.perf_counter() - started

    times: list[float] = []
    kr_touched: list[int] = []
    obj_touched: list[int] = []
    numeric_leaves = [kr for kr in org.leaf_krs if kr.kind is KeyResultKind.NUMERIC]
    chosen = [rng.choice(numeric_leaves) for _ in range(args.updates)]
    for kr in chosen:
        kr.current_value = Decimal(rng.randint(0, 120))
        started = time.perf_counter()
        touched = graph.propagate_from([kr.id])
        times.append(time.perf_counter() - started)
        kr_touched.append(len(touched.key_result_ids))
        obj_touched.append(len(touched.objective_ids))

    incremental_state = snapshot(org.objectives)
    graph.recompute_all()
    consistent = incremental_state == snapshot(org.objectives)

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.3f} ms"

    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    rows = [
        ("scale", f"{args.scale:g}"),
        ("people", f"{org.people:,}"),
        ("org units", f"{org.units:,}"),
        ("objectives", f"{len(org.objectives):,}"),
        ("key results", f"{len(krs):,}"),
        ("  of which derived", f"{derived:,} ({derived / len(krs):.1%})"),
        ("alignment edges (to a KR)", f"{len(org.edges):,} ({rollup_edges:,})"),
        ("alignment depth (levels)", f"{org.depth}"),
        ("generate", f"{generated:.2f} s"),
        ("build RollupGraph", ms(built)),
        ("full recompute", ms(full)),
        ("  per KR", f"{full / len(krs) * 1e6:.2f} us"),
        ("baseline: Decimal mul-add loop", ms(baseline)),
        ("  per KR", f"{baseline / len(krs) * 1e6:.3f} us"),
        ("full recompute / baseline", f"{full / baseline:.1f}x"),
        ("incremental check-ins timed", f"{len(times)}"),
        ("  KRs touched (median / max)", f"{statistics.median(kr_touched):g} / {max(kr_touched)}"),
        (
            "  objectives touched (median / max)",
            f"{statistics.median(obj_touched):g} / {max(obj_touched)}",
        ),
        (
            "  time (median / p95 / max)",
            f"{ms(statistics.median(times))} / {ms(p95)} / {ms(max(times))}",
        ),
        ("incremental == full recompute", "yes" if consistent else "NO"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 36}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if not consistent:
        raise SystemExit("incremental propagation diverged from the full recompute")


if __name__ == "__main__":
    main()
