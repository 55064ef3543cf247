"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 00:26:32.603581

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "cycles",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("parent_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("planning_deadline", sa.Date(), nullable=True),
        sa.Column("review_deadline", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["cycles.id"], name=op.f("fk_cycles_parent_id_cycles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycles")),
    )
    with op.batch_alter_table("cycles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cycles_ends_on"), ["ends_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_cycles_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_cycles_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cycles_starts_on"), ["starts_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_cycles_state"), ["state"], unique=False)

    op.create_table(
        "events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("entity_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("principal_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("principal_kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("request_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("entity_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_events_occurred_at"), ["occurred_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_audit_events_principal_id"), ["principal_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_audit_events_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "rate_counters",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("bucket", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("principal", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_counters")),
        sa.UniqueConstraint("bucket", "principal", "window_start", name="uq_rate_counters_window"),
    )
    with op.batch_alter_table("rate_counters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rate_counters_window_start"), ["window_start"], unique=False
        )

    op.create_table(
        "idempotency_records",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("principal", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("body_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_records")),
        sa.UniqueConstraint("principal", "key", name="uq_idempotency_records_principal_key"),
    )
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idempotency_records_created_at"), ["created_at"], unique=False
        )

    op.create_table(
        "org_units",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("parent_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("head_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["org_units.id"], name=op.f("fk_org_units_parent_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_units")),
        sa.UniqueConstraint("external_id", name=op.f("uq_org_units_external_id")),
    )
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_units_head_id"), ["head_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_org_units_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "policy",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy")),
    )
    op.create_table(
        "people",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("unit_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("manager_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["people.id"], name=op.f("fk_people_manager_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_people_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("email", name=op.f("uq_people_email")),
        sa.UniqueConstraint("external_id", name=op.f("uq_people_external_id")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_manager_id"), ["manager_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_role"), ["role"], unique=False)
        batch_op.create_index(batch_op.f("ix_people_unit_id"), ["unit_id"], unique=False)

    # org_units.head_id -> people.id closes a cycle between the two tables: added once both exist.
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.create_foreign_key("fk_org_units_head_id_people", "people", ["head_id"], ["id"])

    op.create_table(
        "api_keys",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("secret_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("key_result_ids", sa.JSON(), nullable=True),
        sa.Column("metric_keys", sa.JSON(), nullable=True),
        sa.Column("created_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["people.id"], name=op.f("fk_api_keys_created_by_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_keys_prefix")),
    )
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_keys_created_by_id"), ["created_by_id"], unique=False
        )

    op.create_table(
        "objectives",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cycle_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("owner_type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("state_reason", sa.Text(), nullable=True),
        sa.Column("score", sa.Numeric(precision=4, scale=3), nullable=True),
        sa.Column("grade", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("created_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("approved_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("agreed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["people.id"], name=op.f("fk_objectives_approved_by_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["people.id"], name=op.f("fk_objectives_created_by_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycles.id"], name=op.f("fk_objectives_cycle_id_cycles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objectives")),
    )
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_objectives_approved_by_id"), ["approved_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_objectives_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_objectives_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objectives_grade"), ["grade"], unique=False)
        batch_op.create_index(batch_op.f("ix_objectives_origin"), ["origin"], unique=False)
        batch_op.create_index("ix_objectives_owner", ["owner_type", "owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objectives_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objectives_state"), ["state"], unique=False)

    op.create_table(
        "person_tokens",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("person_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_tokens_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_tokens")),
        sa.UniqueConstraint("prefix", name=op.f("uq_person_tokens_prefix")),
    )
    with op.batch_alter_table("person_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_tokens_person_id"), ["person_id"], unique=False)

    op.create_table(
        "webhooks",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("secret", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("event_types", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["people.id"], name=op.f("fk_webhooks_created_by_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhooks")),
    )
    with op.batch_alter_table("webhooks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhooks_active"), ["active"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_webhooks_created_by_id"), ["created_by_id"], unique=False
        )

    op.create_table(
        "key_results",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("objective_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("start_value", sa.Numeric(precision=21, scale=6), nullable=True),
        sa.Column("target_value", sa.Numeric(precision=21, scale=6), nullable=True),
        sa.Column("current_value", sa.Numeric(precision=21, scale=6), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True),
        sa.Column("weight", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("metric_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Numeric(precision=3, scale=2), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.Column("last_check_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_key_results_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_results")),
        sa.UniqueConstraint("metric_key", name=op.f("uq_key_results_metric_key")),
    )
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_key_results_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_key_results_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_key_results_last_check_in_at"), ["last_check_in_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_key_results_objective_id"), ["objective_id"], unique=False
        )

    op.create_table(
        "reviews",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("objective_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("achieved", sa.Boolean(), nullable=True),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("lessons", sa.Text(), nullable=False),
        sa.Column("score", sa.Numeric(precision=4, scale=3), nullable=True),
        sa.Column("grade", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"], ["people.id"], name=op.f("fk_reviews_confirmed_by_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_reviews_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("objective_id", name=op.f("uq_reviews_objective_id")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reviews_confirmed_by_id"), ["confirmed_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reviews_state"), ["state"], unique=False)

    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("webhook_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("event_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_webhook_deliveries_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["webhook_id"],
            ["webhooks.id"],
            name=op.f("fk_webhook_deliveries_webhook_id_webhooks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
        sa.UniqueConstraint("webhook_id", "event_id", name="uq_webhook_deliveries_webhook_event"),
    )
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_webhook_deliveries_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_webhook_deliveries_next_attempt_at"), ["next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_webhook_deliveries_state"), ["state"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_webhook_deliveries_webhook_id"), ["webhook_id"], unique=False
        )

    op.create_table(
        "alignments",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "child_objective_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False
        ),
        sa.Column(
            "parent_objective_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False
        ),
        sa.Column(
            "parent_key_result_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True
        ),
        sa.Column("created_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_objective_id"],
            ["objectives.id"],
            name=op.f("fk_alignments_child_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["people.id"], name=op.f("fk_alignments_created_by_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["parent_key_result_id"],
            ["key_results.id"],
            name=op.f("fk_alignments_parent_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_objective_id"],
            ["objectives.id"],
            name=op.f("fk_alignments_parent_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alignments")),
        sa.UniqueConstraint(
            "child_objective_id",
            "parent_objective_id",
            "parent_key_result_id",
            name="uq_alignments_edge",
        ),
    )
    with op.batch_alter_table("alignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alignments_child_objective_id"), ["child_objective_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alignments_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alignments_parent_key_result_id"), ["parent_key_result_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alignments_parent_objective_id"), ["parent_objective_id"], unique=False
        )

    op.create_table(
        "change_requests",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_result_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("objective_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("requested_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("decided_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["people.id"], name=op.f("fk_change_requests_decided_by_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_results.id"],
            name=op.f("fk_change_requests_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_change_requests_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["people.id"],
            name=op.f("fk_change_requests_requested_by_id_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_requests")),
    )
    with op.batch_alter_table("change_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_requests_decided_by_id"), ["decided_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_change_requests_key_result_id"), ["key_result_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_change_requests_objective_id"), ["objective_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_change_requests_requested_by_id"), ["requested_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_change_requests_state"), ["state"], unique=False)

    op.create_table(
        "check_ins",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_result_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("value", sa.Numeric(precision=21, scale=6), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=True),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("observed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("author_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["people.id"], name=op.f("fk_check_ins_author_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_results.id"],
            name=op.f("fk_check_ins_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
        sa.UniqueConstraint("source", "external_id", name="uq_check_ins_source_external_id"),
    )
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_ins_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            "ix_check_ins_history", ["key_result_id", "observed_at", "received_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_check_ins_key_result_id"), ["key_result_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_check_ins_observed_at"), ["observed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_check_ins_source"), ["source"], unique=False)

    op.create_table(
        "dependencies",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("from_objective_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("from_key_result_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("to_objective_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("to_key_result_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["people.id"], name=op.f("fk_dependencies_created_by_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["from_key_result_id"],
            ["key_results.id"],
            name=op.f("fk_dependencies_from_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_objective_id"],
            ["objectives.id"],
            name=op.f("fk_dependencies_from_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_key_result_id"],
            ["key_results.id"],
            name=op.f("fk_dependencies_to_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_objective_id"],
            ["objectives.id"],
            name=op.f("fk_dependencies_to_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dependencies")),
    )
    with op.batch_alter_table("dependencies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dependencies_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dependencies_from_key_result_id"), ["from_key_result_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dependencies_from_objective_id"), ["from_objective_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dependencies_to_key_result_id"), ["to_key_result_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dependencies_to_objective_id"), ["to_objective_id"], unique=False
        )

    op.create_table(
        "initiatives",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_result_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("assignee_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["people.id"], name=op.f("fk_initiatives_assignee_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_results.id"],
            name=op.f("fk_initiatives_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiatives")),
    )
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiatives_assignee_id"), ["assignee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_initiatives_due_on"), ["due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_initiatives_key_result_id"), ["key_result_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_initiatives_state"), ["state"], unique=False)

    op.create_table(
        "review_kr_scores",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("key_result_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("computed_score", sa.Numeric(precision=3, scale=2), nullable=False),
        sa.Column("final_score", sa.Numeric(precision=3, scale=2), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_results.id"],
            name=op.f("fk_review_kr_scores_key_result_id_key_results"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_review_kr_scores_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_kr_scores")),
        sa.UniqueConstraint("review_id", "key_result_id", name="uq_review_kr_scores_review_kr"),
    )
    with op.batch_alter_table("review_kr_scores", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_kr_scores_key_result_id"), ["key_result_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_review_kr_scores_review_id"), ["review_id"], unique=False
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("rate_counters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_counters_window_start"))

    op.drop_table("rate_counters")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_request_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_principal_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_occurred_at"))
        batch_op.drop_index("ix_audit_events_entity")

    op.drop_table("audit_events")
    with op.batch_alter_table("review_kr_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_kr_scores_review_id"))
        batch_op.drop_index(batch_op.f("ix_review_kr_scores_key_result_id"))

    op.drop_table("review_kr_scores")
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiatives_state"))
        batch_op.drop_index(batch_op.f("ix_initiatives_key_result_id"))
        batch_op.drop_index(batch_op.f("ix_initiatives_due_on"))
        batch_op.drop_index(batch_op.f("ix_initiatives_assignee_id"))

    op.drop_table("initiatives")
    with op.batch_alter_table("dependencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dependencies_to_objective_id"))
        batch_op.drop_index(batch_op.f("ix_dependencies_to_key_result_id"))
        batch_op.drop_index(batch_op.f("ix_dependencies_from_objective_id"))
        batch_op.drop_index(batch_op.f("ix_dependencies_from_key_result_id"))
        batch_op.drop_index(batch_op.f("ix_dependencies_created_by_id"))

    op.drop_table("dependencies")
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_ins_source"))
        batch_op.drop_index(batch_op.f("ix_check_ins_observed_at"))
        batch_op.drop_index(batch_op.f("ix_check_ins_key_result_id"))
        batch_op.drop_index("ix_check_ins_history")
        batch_op.drop_index(batch_op.f("ix_check_ins_author_id"))

    op.drop_table("check_ins")
    with op.batch_alter_table("change_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_requests_state"))
        batch_op.drop_index(batch_op.f("ix_change_requests_requested_by_id"))
        batch_op.drop_index(batch_op.f("ix_change_requests_objective_id"))
        batch_op.drop_index(batch_op.f("ix_change_requests_key_result_id"))
        batch_op.drop_index(batch_op.f("ix_change_requests_decided_by_id"))

    op.drop_table("change_requests")
    with op.batch_alter_table("alignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alignments_parent_objective_id"))
        batch_op.drop_index(batch_op.f("ix_alignments_parent_key_result_id"))
        batch_op.drop_index(batch_op.f("ix_alignments_created_by_id"))
        batch_op.drop_index(batch_op.f("ix_alignments_child_objective_id"))

    op.drop_table("alignments")
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_deliveries_webhook_id"))
        batch_op.drop_index(batch_op.f("ix_webhook_deliveries_state"))
        batch_op.drop_index(batch_op.f("ix_webhook_deliveries_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_webhook_deliveries_event_id"))

    op.drop_table("webhook_deliveries")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_state"))
        batch_op.drop_index(batch_op.f("ix_reviews_confirmed_by_id"))

    op.drop_table("reviews")
    with op.batch_alter_table("key_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_results_objective_id"))
        batch_op.drop_index(batch_op.f("ix_key_results_last_check_in_at"))
        batch_op.drop_index(batch_op.f("ix_key_results_kind"))
        batch_op.drop_index(batch_op.f("ix_key_results_due_on"))

    op.drop_table("key_results")
    with op.batch_alter_table("webhooks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhooks_created_by_id"))
        batch_op.drop_index(batch_op.f("ix_webhooks_active"))

    op.drop_table("webhooks")
    with op.batch_alter_table("person_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_tokens_person_id"))

    op.drop_table("person_tokens")
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objectives_state"))
        batch_op.drop_index(batch_op.f("ix_objectives_owner_id"))
        batch_op.drop_index("ix_objectives_owner")
        batch_op.drop_index(batch_op.f("ix_objectives_origin"))
        batch_op.drop_index(batch_op.f("ix_objectives_grade"))
        batch_op.drop_index(batch_op.f("ix_objectives_cycle_id"))
        batch_op.drop_index(batch_op.f("ix_objectives_created_by_id"))
        batch_op.drop_index(batch_op.f("ix_objectives_approved_by_id"))

    op.drop_table("objectives")
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_keys_created_by_id"))

    op.drop_table("api_keys")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_unit_id"))
        batch_op.drop_index(batch_op.f("ix_people_role"))
        batch_op.drop_index(batch_op.f("ix_people_manager_id"))
        batch_op.drop_index(batch_op.f("ix_people_active"))

    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.drop_constraint("fk_org_units_head_id_people", type_="foreignkey")

    op.drop_table("people")
    op.drop_table("policy")
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_units_parent_id"))
        batch_op.drop_index(batch_op.f("ix_org_units_head_id"))

    op.drop_table("org_units")
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotency_records_created_at"))

    op.drop_table("idempotency_records")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index("ix_events_entity")

    op.drop_table("events")
    with op.batch_alter_table("cycles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycles_state"))
        batch_op.drop_index(batch_op.f("ix_cycles_starts_on"))
        batch_op.drop_index(batch_op.f("ix_cycles_parent_id"))
        batch_op.drop_index(batch_op.f("ix_cycles_kind"))
        batch_op.drop_index(batch_op.f("ix_cycles_ends_on"))

    op.drop_table("cycles")
