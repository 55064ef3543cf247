"""Roll-up: after KRs or objectives change, rewrite the scores and grades that depend on them.

``propagate`` loads only the part of the alignment graph above the changed nodes, level by level
(a fixed number of queries per level, whatever the number of rows): the objectives of the changed
KRs, every derived KR those objectives are aligned to, the objectives owning those KRs, and every
other objective aligned to those derived KRs (whose stored score is an input). It then runs
``RollupGraph.propagate_from`` and writes the KR scores and objective scores/grades that changed.
Scores are derived values: writing them never bumps an entity's ``version``.

Locks: the objectives whose scores are rewritten are locked in sorted id order before their KRs
are read again (PostgreSQL ``FOR UPDATE``; SQLite becomes the single writer), so two transactions
that roll up through one objective never overwrite each other's result. Callers that lock KR rows
do so first (KRs, then objectives). A caller that locked an objective when it loaded it passes it
as ``held_objectives`` with all its KRs: the roll-up trusts those rows (it neither locks nor reads
them again).

The roll-up is the one place where KR and objective scores are computed: the write services call
it after every change of a KR, of a KR set or of an objective's state. Changed scores are set on
the rows and written by one flush (one UPDATE per changed row, batched by the unit of work; nothing
is read back).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from api.services.policy import current_policy
from domain.alignment import AlignmentEdge, RollupGraph, Touched
from domain.model import KeyResultKind
from domain.policy import Policy
from domain.scoring import grade_for, objective_score
from persistence.mappers import objective_to_domain
from persistence.repositories.alignment import AlignmentRepository, GraphLoader
from persistence.repositories.objectives import ObjectiveRepository
from persistence.tables import AlignmentRow, KeyResultRow, ObjectiveRow

_DERIVED = KeyResultKind.DERIVED.value

__all__ = ["Touched", "propagate"]


class _Graph:
    """The rows of the partial graph as they are discovered."""

    def __init__(self, session: AsyncSession) -> None:
        self.loader = GraphLoader(session)
        self.alignments = AlignmentRepository(session)
        self.objective_rows = ObjectiveRepository(session)
        self.objectives: dict[str, ObjectiveRow] = {}
        self.key_results: dict[str, KeyResultRow] = {}
        self.edges: dict[str, AlignmentRow] = {}
        self.closure: set[str] = set()
        """Objectives whose scores may be rewritten (the changed ones and those above)."""
        self.hot: set[str] = set()
        """Derived KRs that will be recomputed (all their children are loaded)."""
        self.given: dict[str, ObjectiveRow] = {}
        """Objective rows the caller has already read (used instead of reading them again)."""
        self.held: dict[str, KeyResultRow] = {}
        """KR rows the caller holds locked, current in memory (never read again)."""
        self.trusted: set[str] = set()
        """Objectives the caller holds locked with all their KRs in ``held`` (never read again)."""

    async def load(self, objective_ids: set[str]) -> None:
        missing = objective_ids - self.objectives.keys()
        if not missing:
            return
        to_read = missing - self.given.keys()
        for oid in missing - to_read:
            self.objectives[oid] = self.given[oid]
        for row in await self.loader.objectives(to_read) if to_read else ():
            self.objectives[row.id] = row
        for kr in self.held.values():
            if kr.objective_id in missing & self.trusted:
                self.key_results[kr.id] = kr
        unknown = missing - self.trusted
        for kr in await self.loader.key_results_of(unknown) if unknown else ():
            self.key_results[kr.id] = kr

    async def discover(self, start_objectives: set[str], start_derived: set[str]) -> None:
        """Walk up from the start objectives (and derived KRs), one level per round."""
        to_close = set(start_objectives)
        new_hot = set(start_derived)
        to_load = set(start_objectives)
        while to_close or new_hot or to_load:
            frontier = to_close - self.closure
            self.closure |= frontier
            await self.load(to_load | frontier)
            to_load = set()
            if frontier:
                for edge in await self.alignments.derived_parents_of(frontier):
                    self.edges[edge.id] = edge
                    if edge.parent_key_result_id is not None:
                        new_hot.add(edge.parent_key_result_id)
            new_hot -= self.hot
            to_close = set()
            if new_hot:
                self.hot |= new_hot
                for edge in await self.alignments.into_key_results(new_hot):
                    self.edges[edge.id] = edge
                    to_load.add(edge.child_objective_id)
                    if edge.parent_key_result_id in new_hot:
                        to_close.add(edge.parent_objective_id)
                for kr_id in new_hot:
                    kr = self.key_results.get(kr_id)
                    if kr is not None:
                        to_close.add(kr.objective_id)
            new_hot = set()
            to_close -= self.closure
            to_load -= self.objectives.keys()

    async def lock_and_refresh(self) -> None:
        """Lock the objectives to rewrite (sorted), then read every loaded row again.

        The trusted objectives (locked by the caller) and the held KRs are neither locked nor
        read again: their rows in memory are the newest.
        """
        trusted = {oid: self.objectives[oid] for oid in self.trusted & self.objectives.keys()}
        ids = set(self.objectives) - trusted.keys()
        to_lock = self.closure - trusted.keys()
        rows = await self.objective_rows.lock_and_read(to_lock, ids - to_lock)
        self.objectives = {**trusted, **{r.id: r for r in rows}}
        # The caller's locked KRs are current in memory: the fresh read skips them.
        fresh_of = set(self.objectives) - trusted.keys()
        self.key_results = (
            {
                r.id: r
                for r in await self.loader.key_results_of(
                    fresh_of, fresh=True, skip=self.held.keys()
                )
            }
            if fresh_of
            else {}
        )
        for kr in self.held.values():
            if kr.objective_id in self.objectives:
                self.key_results[kr.id] = kr


async def propagate(
    session: AsyncSession,
    *,
    key_result_ids: Iterable[str] = (),
    objective_ids: Iterable[str] = (),
    loaded_key_results: Mapping[str, KeyResultRow] | None = None,
    loaded_objectives: Mapping[str, ObjectiveRow] | None = None,
    held_objectives: Mapping[str, ObjectiveRow] | None = None,
    policy: Policy | None = None,
    climb: bool = True,
    flush_first: bool = True,
) -> Touched:
    """Recompute the given KRs and objectives and every derived KR/objective above them.

    Pass the KRs whose value, definition or alignment inputs changed (``key_result_ids``; a derived
    KR that lost or gained an aligned child belongs here), and the objectives whose state or KR set
    changed (``objective_ids``: all their KRs are recomputed, and a state change reaches the derived
    KRs they feed). Ids that no longer exist are ignored. Flushes pending changes (so that the
    roll-up reads them), then the changed rows; never commits. A caller whose only pending
    changes are on the ``loaded_key_results`` rows, which the roll-up never reads again, may pass
    ``flush_first=False``: they are written with the roll-up's own changes, one UPDATE per row.

    A caller that holds some of these KRs locked (``FOR UPDATE``; SQLite: the transaction is the
    writer) may pass their rows by id (``loaded_key_results``), with the objectives they belong to
    (``loaded_objectives``): the KR rows are never read again (their in-memory state is the
    newest), and the objectives are not read again to find where the walk starts. Every other row
    the roll-up reads from is read again after the objectives are locked, so the result is the
    same as without them.

    A caller that locked objectives when it loaded them (``FOR UPDATE``; SQLite: the transaction
    became the writer first) passes them as ``held_objectives`` and every one of their KRs in
    ``loaded_key_results``: they are neither locked nor read again. Every KR writer locks the
    objective after its KR (check-ins) or when loading it (the write services), so no KR of a held
    objective can change unseen before commit. ``policy`` is the policy in force, when the caller
    has read it already (grades need it).

    ``climb=False``: the given objectives feed no derived KR, before or after the change (only
    agreed objectives do), so nothing above them is looked for; their own derived KRs are still
    recomputed from their children.
    """
    start_krs = set(key_result_ids)
    start_objectives = set(objective_ids)
    if not start_krs and not start_objectives:
        return Touched(key_result_ids=(), objective_ids=())
    # Pending changes first, so that the roll-up reads them; then its reads do not flush again.
    if flush_first:
        await session.flush()
    with session.no_autoflush:
        touched = await _propagate(
            session,
            start_krs,
            start_objectives,
            loaded_key_results,
            {**(loaded_objectives or {}), **(held_objectives or {})},
            set(held_objectives or ()),
            policy,
            climb,
        )
    await session.flush()
    return touched


async def _propagate(
    session: AsyncSession,
    start_krs: set[str],
    start_objectives: set[str],
    loaded_key_results: Mapping[str, KeyResultRow] | None,
    loaded_objectives: Mapping[str, ObjectiveRow] | None,
    trusted: set[str],
    policy: Policy | None,
    climb: bool,
) -> Touched:
    graph = _Graph(session)
    graph.trusted = trusted
    known = loaded_key_results or {}
    graph.held = dict(known)
    kr_rows = [known[k] for k in sorted(start_krs & known.keys())]
    to_read = start_krs - known.keys()
    if to_read:
        kr_rows.extend(await graph.loader.key_results(to_read))
    if loaded_objectives:
        graph.given = dict(loaded_objectives)
    start_krs = {r.id for r in kr_rows}
    start_objectives |= {r.objective_id for r in kr_rows}
    start_derived = {r.id for r in kr_rows if r.kind == _DERIVED}
    if climb:
        await graph.discover(start_objectives, start_derived)
    else:
        # The objectives are closed without looking above them; their derived KRs still need
        # their children.
        graph.closure |= start_objectives
        await graph.load(start_objectives)
        if start_derived:
            await graph.discover(set(), start_derived)
    # Derived KRs of objectives passed whole are recomputed too: their children are needed.
    extra = {
        kr.id
        for kr in graph.key_results.values()
        if kr.kind == _DERIVED and kr.objective_id in start_objectives and kr.id not in graph.hot
    }
    if extra:
        await graph.discover(set(), extra)
    await graph.lock_and_refresh()
    start_objectives &= graph.objectives.keys()

    krs_by_objective: dict[str, list[KeyResultRow]] = {oid: [] for oid in graph.objectives}
    for kr in sorted(graph.key_results.values(), key=lambda k: (k.position, k.created_at, k.id)):
        krs_by_objective[kr.objective_id].append(kr)
    domain_objectives = [
        objective_to_domain(row, krs_by_objective[row.id]) for row in graph.objectives.values()
    ]
    edges = [
        AlignmentEdge(e.child_objective_id, e.parent_objective_id, e.parent_key_result_id)
        for e in graph.edges.values()
        if e.parent_key_result_id in graph.key_results and e.child_objective_id in graph.objectives
    ]
    rollup = RollupGraph(domain_objectives, edges)
    seeds = set(start_krs & graph.key_results.keys())
    empty: list[str] = []
    for oid in start_objectives:
        krs = krs_by_objective[oid]
        if krs:
            seeds.update(kr.id for kr in krs)
        else:
            empty.append(oid)
            seeds.update(
                e.parent_key_result_id
                for e in edges
                if e.child_objective_id == oid and e.parent_key_result_id is not None
            )
    touched = rollup.propagate_from(sorted(seeds)) if seeds else Touched((), ())

    changed_krs: list[str] = []
    for kr_id in touched.key_result_ids:
        kr_row = graph.key_results[kr_id]
        score = rollup.key_results[kr_id].score
        if kr_row.score != score:
            kr_row.score = score
            changed_krs.append(kr_id)
    changed_objectives: list[str] = []
    for oid in dict.fromkeys((*touched.objective_ids, *empty)):
        obj_row = graph.objectives[oid]
        new_score = rollup.objectives[oid].score if krs_by_objective[oid] else objective_score([])
        new_grade: str | None = None
        if new_score is not None:
            if policy is None:
                policy, _ = await current_policy(session)
            new_grade = grade_for(new_score, policy).value
        if obj_row.score != new_score or obj_row.grade != new_grade:
            obj_row.score = new_score
            obj_row.grade = new_grade
            changed_objectives.append(oid)
    return Touched(
        key_result_ids=touched.key_result_ids,
        objective_ids=tuple(dict.fromkeys((*touched.objective_ids, *empty))),
        changed_key_result_ids=tuple(changed_krs),
        changed_objective_ids=tuple(changed_objectives),
    )
