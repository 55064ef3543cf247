"""Counting the SQL statements an app's engine sends."""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event


@contextmanager
def counting(app: FastAPI) -> Iterator[list[str]]:
    """Collect every SQL statement the app's engine sends while the block runs."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def count_queries(app: FastAPI, request: Awaitable[httpx.Response]) -> int:
    """How many statements answering ``request`` (which must answer 200) took."""
    with counting(app) as statements:
        response = await request
    assert response.status_code == 200, response.text
    return len(statements)
