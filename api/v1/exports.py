"""``GET /v1/exports/{dataset}``: flat, streamed CSV, NDJSON or Parquet for BI tools."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import StreamingResponse

from api import read_limits
from api.deps import PrincipalDep, SessionDep
from api.errors import ApiError
from api.problems import Problem
from api.schemas.common import Instant
from api.services import parquet
from api.services.exports import (
    MEDIA_TYPES,
    ExportDataset,
    ExportFormat,
    check_cycle,
    stream_export,
)
from api.v1 import resource_router

router = resource_router("exports")

_STREAM: dict[str, Any] = {"schema": {"type": "string"}}
_BINARY: dict[str, Any] = {"schema": {"type": "string", "format": "binary"}}
_CONTENT = {
    MEDIA_TYPES[ExportFormat.CSV]: _STREAM,
    MEDIA_TYPES[ExportFormat.NDJSON]: _STREAM,
    MEDIA_TYPES[ExportFormat.PARQUET]: _BINARY,
}
_EXTENSIONS = {
    ExportFormat.CSV: "csv",
    ExportFormat.NDJSON: "ndjson",
    ExportFormat.PARQUET: "parquet",
}


@router.get(
    "/exports/{dataset}",
    name="export_dataset",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "One flat row per entity: CSV with a header line, NDJSON, or Parquet.",
            "content": _CONTENT,
        },
        406: {
            "model": Problem,
            "description": "Parquet was asked for where it is not installed "
            "(`export.parquet_unavailable`).",
        },
        **read_limits.RESPONSES,
    },
)
async def export_dataset(
    dataset: ExportDataset,
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    format: Annotated[
        ExportFormat,
        Query(description="`csv` (default), `ndjson` or `parquet` (where installed)."),
    ] = (ExportFormat.CSV),
    cycle_id: Annotated[
        str | None,
        Query(
            max_length=36,
            description="Only rows of this cycle (objectives, key results, check-ins, reviews; "
            "ignored for people and org units).",
        ),
    ] = None,
    updated_since: Annotated[
        Instant | None,
        Query(description="Only rows changed at or after this instant (RFC 3339 with an offset)."),
    ] = None,
) -> StreamingResponse:
    """Stream every row of a dataset with joined names (drafts only for who may see them).

    CSV is safe to open in Excel or LibreOffice: a text cell that begins with `=`, `+`, `-`, `@`,
    a tab or a carriage return is written with a leading `'`, so that it shows as text and never
    runs as a formula; text cells are quoted and numbers (negative ones too) stay numbers. NDJSON
    carries every text unchanged. Parquet has a fixed schema per dataset (exact decimals as
    `decimal128`, dates, UTC timestamps, texts), written in row groups while it streams; it
    needs the optional `parquet` extra (`pip install 'okr-service[parquet]'`), and is a 406
    problem `export.parquet_unavailable` where that is not installed.

    An expensive read: a caller may run at most `OKR_EXPENSIVE_READS_PER_CALLER` exports and
    reports at once (429 `rate_limit.concurrent_reads` with `Retry-After` beyond that); an
    export counts from its first byte until its last.
    """
    if format is ExportFormat.PARQUET and not parquet.available():
        raise ApiError(
            406,
            "export.parquet_unavailable",
            "Parquet exports need pyarrow, which this server does not have "
            "(install the `parquet` extra); ask for `csv` or `ndjson`",
            field="format",
        )
    if cycle_id is not None:
        await check_cycle(session, cycle_id)
    factory = request.app.state.session_factory
    body: AsyncIterator[str] | AsyncIterator[bytes]
    if format is ExportFormat.PARQUET:
        body = parquet.stream_parquet(
            factory,
            dataset,
            viewer=principal.viewer,
            cycle_id=cycle_id,
            updated_since=updated_since,
        )
    else:
        body = stream_export(
            factory,
            dataset,
            format,
            viewer=principal.viewer,
            cycle_id=cycle_id,
            updated_since=updated_since,
        )
    extension = _EXTENSIONS[format]
    return read_limits.LeasedStreamingResponse(
        body,
        app=request.app,
        principal=principal,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{dataset.value}.{extension}"'},
    )
