"""check-in feed positions

Each new check-in carries its cursor in the change feed (``feed_position``) instead of a second
row in ``events``: a batch of check-ins appends one reservation row to ``events`` and numbers its
check-ins from it (see ``persistence.events``). Check-ins stored before keep their event rows and
a null position. Downgrading drops the positions, and with them the feed entries of the check-ins
stored since (their rows stay).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 03:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feed_position", sa.BigInteger(), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_check_ins_feed_position"), ["feed_position"]
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_check_ins_feed_position"), type_="unique")
        batch_op.drop_column("feed_position")
