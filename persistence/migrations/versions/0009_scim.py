"""scim provisioning

- ``people.user_name`` and ``people.user_name_key``: the SCIM ``userName`` and its lower-cased
  key under a unique index (SCIM compares user names whatever their case);
- ``people.scim`` and ``org_units.scim``: the SCIM attributes that have no column of their own.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 13:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_name", sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column("user_name_key", sa.String(length=640), nullable=True))
        batch_op.add_column(sa.Column("scim", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_people_user_name_key"), ["user_name_key"], unique=True)
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scim", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.drop_column("scim")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_user_name_key"))
        batch_op.drop_column("scim")
        batch_op.drop_column("user_name_key")
        batch_op.drop_column("user_name")
