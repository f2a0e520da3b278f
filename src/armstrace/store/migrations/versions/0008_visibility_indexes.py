"""indexes for the visibility filter and the search index's view versions

Revision ID: 0008_visibility
Revises: 0007_field
Create Date: 2026-12-06 11:30:00.000000

The visibility filter (``store.access.visible``) asks, per table, for an agency's own rows, the public
rows and the rows shared with it; the search cache reads the highest id of each (``web.search``). Without
these indexes each is a scan of the table, whose cost grows with the registry (issue 12, M6).
"""

from __future__ import annotations

from alembic import op

revision = "0008_visibility"
down_revision = "0007_field"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_item_agency_id", "item", ["agency_id", "id"]),
    ("ix_item_visibility", "item", ["visibility", "id"]),
    ("ix_share_agency_entity", "share", ["agency_id", "entity", "id"]),
    ("ix_match_agency", "match", ["agency_id"]),
    ("ix_match_visibility", "match", ["visibility"]),
    ("ix_recovery_visibility", "recovery", ["visibility"]),
    ("ix_incident_visibility", "incident", ["visibility"]),
    ("ix_transfer_agency", "transfer", ["agency_id"]),
    ("ix_transfer_visibility", "transfer", ["visibility"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table)
