"""Keyset pagination: ``?limit=`` and an opaque, URL-safe ``?cursor=``; answers are ``Page[T]``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Response
from pydantic import BaseModel, Field

from api.concurrency import etag
from api.errors import ApiError
from persistence.repositories.base import Keyset

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    """One page of a list; ``next_cursor`` is null on the last page."""

    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `?cursor=` to read the next page; null on the last page."
    )


CURSOR_PATTERN = r"^[0-9]{1,16}\.[A-Za-z0-9_-]{1,64}$"
"""Every string of this shape is a position (microseconds since 1970 in UTC, then the row id)."""
HISTORY_CURSOR_PATTERN = r"^[0-9]{1,16}\.[0-9]{1,16}_[A-Za-z0-9_-]{1,47}$"
"""A position in a check-in history: ``observed_at``, then the time it was received and its id."""

_CURSOR = re.compile(CURSOR_PATTERN)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def encode_cursor(keyset: Keyset) -> str:
    """An opaque URL-safe cursor for a (created_at, id) keyset."""
    micros = (keyset[0] - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}.{keyset[1]}"


def decode_cursor(cursor: str) -> Keyset:
    """The keyset behind a cursor; 422 ``request.invalid_cursor`` when it is not one of ours."""
    if not _CURSOR.fullmatch(cursor):
        raise ApiError(422, "request.invalid_cursor", "the cursor is not valid", field="cursor")
    micros, _, id_ = cursor.partition(".")
    return _EPOCH + timedelta(microseconds=int(micros)), id_


@dataclass(frozen=True, slots=True)
class PageParams:
    """Where a list starts and how long it is."""

    limit: int
    after: Keyset | None


Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description="Items per page (default 50, max 500).")
]
_NEXT = "The `next_cursor` of the previous page."


def page_params(
    limit: Limit = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(max_length=81, description=_NEXT, json_schema_extra={"pattern": CURSOR_PATTERN}),
    ] = None,
) -> PageParams:
    """The ``limit`` and ``cursor`` query parameters."""
    return PageParams(limit=limit, after=None if cursor is None else decode_cursor(cursor))


def history_page_params(
    limit: Limit = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(
            max_length=81, description=_NEXT, json_schema_extra={"pattern": HISTORY_CURSOR_PATTERN}
        ),
    ] = None,
) -> PageParams:
    """``page_params`` of a KR's check-in history, whose cursors have the shape of theirs."""
    return page_params(limit, cursor)


PageDep = Annotated[PageParams, Depends(page_params)]
HistoryPageDep = Annotated[PageParams, Depends(history_page_params)]


def model_answer(model: BaseModel, *, version: int | None = None) -> Response:
    """A 200 answer of a model built without validation (``model_construct``), written by the
    model's own serializer, as FastAPI would write it validated; with the version's ``ETag``."""
    body = type(model).__pydantic_serializer__.to_json(model)
    headers = None if version is None else {"ETag": etag(version)}
    return Response(content=body, media_type="application/json", headers=headers)


def page_answer(model: type[BaseModel], items: list[Any], next_keyset: Keyset | None) -> Response:
    """The answer of one page of items built without validation (``model_answer``); ``model``
    is the item model."""
    page = Page[model].model_construct(  # type: ignore[valid-type]
        items=items, next_cursor=encode_cursor(next_keyset) if next_keyset else None
    )
    return model_answer(page)


def page_of(items: list[T], next_keyset: Keyset | None) -> Page[T]:
    """A page from a repository's (items, next keyset) answer."""
    return Page[T](items=items, next_cursor=encode_cursor(next_keyset) if next_keyset else None)
