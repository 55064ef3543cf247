"""The OData query options read into plain values (``domain.odata_query``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from domain import odata_query as q
from domain.errors import BadQuery, UnsupportedQuery


def test_precedence_is_not_then_and_then_or() -> None:
    expr = q.parse_filter("not done or a eq 1 and b ne 'x'")

    assert expr == q.Logical(
        "or",
        q.Not(q.Property("done")),
        q.Logical(
            "and",
            q.Compare("eq", q.Property("a"), q.Literal(1, "integer")),
            q.Compare("ne", q.Property("b"), q.Literal("x", "string")),
        ),
    )


def test_literals_of_every_kind() -> None:
    def value(text: str) -> q.Literal:
        expr = q.parse_filter(f"x eq {text}")
        assert isinstance(expr, q.Compare) and isinstance(expr.right, q.Literal)
        return expr.right

    assert value("'it''s'") == q.Literal("it's", "string")
    assert value("-12") == q.Literal(-12, "integer")
    assert value("0.650") == q.Literal(Decimal("0.650"), "decimal")
    assert value("2026-01-31") == q.Literal(date(2026, 1, 31), "date")
    assert value("2026-01-31T08:00:00Z") == q.Literal(
        datetime(2026, 1, 31, 8, tzinfo=UTC), "timestamp"
    )
    assert value("2026-01-31T08:00:00+02:00").value == datetime(
        2026, 1, 31, 8, tzinfo=timezone(timedelta(hours=2))
    )
    assert value("null") == q.Literal(None, "null")
    assert value("true") == q.Literal(True, "boolean")


def test_functions_and_in() -> None:
    expr = q.parse_filter("contains(tolower(title),'grow') and year(created_at) in (2025, 2026)")

    assert expr == q.Logical(
        "and",
        q.Call(
            "contains", (q.Call("tolower", (q.Property("title"),)), q.Literal("grow", "string"))
        ),
        q.In(
            q.Call("year", (q.Property("created_at"),)),
            (q.Literal(2025, "integer"), q.Literal(2026, "integer")),
        ),
    )


@pytest.mark.parametrize(
    "text",
    ["", "title eq", "(title eq 'a'", "title eq 'a')", "contains(title)", "nosuch(x)", "a eq 'b"],
)
def test_unreadable_filters_are_bad_queries(text: str) -> None:
    with pytest.raises(BadQuery):
        q.parse_filter(text)


@pytest.mark.parametrize(
    "text", ["indexof(title,'a') eq 0", "a add 1 eq 2", "KeyResults/any(k: k/done)"]
)
def test_what_the_feed_does_not_implement_is_unsupported(text: str) -> None:
    with pytest.raises(UnsupportedQuery):
        q.parse_filter(text)


def test_an_instant_needs_an_offset() -> None:
    with pytest.raises(BadQuery, match="offset"):
        q.parse_filter("created_at gt 2026-01-01T00:00:00")


def test_orderby_select_and_expand() -> None:
    assert q.parse_orderby("score desc, title") == [
        q.OrderItem("score", descending=True),
        q.OrderItem("title"),
    ]
    assert q.parse_select("id,title") == ["id", "title"]
    (krs, cycle) = q.parse_expand("KeyResults($select=title;$filter=score gt 0.5),Cycle")
    assert krs.name == "KeyResults" and krs.select == ["title"]
    assert krs.filter == q.Compare("gt", q.Property("score"), q.Literal(Decimal("0.5"), "decimal"))
    assert cycle == q.Expansion("Cycle")
    with pytest.raises(UnsupportedQuery):
        q.parse_expand("KeyResults($expand=CheckIns)")
    with pytest.raises(BadQuery):
        q.parse_orderby("score sideways")
