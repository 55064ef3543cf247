"""export order indexes

Exports and the OData feed read every dataset in creation order, in keyset pages on
``(created_at, id)``. Without an index covering that order each page scanned and sorted the whole
table (a chunk cost grew with the table, so an export was quadratic); with one, each page is an
index range read and an export is one pass.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 13:00:00

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("objectives", "key_results", "check_ins", "people", "org_units", "cycles", "reviews")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_created_order", table, ["created_at", "id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_created_order", table_name=table)
