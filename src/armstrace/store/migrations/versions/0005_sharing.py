"""sharing: hit notices, notice embargoes, peers, outbox, exchange receipts

Revision ID: 0005_sharing
Revises: 0004_secrets
Create Date: 2026-12-06 11:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_sharing"
down_revision = "0004_secrets"
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
    op.create_table(
        "peer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=1024), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("agencies", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=False),
        sa.Column("peer_id", sa.Integer(), sa.ForeignKey("peer.id"), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("envelope", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id"),
    )
    op.create_index("ix_outbox_message_peer_id", "outbox_message", ["peer_id"])
    op.create_index("ix_outbox_message_next_attempt_at", "outbox_message", ["next_attempt_at"])
    op.create_table(
        "exchange_receipt",
        sa.Column("message_id", sa.String(length=64), nullable=False),
        sa.Column("peer_id", sa.Integer(), sa.ForeignKey("peer.id"), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=255), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("message_id"),
    )


def downgrade() -> None:
    op.drop_table("exchange_receipt")
    op.drop_index("ix_outbox_message_next_attempt_at", "outbox_message")
    op.drop_index("ix_outbox_message_peer_id", "outbox_message")
    op.drop_table("outbox_message")
    op.drop_table("peer")
    op.drop_index("ix_notice_embargo_incident_id", "notice_embargo")
    op.drop_table("notice_embargo")
    for column in ("owner_agency_id", "finder_agency_id", "item_id", "recovery_id", "incident_id"):
        op.drop_index(f"ix_hit_notice_{column}", "hit_notice")
    op.drop_table("hit_notice")
