"""Reads of objectives and key results built for reading: plain rows in, JSON bytes out.

``GET /v1/objectives/{id}`` and ``GET /v1/objectives`` are what front ends and dashboards send
most. Their answers come from two Core statements (``persistence.reads``) whatever the page size:
the visible objectives with their cycle dates, owner state and policy row, then their KRs joined
with the counting check-ins the forecasts need (a derived KR reads the objectives aligned to it,
a statement per level). ``GET /v1/key-results/{id}`` and the KR list likewise: the visible KRs
with their cycle and the policy row, then their counting points.

The answer models are built without validation (``OutputModel.built``: the values come typed from
the columns); the routers write them with the model's own serializer (``api.pagination``), so the
bytes are those of a validated answer (``tests/api/test_read_statement_budget.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.key_results import KeyResultPublic
from api.schemas.objectives import ObjectivePublic
from api.services.forecasts import (
    Forecaster,
    PointRow,
    forecast_public,
    objective_forecast,
    objective_forecast_public,
)
from api.services.okr_visibility import objective_not_found, visibility
from domain.checkins import key_result_not_found
from domain.forecast import Forecast
from domain.model import Grade, KeyResultKind, ObjectiveState, Origin, OwnerType
from domain.policy import Policy
from persistence.reads import (
    KEY_RESULT_FIELDS,
    OBJECTIVE_FIELDS,
    ReadRow,
    key_result_page_rows,
    key_result_rows,
    objective_rows,
)
from persistence.repositories.base import Keyset
from persistence.repositories.check_ins import CheckInRepository

_OWNER_TYPES = {member.value: member for member in OwnerType}
_ORIGINS = {member.value: member for member in Origin}
_STATES = {member.value: member for member in ObjectiveState}
_GRADES = {member.value: member for member in Grade}
_KINDS = {member.value: member for member in KeyResultKind}
"""The members of the enumerations a read shows, by their stored value (a dictionary look-up
where a call of the enumeration costs some ten times as much, thousands of times per page)."""

_policy_seen: tuple[Any, Policy] | None = None
"""The last policy document read and the policy built from it (compared by value on every read,
so a change made by any replica is seen at once)."""


def _policy(data: Any) -> Policy:
    global _policy_seen
    if data is None:
        data = {}
    if _policy_seen is not None and _policy_seen[0] == data:
        return _policy_seen[1]
    policy = Policy.from_dict(data)
    _policy_seen = (data, policy)
    return policy


class _KeyResults:
    """The KR rows of some objectives, grouped: each KR once, with its points."""

    def __init__(self, rows: Sequence[ReadRow]) -> None:
        self.of_objective: dict[str, list[ReadRow]] = {}
        self.points: dict[str, list[PointRow]] = {}
        for row in rows:
            points = self.points.get(row.id)
            if points is None:
                points = self.points[row.id] = []
                self.of_objective.setdefault(row.objective_id, []).append(row)
            if row.point_observed_at is not None:
                points.append(
                    (row.point_observed_at, row.point_received_at, row.point_value, row.point_done)
                )


async def _answers(session: AsyncSession, objectives: Sequence[ReadRow]) -> list[ObjectivePublic]:
    """The answer of each objective row, its KRs and forecasts read in one statement."""
    if not objectives:
        return []
    krs = _KeyResults(await key_result_rows(session, [o.id for o in objectives]))
    policy = _policy(objectives[0].policy_data)
    forecaster = Forecaster(session, policy, {})
    cycle_of: dict[str, str] = {}
    for o in objectives:
        forecaster.spans[o.cycle_id] = (o.cycle_starts_on, o.cycle_ends_on)
        cycle_of[o.id] = o.cycle_id
    by_kr = await forecaster.with_points(
        [
            (kr.id, kr.kind, kr.start_value, kr.target_value, cycle_of[kr.objective_id])
            for rows in krs.of_objective.values()
            for kr in rows
        ],
        krs.points,
    )
    out: list[ObjectivePublic] = []
    for o in objectives:
        rows = krs.of_objective.get(o.id, [])
        out.append(_objective(o, rows, by_kr, forecaster))
    return out


def _objective(
    o: ReadRow, krs: Sequence[ReadRow], by_kr: dict[str, Forecast], forecaster: Forecaster
) -> ObjectivePublic:
    # The statement's first columns, in this order (the row holds more after them).
    values = dict(zip(OBJECTIVE_FIELDS, o, strict=False))
    values["owner_type"] = _OWNER_TYPES[o.owner_type]
    values["origin"] = _ORIGINS[o.origin]
    values["state"] = _STATES[o.state]
    values["grade"] = _GRADES[o.grade] if o.grade is not None else None
    values["key_results"] = [_key_result(kr, by_kr[kr.id]) for kr in krs]
    values["owner_inactive"] = bool(o.owner_inactive)
    values["warnings"] = []
    values["forecast"] = objective_forecast_public(
        objective_forecast(krs, by_kr, forecaster.policy)
    )
    return ObjectivePublic.built(values)


def _key_result(kr: ReadRow, forecast: Forecast) -> KeyResultPublic:
    values = dict(zip(KEY_RESULT_FIELDS, kr, strict=False))  # the first columns, as above
    values["kind"] = _KINDS[kr.kind]
    values["forecast"] = forecast_public(forecast)
    return KeyResultPublic.built(values)


async def _key_result_answers(
    session: AsyncSession, rows: Sequence[ReadRow]
) -> list[KeyResultPublic]:
    if not rows:
        return []
    points = await CheckInRepository(session).counting_points(
        [r.id for r in rows if r.kind != KeyResultKind.DERIVED.value]
    )
    forecaster = Forecaster(session, _policy(rows[0].policy_data), {})
    for r in rows:
        forecaster.spans[r.cycle_id] = (r.cycle_starts_on, r.cycle_ends_on)
    by_kr = await forecaster.with_points(
        [(r.id, r.kind, r.start_value, r.target_value, r.cycle_id) for r in rows], points
    )
    return [_key_result(r, by_kr[r.id]) for r in rows]


async def key_result(
    session: AsyncSession, key_result_id: str, principal: Principal
) -> KeyResultPublic:
    """One visible KR as a read shows it (404 when it is unknown or its objective is hidden from
    the caller)."""
    rows, _ = await key_result_page_rows(
        session, visibility(principal), key_result_id=key_result_id
    )
    if not rows:
        raise key_result_not_found(key_result_id, None)
    (answer,) = await _key_result_answers(session, rows)
    return answer


async def key_results_page(
    session: AsyncSession,
    principal: Principal,
    filters: Mapping[str, str | None],
    *,
    limit: int,
    after: Keyset | None,
) -> tuple[list[KeyResultPublic], Keyset | None]:
    """A page of visible KRs, filtered by the list's ``filters``, and the keyset after it."""
    rows, next_keyset = await key_result_page_rows(
        session, visibility(principal), filters=filters, limit=limit, after=after
    )
    return await _key_result_answers(session, rows), next_keyset


async def objective(
    session: AsyncSession, objective_id: str, principal: Principal
) -> ObjectivePublic:
    """One visible objective as a read shows it (404 when it is unknown or hidden from the
    caller)."""
    rows, _ = await objective_rows(session, visibility(principal), objective_id=objective_id)
    if not rows:
        raise objective_not_found(objective_id)
    (answer,) = await _answers(session, rows)
    return answer


async def objectives_page(
    session: AsyncSession,
    principal: Principal,
    filters: Mapping[str, str | None],
    *,
    limit: int,
    after: Keyset | None,
) -> tuple[list[ObjectivePublic], Keyset | None]:
    """A page of visible objectives, filtered by the list's ``filters`` (field name -> value;
    None: not filtered), and the keyset after it."""
    rows, next_keyset = await objective_rows(
        session, visibility(principal), filters=filters, limit=limit, after=after
    )
    return await _answers(session, rows), next_keyset
