"""Voiding a wrong check-in (okr-domain §6): it stays in the history, marked voided, no longer
counts, and the KR's current value, scores and roll-ups are recomputed in the same transaction.

The KR is locked, then its objective (as check-ins lock them), then the check-in; the KR's new
current point is its latest observed counting check-in (ties: latest received). The voided row
keeps its ``(source, external_id)``, so a pusher that sends it again gets ``duplicate``.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.check_ins import CheckInPublic
from api.services.events import emit
from api.services.forecasts import refresh_bands
from api.services.key_results import load_key_result
from api.services.objectives import roll_up
from domain import access
from domain.checkins import check_voidable
from domain.errors import NotFound
from persistence.repositories.check_ins import CheckInRepository
from persistence.repositories.objectives import KeyResultRepository
from persistence.types import utcnow

CHECK_IN_VOIDED = "check_in.voided"


def _not_found(check_in_id: str) -> NotFound:
    return NotFound(
        f"check-in {check_in_id} does not exist", code="check_in.not_found", field="check_in_id"
    )


async def void_check_in(
    session: AsyncSession, principal: Principal, check_in_id: str, reason: str
) -> CheckInPublic:
    """Void the check-in: by its author, the KR's owner side or an admin, while the cycle is
    not closed; 404 when it does not exist or its objective is hidden from the caller."""
    repo = CheckInRepository(session)
    found = await repo.find(check_in_id)
    if found is None:
        raise _not_found(check_in_id)
    try:
        loaded = await load_key_result(session, found.key_result_id, principal, for_update=True)
    except NotFound as exc:
        raise _not_found(check_in_id) from exc
    row = await repo.find_locked(check_in_id)
    if row is None:
        raise _not_found(check_in_id)
    objective = loaded.objective
    access.check_may_void_check_in(
        objective.org,
        principal.viewer,
        objective.domain,
        check_in_id=check_in_id,
        author_id=row.author_id,
    )
    check_voidable(check_in_id, voided_at=row.voided_at, cycle=objective.cycle, reason=reason)

    await repo.update(
        row,
        {"voided_at": utcnow(), "voided_by_id": principal.author_id, "void_reason": reason},
    )
    kr = loaded.row
    current, confidence = await repo.latest_counting(kr.id)
    await KeyResultRepository(session).update(
        kr,
        {
            "current_value": current.value if current is not None else None,
            "done": bool(current.done) if current is not None else False,
            "confidence": confidence,
            "last_check_in_at": current.observed_at if current is not None else None,
        },
    )
    await roll_up(session, objective, key_result_ids=[kr.id])
    public = CheckInPublic.model_validate(row)
    await emit(
        session,
        CHECK_IN_VOIDED,
        "check_in",
        public,
        entity_id=row.id,
        objective_id=objective.row.id,
    )
    await refresh_bands(session, key_result_ids=[kr.id])  # only the KR this void locked
    return public
