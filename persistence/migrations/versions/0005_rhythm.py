"""calendar, deadline notices, check-in blockers

Cycles gain the five deadlines of okr-domain §9 (submission, agreement, publication, review
submission, review confirmation; they may lie outside the cycle, only their order is a rule).
``deadline_notices`` records each reminder and flag sent to a person about a deadline; its unique
constraint makes the producer's events exactly once however many workers run it. Check-ins gain
``blocker`` and ``needs_help_from`` (``manager`` or ``company``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 13:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DEADLINES = (
    "submission_deadline",
    "agreement_deadline",
    "publication_deadline",
    "review_submission_deadline",
    "review_confirmation_deadline",
)


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("cycles", schema=None) as batch_op:
        for name in _DEADLINES:
            batch_op.add_column(sa.Column(name, sa.Date(), nullable=True))
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blocker", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("needs_help_from", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )
    op.create_table(
        "deadline_notices",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("cycle_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deadline", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("person_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycles.id"],
            name=op.f("fk_deadline_notices_cycle_id_cycles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_deadline_notices_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_notices")),
        sa.UniqueConstraint(
            "cycle_id", "deadline", "person_id", "kind", name="uq_deadline_notices_once"
        ),
    )
    with op.batch_alter_table("deadline_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deadline_notices_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("deadline_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_notices_person_id"))
    op.drop_table("deadline_notices")
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_column("needs_help_from")
        batch_op.drop_column("blocker")
    with op.batch_alter_table("cycles", schema=None) as batch_op:
        for name in reversed(_DEADLINES):
            batch_op.drop_column(name)
