"""``GET /v1/cycles/{id}/report``: the reports of okr-domain §8."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api import read_limits
from api.deps import PrincipalDep, SessionDep
from api.schemas.reports import CycleReport
from api.services import cycles
from api.services import reports as service
from api.v1 import resource_router

router = resource_router("reports")


@router.get(
    "/current-cycle/report", name="get_current_cycle_report", responses=read_limits.RESPONSES
)
async def get_current_cycle_report(
    session: SessionDep,
    principal: PrincipalDep,
    _: read_limits.ExpensiveReadDep,
    unit_id: Annotated[
        str | None,
        Query(max_length=36, description="Only this unit, its descendants and their people."),
    ] = None,
) -> CycleReport:
    """The report of the current cycle (`GET /v1/current-cycle`), without looking up its id.

    An expensive read, like `GET /v1/cycles/{cycle_id}/report`."""
    cycle_id = await cycles.current_cycle_id(session)
    return await service.cycle_report(session, principal, cycle_id, unit_id=unit_id)


@router.get("/cycles/{cycle_id}/report", name="get_cycle_report", responses=read_limits.RESPONSES)
async def get_cycle_report(
    cycle_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    _: read_limits.ExpensiveReadDep,
    unit_id: Annotated[
        str | None,
        Query(max_length=36, description="Only this unit, its descendants and their people."),
    ] = None,
) -> CycleReport:
    """Objectives per owner, scores and grades, bottom-up share, alignment coverage, stale KRs,
    owners without agreed OKRs, confidence trend and review completion.

    An expensive read: a caller may run at most `OKR_EXPENSIVE_READS_PER_CALLER` exports and
    reports at once (429 `rate_limit.concurrent_reads` with `Retry-After` beyond that)."""
    return await service.cycle_report(session, principal, cycle_id, unit_id=unit_id)
