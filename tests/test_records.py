"""The records layer: one set of rules and one audit vocabulary for the command line and the server."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from armstrace import audit, records
from armstrace.auth import Actor
from armstrace.cli import run
from armstrace.exceptions import InputError, NotFoundError, PermissionDeniedError
from armstrace.model import AuditEvent, Match
from armstrace.store import Workspace

from .webkit import World, build_world


@pytest.fixture
def world(sqlite_workspace: Workspace) -> World:
    return build_world(sqlite_workspace)


def _cli(world: World, *args: str) -> int:
    return run(["--db", world.workspace.settings.database_url, "--agency", "A", *args])


def _reviews(world: World, match_id: int) -> list[AuditEvent]:
    with world.workspace.session() as s:
        stmt = select(AuditEvent).where(AuditEvent.action == "match.review", AuditEvent.entity_id == str(match_id))
        events = list(s.scalars(stmt.order_by(AuditEvent.id)))
        s.expunge_all()
        return events


def test_cli_review_confirms_with_a_reason_and_is_audited_like_the_web(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    match_id = world.ids["match_A"]
    code = _cli(world, "match", "review", str(match_id), "--confirm", "--reason", "photo of the receiver", "--json")
    out = capsys.readouterr()
    assert code == 0, out.err
    row = json.loads(out.out)
    assert (row["match_id"], row["status"], row["review_note"]) == (match_id, "confirmed", "photo of the receiver")
    assert row["reviewed_by"] and row["reviewed_at"]
    # the web's review of the same match writes the same action, entity and detail, in the same agency's log
    r = world.client("a_analyst").post(f"/api/v1/matches/{match_id}/review", json={"decision": "rejected"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    cli, web = _reviews(world, match_id)
    assert (cli.entity, cli.agency_id) == (web.entity, web.agency_id) == ("match", world.ids["agency_A"])
    assert (cli.actor, web.actor) == (row["reviewed_by"], "a_analyst")
    assert cli.detail == {"before": "candidate", "decision": "confirmed", "note": "photo of the receiver"}
    assert web.detail == {"before": "confirmed", "decision": "rejected", "note": None}
    with world.workspace.session() as s:
        assert audit.verify(s).ok


def test_cli_review_of_another_agencys_match_answers_like_a_missing_one(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    hidden, missing = world.ids["match_B"], 987654321
    assert _cli(world, "match", "review", str(hidden), "--reject", "--reason", "x") == NotFoundError.exit_code
    hidden_err = capsys.readouterr().err
    assert _cli(world, "match", "review", str(missing), "--reject", "--reason", "x") == NotFoundError.exit_code
    missing_err = capsys.readouterr().err
    assert hidden_err.replace(str(hidden), "N") == missing_err.replace(str(missing), "N")
    assert "Traceback" not in hidden_err and _reviews(world, hidden) == []
    with world.workspace.session() as s:
        assert s.get(Match, hidden).status == "candidate"


@pytest.mark.parametrize("flags", [(), ("--confirm", "--reject")])
def test_cli_review_takes_exactly_one_decision(
    world: World, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...]
) -> None:
    assert _cli(world, "match", "review", str(world.ids["match_A"]), *flags) == InputError.exit_code
    err = capsys.readouterr().err
    assert "one of --confirm, --reject or --reopen" in err and "Traceback" not in err
    assert _reviews(world, world.ids["match_A"]) == []


def test_cli_match_list_shows_only_the_matches_the_agency_may_see(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(world, "match", "list", "--json") == 0
    ids = {row["match_id"] for row in json.loads(capsys.readouterr().out)}
    assert world.ids["match_A"] in ids and world.ids["match_B"] not in ids


def test_review_checks_role_and_decision_in_the_library(world: World) -> None:
    viewer = Actor(None, "a_viewer", world.ids["agency_A"], "A", "viewer")
    analyst = Actor(None, "a_analyst", world.ids["agency_A"], "A", "analyst")
    with world.workspace.session() as s:
        with pytest.raises(PermissionDeniedError):
            records.matches.review(s, viewer, world.ids["match_A"], "confirmed", "sure")
        with pytest.raises(InputError, match="use confirmed, rejected or candidate"):
            records.matches.review(s, analyst, world.ids["match_A"], "maybe", None)
        with pytest.raises(NotFoundError):
            records.matches.review(s, analyst, world.ids["match_B"], "confirmed", None)


def test_incident_from_the_cli_is_audited_with_the_webs_action_and_old_names_still_match(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(world, "incident", "add", "CLI-1", "--date", "2025-03-11", "--country", "PK") == 0
    with world.workspace.session() as s:
        audit.record(s, actor="old", action="incident.add", agency_id=world.ids["agency_A"], entity="incident",
                     entity_id=1, detail={"code": "OLD-1"})  # fmt: skip
    admin = world.client("a_admin")
    assert admin.post("/api/v1/incidents", json={"code": "WEB-1", "date": "2025-03-11", "country": "PK"}).is_success
    found = admin.get("/api/v1/audit?action=incident.create&limit=50").json()["items"]
    assert {e["detail"]["code"] for e in found} == {"CLI-1", "WEB-1", "OLD-1"}  # one act, one name (and its old one)
    assert {e["action"] for e in found} == {"incident.create", "incident.add"}
    assert [e["detail"]["code"] for e in found if e["action"] == "incident.add"] == ["OLD-1"]
