"""the unique index of item and transfer keyed (row_hash, source_id) instead of (source_id, row_hash)

Revision ID: 0012_hash_first
Revises: 0011_collate_c
Create Date: 2026-12-06 19:40:00.000000

A bulk import builds this index again after the copy (issue 18, item 3). Every row of an import has the
same ``source_id``, so with it first each comparison of the build's sort fell through to the second key:
SQLite's sorter then takes its general record comparison, PostgreSQL its per-column path. With the random
content hash first, almost every comparison ends on the first key (SQLite, 500,000 rows: 0.55 → 0.33 CPU s).
The rule is the same: a content hash is unique within its source. Reading the hashes a source has (before a
re-import) now goes through ``(source_id, record_id)`` and the rows. Rows stay; only the index is rebuilt.
"""

from __future__ import annotations

from alembic import op

revision = "0012_hash_first"
down_revision = "0011_collate_c"
branch_labels = None
depends_on = None

TABLES = ("item", "transfer")


def _key(columns: list[str]) -> None:
    for table in TABLES:
        op.drop_index(f"uq_{table}_source_row_hash", table)
        op.create_index(f"uq_{table}_source_row_hash", table, columns, unique=True)


def upgrade() -> None:
    _key(["row_hash", "source_id"])


def downgrade() -> None:
    _key(["source_id", "row_hash"])
