"""Field types and base models shared by every resource schema.

Input models are strict (``extra="forbid"``, no coercion: a string where a number is expected is
refused). Strict mode alone would also refuse JSON's own spelling of dates, instants and decimals,
so those fields use the types below: calendar dates only as ``YYYY-MM-DD`` strings, instants only as
RFC 3339 strings with an offset, decimals only as JSON numbers (never strings, never booleans).

Instants lie in the range every backend and ``datetime`` can hold (``INSTANT_RANGE``); titles and
free text carry no control characters, and a title is never blank (``TextRule``). Each rule is
checked here and stated in the JSON Schema (``pattern``) with the same expression, so that the
server and the generated clients and fuzzers agree on what is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
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
from pydantic_core import PydanticCustomError, core_schema

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _date_string(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError("must be a calendar date string YYYY-MM-DD")
    return value


_INSTANT = re.compile(
    r"\d{4,}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)
"""The shape of an RFC 3339 date-time with an offset (the range is checked apart); ``T``
between date and time, as JSON Schema's ``date-time`` has it (not a space)."""

MAX_OFFSET = timedelta(hours=18)
INSTANT_RANGE = (
    "between 1970-01-01 and 9999-12-31, with an offset (`Z` or ±hh:mm) of at most ±18:00; "
    "on 9999-12-31 only `Z`, `-00:00` or a positive offset (the instant must stay before the "
    "year 10000 in UTC)"
)
"""The instants the service accepts, as a message and the schema's description say it."""

_YEAR_BEFORE_LAST = r"(?:19[7-9][0-9]|[2-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
_MONTH_DAY = rf"(?:0[1-9]|1[0-2])-{_DAY}"
_LAST_YEAR_BUT_LAST_DAY = rf"9999-(?:(?:0[1-9]|1[01])-{_DAY}|12-(?:0[1-9]|[12][0-9]|30))"
_TIME = r"[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,9})?"
_OFFSET = r"(?:[Zz]|[+-](?:(?:0[0-9]|1[0-7]):[0-5][0-9]|18:00))"
_EAST_OFFSET = r"(?:[Zz]|\+(?:(?:0[0-9]|1[0-7]):[0-5][0-9]|18:00)|-00:00)"
INSTANT_PATTERN = (
    rf"^(?:(?:{_YEAR_BEFORE_LAST}-{_MONTH_DAY}|{_LAST_YEAR_BUT_LAST_DAY}){_TIME}{_OFFSET}"
    rf"|9999-12-31{_TIME}{_EAST_OFFSET})$"
)
"""``INSTANT_RANGE`` as a regular expression (the schema's ``pattern``; checked here too)."""
_IN_RANGE = re.compile(INSTANT_PATTERN, re.ASCII)


def _instant_string(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    # Shape first: pydantic alone would read "0.5" or "1700000000" as a Unix time.
    if not isinstance(value, str) or not _INSTANT.fullmatch(value):
        raise ValueError("must be an RFC 3339 date-time string with an offset")
    if not _IN_RANGE.fullmatch(value):
        raise ValueError(f"must lie {INSTANT_RANGE}")
    return value


def _instant_in_range(value: datetime) -> datetime:
    """The rule of ``INSTANT_PATTERN`` for a parsed value (a ``datetime`` given in code, too)."""
    offset = value.utcoffset()
    last_day = (value.year, value.month, value.day) == (9999, 12, 31)
    fits = (
        offset is not None
        and abs(offset) <= MAX_OFFSET
        and 1970 <= value.year <= 9999
        and not (last_day and offset < timedelta(0))
    )
    if fits:
        try:
            value.astimezone(UTC)
        except OverflowError:
            fits = False
    if not fits:
        raise ValueError(f"must lie {INSTANT_RANGE}")
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


def _flag_string(value: Any) -> Any:
    if isinstance(value, bool) or value in ("true", "false"):
        return value
    raise ValueError("must be true or false")


Flag = Annotated[bool, BeforeValidator(_flag_string)]
"""A boolean query parameter, spelled as JSON spells it: ``true`` or ``false`` (never ``1``,
``yes`` or ``on``, which a lax parse would take)."""

Instant = Annotated[
    AwareDatetime,
    Field(strict=False),
    BeforeValidator(_instant_string),
    AfterValidator(_instant_in_range),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": INSTANT_PATTERN,
            "description": f"An RFC 3339 date-time {INSTANT_RANGE}.",
        }
    ),
]
"""An RFC 3339 timestamp with an offset, in the supported range (``INSTANT_RANGE``)."""


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

