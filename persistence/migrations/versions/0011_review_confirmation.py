"""review confirmation, change requests of several key results

The manager confirms a review with a note and may adjust KR final scores, each with a reason
(okr-domain §7): the owner's proposal stays in ``final_score`` / ``score``, the confirmed values
go beside it (``confirmed_score``, ``adjustment_reason`` per KR; ``confirmed_score``,
``confirmed_grade``, ``confirmed_flags`` and ``confirm_note`` on the review).

A change request may change several KRs of an agreed annual objective at once (okr-domain §4):
such a request names no single key result (``key_result_id`` becomes nullable) and lists its
``items`` (modify, add, remove).

Revision ID: 0011
Revises: 0004
Create Date: 2026-12-01 13:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirm_note", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("confirmed_score", sa.Numeric(precision=4, scale=3), nullable=True)
        )
        batch_op.add_column(sa.Column("confirmed_grade", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("confirmed_flags", sa.JSON(), nullable=True))
    with op.batch_alter_table("review_kr_scores", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confirmed_score", sa.Numeric(precision=3, scale=2), nullable=True)
        )
        batch_op.add_column(sa.Column("adjustment_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("change_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("items", sa.JSON(), nullable=True))
        batch_op.alter_column("key_result_id", existing_type=sa.String(length=36), nullable=True)


def downgrade() -> None:
    """Downgrade schema (change requests of several key results are dropped)."""
    change_requests = sa.table("change_requests", sa.column("key_result_id"))
    op.execute(change_requests.delete().where(change_requests.c.key_result_id.is_(None)))
    with op.batch_alter_table("change_requests", schema=None) as batch_op:
        batch_op.alter_column("key_result_id", existing_type=sa.String(length=36), nullable=False)
        batch_op.drop_column("items")
    with op.batch_alter_table("review_kr_scores", schema=None) as batch_op:
        batch_op.drop_column("adjustment_reason")
        batch_op.drop_column("confirmed_score")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("confirmed_flags")
        batch_op.drop_column("confirmed_grade")
        batch_op.drop_column("confirmed_score")
        batch_op.drop_column("confirm_note")
