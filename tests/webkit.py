"""A small two-agency world for the server tests: users, tokens and records of every visibility."""

from __future__ import annotations

import datetime as dt
import secrets
import warnings
from dataclasses import dataclass, field

from armstrace import auth
from armstrace.model import Incident, Item, Match, Recovery, Share, Source, TraceRequest, TraceRequestItem, Transfer
from armstrace.serials import normalise
from armstrace.settings import Settings
from armstrace.store import Workspace
from armstrace.web import create_app

with warnings.catch_warnings():  # Starlette asks for httpx2 instead of httpx; both work for these tests
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PASSWORD = "correct horse battery staple"
_HASH: list[str] = []


def password_hash() -> str:
    """One Argon2 hash of PASSWORD per test session: hashing is slow on purpose."""
    if not _HASH:
        _HASH.append(auth.hash_password(PASSWORD))
    return _HASH[0]


@dataclass
class World:
    workspace: Workspace
    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def client(self, user: str | None = None) -> TestClient:
        settings = Settings(
            database_url=self.workspace.settings.database_url, agency="A", user="server", secret_key="test-secret"
        )
        app = create_app(settings, workspace=self.workspace)
        headers = {"authorization": f"Bearer {self.tokens[user]}"} if user else {}
        return TestClient(app, headers=headers, follow_redirects=False)


def _hash() -> int:
    return secrets.randbits(62)


def build_world(ws: Workspace) -> World:
    """Agencies A and B (and C), users of each role, and records private, shared and public."""
    world = World(ws)
    with ws.session() as s:
        for code, name, country in (("A", "Agency A", "PK"), ("B", "Agency B", "US"), ("C", "Agency C", "AF")):
            world.ids[f"agency_{code}"] = auth.create_agency(s, code, name, country=country, actor="setup").id
        for username, agency, role in (
            ("a_viewer", "A", "viewer"),
            ("a_analyst", "A", "analyst"),
            ("a_admin", "A", "agency_admin"),
            ("b_analyst", "B", "analyst"),
            ("c_analyst", "C", "analyst"),
            ("root", "C", "server_admin"),
        ):
            auth.create_user(s, username, agency_code=agency, role=role, actor="setup").password_hash = password_hash()
            world.tokens[username] = auth.create_token(s, username, name="tests", actor="setup")[1]
        a, b = world.ids["agency_A"], world.ids["agency_B"]

        def incident(agency: int, code: str, visibility: str, lat: float = 29.5) -> Incident:
            inc = Incident(
                agency_id=agency,
                visibility=visibility,
                code=code,
                date=dt.date(2025, 3, 11),
                country="PK",
                place=f"place {code}",
                latitude=lat,
                longitude=67.8,
                kind="attack",
                title=f"Incident {code}",
            )
            s.add(inc)
            s.flush()
            world.ids[f"incident_{code}"] = inc.id
            return inc

        def recovery(inc: Incident, code: str, serial: str, visibility: str) -> Recovery:
            rec = Recovery(
                agency_id=inc.agency_id,
                visibility=visibility,
                incident_id=inc.id,
                recovery_code=code,
                serial_read=serial,
                manufacturer="Colt",
                model="M4A1",
                row_hash=_hash(),
            )
            s.add(rec)
            s.flush()
            world.ids[f"recovery_{code}"] = rec.id
            return rec

        a_private = incident(a, "A-PRIV", "private")
        a_shared = incident(a, "A-SHARED", "shared")
        s.add(Share(entity="incident", entity_id=a_shared.id, agency_id=b))
        incident(a, "A-PUB", "public")
        b_private = incident(b, "B-PRIV", "private", lat=31.0)
        ra = recovery(a_private, "A-R1", "W1004340", "private")
        recovery(b_private, "B-R1", "W1004341", "private")
        rb_trace = recovery(b_private, "B-R2", "W1004342", "private")

        for agency, code in ((a, "A"), (b, "B")):
            src = Source(agency_id=agency, visibility="private", name=f"registry {code}", kind="registry")
            s.add(src)
            s.flush()
            world.ids[f"source_{code}"] = src.id
        a_items = []
        for i, serial in enumerate(("W1004340", "W1004343", "W1004350")):
            it = Item(
                agency_id=a,
                visibility="private",
                source_id=world.ids["source_A"],
                record_id=f"A-{i}",
                serial=serial,
                serial_norm=normalise(serial),
                manufacturer="Colt",
                model="M4A1",
                row_hash=_hash(),
            )
            s.add(it)
            a_items.append(it)
        b_item = Item(
            agency_id=b,
            visibility="private",
            source_id=world.ids["source_B"],
            record_id="B-0",
            serial="W1004341",
            serial_norm="W1004341",
            manufacturer="Colt",
            model="M4A1",
            row_hash=_hash(),
        )
        s.add(b_item)
        s.flush()
        world.ids["item_A"], world.ids["item_B"] = a_items[0].id, b_item.id
        s.add(
            Transfer(
                agency_id=a,
                visibility="private",
                source_id=world.ids["source_A"],
                transfer_id="T1",
                record_id="A-0",
                serial="W1004340",
                serial_norm="W1004340",
                from_holder="Colt",
                to_holder="US Army",
                date=dt.date(2018, 1, 9),
                row_hash=_hash(),
            )
        )
        b_transfer = Transfer(
            agency_id=b,
            visibility="private",
            source_id=world.ids["source_B"],
            transfer_id="TB",
            record_id="B-0",
            serial="W1004341",
            serial_norm="W1004341",
            from_holder="Secret depot",
            to_holder="Unit 9",
            date=dt.date(2019, 1, 9),
            row_hash=_hash(),
        )
        s.add(b_transfer)
        s.flush()
        world.ids["transfer_B"] = b_transfer.id
        ma = Match(
            agency_id=a,
            visibility="private",
            recovery_id=ra.id,
            item_id=a_items[0].id,
            matched_serial="W1004340",
            probability=0.9,
        )
        mb = Match(
            agency_id=b,
            visibility="private",
            recovery_id=rb_trace.id,
            item_id=b_item.id,
            matched_serial="W1004341",
            probability=0.8,
        )
        s.add_all([ma, mb])
        s.flush()
        world.ids["match_A"], world.ids["match_B"] = ma.id, mb.id
        # B's private trace request to C (A may not see it); A's sent trace request to B.
        tb = TraceRequest(
            agency_id=b,
            visibility="private",
            reference="B-2025-0001",
            recipient_agency_id=world.ids["agency_C"],
            status="sent",
            created_by="b_analyst",
            sent_at=dt.datetime(2025, 3, 12),
        )
        tb.items = [TraceRequestItem(recovery_id=rb_trace.id, description={"serial_read": "W1004342"})]
        ta = TraceRequest(
            agency_id=a,
            visibility="private",
            reference="A-2025-0001",
            recipient_agency_id=b,
            status="sent",
            created_by="a_analyst",
            sent_at=dt.datetime(2025, 3, 12),
        )
        ta.items = [TraceRequestItem(recovery_id=ra.id, description={"serial_read": "W1004340"})]
        tdraft = TraceRequest(
            agency_id=a,
            visibility="private",
            reference="A-2025-0002",
            recipient_agency_id=b,
            status="draft",
            created_by="a_analyst",
        )
        s.add_all([tb, ta, tdraft])
        s.flush()
        world.ids["trace_B"], world.ids["trace_A"], world.ids["trace_A_draft"] = tb.id, ta.id, tdraft.id
    return world
