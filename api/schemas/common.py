"""Field types and base models shared by every resource schema.

Input models are strict (``extra="forbid"``, no coercion: a string where a number is expected is
refused). Strict mode alone would also refuse JSON's own spelling of dates, instants and decimals,
so those fields use the types below: calendar dates only as ``YYYY-MM-DD`` strings, instants only as
RFC 3339 strings with an offset, decimals only as JSON numbers (never strings, never booleans).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import core_schema

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _date_string(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError("must be a calendar date string YYYY-MM-DD")
    return value


_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)


def _instant_string(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    # Shape first: pydantic alone would read "0.5" or "1700000000" as a Unix time.
    if not isinstance(value, str) or not _INSTANT.fullmatch(value):
        raise ValueError("must be an RFC 3339 date-time string with an offset")
    return value


def _json_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValueError("must be a JSON number")
    return value


def _number_out(value: Decimal) -> int | float:
    """Decimals leave as JSON numbers (integers exactly)."""
    return int(value) if value == value.to_integral_value() else float(value)


Day = Annotated[
    date,
    Field(strict=False),
    BeforeValidator(_date_string),
    WithJsonSchema({"type": "string", "format": "date"}),
]
"""A real calendar date, ``YYYY-MM-DD``."""

Instant = Annotated[
    AwareDatetime,
    Field(strict=False),
    BeforeValidator(_instant_string),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
"""An RFC 3339 timestamp with an offset."""


@dataclass(frozen=True, slots=True)
class JsonNumber:
    """``Annotated[Decimal, JsonNumber(...)]``: a decimal that accepts JSON numbers only.

    Bounded like its column (``max_digits``/``decimal_places``), finite, and shown in JSON Schema
    as a plain ``number`` with its limits and its scale (``multipleOf``).
    """

    max_digits: int
    decimal_places: int
    gt: int | None = None
    ge: int | None = None
    le: int | None = None

    def __get_pydantic_core_schema__(
        self, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        decimal = core_schema.decimal_schema(
            max_digits=self.max_digits,
            decimal_places=self.decimal_places,
            gt=None if self.gt is None else Decimal(self.gt),
            ge=None if self.ge is None else Decimal(self.ge),
            le=None if self.le is None else Decimal(self.le),
            allow_inf_nan=False,
            strict=False,
        )
        return core_schema.no_info_before_validator_function(_json_number, decimal)

    def __get_pydantic_json_schema__(
        self, _schema: core_schema.CoreSchema, _handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        # Exact bounds: |value| < 10**integer_digits (a float of the largest value would round up).
        bound = 10 ** (self.max_digits - self.decimal_places)
        out: dict[str, Any] = {"type": "number"}
        if self.gt is not None:
            out["exclusiveMinimum"] = self.gt
        elif self.ge is not None:
            out["minimum"] = self.ge
        else:
            out["exclusiveMinimum"] = -bound
        if self.le is not None:
            out["maximum"] = self.le
        else:
            out["exclusiveMaximum"] = bound
        # The column's scale: more decimal places than it keeps are refused, so say so.
        out["multipleOf"] = float(Decimal(10) ** -self.decimal_places)
        return out


NumberOut = Annotated[
    Decimal,
    PlainSerializer(_number_out, return_type=float, when_used="json"),
    WithJsonSchema({"type": "number"}),
]
"""A decimal in an answer, written as a JSON number."""

Title = Annotated[str, Field(min_length=1, max_length=200)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(max_length=4000)]
Id = Annotated[str, Field(min_length=1, max_length=36)]
ExternalId = Annotated[str, Field(min_length=1, max_length=200)]


def _omit_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


UNSET: Any = Field(default=None, json_schema_extra=_omit_default)
"""Default of a PATCH field that may be omitted but not set to ``null``.

``name: Name = UNSET`` keeps the schema ``{"type": "string"}`` (not nullable, not required); an
omitted field is left out of ``changed_fields``. Nullable links use ``X | None = None`` instead.
"""


class InputModel(BaseModel):
    """Base of request bodies: strict, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", strict=True)


class OutputModel(BaseModel):
    """Base of answers, built from table rows by attribute."""

    model_config = ConfigDict(from_attributes=True)


def changed_fields(update: BaseModel) -> dict[str, Any]:
    """The fields a PATCH body actually sets (an explicit ``null`` counts as set)."""
    return update.model_dump(exclude_unset=True)
