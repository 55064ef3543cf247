"""check-in voids and forecast band

A check-in can be voided (``voided_at``, ``voided_by_id``, ``void_reason``): it stays in the
history and no longer counts. A key result records the forecast band it was last seen in
(``forecast_band``), so that a change of band is recorded once as an event.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 13:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("voided_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True)
        )
        batch_op.add_column(sa.Column("void_reason", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_check_ins_voided_by_id_people"), "people", ["voided_by_id"], ["id"]
        )
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("forecast_band", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.drop_column("forecast_band")
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_check_ins_voided_by_id_people"), type_="foreignkey")
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_by_id")
        batch_op.drop_column("voided_at")
