"""Trace requests: lifecycle, overdue, audit, and the round trip between two workspaces."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from armstrace import analysis, audit, tracing
from armstrace.exceptions import ConflictError, InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Attachment, AuditEvent
from armstrace.settings import Settings
from armstrace.store import Workspace
from armstrace.tracing import form as tracing_form

from .test_analysis import add_case

PHOTO = b"\x89PNG\r\n\x1a\nfake photo of the receiver"


def _add_photo(ws: Workspace, recovery_id: int) -> None:
    with ws.session() as s:
        s.add(
            Attachment(
                agency_id=ws.agency().id,
                sha256=hashlib.sha256(PHOTO).hexdigest(),
                entity="recovery",
                entity_id=recovery_id,
                file_name="r1-receiver.png",
                media_type="image/png",
                size=len(PHOTO),
                data=PHOTO,
                caption="left side of the receiver",
            )
        )


def _as(ws: Workspace, agency: str) -> Workspace:
    """The same database, acting for another agency."""
    return Workspace(replace(ws.settings, agency=agency, user=f"{agency.lower()}-officer"), ws.engine)


@pytest.fixture
def tracing_desk(tmp_path: Path):
    """The recipient's own workspace (the US tracing desk), on SQLite."""
    ws = Workspace.create(
        Settings(database_url=f"sqlite:///{tmp_path / 'desk.db'}", agency="US-NTC", user="desk"),
        agency_name="US National Tracing Center",
    )
    try:
        yield ws
    finally:
        ws.close()


def test_create_fills_the_trace_form_from_recovery_and_match(workspace: Workspace) -> None:
    add_case(workspace)
    req = tracing.create_from_recoveries(
        workspace,
        ["JAFFAR-2025/R-1", "R-3"],
        to="US National Tracing Center",
        priority="urgent",
        priority_reason="ongoing terrorism investigation",
        intended_use="prosecution of the attackers",
    )
    assert req.status == "draft" and req.reference.startswith(f"TEST-{dt.date.today().year}-")
    assert req.recipient is None and req.recipient_name == "US National Tracing Center"
    assert req.recipient_country is None  # an outside body: its country is not guessed
    first = req.items[0].description
    assert first["key"] == "JAFFAR-2025/R-1"
    assert first["serial_read"] == "W1004340" and first["obliterated"] is False
    assert first["markings"] == ["COLT", "M4A1 CARBINE", "CAL 5.56MM", "W1004340"]
    assert (first["manufacturer"], first["model"], first["weapon_type"]) == ("Colt", "M4A1", "carbine")
    assert first["country_of_manufacture"] == "US" and first["country_of_last_import"] == "AF"
    assert first["incident"]["place"] == "Mashkaf" and first["how_found"].startswith("attack")
    assert first["registry_matches"][0]["record_id"] == "REC-4340"
    assert req.items[1].description["model"] == "M4A1"  # from the registry record the exact serial names
    assert req.fields["illicit_reason"] and req.fields["intended_use"] == "prosecution of the attackers"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"priority": "urgent"}, "must say why"),
        ({"priority": "whenever"}, "not one of"),
        ({"to": " "}, "recipient"),
        ({"to": "TEST"}, "another agency"),
    ],
)
def test_create_rejects_bad_input(workspace: Workspace, kwargs: dict, message: str) -> None:
    add_case(workspace)
    args = {"to": "US-NTC", **kwargs}
    with pytest.raises(InputError, match=message):
        tracing.create_from_recoveries(workspace, ["R-1"], **args)
    with pytest.raises(NotFoundError):
        tracing.create_from_recoveries(workspace, ["NOPE"], to="US-NTC")


