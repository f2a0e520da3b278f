"""What a trace request may carry: only what its requester may see (H1), and a partner's records only with
their owner's recorded consent (H2) — through the API, the page form and the library the CLI calls."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from armstrace import tracing
from armstrace.model import Attachment, Incident, Recovery, Share
from armstrace.store import Workspace

from .test_web_access import login
from .webkit import World, build_world

A_SECRETS = ("A-PRIV", "place A-PRIV", "Incident A-PRIV", "29.5")
PHOTO = b"\x89PNG A's private photo of the markings"


@pytest.fixture
def world(workspace: Workspace) -> World:
    w = build_world(workspace)
    with workspace.session() as s:
        rec = s.get(Recovery, w.ids["recovery_A-R1"])
        assert rec is not None
        rec.visibility = "public"  # A's recovery is public, its incident (A-PRIV) private
        s.add(
            Attachment(
                agency_id=rec.agency_id,
                visibility="private",
                sha256=hashlib.sha256(PHOTO).hexdigest(),
                entity="recovery",
                entity_id=rec.id,
                file_name="a-private.png",
                media_type="image/png",
                size=len(PHOTO),
                data=PHOTO,
            )
        )
    return w


def _csrf_form(client, path: str) -> str:  # type: ignore[no-untyped-def]
    import re

    page = client.get(path)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


def test_a_trace_request_never_embeds_an_incident_its_requester_may_not_see(world: World) -> None:
    c = world.client("c_analyst")
    rec = world.ids["recovery_A-R1"]
    r = c.post("/api/v1/traces", json={"recipient_name": "nobody", "recovery_ids": [rec]})
    assert r.status_code == 201, r.text
    item = r.json()["items"][0]
    assert item["description"]["incident"] is None
    assert item["description"]["serial_read"] == "W1004340"  # the public recovery itself may travel
    for secret in A_SECRETS:
        assert secret not in r.text, secret
    got = c.get(f"/api/v1/traces/{r.json()['id']}").text
    assert not [s for s in A_SECRETS if s in got] and "a-private.png" not in got
    # nor the registry link to A's private record, nor A's private photo
    assert item["description"]["registry_matches"] == []


def test_the_page_form_embeds_no_hidden_incident_either(world: World) -> None:
    pages = world.client()
    csrf = login(pages, "c_analyst")
    r = pages.post(
        "/traces/new",
        data={"recovery_id": str(world.ids["recovery_A-R1"]), "recipient_name": "nobody", "csrf_token": csrf},
    )
    assert r.status_code == 303, r.text[:500]
    page = pages.get(r.headers["location"]).text
    for secret in A_SECRETS:
        assert secret not in page, secret
    assert "a-private.png" not in page


def test_the_library_omits_the_hidden_incident_for_the_command_line(world: World) -> None:
    from armstrace.settings import Settings

    ws = Workspace.open(Settings(database_url=world.workspace.settings.database_url, agency="C", user="cli"))
    try:
        view = tracing.create_from_recoveries(ws, [world.ids["recovery_A-R1"]], to="Some Body")
        assert view.items[0].description["incident"] is None and view.items[0].photos == []
        assert "A-PRIV" not in str(view.to_dict())
        doc = tracing.send(ws, view.reference) and tracing.export_json(ws, view.reference)
        assert "A-PRIV" not in str(doc) and "a-private" not in str(doc)
    finally:
        ws.close()


def test_custody_chains_do_not_carry_a_hidden_incident(world: World) -> None:
    from armstrace.analysis.custody import build_chains

    with world.workspace.session() as s:
        chain = build_chains(s, world.ids["agency_C"], recovery_ids=[world.ids["recovery_A-R1"]])[0]
        assert chain.recovery is not None
        assert "A-PRIV" not in chain.recovery.incident_code and chain.recovery.place is None


# --- H2: re-sharing needs the owner's consent ---------------------------------------------------------------


def _share_with_b(world: World) -> int:
    """A shares its recovery A-R1 (and its incident) with B only."""
    with world.workspace.session() as s:
        rec = s.get(Recovery, world.ids["recovery_A-R1"])
        inc = s.get(Incident, world.ids["incident_A-PRIV"])
        assert rec is not None and inc is not None
        for record in (rec, inc):
            record.visibility = "shared"
            s.add(Share(entity=record.__tablename__, entity_id=record.id, agency_id=world.ids["agency_B"]))
        return rec.id


def test_a_partner_cannot_pass_a_shared_record_on_without_the_owners_consent(world: World) -> None:
    rec = _share_with_b(world)
    b, c = world.client("b_analyst"), world.client("c_analyst")
    for body in ({"recipient": "C", "recovery_ids": [rec]}, {"recipient_name": "Some Body", "recovery_ids": [rec]}):
        r = b.post("/api/v1/traces", json=body)
        assert r.status_code == 403, r.text
        assert "consent" in r.json()["error"]["message"] and "A" in r.json()["error"]["message"]
    assert c.get(f"/api/v1/recoveries/{rec}").status_code == 404
    # Back to its owner it may go: A already has it.
    assert b.post("/api/v1/traces", json={"recipient": "A", "recovery_ids": [rec]}).status_code == 201
    # The page form refuses alike, with a message and no 500.
    pages = world.client()
    csrf = login(pages, "b_analyst")
    r = pages.post("/traces/new", data={"recovery_id": str(rec), "recipient": "C", "csrf_token": csrf})
    assert r.status_code == 422 and "consent" in r.text


def test_with_the_owners_consent_the_partner_passes_it_on_audited_on_both_sides(world: World) -> None:
    rec = _share_with_b(world)
    a, b, c = world.client("a_analyst"), world.client("b_analyst"), world.client("c_analyst")
    # Only the owner consents, and only to a partner it shared the record with.
    assert b.post("/api/v1/consents", json={"entity": "recovery", "record_id": rec, "partner": "B"}).status_code == 403
    r = a.post("/api/v1/consents", json={"entity": "recovery", "record_id": rec, "partner": "C"})
    assert r.status_code == 422, r.text
    r = a.post("/api/v1/consents", json={"entity": "recovery", "record_id": rec, "partner": "B", "recipient": "C"})
    assert r.status_code == 201, r.text
    consent = r.json()["id"]
    assert [x["id"] for x in b.get("/api/v1/consents").json()] == [consent]
    assert c.get("/api/v1/consents").json() == []
    # The consent names C: not another recipient.
    assert b.post("/api/v1/traces", json={"recipient_name": "Some Body", "recovery_ids": [rec]}).status_code == 403
    r = b.post("/api/v1/traces", json={"recipient": "C", "recovery_ids": [rec]})
    assert r.status_code == 201, r.text
    d = r.json()["items"][0]["description"]
    assert d["serial_read"] == "W1004340" and d["incident"] is None  # the incident has no consent: left out
    sent = b.post(f"/api/v1/traces/{r.json()['id']}/send")
    assert sent.status_code == 200, sent.text
    assert c.get(f"/api/v1/traces/{r.json()['id']}").json()["items"][0]["description"]["serial_read"] == "W1004340"
    a_log = world.client("a_admin").get("/api/v1/audit?limit=500").json()["items"]
    actions = {(e["action"], e["entity_id"]) for e in a_log}
    assert ("recovery.consent", str(rec)) in actions and ("recovery.passed_on", str(rec)) in actions
    passed = next(e for e in a_log if e["action"] == "recovery.passed_on")
    assert passed["detail"]["by"] == "B" and passed["detail"]["trace_request"] == r.json()["reference"]
    from armstrace import auth

    with world.workspace.session() as s:
        auth.create_user(s, "b_admin", agency_code="B", role="agency_admin", actor="setup")
        world.tokens["b_admin"] = auth.create_token(s, "b_admin", name="t", actor="setup")[1]
    b_log = world.client("b_admin").get("/api/v1/audit?limit=500").json()["items"]
    send = next(e for e in b_log if e["action"] == "trace.send")
    assert send["detail"]["passed_on"] == [f"recovery:{rec}"]
    assert ("recovery.consent", str(rec)) in {(e["action"], e["entity_id"]) for e in b_log}


def test_a_consent_withdrawn_before_sending_stops_the_request(world: World) -> None:
    rec = _share_with_b(world)
    a, b = world.client("a_analyst"), world.client("b_analyst")
    consent = a.post("/api/v1/consents", json={"entity": "recovery", "record_id": rec, "partner": "B"}).json()["id"]
    draft = b.post("/api/v1/traces", json={"recipient": "C", "recovery_ids": [rec]})
    assert draft.status_code == 201
    assert b.delete(f"/api/v1/consents/{consent}").status_code == 404  # the partner cannot withdraw it
    assert a.delete(f"/api/v1/consents/{consent}").status_code == 204
    r = b.post(f"/api/v1/traces/{draft.json()['id']}/send")
    assert r.status_code == 403 and "consent" in r.json()["error"]["message"]
    assert world.client("c_analyst").get(f"/api/v1/traces/{draft.json()['id']}").status_code == 404


def test_the_library_refuses_alike_for_the_command_line(world: World) -> None:
    from armstrace.exceptions import PermissionDeniedError
    from armstrace.settings import Settings

    rec = _share_with_b(world)
    ws = Workspace.open(Settings(database_url=world.workspace.settings.database_url, agency="B", user="cli"))
    try:
        with pytest.raises(PermissionDeniedError, match="consent"):
            tracing.create_from_recoveries(ws, [rec], to="C", due_date=dt.date(2030, 1, 1))
    finally:
        ws.close()
