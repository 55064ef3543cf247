"""Recording an answer's entity in the change feed."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from persistence.events import record_event


async def emit(
    session: AsyncSession, type: str, entity: str, public: BaseModel, *, entity_id: str
) -> None:
    """Append event ``type`` carrying the entity as the API shows it, in this transaction."""
    await record_event(session, type, entity, entity_id, public.model_dump(mode="json"))