def test_lifecycle_transitions_conflicts_and_audit(workspace: Workspace) -> None:
    add_case(workspace)
    ref = tracing.create_from_recoveries(workspace, ["R-1"], to="Colt's Manufacturing").reference
    with pytest.raises(ConflictError, match="draft"):
        tracing.answer(workspace, ref, text="no record")
    with pytest.raises(ConflictError):
        tracing.acknowledge(workspace, ref)
    sent = tracing.send(workspace, ref, today=dt.date(2025, 4, 1))
    assert sent.status == "sent" and sent.due_date == dt.date(2025, 5, 1)  # routine: 30 days
    with pytest.raises(ConflictError):
        tracing.send(workspace, ref)
    tracing.acknowledge(workspace, ref)  # an outside recipient: the requester records its acts
    tracing.add_message(workspace, ref, "Colt asks for a photo of the left side")
    answered = tracing.answer(
        workspace,
        ref,
        custody_chain=[
            {"holder": "Colt's Manufacturing", "country": "US", "date": "2017-11-20"},
            {"holder": "US Army TACOM", "country": "US", "date": "2017-12-01", "document_ref": "W56HZV-17-C"},
        ],
    )
    assert answered.answer is not None
    last = answered.answer["items"][0]["last_legal_custodian"]
    assert last == {
        "holder": "US Army TACOM",
        "country": "US",
        "date": "2017-12-01",
        "document_ref": "W56HZV-17-C",
        "legal": True,
        "note": None,
    }
    closed = tracing.close(workspace, ref, note="answer received, chain complete")
    assert closed.status == "closed" and closed.closed_at is not None
    for action in (tracing.send, tracing.acknowledge, tracing.close):
        with pytest.raises(ConflictError):
            action(workspace, ref)
    with pytest.raises(ConflictError):
        tracing.add_message(workspace, ref, "too late")
    with workspace.session() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == ref)))
        assert actions == [
            "trace.create",
            "trace.send",
            "trace.acknowledge",
            "trace.message",
            "trace.answer",
            "trace.close",
        ]
        assert audit.verify(s).ok
    assert [m.body for m in closed.messages] == [
        "Colt asks for a photo of the left side",
        "answer received, chain complete",
    ]


def test_overdue_and_boxes_and_permissions(workspace: Workspace) -> None:
    add_case(workspace)
    workspace.ensure_agency("US-NTC", "US National Tracing Center", "US")
    ref = tracing.create_from_recoveries(
        workspace, ["R-2"], to="US-NTC", priority="high", priority_reason="suspected cross-border supply line"
    ).reference
    desk = _as(workspace, "US-NTC")
    assert tracing.list_requests(desk, box="inbox") == []  # a draft is not shown to the recipient
    tracing.send(workspace, ref, today=dt.date(2025, 4, 1))
    assert tracing.get(workspace, ref).due_date == dt.date(2025, 4, 15)
    assert [r.reference for r in tracing.overdue(workspace, dt.date(2025, 4, 16))] == [ref]
    assert tracing.overdue(workspace, dt.date(2025, 4, 15)) == []
    assert [r.box for r in tracing.list_requests(desk, box="inbox")] == ["inbox"]
    assert [r.box for r in tracing.list_requests(workspace, box="outbox")] == ["outbox"]
    with pytest.raises(PermissionDeniedError):
        tracing.acknowledge(workspace, ref)  # only the recipient acknowledges
    with pytest.raises(PermissionDeniedError):
        tracing.close(desk, ref)  # only the requester closes
    tracing.acknowledge(desk, ref)
    tracing.answer(
        desk,
        ref,
        last_legal_custodian={"holder": "ANA 205th Corps", "country": "AF", "date": "2018-01-09"},
        text="issued under FMS case AF-B-ZAB",
    )
    assert tracing.overdue(workspace, dt.date(2026, 1, 1)) == []
    outsider = _as(workspace, workspace.ensure_agency("OTHER", "Other").code)
    with pytest.raises(NotFoundError):
        tracing.get(outsider, ref)


