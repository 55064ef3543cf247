"""Keyset pagination: ``?limit=`` and an opaque, URL-safe ``?cursor=``; answers are ``Page[T]``."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from api.errors import ApiError
from persistence.repository import Keyset

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    """One page of a list; ``next_cursor`` is null on the last page."""

    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `?cursor=` to read the next page; null on the last page."
    )


def encode_cursor(keyset: Keyset) -> str:
    """An opaque URL-safe cursor for a (created_at, id) keyset."""
    raw = json.dumps([keyset[0].isoformat(), keyset[1]], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> Keyset:
    """The keyset behind a cursor; 422 ``request.invalid_cursor`` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        created_at, id_ = json.loads(raw)
        instant = datetime.fromisoformat(created_at)
        if not isinstance(id_, str) or instant.tzinfo is None:
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ApiError(
            422, "request.invalid_cursor", "the cursor is not valid", field="cursor"
        ) from exc
    return instant, id_


@dataclass(frozen=True, slots=True)
class PageParams:
    """Where a list starts and how long it is."""

    limit: int
    after: Keyset | None


def page_params(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Items per page (default 50, max 500).")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=512, description="The `next_cursor` of the previous page.")
    ] = None,
) -> PageParams:
    """The ``limit`` and ``cursor`` query parameters."""
    return PageParams(limit=limit, after=decode_cursor(cursor) if cursor else None)


PageDep = Annotated[PageParams, Depends(page_params)]


def page_of(items: list[T], next_keyset: Keyset | None) -> Page[T]:
    """A page from a repository's (items, next keyset) answer."""
    return Page[T](items=items, next_cursor=encode_cursor(next_keyset) if next_keyset else None)
