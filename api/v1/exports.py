"""``GET /v1/exports/{dataset}``: flat, streamed CSV or NDJSON for BI tools."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import StreamingResponse

from api import read_limits
from api.deps import PrincipalDep, SessionDep
from api.schemas.common import Instant
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


@router.get(
    "/exports/{dataset}",
    name="export_dataset",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "One flat row per entity: CSV with a header line, or NDJSON.",
            "content": dict.fromkeys(MEDIA_TYPES.values(), _STREAM),
        },
        **read_limits.RESPONSES,
    },
)
async def export_dataset(
    dataset: ExportDataset,
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    format: Annotated[ExportFormat, Query(description="`csv` (default) or `ndjson`.")] = (
        ExportFormat.CSV
    ),
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
    carries every text unchanged.

    An expensive read: a caller may run at most `OKR_EXPENSIVE_READS_PER_CALLER` exports and
    reports at once (429 `rate_limit.concurrent_reads` with `Retry-After` beyond that); an
    export counts from its first byte until its last.
    """
    if cycle_id is not None:
        await check_cycle(session, cycle_id)
    body = stream_export(
        request.app.state.session_factory,
        dataset,
        format,
        viewer=principal.viewer,
        cycle_id=cycle_id,
        updated_since=updated_since,
    )
    extension = "csv" if format is ExportFormat.CSV else "ndjson"
    return read_limits.LeasedStreamingResponse(
        body,
        app=request.app,
        principal=principal,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{dataset.value}.{extension}"'},
    )