def test_round_trip_between_two_workspaces(workspace: Workspace, tracing_desk: Workspace, tmp_path: Path) -> None:
    case = add_case(workspace)
    _add_photo(workspace, case["recoveries"]["R-1"])
    ref = tracing.create_from_recoveries(
        workspace,
        ["R-1", "R-2"],
        to="US National Tracing Center",
        priority="urgent",
        priority_reason="terrorist attack",
        recipient_country="US",
    ).reference
    with pytest.raises(ConflictError, match="draft"):
        tracing.import_json(tracing_desk, tracing.export_json(workspace, ref))
    tracing.send(workspace, ref)
    tracing.add_message(workspace, ref, "photos of both items attached")
    sent_file = tmp_path / "request.json"
    outgoing = tracing.export_json(workspace, ref)
    sent_file.write_text(json.dumps(outgoing), encoding="utf-8")

    received, outcome = tracing.import_json(tracing_desk, sent_file)
    assert outcome == "created" and received.box == "inbox" and received.status == "sent"
    assert received.requester == "TEST" and received.items[0].photos[0]["file_name"] == "r1-receiver.png"
    again = tracing.export_json(tracing_desk, ref)
    for key in (
        "reference",
        "status",
        "priority",
        "priority_reason",
        "requester",
        "fields",
        "items",
        "messages",
        "answer",
        "due_date",
        "created_by",
        "created_at",
        "sent_at",
        "synthetic",
    ):
        assert again[key] == outgoing[key], key  # nothing lost on the way in
    tracing.acknowledge(tracing_desk, ref)
    tracing.add_message(tracing_desk, ref, "record found for R-1, none for R-2")
    tracing.answer(
        tracing_desk,
        ref,
        items=[
            tracing.ItemAnswer(
                "JAFFAR-2025/R-1",
                [
                    tracing.CustodyEntry("Colt's Manufacturing", "US", dt.date(2017, 11, 20)),
                    tracing.CustodyEntry(
                        "Afghan National Army, 201st Corps", "AF", dt.date(2018, 1, 20), "DD1149-0001"
                    ),
                ],
                tracing.CustodyEntry("Afghan National Army, 201st Corps", "AF", dt.date(2018, 1, 20), "DD1149-0001"),
            ),
            tracing.ItemAnswer("JAFFAR-2025/R-2", found=False, note="no record of this serial"),
        ],
    )
    answer_doc = tracing.export_json(tracing_desk, ref)

    back, outcome = tracing.import_json(workspace, json.dumps(answer_doc))
    assert outcome == "updated" and back.status == "answered" and back.box == "outbox"
    assert back.answer == answer_doc["answer"]
    assert [m.body for m in back.messages] == ["photos of both items attached", "record found for R-1, none for R-2"]
    assert tracing.import_json(workspace, answer_doc)[1] == "unchanged"  # importing twice changes nothing
    mine = tracing.export_json(workspace, ref)
    for key in ("status", "answer", "messages", "acknowledged_at", "answered_at", "items", "fields"):
        assert mine[key] == answer_doc[key], key
    # the state's answer now outranks the transfer rows in the chain of custody
    chain = analysis.custody_chain(workspace, "JAFFAR-2025/R-1")
    assert chain.last_legal_basis == "trace_answer" and chain.trace_references == [ref]
    assert chain.last_legal is not None and chain.last_legal.holder == "Afghan National Army, 201st Corps"
    assert (
        chain.time_to_recovery is not None
        and chain.time_to_recovery.days == (dt.date(2025, 3, 11) - dt.date(2018, 1, 20)).days
    )
    tracing.close(workspace, ref)
    closed_doc = tracing.export_json(workspace, ref)
    assert tracing.import_json(tracing_desk, closed_doc)[0].status == "closed"
    with tracing_desk.session() as s:
        assert audit.verify(s).ok
        assert s.scalar(select(Attachment.data).where(Attachment.entity == "trace_request_item")) == PHOTO


def test_files_either_party_attaches_travel_both_ways(
    workspace: Workspace, tracing_desk: Workspace, tmp_path: Path
) -> None:
    """The reviewer's round trip: A sends with photos, B attaches its shipping record and answers, A imports;
    every field, message, date, file and custody entry is the same on both sides."""
    case = add_case(workspace)
    _add_photo(workspace, case["recoveries"]["R-1"])
    ref = tracing.create_from_recoveries(workspace, ["R-1", "R-2"], to="US National Tracing Center").reference
    markings = tmp_path / "r2-markings.jpg"
    markings.write_bytes(b"\xff\xd8\xff fake jpeg of the R-2 markings")
    with pytest.raises(InputError, match="name one with --item"):
        tracing.attach(workspace, ref, markings)
    with pytest.raises(InputError, match="cannot read"):
        tracing.attach(workspace, ref, tmp_path / "missing.jpg", item="JAFFAR-2025/R-2")
    tracing.attach(workspace, ref, markings, item="JAFFAR-2025/R-2", caption="R-2 markings, right side")
    tracing.attach(workspace, ref, markings, item="JAFFAR-2025/R-2")  # the same file twice is kept once
    tracing.send(workspace, ref)
    tracing.add_message(workspace, ref, "two items, photos attached")
    tracing.import_json(tracing_desk, tracing.export_json(workspace, ref))
    tracing.acknowledge(tracing_desk, ref)
    record = tmp_path / "dd1149-p3.pdf"
    record.write_bytes(b"%PDF-1.4 scanned shipping record")
    tracing.attach(tracing_desk, ref, record, item="JAFFAR-2025/R-1", caption="DD 1149, page 3")
    tracing.add_message(tracing_desk, ref, "shipping record attached")
    chain: list[dict[str, Any]] = [
        {"holder": "Colt", "country": "US", "date": "2017-11-20", "document_ref": "W56HZV-17-C-0001"},
        {"holder": "ANA 201st Corps", "country": "AF", "date": "2018-01-20", "document_ref": "DD1149-0001",
         "note": "receipt signed by the corps armourer"},
        {"holder": "Taliban forces", "country": "AF", "date": "2021-08-15", "legal": False, "note": "overrun"},
    ]  # fmt: skip
    tracing.answer(tracing_desk, ref, custody_chain=chain, text="See the attached DD 1149.")
    theirs = tracing.export_json(tracing_desk, ref)

    back, outcome = tracing.import_json(workspace, theirs)
    assert outcome == "updated" and back.status == "answered"
    mine = tracing.export_json(workspace, ref)
    assert mine["recipient"]["name"] == theirs["recipient"]["name"] == "US National Tracing Center"
    for key in set(mine) | set(theirs):
        if key != "recipient":  # A names an outside body; B is that body, an agency in its own workspace
            assert mine[key] == theirs[key], key
    files = [[(p["file_name"], p["media_type"], p["caption"]) for p in i["photos"]] for i in mine["items"]]
    assert files == [
        [("r1-receiver.png", "image/png", "left side of the receiver"),
         ("dd1149-p3.pdf", "application/pdf", "DD 1149, page 3")],
        [("r2-markings.jpg", "image/jpeg", "R-2 markings, right side")],
    ]  # fmt: skip
    entry = mine["answer"]["items"][0]
    assert entry["custody_chain"][1]["note"] == "receipt signed by the corps armourer"
    assert entry["last_legal_custodian"]["holder"] == "ANA 201st Corps"
    assert [m["body"] for m in mine["messages"]] == ["two items, photos attached", "shipping record attached"]
    assert tracing.import_json(workspace, theirs)[1] == "unchanged"
    html = tracing_form.render_html(workspace, ref)
    for text in ("dd1149-p3.pdf", hashlib.sha256(b"%PDF-1.4 scanned shipping record").hexdigest()[:16],
                 "receipt signed by the corps armourer", "DD1149-0001", "Acknowledged"):  # fmt: skip
        assert text in html, text
    tracing.close(workspace, ref)
    with pytest.raises(ConflictError):
        tracing.attach(workspace, ref, markings, item="JAFFAR-2025/R-2")
    with workspace.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("trace.attach") == 2 and "trace.import" in actions


