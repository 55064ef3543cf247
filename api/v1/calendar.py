"""The calendar and the meetings: ``GET /v1/cycles/{id}/deadlines``, ``GET /v1/people/{id}/inbox``,
``GET /v1/me/inbox`` and ``GET /v1/org-units/{id}/digests/weekly`` (JSON or Markdown)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Query
from fastapi.responses import PlainTextResponse

from api.deps import PrincipalDep, SessionDep
from api.schemas.calendar import CycleDeadlines, Inbox, WeeklyDigest
from api.schemas.common import Day, Id
from api.services import deadlines, digests, inbox
from api.v1 import resource_router

router = resource_router("calendar")

OnDay = Annotated[
    Day | None,
    Query(description="The day to judge deadlines and dues on (default: today, UTC)."),
]
WEEK_PATTERN = r"^([1-9]\d{3}|0[1-9]\d{2}|00[1-9]\d|000[1-9])-W(0[1-9]|[1-4]\d|5[0-3])$"
"""An ISO week: year 1 to 9999, week 01 to 53 (a week 53 of a year that has 52 is still refused
with ``digest.invalid_week``: that rule needs the calendar, which a pattern cannot hold)."""


class MarkdownResponse(PlainTextResponse):
    """A Markdown document."""

    media_type = "text/markdown"


@router.get("/cycles/{cycle_id}/deadlines", name="get_cycle_deadlines")
async def get_cycle_deadlines(
    cycle_id: str, session: SessionDep, principal: PrincipalDep, on: OnDay = None
) -> CycleDeadlines:
    """The cycle's deadlines in order: per deadline the objectives (those the caller sees) on
    time, late and pending, and the people they wait on, named."""
    return await deadlines.cycle_deadlines(session, principal, cycle_id, on=on)


@router.get("/people/{person_id}/inbox", name="get_person_inbox")
async def get_person_inbox(
    person_id: str, session: SessionDep, principal: PrincipalDep, on: OnDay = None
) -> Inbox:
    """What the person owes and by when (the person, their manager chain and admins)."""
    return await inbox.person_inbox(session, principal, person_id, on=on)


@router.get("/me/inbox", name="get_my_inbox")
async def get_my_inbox(session: SessionDep, principal: PrincipalDep, on: OnDay = None) -> Inbox:
    """What the caller owes and by when."""
    return await inbox.my_inbox(session, principal, on=on)


@router.get(
    "/org-units/{unit_id}/digests/weekly",
    name="get_weekly_digest",
    response_model=WeeklyDigest,
    responses={
        200: {
            "description": "The agenda: JSON, or Markdown with `Accept: text/markdown`.",
            "content": {"text/markdown": {"schema": {"type": "string"}}},
        }
    },
)
async def get_weekly_digest(
    unit_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    week: Annotated[str, Query(pattern=WEEK_PATTERN, description="An ISO week: `2026-W49`.")],
    person_id: Id | None = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> WeeklyDigest | MarkdownResponse:
    """The unit's weekly-meeting agenda (members of the unit and the units below, or one of them
    with `person_id`): per KR value, score and confidence now and a week ago, the notes behind a
    change of confidence, the week's check-ins, blockers and help requests, stale KRs,
    initiatives due next week, and the at-risk list."""
    digest = await digests.weekly_digest(
        session, principal, unit_id, week=week, person_id=person_id
    )
    if accept is not None and "text/markdown" in accept:
        return MarkdownResponse(digests.weekly_markdown(digest))
    return digest
