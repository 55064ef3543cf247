"""The generic repository and the helpers every repository shares: get-or-NotFound, keyset-paginated
lists, add, versioned updates, id chunks, the database's kind and serialising writers.

Repositories flush but never commit: the request's session dependency commits once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, bindparam, select, text, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import SQLModel

from domain.errors import Conflict, NotFound
from persistence.audit import record_update
from persistence.types import utcnow

RowT = TypeVar("RowT", bound=SQLModel)


Keyset = tuple[datetime, str]
"""The position of a row in a list: (created_at, id)."""


_FIND: dict[tuple[type[Any], bool], Select[Any]] = {}
"""``find`` statements by (model, for update), built once (the id is bound at execution)."""


class StaleVersion(Conflict):
    """A versioned row changed since it was read (a concurrent writer won)."""

    default_code = "version.stale"


class Repository(Generic[RowT]):
    """Data access for one table whose rows have ``id``, ``created_at`` (and maybe ``version``)."""

    model: ClassVar[type[Any]]
    entity: ClassVar[str]
    """The entity's name in error codes and messages, e.g. ``cycle`` -> ``cycle.not_found``."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _col(self, name: str) -> Any:
        return getattr(self.model, name)

    async def find(self, id: str, *, for_update: bool = False) -> RowT | None:
        """The row with this id, or None. ``for_update`` locks it (PostgreSQL) until commit."""
        stmt = _FIND.get((self.model, for_update))
        if stmt is None:
            stmt = select(self.model).where(self._col("id") == bindparam("id"))
            if for_update:
                stmt = stmt.with_for_update()
            _FIND[(self.model, for_update)] = stmt
        row: RowT | None = (await self.session.execute(stmt, {"id": id})).scalar_one_or_none()
        return row

    async def get(self, id: str, *, field: str | None = None, for_update: bool = False) -> RowT:
        """The row with this id; ``NotFound`` (code ``<entity>.not_found``) otherwise."""
        row = await self.find(id, for_update=for_update)
        if row is None:
            raise NotFound(
                f"{self.entity.replace('_', ' ')} {id} does not exist",
                code=f"{self.entity}.not_found",
                field=field,
            )
        return row

    async def exists(self, id: str) -> bool:
        """Whether a row with this id exists."""
        stmt = select(self._col("id")).where(self._col("id") == id)
        return (await self.session.execute(stmt)).first() is not None

    async def list(
        self,
        *,
        filters: Sequence[ColumnElement[bool]] = (),
        limit: int,
        after: Keyset | None = None,
    ) -> tuple[list[RowT], Keyset | None]:
        """One page in creation order and the keyset after its last row (None on the last page)."""
        created_at, id_ = self._col("created_at"), self._col("id")
        stmt: Select[Any] = select(self.model).where(*filters)
        if after is not None:
            stmt = stmt.where(tuple_(created_at, id_) > tuple_(after[0], after[1]))
        stmt = stmt.order_by(created_at, id_).limit(limit + 1)
        rows: list[RowT] = list((await self.session.execute(stmt)).scalars())
        if len(rows) <= limit:
            return rows, None
        rows = rows[:limit]
        last = rows[-1]
        return rows, (last.created_at, last.id)  # type: ignore[attr-defined]

    async def add(self, row: RowT) -> RowT:
        """Insert the row (flushed, so constraint violations surface now)."""
        self.session.add(row)
        await self.session.flush()
        return row

    async def add_all(self, rows: Sequence[RowT]) -> None:
        """Insert the rows in one flush (in the order given)."""
        self.session.add_all(rows)
        await self.session.flush()

    async def update_all(self, changes: Sequence[tuple[RowT, Mapping[str, Any]]]) -> None:
        """Apply changes to unversioned rows, in one flush."""
        for row, values in changes:
            for name, value in values.items():
                setattr(row, name, value)
            self.session.add(row)
        await self.session.flush()

    async def update(self, row: RowT, changes: Mapping[str, Any]) -> RowT:
        """Apply changes to an unversioned row and flush."""
        for name, value in changes.items():
            setattr(row, name, value)
        self.session.add(row)
        await self.session.flush()
        return row

    async def update_versioned(self, row: RowT, changes: Mapping[str, Any]) -> RowT:
        """``UPDATE .. SET .., version = version + 1 WHERE id = ? AND version = ?``.

        Raises ``StaleVersion`` when another transaction changed the row since it was read, so
        concurrent writers cannot lose each other's updates.
        """
        read_version: int = row.version  # type: ignore[attr-defined]
        values = {**changes, "version": read_version + 1, "updated_at": utcnow()}
        stmt = (
            update(self.model)
            .where(self._col("id") == row.id, self._col("version") == read_version)  # type: ignore[attr-defined]
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        result = await self.session.execute(stmt)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleVersion(
                f"{self.entity.replace('_', ' ')} {row.id} was changed by someone else; "  # type: ignore[attr-defined]
                "read it again and retry",
                code="version.stale",
            )
        record_update(self.session, row, values)
        # The row now matches the database: nothing left for the unit of work to write.
        for name, value in values.items():
            set_committed_value(row, name, value)
        return row

    async def delete(self, row: RowT) -> None:
        """Delete the row (flushed)."""
        await self.session.delete(row)
        await self.session.flush()


def equals(model: type[Any], **values: object) -> list[ColumnElement[bool]]:
    """``column == value`` filters for the given values that are not None (list query filters)."""
    return [getattr(model, name) == value for name, value in values.items() if value is not None]


CHUNK = 1000
"""Ids per ``IN (...)`` list: keeps statements well below every driver's parameter limit."""


def chunked(ids: Collection[str]) -> Iterable[list[str]]:
    """The ids, sorted, in lists of at most ``CHUNK``."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def id_list(name: str = "ids") -> Any:
    """An ``IN`` list bound at execution (one statement built once, whatever the ids)."""
    return bindparam(name, expanding=True)


def is_postgres(session: AsyncSession) -> bool:
    """Whether the session talks to PostgreSQL."""
    return session.get_bind().dialect.name == "postgresql"


async def serialise(session: AsyncSession, key: int) -> None:
    """Make this transaction the only one past this point until it ends.

    PostgreSQL: a transaction-level advisory lock on ``key``. SQLite: a write that matches no row
    takes the database's single write lock now (so the reads that follow are the latest).
    """
    if is_postgres(session):
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        await session.execute(text("UPDATE alignments SET id = id WHERE 1 = 0"))
