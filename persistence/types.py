"""Column types shared by the tables: UTC timestamps, fixed-point decimals, JSON documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String
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

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        """No conversion on asyncpg, which reads every ``timestamptz`` as an aware datetime in
        UTC already: a read of a page would otherwise make a Python call per instant read."""
        if dialect.driver == "asyncpg":
            return None
        return super().result_processor(dialect, coltype)


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


Kind = Literal["string", "integer", "boolean", "date", "timestamp", "decimal", "strings"]


@dataclass(frozen=True, slots=True)
class ColumnKind:
    """What a column holds, told without SQL types (for the writers of exports and feeds):
    text, an integer, a boolean, a calendar date, a UTC instant, a fixed-point decimal of
    ``precision`` digits with ``scale`` after the point, or a list of texts (a JSON array)."""

    kind: Kind
    precision: int = 0
    scale: int = 0
    max_length: int | None = None


def kind_of(type_: Any) -> ColumnKind:
    """The ``ColumnKind`` of a column type of the tables (``ValueError`` for any other)."""
    if isinstance(type_, UTCDateTime | DateTime):
        return ColumnKind("timestamp")
    if isinstance(type_, TypeDecorator):
        return kind_of(type_.impl_instance)
    if isinstance(type_, Numeric) and not isinstance(type_, Integer):
        if type_.precision is None or type_.scale is None:
            raise ValueError(f"a decimal column without precision: {type_!r}")
        return ColumnKind("decimal", precision=type_.precision, scale=type_.scale)
    if isinstance(type_, Boolean):
        return ColumnKind("boolean")
    if isinstance(type_, Integer):
        return ColumnKind("integer")
    if isinstance(type_, Date):
        return ColumnKind("date")
    if isinstance(type_, JSON):
        return ColumnKind("strings")
    if isinstance(type_, String):
        return ColumnKind("string", max_length=type_.length)
    raise ValueError(f"no column kind for {type_!r}")
