"""The OData feed's entity sets and their queries: ``$filter`` and ``$orderby`` turned into SQL.

Each entity set is a table with a chosen list of properties, a key (``id``), navigation
properties to other sets and the visibility rule of ``persistence.visibility`` (objectives and
what hangs under them: drafts only for who may read them; reviews still hidden left out; people,
units and cycles public). Every statement here applies that rule, expansions included, and no row
is loaded to be filtered in Python.

Expressions of ``domain.odata_query`` are checked against the properties' kinds (a text compared
with a number is a ``BadQuery``) and compiled for the session's dialect (SQLite and PostgreSQL
differ for the date parts of an instant and for the string functions); instants are compared and
taken apart in UTC.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    Integer,
    Numeric,
    Select,
    String,
    and_,
    cast,
    extract,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession

from domain import odata_query as q
from domain.access import Viewer
from domain.errors import BadQuery, NotFound, UnsupportedQuery
from persistence.tables import (
    CheckInRow,
    CycleRow,
    KeyResultRow,
    ObjectiveRow,
    OrgUnitRow,
    PersonRow,
    ReviewRow,
)
from persistence.types import ColumnKind, UTCDateTime, kind_of
from persistence.visibility import Visibility

Condition = ColumnElement[bool]


@dataclass(frozen=True, slots=True)
class Navigation:
    """A navigation property: the rows of ``target`` whose ``remote`` column equals this
    entity's ``local`` column (``only_when``: and this entity's column has that value)."""

    name: str
    target: str
    many: bool
    local: str
    remote: str
    only_when: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class EntitySet:
    """An entity set of the feed."""

    name: str
    type_name: str
    table: Any
    properties: tuple[str, ...]
    navigations: tuple[Navigation, ...]
    visibility: Callable[[Visibility], Condition | None]

    def column(self, name: str) -> Any:
        """The column of a property."""
        return self.table.__table__.c[name]

    def kind(self, name: str) -> ColumnKind:
        """The kind of value a property holds."""
        return kind_of(self.column(name).type)

    def nullable(self, name: str) -> bool:
        """Whether a property may be null."""
        return bool(self.column(name).nullable)

    def navigation(self, name: str) -> Navigation | None:
        """A navigation property by name."""
        return next((n for n in self.navigations if n.name == name), None)


def _objectives(rule: Visibility) -> Condition | None:
    return rule.objective()


def _key_results(rule: Visibility) -> Condition | None:
    visible = rule.objective_ids()
    return None if visible is None else KeyResultRow.__table__.c.objective_id.in_(visible)  # type: ignore[attr-defined]


def _check_ins(rule: Visibility) -> Condition | None:
    return rule.check_in()


def _reviews(rule: Visibility) -> Condition | None:
    return rule.review()


def _public(_rule: Visibility) -> Condition | None:
    return None


_STAMPS = ("created_at", "updated_at")

SETS: dict[str, EntitySet] = {
    s.name: s
    for s in (
        EntitySet(
            "Objectives",
            "Objective",
            ObjectiveRow,
            (
                "id",
                "cycle_id",
                "owner_type",
                "owner_id",
                "title",
                "description",
                "origin",
                "state",
                "score",
                "grade",
                "version",
                "submitted_at",
                "agreed_at",
                *_STAMPS,
            ),
            (
                Navigation("KeyResults", "KeyResults", True, "id", "objective_id"),
                Navigation("Cycle", "Cycles", False, "cycle_id", "id"),
                Navigation(
                    "OwnerPerson", "People", False, "owner_id", "id", ("owner_type", "person")
                ),
                Navigation(
                    "OwnerUnit", "OrgUnits", False, "owner_id", "id", ("owner_type", "unit")
                ),
                Navigation("Review", "Reviews", False, "id", "objective_id"),
            ),
            _objectives,
        ),
        EntitySet(
            "KeyResults",
            "KeyResult",
            KeyResultRow,
            (
                "id",
                "objective_id",
                "title",
                "kind",
                "start_value",
                "target_value",
                "current_value",
                "unit",
                "weight",
                "due_on",
                "metric_key",
                "done",
                "score",
                "confidence",
                "last_check_in_at",
                "version",
                *_STAMPS,
            ),
            (
                Navigation("Objective", "Objectives", False, "objective_id", "id"),
                Navigation("CheckIns", "CheckIns", True, "id", "key_result_id"),
            ),
            _key_results,
        ),
        EntitySet(
            "CheckIns",
            "CheckIn",
            CheckInRow,
            (
                "id",
                "key_result_id",
                "value",
                "done",
                "confidence",
                "note",
                "observed_at",
                "received_at",
                "source",
                "external_id",
                "author_id",
                "blocker",
                "needs_help_from",
                "voided_at",
                "voided_by_id",
                "void_reason",
                *_STAMPS,
            ),
            (
                Navigation("KeyResult", "KeyResults", False, "key_result_id", "id"),
                Navigation("Author", "People", False, "author_id", "id"),
            ),
            _check_ins,
        ),
        EntitySet(
            "People",
            "Person",
            PersonRow,
            (
                "id",
                "name",
                "email",
                "unit_id",
                "manager_id",
                "role",
                "external_id",
                "active",
                *_STAMPS,
            ),
            (
                Navigation("Unit", "OrgUnits", False, "unit_id", "id"),
                Navigation("Manager", "People", False, "manager_id", "id"),
            ),
            _public,
        ),
        EntitySet(
            "OrgUnits",
            "OrgUnit",
            OrgUnitRow,
            ("id", "name", "parent_id", "head_id", "external_id", *_STAMPS),
            (
                Navigation("Parent", "OrgUnits", False, "parent_id", "id"),
                Navigation("Head", "People", False, "head_id", "id"),
            ),
            _public,
        ),
        EntitySet(
            "Cycles",
            "Cycle",
            CycleRow,
            (
                "id",
                "name",
                "kind",
                "starts_on",
                "ends_on",
                "parent_id",
                "state",
                "planning_deadline",
                "review_deadline",
                "version",
                *_STAMPS,
            ),
            (
                Navigation("Parent", "Cycles", False, "parent_id", "id"),
                Navigation("Objectives", "Objectives", True, "id", "cycle_id"),
            ),
            _public,
        ),
        EntitySet(
            "Reviews",
            "Review",
            ReviewRow,
            (
                "id",
                "objective_id",
                "state",
                "achieved",
                "goal",
                "results",
                "measures",
                "problems",
                "lessons",
                "score",
                "grade",
                "flags",
                "submitted_at",
                "confirmed_at",
                "confirmed_by_id",
                *_STAMPS,
            ),
            (Navigation("Objective", "Objectives", False, "objective_id", "id"),),
            _reviews,
        ),
    )
}
"""The entity sets, by name."""


def entity_set(name: str) -> EntitySet:
    """An entity set by name (``BadQuery`` naming the known ones otherwise)."""
    try:
        return SETS[name]
    except KeyError:
        raise NotFound(
            f"no entity set {name!r}; the sets are {', '.join(SETS)}",
            code="odata.unknown_entity_set",
            field="entity_set",
        ) from None


# -- expressions ------------------------------------------------------------------------------

_NUMERIC = frozenset({"integer", "decimal"})
_ORDERED = frozenset({"integer", "decimal", "string", "date", "timestamp"})
_SQL_TYPES: dict[str, Any] = {
    "integer": Integer(),
    "decimal": Numeric(),
    "string": String(),
    "boolean": Boolean(),
    "date": Date(),
    "timestamp": UTCDateTime(),
}


@dataclass(frozen=True, slots=True)
class _Typed:
    sql: Any
    kind: str
    nullable: bool
    column: Any | None = None


class Compiler:
    """Compiles expressions about one entity set for one SQL dialect."""

    def __init__(self, entity: EntitySet, dialect: str) -> None:
        self.entity = entity
        self.postgres = dialect == "postgresql"

    def property(self, name: str, option: str) -> _Typed:
        if name not in self.entity.properties:
            raise BadQuery(
                f"{option}: {self.entity.type_name} has no property {name!r}",
                code="odata.unknown_property",
                field=option,
            )
        kind = self.entity.kind(name).kind
        column = self.entity.column(name)
        if kind == "strings":
            raise UnsupportedQuery(
                f"{option}: the collection {name} cannot be filtered or sorted", field=option
            )
        return _Typed(column, kind, self.entity.nullable(name), column)

    def condition(self, expr: q.Expr) -> Condition:
        """The SQL condition of a ``$filter``."""
        typed = self._value(expr)
        if typed.kind != "boolean":
            raise BadQuery("$filter: the expression is not a condition", field="$filter")
        if typed.column is not None:
            return typed.sql.is_(True)  # type: ignore[no-any-return]
        return typed.sql  # type: ignore[no-any-return]

    def _bool(self, expr: q.Expr) -> Condition:
        return self.condition(expr)

    def _value(self, expr: q.Expr) -> _Typed:
        match expr:
            case q.Literal(value=value, kind=kind):
                if kind == "null":
                    return _Typed(None, "null", True)
                if kind == "boolean":
                    return _Typed(true() if value else false(), "boolean", False)
                return _Typed(literal(value, _SQL_TYPES[kind]), kind, False)
            case q.Property(name=name):
                return self.property(name, "$filter")
            case q.Logical(op=op, left=left, right=right):
                join = and_ if op == "and" else or_
                return _Typed(join(self._bool(left), self._bool(right)), "boolean", False)
            case q.Not(operand=operand):
                return _Typed(not_(self._bool(operand)), "boolean", False)
            case q.Compare():
                return _Typed(self._compare(expr), "boolean", False)
            case q.In(operand=operand, values=values):
                target = self._value(operand)
                items = [self._operand_for(target, v) for v in values]
                return _Typed(target.sql.in_(items), "boolean", False)
            case q.Call():
                return self._call(expr)
        raise BadQuery("$filter: cannot read the expression", field="$filter")

    def _operand_for(self, target: _Typed, value: q.Literal) -> Any:
        """A literal as an operand beside ``target`` (bound with the column's own type)."""
        if value.kind == "null":
            raise BadQuery("$filter: null cannot be listed in `in`", field="$filter")
        self._check_kinds(target.kind, value.kind, "in")
        if target.column is not None:
            return literal(_coerce(value), target.column.type)
        return literal(_coerce(value), _SQL_TYPES[target.kind])

    def _check_kinds(self, left: str, right: str, op: str) -> None:
        if left == right or (left in _NUMERIC and right in _NUMERIC):
            return
        raise BadQuery(
            f"$filter: cannot compare a {left} with a {right} ({op})",
            code="odata.type_mismatch",
            field="$filter",
        )

    def _compare(self, expr: q.Compare) -> Condition:
        left, right = self._value(expr.left), self._value(expr.right)
        op = expr.op
        if "null" in (left.kind, right.kind):
            if op not in ("eq", "ne"):
                raise BadQuery(f"$filter: null cannot be compared with {op}", field="$filter")
            other = right if left.kind == "null" else left
            if other.kind == "null":
                return true() if op == "eq" else false()
            return other.sql.is_(None) if op == "eq" else other.sql.is_not(None)  # type: ignore[no-any-return]
        self._check_kinds(left.kind, right.kind, op)
        if op not in ("eq", "ne") and left.kind not in _ORDERED:
            raise BadQuery(f"$filter: a {left.kind} cannot be compared with {op}", field="$filter")
        a, b = left.sql, right.sql
        if isinstance(expr.right, q.Literal) and left.column is not None:
            b = literal(_coerce(expr.right), left.column.type)
        elif isinstance(expr.left, q.Literal) and right.column is not None:
            a = literal(_coerce(expr.left), right.column.type)
        result: Condition
        match op:
            case "eq":
                result = a == b
            case "ne":
                result = a != b
                # OData: null ne 'x' is true; SQL's comparison with null is unknown.
                nullable = [t.sql for t in (left, right) if t.nullable and t.sql is not None]
                if nullable:
                    result = or_(result, *[n.is_(None) for n in nullable])
            case "gt":
                result = a > b
            case "ge":
                result = a >= b
            case "lt":
                result = a < b
            case _:
                result = a <= b
        return result

    def _string_arg(self, expr: q.Expr, name: str) -> _Typed:
        typed = self._value(expr)
        if typed.kind != "string":
            raise BadQuery(
                f"$filter: {name} takes text, not a {typed.kind}",
                code="odata.type_mismatch",
                field="$filter",
            )
        return typed

    def _utc(self, typed: _Typed) -> Any:
        """An instant as a UTC wall-clock time (PostgreSQL's ``timestamptz`` otherwise follows
        the session's time zone)."""
        if self.postgres and typed.kind == "timestamp":
            return func.timezone("UTC", typed.sql)
        return typed.sql

    def _call(self, expr: q.Call) -> _Typed:
        name = expr.name
        if name in ("contains", "startswith", "endswith"):
            text, part = (self._string_arg(a, name) for a in expr.args)
            return _Typed(self._match(name, text.sql, part.sql), "boolean", False)
        if name in ("tolower", "toupper", "trim"):
            text = self._string_arg(expr.args[0], name)
            function = {"tolower": func.lower, "toupper": func.upper, "trim": func.trim}[name]
            return _Typed(function(text.sql), "string", text.nullable)
        if name == "length":
            text = self._string_arg(expr.args[0], name)
            return _Typed(func.length(text.sql), "integer", text.nullable)
        moment = self._value(expr.args[0])
        if name == "date":
            if moment.kind != "timestamp":
                raise BadQuery("$filter: date takes an instant", field="$filter")
            if self.postgres:
                return _Typed(cast(self._utc(moment), Date), "date", moment.nullable)
            return _Typed(func.date(moment.sql, type_=Date), "date", moment.nullable)
        if moment.kind not in ("timestamp", "date"):
            raise BadQuery(
                f"$filter: {name} takes a date or an instant, not a {moment.kind}",
                code="odata.type_mismatch",
                field="$filter",
            )
        if moment.kind == "date" and name in ("hour", "minute", "second"):
            raise BadQuery(f"$filter: {name} takes an instant, not a date", field="$filter")
        piece = cast(extract(name, self._utc(moment)), Integer)
        return _Typed(piece, "integer", moment.nullable)

    def _match(self, name: str, text: Any, part: Any) -> Condition:
        """contains / startswith / endswith, case-sensitive on both databases."""
        if name == "contains":
            position = func.strpos(text, part) if self.postgres else func.instr(text, part)
            return position > 0
        length = func.length(part)
        if name == "startswith":
            return func.substr(text, 1, length) == part  # type: ignore[no-any-return]
        if self.postgres:
            return func.right(text, length) == part  # type: ignore[no-any-return]
        # SQLite: substr(x, -0) would be the whole text, so the empty suffix is its own case.
        return or_(length == 0, func.substr(text, -length) == part)

    def order(self, items: Sequence[q.OrderItem]) -> list[Any]:
        """The SQL order of an ``$orderby`` (nulls first ascending, last descending), with the
        key last so that pages are stable."""
        if not items:
            return [self.entity.column("created_at").asc(), self.entity.column("id").asc()]
        order: list[Any] = []
        for item in items:
            column = self.property(item.name, "$orderby").sql
            order.append(
                column.desc().nulls_last() if item.descending else column.asc().nulls_first()
            )
        if not any(i.name == "id" for i in items):
            order.append(self.entity.column("id").asc())
        return order


def _coerce(value: q.Literal) -> Any:
    if value.kind == "decimal" and not isinstance(value.value, Decimal):
        return Decimal(str(value.value))
    return value.value


# -- statements -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """Where a page starts: after a key in the default order, or at an offset."""

    after: tuple[datetime, str] | None = None
    offset: int = 0


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _base(entity: EntitySet, viewer: Viewer) -> Select[Any]:
    table = entity.table.__table__
    stmt = select(*[table.c[n] for n in entity.properties])
    seen = entity.visibility(Visibility(viewer))
    if seen is not None:
        stmt = stmt.where(seen)
    return stmt


def filtered(
    entity: EntitySet, viewer: Viewer, dialect: str, condition: q.Expr | None
) -> Select[Any]:
    """The visible rows of a set that pass the filter (no order, no limit)."""
    stmt = _base(entity, viewer)
    if condition is not None:
        stmt = stmt.where(Compiler(entity, dialect).condition(condition))
    return stmt


async def read_rows(
    session: AsyncSession,
    entity: EntitySet,
    viewer: Viewer,
    *,
    condition: q.Expr | None,
    orderby: Sequence[q.OrderItem],
    page: Page,
    limit: int,
    extra: Condition | None = None,
) -> list[dict[str, Any]]:
    """One page of the visible rows of a set, as dictionaries of every property.

    Without ``$orderby`` the order is creation order, ``(created_at, id)``, which an index
    covers, and a page starts after the last key of the one before (``page.after``): walking a
    whole set is one pass. With ``$orderby`` pages start at an offset.
    """
    dialect = _dialect(session)
    stmt = filtered(entity, viewer, dialect, condition)
    if extra is not None:
        stmt = stmt.where(extra)
    if orderby:
        stmt = stmt.order_by(*Compiler(entity, dialect).order(orderby)).offset(page.offset)
    else:
        created_at, id_ = entity.column("created_at"), entity.column("id")
        if page.after is not None:
            stamp, key = page.after
            # Bound as the column's own type: on SQLite the stored text is naive UTC.
            after = tuple_(literal(stamp, UTCDateTime()), literal(key, String()))
            stmt = stmt.where(tuple_(created_at, id_) > after)
        stmt = stmt.order_by(created_at, id_).offset(page.offset)
    stmt = stmt.limit(limit)
    return [dict(row) for row in (await session.execute(stmt)).mappings()]


async def count_rows(
    session: AsyncSession,
    entity: EntitySet,
    viewer: Viewer,
    *,
    condition: q.Expr | None,
    extra: Condition | None = None,
) -> int:
    """How many visible rows of a set pass the filter."""
    stmt = filtered(entity, viewer, _dialect(session), condition)
    if extra is not None:
        stmt = stmt.where(extra)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    return int(total or 0)


def key_condition(entity: EntitySet, key: str) -> Condition:
    """The condition that keeps the entity with this key."""
    return entity.column("id") == key  # type: ignore[no-any-return]


def navigation_condition(entity: EntitySet, nav: Navigation, values: Sequence[Any]) -> Condition:
    """On ``nav``'s target set: the rows whose remote column is one of ``values``."""
    target = SETS[nav.target]
    return target.column(nav.remote).in_(list(values))  # type: ignore[no-any-return]


async def related_rows(
    session: AsyncSession,
    entity: EntitySet,
    nav: Navigation,
    viewer: Viewer,
    parents: Sequence[dict[str, Any]],
    expansion: q.Expansion,
) -> dict[Any, list[dict[str, Any]]]:
    """The visible rows ``nav`` leads to from each parent row, by the parent's local value."""
    values = {
        p[nav.local]
        for p in parents
        if p.get(nav.local) is not None
        and (nav.only_when is None or p.get(nav.only_when[0]) == nav.only_when[1])
    }
    found: dict[Any, list[dict[str, Any]]] = {}
    if not values:
        return found
    target = SETS[nav.target]
    dialect = _dialect(session)
    stmt = filtered(target, viewer, dialect, expansion.filter)
    ordered = list(values)
    for start in range(0, len(ordered), 500):
        batch = stmt.where(target.column(nav.remote).in_(ordered[start : start + 500]))
        batch = batch.order_by(*Compiler(target, dialect).order(expansion.orderby))
        for row in (await session.execute(batch)).mappings():
            found.setdefault(row[nav.remote], []).append(dict(row))
    return found
