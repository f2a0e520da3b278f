"""the (source_id, row_hash) uniqueness of item and transfer as a named unique index

Revision ID: 0010_import_unique
Revises: 0009_sync
Create Date: 2026-12-06 14:00:00.000000

A bulk import builds a table's indexes once from sorted keys instead of inserting each row's key at its
place (issue 18, item 3). SQLite cannot drop the unnamed UNIQUE constraint of a table (its index is an
``sqlite_autoindex``), so each row's random content hash cost a random B-tree insert. A named unique index
enforces the same rule and can be dropped and built again in the import's transaction; building it again
checks that no row came twice. SQLite changes a table's constraints only by copying it (foreign keys are off
while migrations run, see ``store.migration``); PostgreSQL swaps the constraint for the index.
"""

from __future__ import annotations

import re

from alembic import op

revision = "0010_import_unique"
down_revision = "0009_sync"
branch_labels = None
depends_on = None

TABLES = ("item", "transfer")
_CLAUSE = re.compile(r",\s*UNIQUE \(source_id, row_hash\)")


def _rebuild_sqlite(table: str, unique_clause: bool) -> None:
    """Copy ``table`` into a new one whose CREATE statement has (or lacks) the UNIQUE clause."""
    bind = op.get_bind()
    sql = str(
        bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar()
    )
    indexes = [
        row[0]
        for row in bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        )
    ]
    if unique_clause:
        created = re.sub(r"\)\s*$", ",\n\tUNIQUE (source_id, row_hash)\n)", sql.rstrip(), count=1)
        indexes = [s for s in indexes if f"uq_{table}_source_row_hash" not in s]
    else:
        created, found = _CLAUSE.subn("", sql)
        if found != 1:
            raise RuntimeError(f"{table}: expected one UNIQUE (source_id, row_hash) clause in {sql!r}")
    new = f"_new_{table}"
    bind.exec_driver_sql(re.sub(rf"^CREATE TABLE \"?{table}\"?", f"CREATE TABLE {new}", created, count=1))
    bind.exec_driver_sql(f"INSERT INTO {new} SELECT * FROM {table}")
    bind.exec_driver_sql(f"DROP TABLE {table}")
    bind.exec_driver_sql(f"ALTER TABLE {new} RENAME TO {table}")
    for statement in indexes:
        bind.exec_driver_sql(statement)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if sqlite:
            _rebuild_sqlite(table, unique_clause=False)
        else:
            op.drop_constraint(f"{table}_source_id_row_hash_key", table, type_="unique")
        op.create_index(f"uq_{table}_source_row_hash", table, ["source_id", "row_hash"], unique=True)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        op.drop_index(f"uq_{table}_source_row_hash", table)
        if sqlite:
            _rebuild_sqlite(table, unique_clause=True)
        else:
            op.create_unique_constraint(f"{table}_source_id_row_hash_key", table, ["source_id", "row_hash"])
