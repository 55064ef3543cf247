"""Optimistic concurrency: ``ETag: "<version>"`` on answers and ``If-Match`` on writes (412)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

from api.errors import ApiError

IfMatchDep = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The `ETag` you last read (`"<version>"`); 412 when it is stale.',
    ),
]


def etag(version: int) -> str:
    """The entity tag of a version."""
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    """Put the version's ``ETag`` on the answer."""
    response.headers["ETag"] = etag(version)


def check_if_match(if_match: str | None, version: int) -> None:
    """Refuse with 412 ``precondition.failed`` unless ``If-Match`` is absent, ``*`` or current."""
    if if_match is None:
        return
    tags = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    if "*" in tags or etag(version) in tags:
        return
    raise ApiError(
        412,
        "precondition.failed",
        f"If-Match {if_match} does not match the current version {etag(version)}",
        field="if-match",
    )