def test_form_is_marked_synthetic_on_every_page(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    import shutil
    import subprocess

    from .conftest import require

    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    case = add_case(sqlite_workspace)
    with sqlite_workspace.session() as s:  # the case's recoveries become synthetic: so is the request
        from armstrace.model import Recovery

        for r in s.scalars(select(Recovery).where(Recovery.id.in_(list(case["recoveries"].values())))):
            r.synthetic = True
    ref = tracing.create_from_recoveries(sqlite_workspace, ["R-1", "R-2", "R-3"], to="US NTC").reference
    pdf = tracing_form.render_pdf(sqlite_workspace, ref, tmp_path / "form.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    assert all("SYNTHETIC DATA" in p for p in pages)


def test_import_rejects_what_is_not_a_trace_request(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        tracing.import_json(sqlite_workspace, bad)
    with pytest.raises(InputError, match="format"):
        tracing.import_json(sqlite_workspace, {"format": "something else"})
    doc = {"format": tracing.FORMAT, "version": 99, "reference": "X"}
    with pytest.raises(InputError, match="newer"):
        tracing.import_json(sqlite_workspace, doc)
    doc = {
        "format": tracing.FORMAT,
        "version": 1,
        "reference": "X",
        "status": "sent",
        "requester": {"code": "A"},
        "items": [{"description": {}, "photos": [{"data_base64": "!!"}]}],
    }
    with pytest.raises(InputError, match="base64"):
        tracing.import_json(sqlite_workspace, doc)
    photo = base64.b64encode(b"x").decode()
    doc["items"] = [{"description": {}, "photos": [{"data_base64": photo, "sha256": "0" * 64}]}]
    with pytest.raises(InputError, match="sha256"):
        tracing.import_json(sqlite_workspace, doc)
    with pytest.raises(InputError, match="cannot read"):
        tracing.import_json(sqlite_workspace, tmp_path / "missing.json")


def test_printable_form_carries_the_request(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    case = add_case(sqlite_workspace)
    _add_photo(sqlite_workspace, case["recoveries"]["R-1"])
    ref = tracing.create_from_recoveries(sqlite_workspace, ["R-1", "R-4"], to="<Desk & Co>", notes="see <b>").reference
    html = tracing_form.render_html(sqlite_workspace, ref)
    assert ref in html and "W1004340" in html and "OBLITERATED" in html and "W10?43*" in html
    assert "&lt;Desk &amp; Co&gt;" in html and "see &lt;b&gt;" in html  # user text is escaped
    assert "data:image/png;base64," in html
    pdf = tracing_form.render_pdf(sqlite_workspace, ref, tmp_path / "form.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    with pytest.raises(InputError, match="no such directory"):
        tracing_form.render_pdf(sqlite_workspace, ref, tmp_path / "missing" / "form.pdf")


def test_cli_round_trip(sqlite_workspace: Workspace, tracing_desk: Workspace, tmp_path: Path, capsys) -> None:
    from armstrace.cli import run

    add_case(sqlite_workspace)
    a = ["--db", sqlite_workspace.settings.database_url, "--agency", "TEST"]
    b = ["--db", tracing_desk.settings.database_url, "--agency", "US-NTC"]
    assert (
        run(
            [
                *a,
                "trace",
                "create",
                "-r",
                "R-1",
                "--to",
                "US NTC",
                "--priority",
                "urgent",
                "--reason",
                "attack",
                "--json",
            ]
        )
        == 0
    )
    ref = json.loads(capsys.readouterr().out)["reference"]
    assert run([*a, "trace", "create", "-r", "R-1", "--to", "US NTC", "--priority", "urgent"]) == 2
    assert "must say why" in capsys.readouterr().err
    assert run([*a, "trace", "send", ref]) == 0
    assert run([*a, "trace", "message", ref, "please hurry"]) == 0
    assert run([*a, "trace", "export", ref, "--out", str(tmp_path / "req.json")]) == 0
    capsys.readouterr()
    assert run([*b, "trace", "import", str(tmp_path / "req.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "created"
    assert run([*b, "trace", "ack", ref]) == 0
    assert run([*b, "trace", "ack", ref]) == 5  # ConflictError: already acknowledged
    assert (
        run(
            [
                *b,
                "trace",
                "answer",
                ref,
                "--chain",
                "Colt;US;2017-11-20",
                "--chain",
                "ANA 201st Corps;AF;2018-01-20;DD1149-9",
            ]
        )
        == 0
    )
    assert run([*b, "trace", "export", ref, "--out", str(tmp_path / "ans.json")]) == 0
    assert run([*a, "trace", "import", str(tmp_path / "ans.json")]) == 0
    capsys.readouterr()
    assert run([*a, "trace", "show", ref, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "answered" and [m["body"] for m in shown["messages"]] == ["please hurry"]
    assert shown["answer"]["items"][0]["last_legal_custodian"]["holder"] == "ANA 201st Corps"
    capsys.readouterr()
    assert run([*a, "trace", "list", "--outbox", "--json"]) == 0
    assert [r["reference"] for r in json.loads(capsys.readouterr().out)] == [ref]
    assert run([*a, "custody", "JAFFAR-2025/R-1", "--json"]) == 0
    chain = json.loads(capsys.readouterr().out)
    assert chain["last_legal"]["holder"] == "ANA 201st Corps" and chain["last_legal_basis"] == "trace_answer"
    assert run([*a, "custody", "JAFFAR-2025/R-1"]) == 0
    assert "last legal custodian" in capsys.readouterr().out
    assert run([*a, "analyse", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["recoveries"] == 6
    assert run([*a, "analyse"]) == 0
    assert "consignments" in capsys.readouterr().out
    assert run([*a, "trace", "form", ref, "--out", str(tmp_path / "form.pdf")]) == 0
    assert (tmp_path / "form.pdf").read_bytes()[:4] == b"%PDF"
    assert run([*a, "trace", "close", ref]) == 0
    assert run([*a, "trace", "show", "NOPE"]) == 3


@given(
    role=st.sampled_from(["viewer", "analyst", "agency_admin", "server_admin"]),
    party=st.sampled_from(["requester", "recipient", "outsider"]),
    outside_recipient=st.booleans(),
    status=st.sampled_from(tracing.STATUSES),
)
def test_who_may_act_invariants(role: str, party: str, outside_recipient: bool, status: str) -> None:
    """The one permission rule the CLI, the API and the pages share (``lifecycle.allowed``)."""
    from armstrace.auth import Actor
    from armstrace.model import TraceRequest

    req = TraceRequest(
        agency_id=1, recipient_agency_id=None if outside_recipient else 2, status=status, reference="X-1"
    )
    agency = {"requester": 1, "recipient": 2, "outsider": 3}[party]
    actor = Actor(None, "u", agency, "C", role)
    may = tracing.lifecycle.allowed(actor, req)
    if role == "viewer" or status == "closed":
        assert may == set()
    if role != "server_admin":
        if party == "outsider" or (party == "recipient" and outside_recipient):
            assert may == set()
        if party == "recipient":
            assert not may & {"send", "close"}
        if party == "requester" and not outside_recipient:
            assert not may & {"acknowledge", "answer"}
    for action in may:  # allowed() and the functions agree: the status is one the action starts from
        assert status in tracing.lifecycle._FROM[action]
