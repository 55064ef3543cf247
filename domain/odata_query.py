"""The query options of the OData feed, parsed into plain values (OData v4.01 URL conventions).

Only the standard library; the SQL translation is ``persistence.odata``. What is read::

    $filter    or, and, not, ( ); eq ne gt ge lt le, in (...); literals null true false,
               integers, decimals, 'text' ('' for a quote), dates 2026-01-31, instants
               2026-01-31T08:00:00Z (an offset is required); functions contains startswith
               endswith tolower toupper trim length year month day hour minute second date
    $orderby   property [asc|desc], ...
    $select    property, ... or *
    $expand    navigation, ... each optionally with ($select=...;$filter=...;$orderby=...)

A query that cannot be read raises ``BadQuery`` naming where; a known OData function this feed
does not implement raises ``UnsupportedQuery``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from domain.errors import BadQuery, UnsupportedQuery

Value = str | int | Decimal | bool | date | datetime | None


@dataclass(frozen=True, slots=True)
class Literal:
    """A constant; ``kind`` is ``null``, ``boolean``, ``integer``, ``decimal``, ``string``,
    ``date`` or ``timestamp``."""

    value: Value
    kind: str


@dataclass(frozen=True, slots=True)
class Property:
    """A property of the entity the expression is about."""

    name: str


@dataclass(frozen=True, slots=True)
class Call:
    """A function call, e.g. ``contains(title,'Grow')``."""

    name: str
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Compare:
    """``left op right`` with op one of eq ne gt ge lt le."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class In:
    """``operand in (v1, v2...)``."""

    operand: Expr
    values: tuple[Literal, ...]


