"""Cycle definition rules (okr-domain §4): period, deadlines, nesting, and when a cycle may go.

A quarter sits in a year and a month in a quarter (``PARENT_KIND``); a cycle lies inside its parent
and contains its children; its deadlines may lie outside it (a month's OKRs are submitted in the
month before, a quarter is reviewed after it ends), only their order is checked
(``domain.deadlines.order_violations``). Every rule returns all the problems it
finds, so that a refusal names each of them at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.deadlines import DEADLINE_FIELDS, order_violations
from domain.errors import Violation
from domain.model import Cycle, CycleKind, CycleState

PARENT_KIND = {CycleKind.QUARTERLY: CycleKind.ANNUAL, CycleKind.MONTHLY: CycleKind.QUARTERLY}
"""The kind a cycle's parent must have: a quarter sits in a year, a month in a quarter."""


def _period_violations(cycle: Cycle) -> list[Violation]:
    found: list[Violation] = []
    if cycle.ends_on <= cycle.starts_on:
        found.append(
            Violation("cycle.ends_before_start", "ends_on must be after starts_on", "ends_on")
        )
    names = ("planning_deadline", "review_deadline", *DEADLINE_FIELDS)
    found += order_violations({name: getattr(cycle, name) for name in names})
    return found


def parent_violations(cycle: Cycle, parent: Cycle) -> list[Violation]:
    """Problems with ``parent`` as the cycle's parent: itself, the wrong kind, not around it."""
    found: list[Violation] = []
    expected = PARENT_KIND.get(cycle.kind)
    if parent.id == cycle.id:
        found.append(
            Violation("cycle.parent_is_self", "a cycle cannot contain itself", "parent_id")
        )
    elif expected is None or parent.kind is not expected:
        wanted = f"an {expected.value}" if expected else "no"
        found.append(
            Violation(
                "cycle.parent_kind",
                f"a {cycle.kind.value} cycle needs {wanted} parent, not {parent.kind.value}",
                "parent_id",
            )
        )
    if parent.id != cycle.id and not parent.contains(cycle):
        found.append(
            Violation(
                "cycle.outside_parent",
                f"the period must lie inside parent cycle {parent.id}",
                "parent_id",
            )
        )
    return found


def definition_violations(
    cycle: Cycle, *, parent: Cycle | None, children: Sequence[Cycle]
) -> list[Violation]:
    """Every problem with a cycle's period, deadlines and nesting."""
    found = _period_violations(cycle)
    if parent is not None:
        found += parent_violations(cycle, parent)
    for child in children:
        if not cycle.contains(child):
            found.append(
                Violation(
                    "cycle.child_outside", f"child cycle {child.id} would lie outside", child.id
                )
            )
    return found


def deletion_violations(
    cycle: Cycle, *, has_children: bool, has_objectives: bool
) -> list[Violation]:
    """Why a cycle may not be deleted: only an empty planning cycle without children goes."""
    found: list[Violation] = []
    if cycle.state is not CycleState.PLANNING:
        found.append(
            Violation("cycle.not_planning", "only a planning cycle can be deleted", "state")
        )
    if has_children:
        found.append(Violation("cycle.has_children", "the cycle contains other cycles", cycle.id))
    if has_objectives:
        found.append(Violation("cycle.has_objectives", "the cycle has objectives", cycle.id))
    return found


def current_cycle(cycles: Sequence[Cycle], today: date) -> Cycle | None:
    """The cycle ``current`` names: the shortest active cycle whose period includes ``today``.

    An active year and its active quarter both include today; the quarter is the one people
    track. When no active cycle includes today (a quarter left active past its end), the most
    recently started active cycle. None without an active cycle.
    """
    active = [c for c in cycles if c.state is CycleState.ACTIVE]
    running = [c for c in active if c.starts_on <= today <= c.ends_on]
    if running:
        return min(running, key=lambda c: (c.ends_on - c.starts_on, c.starts_on, c.id))
    if active:
        return max(active, key=lambda c: (c.starts_on, c.id))
    return None
