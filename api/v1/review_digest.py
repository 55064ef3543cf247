"""``GET /v1/org-units/{id}/digests/review``: the review meeting's agenda, JSON or Markdown."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Query
from fastapi.responses import PlainTextResponse

from api.deps import PrincipalDep, SessionDep
from api.schemas.review_digest import ReviewDigest
from api.services import review_digest as service
from api.v1 import resource_router

router = resource_router("digests")

MARKDOWN = "text/markdown"


def wants_markdown(accept: str | None) -> bool:
    """Whether the Accept header asks for Markdown (rather than JSON, the default)."""
    if not accept:
        return False
    return any(part.split(";")[0].strip().lower() == MARKDOWN for part in accept.split(","))


@router.get(
    "/org-units/{unit_id}/digests/review",
    name="get_review_digest",
    response_model=ReviewDigest,
    responses={
        200: {
            "description": "The agenda: JSON by default, Markdown with `Accept: text/markdown`.",
            "content": {MARKDOWN: {"schema": {"type": "string"}}},
        }
    },
)
async def get_review_digest(
    unit_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    cycle_id: Annotated[str, Query(max_length=36, description="The cycle reviewed.")],
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> ReviewDigest | PlainTextResponse:
    """The unit's review meeting (its descendants and their people included): agreed objectives
    in order with final score, grade, flags, each KR's deviation and scores, and the five answers
    of every review the caller may see (a draft review only for its owner side and above)."""
    digest = await service.review_digest(session, principal, unit_id, cycle_id=cycle_id)
    if wants_markdown(accept):
        return PlainTextResponse(
            service.to_markdown(digest), media_type=f"{MARKDOWN}; charset=utf-8"
        )
    return digest
