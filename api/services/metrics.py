"""The figures ``/metrics`` reads from the database at each scrape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.services.policy import current_policy
from domain.checkins import stale_key_results
from domain.model import KeyResult
from persistence import metrics as reads
from persistence.mappers import key_result_to_domain
from persistence.types import utcnow


@dataclass(frozen=True, slots=True)
class ScrapeGauges:
    """The change feed's head and, per active cycle, how many of its key results are stale."""

    feed_head: int
    stale_by_cycle: dict[str, int]


async def scrape_gauges(session: AsyncSession) -> ScrapeGauges:
    """Read the gauges (staleness as the cycle report decides it: ``domain.checkins``)."""
    policy, _version = await current_policy(session)
    today = utcnow().date()
    by_cycle: dict[str, list[tuple[KeyResult, datetime | None]]] = {}
    starts: dict[str, date] = {}
    for kr, cycle_id, starts_on in await reads.key_results_of_active_cycles(session):
        by_cycle.setdefault(cycle_id, []).append((key_result_to_domain(kr), kr.last_check_in_at))
        starts[cycle_id] = starts_on
    stale = {
        cycle_id: len(stale_key_results(krs, today=today, policy=policy, since=starts[cycle_id]))
        for cycle_id, krs in by_cycle.items()
    }
    return ScrapeGauges(feed_head=await reads.feed_head(session), stale_by_cycle=stale)
