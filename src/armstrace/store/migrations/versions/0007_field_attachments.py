"""field attachments: what a photo shows, who added it, EXIF time and place, a thumbnail

Revision ID: 0007_field
Revises: 0006_access
Create Date: 2026-12-06 11:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_field"
down_revision = "0006_access"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shows", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("created_by", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("taken_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("image", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("thumbnail", sa.LargeBinary(), nullable=True))
        batch_op.create_index("ix_attachment_entity", ["entity", "entity_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index("ix_attachment_entity")
        for column in ("thumbnail", "image", "longitude", "latitude", "taken_at", "created_by", "shows"):
            batch_op.drop_column(column)
