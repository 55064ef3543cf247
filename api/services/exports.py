"""Flat exports for BI tools: one row per entity with joined names, streamed as CSV or NDJSON.

Rows are read in chunks by keyset pagination on ``(created_at, id)`` (``persistence.exports``) in
a session of their own (the request's session has committed before a streamed body is sent), so
an export never holds the whole dataset in memory. Each query applies the visibility rule:
drafts, what hangs under them and reviews still hidden are left out for callers who may not see
them, an ``admin``-scope key seeing everything as an admin does.

CSV cells are safe to open in a spreadsheet: a text cell that begins with ``=``, ``+``, ``-``,
``@``, tab or carriage return is written with a leading ``'`` (so Excel and LibreOffice show it
as text instead of running it as a formula), every text cell is quoted, and numbers stay bare
numbers (a negative value too). NDJSON carries the text unchanged.
"""

from __future__ import annotations

import csv
import enum
import io
import json
from collections.abc import AsyncIterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.services.forecasts import Forecaster
from domain.access import Viewer
from domain.forecast import Forecast, ObjectiveForecast
from persistence.exports import ExportDataset, column_kinds, export_chunks
from persistence.exports import columns as sql_columns
from persistence.repositories.cycles import CycleRepository
from persistence.repositories.objectives import KeyResultRepository
from persistence.types import ColumnKind

__all__ = [
    "MEDIA_TYPES",
    "ExportDataset",
    "ExportFormat",
    "as_text_cell",
    "columns",
    "stream_export",
]


class ExportFormat(enum.StrEnum):
    """How rows are written: CSV with a header line, one JSON object per line, or Parquet
    (``api.services.parquet``, where ``pyarrow`` is installed)."""

    CSV = "csv"
    NDJSON = "ndjson"
    PARQUET = "parquet"


Quoting = Literal[0, 1, 2, 3]
"""A ``csv`` quoting mode (``csv.QUOTE_MINIMAL``...)."""

MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv",
    ExportFormat.NDJSON: "application/x-ndjson",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
}


FORECAST_COLUMNS = [
    "forecast_score",
    "forecast_low",
    "forecast_high",
    "forecast_band",
    "forecast_method",
    "forecast_points",
]
"""The forecast of each key result and objective (docs/forecast.md), after the stored columns."""
_FORECASTED = (ExportDataset.KEY_RESULTS, ExportDataset.OBJECTIVES)


def columns(dataset: ExportDataset) -> list[str]:
    """The exported column names of a dataset, in order (forecast columns last)."""
    names = sql_columns(dataset)
    return names + FORECAST_COLUMNS if dataset in _FORECASTED else names


FORECAST_KINDS = [
    ColumnKind("decimal", precision=5, scale=2),
    ColumnKind("decimal", precision=5, scale=2),
    ColumnKind("decimal", precision=5, scale=2),
    ColumnKind("string"),
    ColumnKind("string"),
    ColumnKind("integer"),
]
"""What each of ``FORECAST_COLUMNS`` holds (scores have 2 decimals, docs/forecast.md)."""


def kinds(dataset: ExportDataset) -> list[tuple[str, ColumnKind]]:
    """The exported columns of a dataset with the kind of value each holds, in order."""
    stored = column_kinds(dataset)
    if dataset in _FORECASTED:
        return stored + list(zip(FORECAST_COLUMNS, FORECAST_KINDS, strict=True))
    return stored


async def export_values(
    session: AsyncSession,
    dataset: ExportDataset,
    viewer: Viewer,
    *,
    cycle_id: str | None,
    updated_since: datetime | None,
) -> AsyncIterator[list[list[Any]]]:
    """The values of the rows the viewer sees, chunk by chunk, one list per row in the order of
    ``columns(dataset)`` (the stored columns, then the forecast's where a dataset has one)."""
    chunks = export_chunks(session, dataset, viewer, cycle_id=cycle_id, updated_since=updated_since)
    forecaster = await Forecaster.start(session) if dataset in _FORECASTED else None
    stored = sql_columns(dataset)
    async for rows in chunks:
        values = [[getattr(r, n) for n in stored] for r in rows]
        if forecaster is not None:
            cells = await _forecasts(session, forecaster, dataset, rows)
            values = [row + extra for row, extra in zip(values, cells, strict=True)]
        yield values


def _forecast_cells(forecast: Forecast | ObjectiveForecast) -> list[Any]:
    return [
        forecast.score,
        forecast.low,
        forecast.high,
        forecast.band.value if forecast.band else None,
        forecast.method.value,
        forecast.points_used,
    ]


async def _forecasts(
    session: AsyncSession, forecaster: Forecaster, dataset: ExportDataset, rows: list[Any]
) -> list[list[Any]]:
    """The forecast cells of a chunk of key results or objectives (one query for the points,
    one for an objective chunk's KRs)."""
    if dataset is ExportDataset.KEY_RESULTS:
        by_kr = await forecaster.key_results_of_export(rows)
        return [_forecast_cells(by_kr[r.id]) for r in rows]
    krs = await KeyResultRepository(session).for_objectives([r.id for r in rows])
    _, by_objective = await forecaster.objectives([(r.id, r.cycle_id, krs[r.id]) for r in rows])
    return [_forecast_cells(by_objective[r.id]) for r in rows]


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell that a spreadsheet would run as a formula begins (OWASP, "CSV injection")."""


def as_text_cell(text: str) -> str:
    """A text cell that Excel and LibreOffice show as text: a formula-like one gets a ``'``."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_cell(value: Any) -> str | int | Decimal | None:
    """A CSV cell: numbers stay numbers (written bare), everything else is text (quoted)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return as_text_cell(";".join(str(v) for v in value))
    return as_text_cell(str(value))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


async def check_cycle(session: AsyncSession, cycle_id: str) -> None:
    """``cycle.not_found`` (field ``cycle_id``) unless the cycle exists."""
    await CycleRepository(session).get(cycle_id, field="cycle_id")


async def stream_export(
    factory: async_sessionmaker[AsyncSession],
    dataset: ExportDataset,
    fmt: ExportFormat,
    *,
    viewer: Viewer,
    cycle_id: str | None,
    updated_since: datetime | None,
) -> AsyncIterator[str]:
    """The export's text, chunk by chunk (a CSV starts with its header, even when empty); only
    the rows the viewer sees (the visibility rule applied in the query)."""
    names = columns(dataset)
    async with factory() as session:
        if fmt is ExportFormat.CSV:
            yield _csv_lines([names], quoting=csv.QUOTE_MINIMAL)
        async for values in export_values(
            session, dataset, viewer, cycle_id=cycle_id, updated_since=updated_since
        ):
            if fmt is ExportFormat.CSV:
                yield _csv_lines([[_csv_cell(v) for v in row] for row in values])
            else:
                yield "".join(
                    json.dumps(
                        {n: _json_value(v) for n, v in zip(names, row, strict=True)},
                        ensure_ascii=False,
                        separators=(",", ":"),
                    )
                    + "\n"
                    for row in values
                )


def _csv_lines(rows: list[list[Any]], *, quoting: Quoting = csv.QUOTE_NONNUMERIC) -> str:
    """Rows as CSV lines. Text cells are quoted, so that a spreadsheet that splits on another
    separator (``;`` in many locales) still keeps each one whole; numbers are written bare."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", quoting=quoting).writerows(rows)
    return buffer.getvalue()
