"""event audience

Each event of the change feed records which rule decides who sees it (``audience``: public,
objective, review or admin) and the objective(s) it is about, so the feed filters with the
visibility rule in the database. Existing events are classified from their entity and data (the
objective of a key result, initiative or check-in is looked up; one that is gone leaves the event
to admins only, as an unknown audience does). (Migration 0003 has already dropped the
credential prefixes older token and key events carried.)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:40:00

"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OBJECTIVE = {
    "objective",
    "key_result",
    "check_in",
    "initiative",
    "alignment",
    "dependency",
    "change_request",
}
_PUBLIC = {"cycle", "org_unit", "person"}


def _classify(
    entity: str, entity_id: str, data: dict[str, Any], kr_objective: dict[str, str]
) -> tuple[str, str | None, str | None]:
    def of_kr(kr_id: Any) -> str | None:
        return kr_objective.get(kr_id) if isinstance(kr_id, str) else None

    if entity in _PUBLIC:
        return "public", None, None
    if entity == "review":
        return "review", data.get("objective_id"), None
    if entity not in _OBJECTIVE:
        return "admin", None, None
    if entity == "objective":
        return "objective", entity_id, None
    if entity == "alignment":
        return "objective", data.get("child_objective_id"), data.get("parent_objective_id")
    if entity == "dependency":
        source = data.get("from_objective_id") or of_kr(data.get("from_key_result_id"))
        target = data.get("to_objective_id") or of_kr(data.get("to_key_result_id"))
        return "objective", source, target
    if entity in ("initiative", "check_in"):
        return "objective", of_kr(data.get("key_result_id")), None
    return "objective", data.get("objective_id"), None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audience", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("objective_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("related_objective_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_events_objective_id"), ["objective_id"], unique=False)

    bind = op.get_bind()
    events = sa.table(
        "events",
        sa.column("id", sa.BigInteger()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.String()),
        sa.column("data", sa.JSON()),
        sa.column("audience", sa.String()),
        sa.column("objective_id", sa.String()),
        sa.column("related_objective_id", sa.String()),
    )
    key_results = sa.table("key_results", sa.column("id"), sa.column("objective_id"))
    kr_objective = {
        row.id: row.objective_id
        for row in bind.execute(sa.select(key_results.c.id, key_results.c.objective_id))
    }
    rows = bind.execute(
        sa.select(events.c.id, events.c.entity, events.c.entity_id, events.c.data)
    ).all()
    for row in rows:
        data = dict(row.data) if isinstance(row.data, dict) else {}
        audience, objective_id, related = _classify(row.entity, row.entity_id, data, kr_objective)
        values: dict[str, Any] = {
            "audience": audience,
            "objective_id": objective_id,
            "related_objective_id": related,
        }
        bind.execute(events.update().where(events.c.id == row.id).values(**values))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.alter_column("audience", existing_type=sa.String(length=20), nullable=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_objective_id"))
        batch_op.drop_column("related_objective_id")
        batch_op.drop_column("objective_id")
        batch_op.drop_column("audience")
