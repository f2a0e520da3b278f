"""the session signing key leaves the database; TRUNCATE refused on the audit log (PostgreSQL)

The key was kept in ``server_setting`` (row ``session_secret_key``), where any reader of the database
could sign a server-admin session. It is deleted, not moved: a key that sat in a readable database
must be taken as known. The workspace's key folder gets a new key (``store.keys``); people log in
again once. On PostgreSQL, TRUNCATE skips row triggers, so a statement trigger refuses it too.

Revision ID: 0004_secrets
Revises: 0003
Create Date: 2026-12-06 11:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0004_secrets"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("PRAGMA secure_delete = ON")  # overwrite the deleted key's bytes in the file
    op.execute("DELETE FROM server_setting WHERE name = 'session_secret_key'")
    if dialect == "postgresql":
        op.execute(
            """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
               FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"""
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_event_no_truncate ON audit_event")
