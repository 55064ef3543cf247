"""Optimistic concurrency over HTTP: ``ETag: "<version>"`` on answers, the ``If-Match`` header
(checked by ``domain.errors.check_if_match``, 412 when stale)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

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
