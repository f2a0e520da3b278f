"""serials and record ids compared byte by byte on PostgreSQL (COLLATE "C"), as SQLite compares them

Revision ID: 0011_collate_c
Revises: 0010_import_unique
Create Date: 2026-12-06 17:00:00.000000

A bulk import builds the indexes on ``serial_norm`` and ``(source_id, record_id)`` again (issue 18, item 3).
Under the database's collation (a libc one such as ``en_US.UTF-8``) PostgreSQL sorts those keys with
``strcoll`` and no abbreviated keys: they were the slowest indexes to build. Under ``"C"`` it compares bytes,
several times faster, and a ``LIKE 'prefix%'`` can use the index. Equality is unchanged (both collations are
deterministic), no list is ordered by these columns, and ``serial_end`` joins them so that a range test
(``serial_norm <= x <= serial_end``) compares both bounds alike, in the byte order SQLite uses. SQLite already
compares text by bytes: nothing changes there. PostgreSQL rebuilds the columns' indexes; the rows stay.
"""

from __future__ import annotations

from alembic import op

revision = "0011_collate_c"
down_revision = "0010_import_unique"
branch_labels = None
depends_on = None

COLUMNS = {"item": ("serial_norm", "serial_end", "record_id"), "transfer": ("serial_norm", "serial_end", "record_id")}


def _collate(collation: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, columns in COLUMNS.items():
        for column in columns:
            kind = bind.exec_driver_sql(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = %(table)s::regclass AND attname = %(column)s",
                {"table": table, "column": column},
            ).scalar_one()
            bind.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {kind} COLLATE {collation}")


def upgrade() -> None:
    _collate('"C"')


def downgrade() -> None:
    _collate('"default"')
