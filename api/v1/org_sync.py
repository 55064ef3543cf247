"""``POST /v1/org/sync``: a full HR snapshot of units and people, applied atomically as a diff."""

from __future__ import annotations

import json

from fastapi import Request

from api.deps import AdminDep, SessionDep
from api.errors import ApiError
from api.routing import loads
from api.schemas.common import Flag
from api.schemas.org_sync import SyncChange, SyncResult, SyncSummary
from api.services import org_sync as service
from api.services.org_sync import SyncOutcome
from api.v1 import resource_router
from domain.org_sync import CSV_HEADER, Snapshot, parse_csv, parse_json

router = resource_router("org")

_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "The snapshot; the same as CSV with `Content-Type: text/csv` "
                    "and the header " + ",".join(CSV_HEADER) + ".",
                    "properties": {
                        "units": {"type": "array", "items": {"type": "object"}},
                        "people": {"type": "array", "items": {"type": "object"}},
                    },
                }
            },
        },
    }
}


async def snapshot_of(request: Request) -> Snapshot:
    """The snapshot of the request body: JSON, or CSV (``Content-Type: text/csv``)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type == "text/csv":
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ApiError(422, "sync.invalid_snapshot", "the CSV file is not UTF-8") from exc
        return parse_csv(text)
    if content_type not in ("application/json", ""):
        raise ApiError(
            415,
            "request.unsupported_media_type",
            "the snapshot is JSON (application/json) or CSV (text/csv)",
            field="content-type",
        )
    try:
        document = loads(body)
    except json.JSONDecodeError as exc:
        raise ApiError(422, "sync.invalid_snapshot", f"the body is not JSON: {exc.msg}") from exc
    return parse_json(document)


def result_of(outcome: SyncOutcome) -> SyncResult:
    """The answer: the summary and every change."""
    plan = outcome.plan
    return SyncResult(
        dry_run=outcome.dry_run,
        summary=SyncSummary(**plan.summary()),
        changes=[
            SyncChange(
                entity=c.entity,
                id=c.id,
                external_id=c.external_id,
                action=c.action,
                fields=dict(c.values),
            )
            for c in plan.changes
        ],
    )


@router.post("/org/sync", name="sync_org", openapi_extra=_BODY)
async def sync_org(
    request: Request, session: SessionDep, principal: AdminDep, dry_run: Flag = False
) -> SyncResult:
    """Apply a full snapshot of units and people keyed by `external_id` (admins, `org:write`
    keys): units and people are created, updated, moved; people missing from it are deactivated.
    Atomic: every problem is named with its row (409) and nothing is written. `dry_run=true`
    answers the diff and writes nothing. CSV header:
    `kind,external_id,name,email,parent_external_id,head_external_id,unit_external_id,manager_external_id,active`."""
    snapshot = await snapshot_of(request)
    outcome = await service.sync_org(
        session, snapshot, by_admin=principal.is_admin, dry_run=dry_run
    )
    return result_of(outcome)
