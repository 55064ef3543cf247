"""``GET /v1/cycles/{id}/report``: the reports of okr-domain §8."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.deps import PrincipalDep, SessionDep
from api.schemas.reports import CycleReport
from api.services import reports as service
from api.v1 import resource_router

router = resource_router("reports")


@router.get("/cycles/{cycle_id}/report", name="get_cycle_report")
async def get_cycle_report(
    cycle_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    unit_id: Annotated[
        str | None,
        Query(max_length=36, description="Only this unit, its descendants and their people."),
    ] = None,
) -> CycleReport:
    """Objectives per owner, scores and grades, bottom-up share, alignment coverage, stale KRs,
    owners without agreed OKRs, confidence trend and review completion."""
    return await service.cycle_report(session, principal, cycle_id, unit_id=unit_id)