_CONTROL = r"\u0000-\u001f\u007f-\u009f"
"""C0 controls, DEL and C1 controls, as a character class body (JSON Schema and ``re``)."""
_TEXT_CONTROL = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
"""The controls free text may not hold: all but tab, line feed and carriage return."""
_BLANK = (
    r"\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060"
    r"\u3000\ufeff"
)
"""What does not make a text visible: controls, whitespace (what ``str.strip`` removes) and the
zero-width characters U+200B, U+200C, U+200D, U+2060 and U+FEFF."""
_HAS_CONTROL = re.compile(f"[{_CONTROL}]")
_HAS_TEXT_CONTROL = re.compile(f"[{_TEXT_CONTROL}]")
_HAS_VISIBLE = re.compile(f"[^{_BLANK}]")


@dataclass(frozen=True, slots=True)
class TextRule:
    """``Annotated[str, Field(...), TextRule(...)]``: which characters a text may hold.

    ``single_line`` (titles and names): no control character at all, stored without leading and
    trailing whitespace. Otherwise (descriptions, notes, reasons): no control character but tab,
    line feed and carriage return. ``visible``: at least one character that is neither
    whitespace nor zero-width, so that the text is not blank. The rule is also the schema's
    ``pattern`` (the same expression, checked here with ``re``).
    """

    single_line: bool
    visible: bool

    @property
    def pattern(self) -> str:
        """The rule as a regular expression over the whole text."""
        allowed = f"[^{_CONTROL if self.single_line else _TEXT_CONTROL}]*"
        if not self.visible:
            return f"^{allowed}$"
        return f"^{allowed}[^{_BLANK}]{allowed}$"

    def _check(self, value: str) -> str:
        if (_HAS_CONTROL if self.single_line else _HAS_TEXT_CONTROL).search(value):
            if self.single_line:
                raise PydanticCustomError(
                    "string_control_character",
                    "must not contain control characters (U+0000 to U+001F, U+007F to U+009F)",
                )
            raise PydanticCustomError(
                "string_control_character",
                "must not contain control characters other than tab, line feed and carriage "
                "return (U+0000 to U+001F, U+007F to U+009F)",
            )
        if self.visible and not _HAS_VISIBLE.search(value):
            raise PydanticCustomError(
                "string_blank",
                "must not be blank (only whitespace or zero-width characters)",
            )
        return value.strip() if self.single_line else value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        out = dict(handler(schema))
        out["pattern"] = self.pattern
        limit = f"at most {out['maxLength']} characters" if "maxLength" in out else "text"
        if self.single_line:
            said = f"{limit}, not blank, no control characters; stored without leading and "
            said += "trailing whitespace."
        else:
            said = f"{limit}{', not blank' if self.visible else ''}; no control characters but "
            said += "tab, line feed and carriage return."
        out.setdefault("description", said[0].upper() + said[1:])
        return out


TITLE_RULE = TextRule(single_line=True, visible=True)
TEXT_RULE = TextRule(single_line=False, visible=False)

Title = Annotated[str, Field(min_length=1, max_length=200), TITLE_RULE]
"""A title: at most 200 characters with a visible one, no control characters; stored trimmed
(so 1 to 200 characters once leading and trailing whitespace is removed)."""
Name = Annotated[str, Field(min_length=1, max_length=200), TITLE_RULE]
"""A name (cycle, unit, person, key, token): the rules of ``Title``."""
Description = Annotated[str, Field(max_length=4000), TEXT_RULE]
"""Free text of at most 4,000 characters: no control characters but tab and line breaks."""
Note = Annotated[str, Field(max_length=4000), TEXT_RULE]
"""A note: the rules of ``Description``."""
Reason = Annotated[str, Field(min_length=1, max_length=4000), TEXT_RULE]
"""A required explanation: free text (``Description``); a blank one is the domain's to refuse."""
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

    @classmethod
    def built(cls, values: dict[str, Any]) -> Self:
        """An answer from ``values`` that are already of its fields' types, every field given:
        no validation and no defaults. What ``model_construct`` makes, without its per-field
        bookkeeping (the read path builds thousands per page); the serializer writes it as it
        would write the validated answer (tests/api/test_read_statement_budget.py)."""
        answer = cls.__new__(cls)
        # The serializer writes the fields in the order of the instance's dict. (The class's own
        # dict of fields: ``model_fields`` goes through a descriptor on every access.)
        ordered = {name: values[name] for name in cls.__pydantic_fields__}
        object.__setattr__(answer, "__dict__", ordered)
        object.__setattr__(answer, "__pydantic_fields_set__", set(ordered))
        object.__setattr__(answer, "__pydantic_extra__", None)
        object.__setattr__(answer, "__pydantic_private__", None)
        return answer


def changed_fields(update: BaseModel) -> dict[str, Any]:
    """The fields a PATCH body actually sets (an explicit ``null`` counts as set)."""
    return update.model_dump(exclude_unset=True)
