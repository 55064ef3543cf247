"""Repositories of service API keys and of the audit trail."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from persistence.repository import Repository
from persistence.tables import ApiKeyRow, AuditEventRow, KeyResultRow


class ApiKeyRepository(Repository[ApiKeyRow]):
    """Service API keys."""

    model = ApiKeyRow
    entity = "api_key"

    async def missing_key_results(self, ids: Collection[str]) -> list[str]:
        """Those of the ids that name no key result, in the given order."""
        if not ids:
            return []
        stmt = select(col(KeyResultRow.id)).where(col(KeyResultRow.id).in_(list(ids)))
        found = set((await self.session.execute(stmt)).scalars())
        return [i for i in ids if i not in found]


class AuditEventRepository:
    """The append-only audit trail (read side; rows are written by ``persistence.audit``)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(
        self,
        *,
        entity: str | None = None,
        entity_id: str | None = None,
        principal_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        after: int = 0,
        limit: int,
    ) -> tuple[list[AuditEventRow], int | None]:
        """One page, oldest first, and the id to continue after (None on the last page)."""
        filters: list[ColumnElement[bool]] = [
            col(column) == value
            for column, value in (
                (AuditEventRow.entity, entity),
                (AuditEventRow.entity_id, entity_id),
                (AuditEventRow.principal_id, principal_id),
            )
            if value is not None
        ]
        # Built only for a given bound: SQLAlchemy refuses `>=`/`<` against None.
        if since is not None:
            filters.append(col(AuditEventRow.occurred_at) >= since)
        if until is not None:
            filters.append(col(AuditEventRow.occurred_at) < until)
        stmt = (
            select(AuditEventRow)
            .where(col(AuditEventRow.id) > after, *filters)
            .order_by(col(AuditEventRow.id))
            .limit(limit + 1)
        )
        rows = list((await self.session.execute(stmt)).scalars())
        if len(rows) <= limit:
            return rows, None
        rows = rows[:limit]
        return rows, rows[-1].id