@dataclass(frozen=True, slots=True)
class Logical:
    """``and`` / ``or`` of two conditions."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Not:
    """``not`` of a condition."""

    operand: Expr


Expr = Literal | Property | Call | Compare | In | Logical | Not

COMPARISONS = frozenset({"eq", "ne", "gt", "ge", "lt", "le"})
FUNCTIONS: dict[str, int] = {
    "contains": 2,
    "startswith": 2,
    "endswith": 2,
    "tolower": 1,
    "toupper": 1,
    "trim": 1,
    "length": 1,
    "year": 1,
    "month": 1,
    "day": 1,
    "hour": 1,
    "minute": 1,
    "second": 1,
    "date": 1,
}
"""The functions the feed implements, with their number of arguments."""
UNSUPPORTED_FUNCTIONS = frozenset(
    {
        "indexof",
        "substring",
        "concat",
        "matchesPattern",
        "fractionalseconds",
        "time",
        "totaloffsetminutes",
        "totalseconds",
        "now",
        "maxdatetime",
        "mindatetime",
        "round",
        "floor",
        "ceiling",
        "cast",
        "isof",
        "geo.distance",
        "geo.intersects",
        "geo.length",
        "any",
        "all",
        "has",
    }
)

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<string>'(?:[^']|'')*')
  | (?P<timestamp>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?:Z|[+-]\d{2}:\d{2})?)
  | (?P<date>\d{4}-\d{2}-\d{2})
  | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDfFlL]?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
  | (?P<punct>[(),/:])
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class _Token:
    kind: str
    text: str
    at: int


def _tokens(text: str, option: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise BadQuery(
                f"{option}: cannot read {text[position : position + 20]!r} at {position}",
                field=option,
            )
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(_Token(kind, match.group(), position))
        position = match.end()
    return tokens


def _literal(token: _Token, option: str) -> Literal:
    text = token.text
    if token.kind == "string":
        return Literal(text[1:-1].replace("''", "'"), "string")
    if token.kind == "date":
        try:
            return Literal(date.fromisoformat(text), "date")
        except ValueError:
            raise BadQuery(f"{option}: {text} is not a date", field=option) from None
    if token.kind == "timestamp":
        if not (text.endswith("Z") or re.search(r"[+-]\d{2}:\d{2}$", text)):
            raise BadQuery(f"{option}: the instant {text} needs an offset (Z)", field=option)
        try:
            return Literal(datetime.fromisoformat(text), "timestamp")
        except ValueError:
            raise BadQuery(f"{option}: {text} is not an instant", field=option) from None
    if token.kind == "number":
        digits = text.rstrip("mMdDfFlL")
        try:
            if re.fullmatch(r"-?\d+", digits):
                return Literal(int(digits), "integer")
            return Literal(Decimal(digits), "decimal")
        except InvalidOperation:
            raise BadQuery(f"{option}: {text} is not a number", field=option) from None
    raise BadQuery(f"{option}: expected a value at {token.at}", field=option)


class _Parser:
    def __init__(self, text: str, option: str) -> None:
        self.option = option
        self.tokens = _tokens(text, option)
        self.position = 0

    def fail(self, message: str) -> BadQuery:
        at = self.tokens[self.position].at if self.position < len(self.tokens) else "the end"
        return BadQuery(f"{self.option}: {message} (at {at})", field=self.option)

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise self.fail("the expression ends too early")
        self.position += 1
        return token

    def word(self, *words: str) -> str | None:
        token = self.peek()
        if token is not None and token.kind == "name" and token.text in words:
            self.position += 1
            return token.text
        return None

    def punct(self, char: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "punct" and token.text == char:
            self.position += 1
            return True
        return False

    def expect(self, char: str) -> None:
        if not self.punct(char):
            raise self.fail(f"expected {char!r}")

    def done(self) -> None:
        if self.peek() is not None:
            raise self.fail("unexpected text after the expression")

    # boolCommonExpr, by precedence: or < and < not < comparison
    def expression(self) -> Expr:
        left = self.conjunction()
        while self.word("or"):
            left = Logical("or", left, self.conjunction())
        return left

    def conjunction(self) -> Expr:
        left = self.negation()
        while self.word("and"):
            left = Logical("and", left, self.negation())
        return left

    def negation(self) -> Expr:
        if self.word("not"):
            return Not(self.negation())
        return self.comparison()

    def comparison(self) -> Expr:
        left = self.operand()
        op = self.word(*COMPARISONS)
        if op is not None:
            return Compare(op, left, self.operand())
        if self.word("in"):
            self.expect("(")
            values = [self.value()]
            while self.punct(","):
                values.append(self.value())
            self.expect(")")
            return In(left, tuple(values))
        for unsupported in ("add", "sub", "mul", "div", "divby", "mod", "has"):
            if self.word(unsupported):
                raise UnsupportedQuery(
                    f"{self.option}: the operator {unsupported} is not supported",
                    field=self.option,
                )
        return left

    def value(self) -> Literal:
        token = self.take()
        if token.kind == "name" and token.text in ("null", "true", "false"):
            return _keyword(token.text)
        return _literal(token, self.option)

    def operand(self) -> Expr:
        token = self.take()
        if token.kind == "punct" and token.text == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        if token.kind == "name":
            if token.text in ("null", "true", "false"):
                return _keyword(token.text)
            if self.punct("("):
                return self.call(token.text)
            if self.punct("/"):
                raise UnsupportedQuery(
                    f"{self.option}: paths through navigation properties ({token.text}/...) "
                    "are not supported",
                    field=self.option,
                )
            return Property(token.text)
        return _literal(token, self.option)

    def call(self, name: str) -> Call:
        if name not in FUNCTIONS:
            if name in UNSUPPORTED_FUNCTIONS:
                raise UnsupportedQuery(
                    f"{self.option}: the function {name} is not supported", field=self.option
                )
            raise self.fail(f"unknown function {name}")
        args: list[Expr] = []
        if not self.punct(")"):
            args.append(self.expression())
            while self.punct(","):
                args.append(self.expression())
            self.expect(")")
        if len(args) != FUNCTIONS[name]:
            raise self.fail(f"{name} takes {FUNCTIONS[name]} argument(s), not {len(args)}")
        return Call(name, tuple(args))


def _keyword(word: str) -> Literal:
    if word == "null":
        return Literal(None, "null")
    return Literal(word == "true", "boolean")


def parse_filter(text: str) -> Expr:
    """The expression of a ``$filter``."""
    parser = _Parser(text, "$filter")
    if not parser.tokens:
        raise BadQuery("$filter: the expression is empty", field="$filter")
    expr = parser.expression()
    parser.done()
    return expr


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One key of ``$orderby``."""

    name: str
    descending: bool = False


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _names(text: str, option: str) -> list[str]:
    parts = [p.strip() for p in text.split(",")]
    if not parts or any(not p for p in parts):
        raise BadQuery(f"{option}: expected a list of names separated by commas", field=option)
    for part in parts:
        if part != "*" and not _NAME.fullmatch(part):
            if "/" in part:
                raise UnsupportedQuery(f"{option}: paths ({part}) are not supported", field=option)
            raise BadQuery(f"{option}: {part!r} is not a property name", field=option)
    return parts


