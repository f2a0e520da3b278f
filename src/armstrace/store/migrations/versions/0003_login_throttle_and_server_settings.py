"""login throttle and server settings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 05:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failure",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_failure_at", "login_failure", ["at"])
    op.create_index("ix_login_failure_username", "login_failure", ["username"])
    op.create_index("ix_login_failure_address", "login_failure", ["address"])
    op.create_table(
        "server_setting",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("server_setting")
    op.drop_index("ix_login_failure_address", "login_failure")
    op.drop_index("ix_login_failure_username", "login_failure")
    op.drop_index("ix_login_failure_at", "login_failure")
    op.drop_table("login_failure")
