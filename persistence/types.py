"""Column types shared by the tables: UTC timestamps, fixed-point decimals, JSON documents."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored in UTC; naive values read back (SQLite) count as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


VALUE = Numeric(21, 6)
"""A KR value: 15 digits before the point, 6 after."""

WEIGHT = Numeric(5, 2)
"""A KR weight in percent (0 < w <= 100)."""

KR_SCORE = Numeric(3, 2)
"""A KR score, 0.00 .. 1.00."""

OBJECTIVE_SCORE = Numeric(4, 3)
"""An objective score, 0.000 .. 1.000."""


def json_type() -> JSON:
    """A JSON document column (JSON on SQLite, JSON on PostgreSQL)."""
    return JSON()


def render_type(type_: Any) -> str | None:
    """How Alembic autogenerate should spell the project's own types in migrations."""
    if isinstance(type_, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return None
