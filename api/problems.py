"""Problem documents (RFC 9457): the models, the response, and their OpenAPI declaration.

Every refusal the service gives is an ``application/problem+json`` document with a stable machine
``code`` and one entry per violated rule; ``api.errors`` decides which refusal gets which status,
``api.middleware`` answers the refusals no handler sees (too large a body, an unexpected error).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemItem(BaseModel):
    """One violated rule or invalid field."""

    code: str = Field(description="Stable machine code of the rule.")
    message: str = Field(description="Human-readable explanation.")
    field: str | None = Field(default=None, description="The offending field (dotted) or id.")


class Problem(BaseModel):
    """An RFC 9457 problem document with a stable machine ``code`` and every violation."""

    type: str = Field(description="A URI reference naming the problem type.")
    title: str
    status: int
    detail: str
    code: str = Field(description="Stable machine code, e.g. `objective.too_many_key_results`.")
    errors: list[ProblemItem] = Field(default_factory=list)


def problem_response(
    status: int,
    code: str,
    detail: str,
    *,
    errors: Sequence[ProblemItem] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A problem+json response."""
    problem = Problem(
        type=f"/problems/{code}",
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        code=code,
        errors=list(errors),
    )
    return JSONResponse(
        problem.model_dump(mode="json"),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=dict(headers or {}),
    )


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _problem("No valid bearer token (`auth.unauthenticated`)."),
    403: _problem("The caller lacks the role or scope; the body names it."),
    404: _problem("The resource, or one it references, does not exist."),
    409: _problem("A domain rule refuses the request; `errors` lists every violation."),
    412: _problem("`If-Match` does not match the current version (`precondition.failed`)."),
    413: _problem("The request body is larger than 1 MiB (`request.too_large`)."),
    415: _problem("The request body is not JSON (`request.unsupported_media_type`)."),
    422: _problem("The request does not match the schema (`request.invalid`)."),
    429: _problem(
        "Too many failed authentications from the address or with the credential "
        "(`auth.too_many_failures`), or too many check-in requests (`rate_limit.exceeded`); "
        "`Retry-After` says when to try again."
    ),
}
"""The error answers every /v1 operation may give, declared in OpenAPI as problem+json."""


def problems_as_problem_json(spec: dict[str, Any]) -> dict[str, Any]:
    """Move responses that use the Problem schema to ``application/problem+json``."""
    ref = "#/components/schemas/Problem"
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                json_content = content.get("application/json")
                if json_content and json_content.get("schema", {}).get("$ref") == ref:
                    response["content"] = {PROBLEM_MEDIA_TYPE: json_content}
    return spec
