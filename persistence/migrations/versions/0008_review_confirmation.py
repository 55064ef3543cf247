"""review confirmation, change requests of several key results

The manager confirms a review with a note and may adjust KR final scores, each with a reason
(okr-domain §7): the owner's proposal stays in ``final_score`` / ``score``, the confirmed values
go beside it (``confirmed_score``, ``adjustment_reason`` per KR; ``confirmed_score``,
``confirmed_grade``, ``confirmed_flags`` and ``confirm_note`` on the review).

A change request may change several KRs of an agreed annual objective at once (okr-domain §4):
such a request names no single key result (``key_result_id`` becomes nullable) and lists its
``items`` (modify, add, remove).

Follow-up actions of a review (``review_follow_ups``: title, owner, due date, the cycle they carry
into) are listed by that cycle's report until carried as initiatives.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 13:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
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
    _create_follow_ups()
    with op.batch_alter_table("change_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("items", sa.JSON(), nullable=True))
        batch_op.alter_column("key_result_id", existing_type=sa.String(length=36), nullable=True)


def _create_follow_ups() -> None:
    string = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "review_follow_ups",
        sa.Column("id", string(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_id", string(length=36), nullable=False),
        sa.Column("objective_id", string(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", string(length=200), nullable=False),
        sa.Column("owner_id", string(length=36), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("carry_to_cycle_id", string(length=36), nullable=False),
        sa.Column("state", string(length=20), nullable=False),
        sa.Column("initiative_id", string(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["carry_to_cycle_id"],
            ["cycles.id"],
            name=op.f("fk_review_follow_ups_carry_to_cycle_id_cycles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_review_follow_ups_initiative_id_initiatives"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_review_follow_ups_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_review_follow_ups_owner_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_review_follow_ups_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_follow_ups")),
    )
    with op.batch_alter_table("review_follow_ups", schema=None) as batch_op:
        for column in (
            "carry_to_cycle_id",
            "initiative_id",
            "objective_id",
            "owner_id",
            "review_id",
            "state",
        ):
            batch_op.create_index(
                batch_op.f(f"ix_review_follow_ups_{column}"), [column], unique=False
            )


def downgrade() -> None:
    """Downgrade schema (change requests of several key results are dropped)."""
    change_requests = sa.table("change_requests", sa.column("key_result_id"))
    op.execute(change_requests.delete().where(change_requests.c.key_result_id.is_(None)))
    with op.batch_alter_table("change_requests", schema=None) as batch_op:
        batch_op.alter_column("key_result_id", existing_type=sa.String(length=36), nullable=False)
        batch_op.drop_column("items")
    with op.batch_alter_table("review_follow_ups", schema=None) as batch_op:
        for column in (
            "state",
            "review_id",
            "owner_id",
            "objective_id",
            "initiative_id",
            "carry_to_cycle_id",
        ):
            batch_op.drop_index(batch_op.f(f"ix_review_follow_ups_{column}"))
    op.drop_table("review_follow_ups")
    with op.batch_alter_table("review_kr_scores", schema=None) as batch_op:
        batch_op.drop_column("adjustment_reason")
        batch_op.drop_column("confirmed_score")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("confirmed_flags")
        batch_op.drop_column("confirmed_grade")
        batch_op.drop_column("confirmed_score")
        batch_op.drop_column("confirm_note")
