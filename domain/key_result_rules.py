"""Key result rules (okr-domain §3, §4): which values are scorable, which fields move when.

A KR's definition (``KEY_RESULT_DEFINITION_FIELDS``) is frozen once its objective is agreed; its
progress (``PROGRESS_FIELDS``) is set by hand only in drafts, afterwards check-ins move it; its
integration settings (``SETTINGS_FIELDS``) stay editable until the cycle closes. Only the
``SCORING_FIELDS`` reach its score.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping

from domain.errors import Violation
from domain.lifecycle import (
    KEY_RESULT_DEFINITION_FIELDS,
    check_cycle_open_for_planning,
    check_cycle_writable,
)
from domain.model import Cycle, KeyResult, KeyResultKind, ObjectiveState

PROGRESS_FIELDS = frozenset({"current_value", "done", "confidence"})
"""Progress fields: set by hand only in drafts (the baseline); afterwards check-ins move them."""

SETTINGS_FIELDS = frozenset({"unit", "metric_key"})
"""Fields that stay editable while the cycle is not closed (integration settings)."""

SCORING_FIELDS = frozenset(
    {"kind", "start_value", "target_value", "current_value", "done", "weight"}
)
"""The fields a KR's score and its share of the objective's score are computed from."""


def value_violations(kr: KeyResult) -> list[Violation]:
    """Problems with a KR's values that make it unscorable, whatever the objective's state."""
    if (
        kr.kind is KeyResultKind.NUMERIC
        and kr.start_value is not None
        and kr.start_value == kr.target_value
    ):
        return [
            Violation(
                "key_result.target_equals_start",
                "target_value equals start_value: progress cannot be measured",
                "target_value",
            )
        ]
    return []


def check_cycle_allows_edit(cycle: Cycle, changed: Collection[str]) -> None:
    """Settings change while the cycle is not closed; anything else only while it is planned."""
    if set(changed) - SETTINGS_FIELDS:
        check_cycle_open_for_planning(cycle)
    else:
        check_cycle_writable(cycle)


def progress_violations(state: ObjectiveState, changed: Collection[str]) -> list[Violation]:
    """Progress fields changed by hand outside a draft (check-ins move them there)."""
    if state is ObjectiveState.DRAFT:
        return []
    return [
        Violation(
            "key_result.progress_by_check_in",
            f"{name} of a {state.value} objective's key result changes through check-ins",
            name,
        )
        for name in sorted(set(changed) & PROGRESS_FIELDS)
    ]


def with_changes(kr: KeyResult, changes: Mapping[str, object]) -> KeyResult:
    """A copy of the KR with the definition and progress fields among ``changes`` applied."""
    candidate = dataclasses.replace(kr)
    fields = {f.name for f in dataclasses.fields(kr)}
    for name, value in changes.items():
        if name in (KEY_RESULT_DEFINITION_FIELDS | PROGRESS_FIELDS) and name in fields:
            setattr(candidate, name, value)
    return candidate


def affects_score(changed: Collection[str]) -> bool:
    """Whether changing these fields can change a KR's score or its objective's."""
    return not SCORING_FIELDS.isdisjoint(changed)
