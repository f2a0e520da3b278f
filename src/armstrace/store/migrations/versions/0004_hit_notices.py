"""hit notices and notice embargoes

Revision ID: 0004_hit_notices
Revises: 0003
Create Date: 2026-12-06 11:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_hit_notices"
down_revision = "0003"
branch_labels = None
depends_on = None

_BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "hit_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=False),
        sa.Column("finder_agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=False),
        sa.Column("item_id", _BIG, sa.ForeignKey("item.id"), nullable=False),
        sa.Column("recovery_id", _BIG, sa.ForeignKey("recovery.id"), nullable=False),
        sa.Column("incident_id", sa.Integer(), sa.ForeignKey("incident.id"), nullable=True),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=255), nullable=True),
        sa.Column("emailed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("recovery_id", "item_id"),
    )
    for column in ("owner_agency_id", "finder_agency_id", "item_id", "recovery_id", "incident_id"):
        op.create_index(f"ix_hit_notice_{column}", "hit_notice", [column])
    op.create_table(
        "notice_embargo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), sa.ForeignKey("incident.id"), nullable=False),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("set_by", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("lifted_at", sa.DateTime(), nullable=True),
        sa.Column("lifted_by", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notice_embargo_incident_id", "notice_embargo", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_notice_embargo_incident_id", "notice_embargo")
    op.drop_table("notice_embargo")
    for column in ("owner_agency_id", "finder_agency_id", "item_id", "recovery_id", "incident_id"):
        op.drop_index(f"ix_hit_notice_{column}", "hit_notice")
    op.drop_table("hit_notice")
