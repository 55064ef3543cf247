"""Parquet exports: the rows of ``persistence.exports`` written in row groups while streaming.

``pyarrow`` is an optional extra (``pip install '.[parquet]'``); without it ``available()`` is
false and the route answers 406. Each dataset has a fixed schema, built from the kinds of its
columns before any row is read (so an empty export has the same schema as a full one)::

    text          string            calendar date   date32
    integer       int64             UTC instant     timestamp[us, tz=UTC]
    boolean       bool              list of texts   list<string>
    fixed point   decimal128(precision, scale), the exact values of the database

Rows are gathered into row groups of ``ROW_GROUP`` rows; each group is written and its bytes
handed on before the next is read, so an export holds at most one row group in memory.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from datetime import datetime
from types import ModuleType
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.services.exports import export_values, kinds
from domain.access import Viewer
from persistence.exports import ExportDataset
from persistence.types import ColumnKind

MEDIA_TYPE = "application/vnd.apache.parquet"
ROW_GROUP = 20_000
"""Rows per Parquet row group (and so the most rows an export holds in memory at once)."""


def _pyarrow() -> tuple[ModuleType, ModuleType] | None:
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:
        return None


def available() -> bool:
    """Whether Parquet can be written here (the ``parquet`` extra is installed)."""
    return _pyarrow() is not None


def _arrow_type(pa: Any, kind: ColumnKind) -> Any:
    match kind.kind:
        case "string":
            return pa.string()
        case "integer":
            return pa.int64()
        case "boolean":
            return pa.bool_()
        case "date":
            return pa.date32()
        case "timestamp":
            return pa.timestamp("us", tz="UTC")
        case "decimal":
            return pa.decimal128(kind.precision, kind.scale)
        case "strings":
            return pa.list_(pa.string())


def schema(dataset: ExportDataset) -> Any:
    """The ``pyarrow.Schema`` of a dataset's Parquet export (every column nullable)."""
    modules = _pyarrow()
    if modules is None:
        raise RuntimeError("pyarrow is not installed")
    pa = modules[0]
    return pa.schema([pa.field(n, _arrow_type(pa, k)) for n, k in kinds(dataset)])


class _Sink:
    """A write-only file that keeps what was written until it is taken."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0
        self.closed = False

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        return None

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


async def stream_parquet(
    factory: async_sessionmaker[AsyncSession],
    dataset: ExportDataset,
    *,
    viewer: Viewer,
    cycle_id: str | None,
    updated_since: datetime | None,
) -> AsyncIterator[bytes]:
    """The Parquet file of a dataset, row group by row group; only the rows the viewer sees."""
    modules = _pyarrow()
    if modules is None:
        raise RuntimeError("pyarrow is not installed")
    pa, pq = modules
    arrow_schema = schema(dataset)
    names = arrow_schema.names
    sink = _Sink()
    writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), arrow_schema, compression="zstd")
    pending: list[list[Any]] = [[] for _ in names]
    count = 0

    def flush_group() -> None:
        nonlocal pending, count
        arrays = [
            pa.array(values, type=field.type)
            for values, field in zip(pending, arrow_schema, strict=True)
        ]
        writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=arrow_schema))
        pending = [[] for _ in names]
        count = 0

    async with factory() as session:
        chunks = export_values(
            session, dataset, viewer, cycle_id=cycle_id, updated_since=updated_since
        )
        async for rows in chunks:
            for values in rows:
                for column, value in zip(pending, values, strict=True):
                    column.append(value)
            count += len(rows)
            if count >= ROW_GROUP:
                flush_group()
                yield sink.take()
    if count:
        flush_group()
    writer.close()
    yield sink.take()
