from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from armstrace import audit
from armstrace.exceptions import WorkspaceError
from armstrace.model import Agency, AuditEvent, Incident, Share
from armstrace.settings import Settings
from armstrace.store import Workspace, visible


def test_create_is_idempotent_and_open_finds_it(workspace: Workspace) -> None:
    again = Workspace.create(workspace.settings)
    assert again.agency().code == "TEST"
    again.close()
    opened = Workspace.open(workspace.settings)
    with opened.session() as s:
        assert s.scalar(select(Agency.code)) == "TEST"
    opened.close()


def test_open_missing_workspace_says_what_to_do(tmp_path) -> None:
    with pytest.raises(WorkspaceError, match="armstrace init"):
        Workspace.open(Settings(database_url=f"sqlite:///{tmp_path / 'none.db'}"))


def test_visibility_private_shared_public(workspace: Workspace) -> None:
    a = workspace.agency()
    b = workspace.ensure_agency("B", "Agency B")
    c = workspace.ensure_agency("C", "Agency C")
    with workspace.session() as s:
        rows = [
            Incident(agency_id=a.id, code="private", visibility="private"),
            Incident(agency_id=a.id, code="shared-b", visibility="shared"),
            Incident(agency_id=a.id, code="public", visibility="public"),
        ]
        s.add_all(rows)
        s.flush()
        s.add(Share(entity="incident", entity_id=rows[1].id, agency_id=b.id))
    with workspace.session() as s:

        def codes(agency_id):
            return sorted(s.scalars(select(Incident.code).where(visible(Incident, agency_id))))

        assert codes(a.id) == ["private", "public", "shared-b"]
        assert codes(b.id) == ["public", "shared-b"]
        assert codes(c.id) == ["public"]


def test_audit_chain_detects_edits_and_deletions(workspace: Workspace) -> None:
    with workspace.session() as s:
        for i in range(5):
            audit.record(s, actor="tester", action="test.write", entity="incident", entity_id=i, detail={"i": i})
    with workspace.session() as s:
        report = audit.verify(s)
    assert report.ok and report.events == 5
    anchor = report.head

    # The table refuses updates; an attacker with the database file drops the guard first.
    with pytest.raises(DBAPIError), workspace.session() as s:
        s.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE id = 2"))
    drop = (
        ["DROP TRIGGER audit_event_no_update", "DROP TRIGGER audit_event_no_delete"]
        if workspace.dialect == "sqlite"
        else ["DROP TRIGGER audit_event_append_only ON audit_event"]
    )
    with workspace.session() as s:
        for statement in drop:
            s.execute(text(statement))
        s.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE id = 2"))
        s.execute(text("DELETE FROM audit_event WHERE id = 4"))
    with workspace.session() as s:
        report = audit.verify(s, anchor=anchor)
    joined = " | ".join(report.problems)
    assert not report.ok
    assert "event 2" in joined and "edited" in joined
    assert "missing" in joined
    with workspace.session() as s:
        s.execute(text("DELETE FROM audit_event WHERE id = 5"))
        assert s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc())) == 3
    with workspace.session() as s:
        assert any("anchor" in p for p in audit.verify(s, anchor=anchor).problems)