def parse_orderby(text: str) -> list[OrderItem]:
    """The keys of an ``$orderby``."""
    items: list[OrderItem] = []
    for part in (p.strip() for p in text.split(",")):
        words = part.split()
        if not 1 <= len(words) <= 2 or (len(words) == 2 and words[1] not in ("asc", "desc")):
            raise BadQuery(f"$orderby: cannot read {part!r}", field="$orderby")
        _names(words[0], "$orderby")
        items.append(OrderItem(words[0], len(words) == 2 and words[1] == "desc"))
    return items


def parse_select(text: str) -> list[str]:
    """The names of a ``$select`` (``*`` for all)."""
    return _names(text, "$select")


@dataclass(frozen=True, slots=True)
class Expansion:
    """One navigation of ``$expand`` with its own options."""

    name: str
    select: list[str] | None = None
    filter: Expr | None = None
    orderby: list[OrderItem] = field(default_factory=list)


def _split_top_level(text: str, separator: str, option: str) -> list[str]:
    """Split on ``separator`` outside parentheses and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(text):
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
            if depth < 0:
                raise BadQuery(f"{option}: unbalanced parentheses", field=option)
        elif not quoted and depth == 0 and char == separator:
            parts.append(text[start:index])
            start = index + 1
    if depth or quoted:
        raise BadQuery(f"{option}: unbalanced parentheses or quotes", field=option)
    parts.append(text[start:])
    return [p.strip() for p in parts]


def parse_expand(text: str) -> list[Expansion]:
    """The navigations of an ``$expand`` (one level)."""
    expansions: list[Expansion] = []
    for part in _split_top_level(text, ",", "$expand"):
        name, _, rest = part.partition("(")
        name = name.strip()
        if name == "*" or "/" in name:
            raise UnsupportedQuery(f"$expand: {name} is not supported", field="$expand")
        if not _NAME.fullmatch(name):
            raise BadQuery(f"$expand: {name!r} is not a navigation property", field="$expand")
        select: list[str] | None = None
        condition: Expr | None = None
        orderby: list[OrderItem] = []
        if rest:
            if not rest.endswith(")"):
                raise BadQuery(f"$expand: cannot read {part!r}", field="$expand")
            for option in _split_top_level(rest[:-1], ";", "$expand"):
                key, equals, value = option.partition("=")
                if not equals:
                    raise BadQuery(f"$expand: cannot read {option!r}", field="$expand")
                if key == "$select":
                    select = parse_select(value)
                elif key == "$filter":
                    condition = parse_filter(value)
                elif key == "$orderby":
                    orderby = parse_orderby(value)
                elif key == "$expand":
                    raise UnsupportedQuery("$expand: one level of expansion only", field="$expand")
                else:
                    raise UnsupportedQuery(
                        f"$expand: {key} inside an expansion is not supported", field="$expand"
                    )
        expansions.append(Expansion(name, select, condition, orderby))
    return expansions
