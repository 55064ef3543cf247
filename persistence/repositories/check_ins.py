"""Check-ins: a KR's history, lookups by ``(source, external_id)``."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlmodel import col

from persistence.repositories.base import CHUNK, Repository
from persistence.tables import (
    CheckInRow,
)


class CheckInRepository(Repository[CheckInRow]):
    """Check-ins (the KR history)."""

    model = CheckInRow
    entity = "check_in"

    async def find_external(self, source: str, external_id: str) -> CheckInRow | None:
        """The check-in a source already pushed under this external id, if any."""
        stmt = select(CheckInRow).where(
            col(CheckInRow.source) == source, col(CheckInRow.external_id) == external_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_externals(
        self, keys: Collection[tuple[str, str]]
    ) -> dict[tuple[str, str], CheckInRow]:
        """The stored check-ins among these ``(source, external_id)`` keys, in one query per
        thousand keys."""
        found: dict[tuple[str, str], CheckInRow] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            stmt = select(CheckInRow).where(
                col(CheckInRow.external_id).in_({e for _, e in chunk}),
                col(CheckInRow.source).in_({s for s, _ in chunk}),
            )
            for row in (await self.session.execute(stmt)).scalars():
                key = (row.source, row.external_id or "")
                if key in keys:
                    found[key] = row
        return found

    async def latest(self, key_result_id: str) -> CheckInRow | None:
        """The point that sets the KR's current value (latest observed, then latest received)."""
        stmt = (
            select(CheckInRow)
            .where(col(CheckInRow.key_result_id) == key_result_id)
            .order_by(
                col(CheckInRow.observed_at).desc(),
                col(CheckInRow.received_at).desc(),
                col(CheckInRow.id).desc(),
            )
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def history(
        self,
        key_result_id: str,
        *,
        limit: int,
        after: tuple[Any, Any, str] | None = None,
    ) -> tuple[list[CheckInRow], tuple[Any, Any, str] | None]:
        """One page of the KR's history, latest ``observed_at`` first (ties: latest received)."""
        observed, received, id_ = (
            col(CheckInRow.observed_at),
            col(CheckInRow.received_at),
            col(CheckInRow.id),
        )
        filters: list[ColumnElement[bool]] = [col(CheckInRow.key_result_id) == key_result_id]
        if after is not None:
            a_obs, a_rec, a_id = after
            filters.append(
                (observed < a_obs)
                | ((observed == a_obs) & (received < a_rec))
                | ((observed == a_obs) & (received == a_rec) & (id_ < a_id))
            )
        stmt = (
            select(CheckInRow)
            .where(*filters)
            .order_by(observed.desc(), received.desc(), id_.desc())
            .limit(limit + 1)
        )
        rows = list((await self.session.execute(stmt)).scalars())
        if len(rows) <= limit:
            return rows, None
        rows = rows[:limit]
        last = rows[-1]
        return rows, (last.observed_at, last.received_at, last.id)
