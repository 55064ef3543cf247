"""metric keys per cycle: ``key_results.cycle_id``, unique ``(metric_key, cycle_id)``

A metric key was unique over every KR, so the same metric could not be tracked by a KR of each
cycle (and the "not ambitious" lint, which compares a KR's target with what its metric key
reached in the owner's previous cycle, could never fire). The KR now carries its objective's
cycle (filled from the objectives; an objective never changes cycle) and the metric key is
unique per cycle. The unique constraint leads with ``metric_key``, so it also serves the look-up
of the KRs a pushed metric key names. Downgrading fails while some metric key names KRs of two
cycles.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 15:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cycle_id", AutoString(length=36), nullable=True))
    op.execute(
        "UPDATE key_results SET cycle_id = (SELECT objectives.cycle_id FROM objectives "
        "WHERE objectives.id = key_results.objective_id)"
    )
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.alter_column("cycle_id", existing_type=AutoString(length=36), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_key_results_cycle_id_cycles"), "cycles", ["cycle_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_key_results_cycle_id"), ["cycle_id"], unique=False)
        batch_op.drop_constraint(batch_op.f("uq_key_results_metric_key"), type_="unique")
        batch_op.create_unique_constraint(
            "uq_key_results_metric_key_cycle", ["metric_key", "cycle_id"]
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.drop_constraint("uq_key_results_metric_key_cycle", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_key_results_metric_key"), ["metric_key"])
        batch_op.drop_index(batch_op.f("ix_key_results_cycle_id"))
        batch_op.drop_constraint(batch_op.f("fk_key_results_cycle_id_cycles"), type_="foreignkey")
        batch_op.drop_column("cycle_id")
