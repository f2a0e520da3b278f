"""field sync: a laptop's state per server, the server's versions of synced records, upload chunks, conflicts

Revision ID: 0009_sync
Revises: 0008_visibility
Create Date: 2026-12-06 13:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_sync"
down_revision = "0008_visibility"
branch_labels = None
depends_on = None

BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "sync_peer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(length=1024), nullable=False, unique=True),
        sa.Column("agency", sa.String(length=32), nullable=True),
        sa.Column("pull_cursor", sa.BigInteger(), nullable=False),
        sa.Column("pushed_at", sa.DateTime(), nullable=True),
        sa.Column("pulled_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "sync_link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("peer_id", sa.Integer(), sa.ForeignKey("sync_peer.id"), nullable=False, index=True),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("local_id", BIG, nullable=False),
        sa.Column("gid", sa.String(length=32), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("base_hash", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("peer_id", "gid"),
        sa.UniqueConstraint("peer_id", "entity", "local_id"),
    )
    op.create_table(
        "sync_object",
        sa.Column("gid", sa.String(length=32), primary_key=True),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("local_id", BIG, nullable=False),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=False, index=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("changed_by", sa.String(length=255), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("entity", "local_id"),
    )
    op.create_index("ix_sync_object_seq", "sync_object", ["seq"])
    op.create_table(
        "sync_chunk",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False, index=True),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("agency_id", "sha256", "offset"),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("peer", sa.String(length=1024), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("gid", sa.String(length=32), nullable=False, index=True),
        sa.Column("local_id", BIG, nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("kept", sa.JSON(), nullable=False),
        sa.Column("winner", sa.JSON(), nullable=True),
        sa.Column("batch", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "sync_copy",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("peer_id", sa.Integer(), sa.ForeignKey("sync_peer.id"), nullable=False, index=True),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("gid", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("peer_id", "gid"),
    )


def downgrade() -> None:
    for table in ("sync_copy", "sync_conflict", "sync_chunk", "sync_object", "sync_link", "sync_peer"):
        op.drop_table(table)
