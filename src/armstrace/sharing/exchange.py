"""Server-to-server exchange: trace requests travel between armstrace servers as signed messages.

Each server has an Ed25519 key (made on first use, kept in its workspace) and a name; partners exchange
names, URLs and public keys out of band and pin them (``armstrace peer add``). A message is an envelope
``{v, id, from, to, agency, kind, at, body}`` in canonical JSON, signed by the sender; the receiver checks
that ``from`` is a pinned peer, that the signature verifies with that peer's key, that ``to`` names it,
and that the agencies the body speaks for are ones that peer serves. The body is the same
``armstrace.trace_request`` document the file exchange carries (messages, attachments, answer), so
both ways stay in step and a file can still be carried by hand.

Delivery is at least once: ``push`` queues the signed envelope in the outbox table (a restart loses
nothing), ``deliver`` posts what is due and retries with exponential back-off. Application is exactly
once: the receiver stores a receipt keyed by the message id in the same transaction that applies it, so
a retry or a replay is refused (409 ``replayed``; the sender takes that as delivered) and never applied
twice. Every refusal is logged and audited. Transport security is the signatures': plain HTTP on loopback
is fine; on a network use HTTPS as well, for confidentiality of the contents.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DBIntegrityError
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth import Actor
from armstrace.exceptions import (
    ArmstraceError,
    InputError,
    PermissionDeniedError,
    RefusedMessageError,
    ReplayedMessageError,
)
from armstrace.model import Agency, ServerSetting, TraceRequest, utcnow
from armstrace.tracing import exchange as files

from .records import OutboxMessage, Peer, Receipt

if TYPE_CHECKING:
    from armstrace.store import Workspace

__all__ = [
    "PATH",
    "Courier",
    "add_peer",
    "canonical",
    "deliver",
    "identity",
    "list_peers",
    "push",
    "receive",
    "set_name",
]

PATH = "/api/v1/exchange"
BACKOFF_MAX = 300.0  # seconds: the longest wait between two attempts
_KEY, _NAME = "exchange_private_key", "exchange_name"
log = logging.getLogger("armstrace.exchange")
Post = Callable[[str, bytes], tuple[int, dict[str, Any]]]


def canonical(obj: Any) -> str:
    """The one text of a JSON value that is signed and verified (sorted keys, no spaces)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# -- identity and peers ------------------------------------------------------------------------------
def _private_key(session: Session) -> Ed25519PrivateKey:
    row = session.get(ServerSetting, _KEY)
    if row is None:
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        session.add(ServerSetting(name=_KEY, value=base64.b64encode(raw).decode()))
        session.flush()
        return key
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(row.value))


def _public_text(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def _own_name(session: Session, default: str) -> str:
    row = session.get(ServerSetting, _NAME)
    return row.value if row else default


def identity(session: Session, default_name: str) -> dict[str, str]:
    """This server's name and public key, to give partners (the private key never leaves the workspace)."""
    return {"name": _own_name(session, default_name), "public_key": _public_text(_private_key(session))}


def set_name(session: Session, actor: Actor, name: str) -> None:
    _admin(actor)
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise InputError(f"server name: 1-64 characters without spaces (got {name!r})")
    row = session.get(ServerSetting, _NAME)
    if row is None:
        session.add(ServerSetting(name=_NAME, value=name))
    else:
        row.value = name
    audit.record(session, actor=actor.username, action="peer.name", agency_id=actor.agency_id, detail={"name": name})


def _admin(actor: Actor) -> None:
    if not actor.at_least("agency_admin"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not configure server exchange")


def _public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise InputError(f"public key: not a base64 Ed25519 public key of 32 bytes ({exc})") from exc


def add_peer(session: Session, actor: Actor, name: str, url: str, public_key: str, agencies: list[str]) -> Peer:
    """Pin another server's key and record the agencies it speaks for (created here if new, as stubs)."""
    _admin(actor)
    _public_key(public_key)
    if not url.startswith(("http://", "https://")):
        raise InputError(f"url: must start with http:// or https:// (got {url!r})")
    codes = sorted({c.strip().upper() for c in agencies if c.strip()})
    if not codes:
        raise InputError("a peer serves at least one agency (--agency)")
    for code in codes:
        if session.scalar(select(Agency).where(Agency.code == code)) is None:
            session.add(Agency(code=code, name=code))
    peer = session.scalar(select(Peer).where(Peer.name == name))
    if peer is None:
        peer = Peer(name=name, url=url.rstrip("/"), public_key=public_key.strip(), agencies=",".join(codes))
        session.add(peer)
    else:
        peer.url, peer.public_key, peer.agencies = url.rstrip("/"), public_key.strip(), ",".join(codes)
    session.flush()
    audit.record(session, actor=actor.username, action="peer.add", agency_id=actor.agency_id, entity="peer",
                 entity_id=peer.id, detail={"name": name, "url": url, "agencies": codes,
                                            "public_key": public_key.strip()})  # fmt: skip
    return peer


def list_peers(session: Session) -> list[dict[str, Any]]:
    out = []
    for p in session.scalars(select(Peer).order_by(Peer.name)):
        waiting = (OutboxMessage.peer_id == p.id, OutboxMessage.delivered_at.is_(None))
        pending = session.scalars(select(OutboxMessage.id).where(*waiting)).all()
        out.append({"name": p.name, "url": p.url, "public_key": p.public_key, "agencies": p.agencies.split(","),
                    "pending": len(pending)})  # fmt: skip
    return out


def _serving(session: Session, code: str) -> Peer | None:
    for peer in session.scalars(select(Peer)):
        if code in peer.agencies.split(","):
            return peer
    return None


# -- sending -----------------------------------------------------------------------------------------
def push(session: Session, actor: Actor, reference: str, *, server_name: str) -> OutboxMessage:
    """Queue the trace request's current state for the other party's server (signed now, sent by ``deliver``)."""
    doc = files.export_doc(session, actor, reference)
    requester, recipient = doc["requester"]["code"], (doc.get("recipient") or {}).get("code")
    other = recipient if requester == actor.agency_code else requester
    if not other:
        raise InputError(f"{reference}: its recipient is not an agency, so there is no server to send it to")
    peer = _serving(session, other)
    if peer is None:
        raise InputError(f"no peer server serves agency {other}: add one with `armstrace peer add`")
    envelope = {"v": 1, "id": uuid.uuid4().hex, "from": _own_name(session, server_name), "to": peer.name,
                "agency": other, "kind": "trace_request", "at": utcnow().isoformat(), "body": doc}  # fmt: skip
    text = canonical(envelope)
    signature = base64.b64encode(_private_key(session).sign(text.encode())).decode()
    msg = OutboxMessage(message_id=envelope["id"], peer_id=peer.id, kind="trace_request", envelope=text,
                        signature=signature, attempts=0, next_attempt_at=utcnow())  # fmt: skip
    session.add(msg)
    session.flush()
    audit.record(session, actor=actor.username, action="exchange.queued", agency_id=actor.agency_id,
                 entity="outbox_message", entity_id=msg.id,
                 detail={"message_id": msg.message_id, "peer": peer.name, "reference": reference})  # fmt: skip
    return msg


def _http_post(url: str, data: bytes) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=data, method="POST", headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # http(s) only: checked in add_peer
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        try:
            body = json.loads(exc.read() or b"{}")
        except ValueError:
            body = {}
        return exc.code, body


def deliver(ws: Workspace, *, post: Post = _http_post, now: dt.datetime | None = None) -> dict[str, int]:
    """Post every due message once; a failure is retried later with back-off. Returns counts.

    The first retry waits the courier's interval (at least 1 s when it is off), each later one twice as long."""
    now = now or utcnow()
    base = ws.settings.exchange_interval or 1.0
    with ws.session() as s:
        due = s.execute(
            select(OutboxMessage.id, OutboxMessage.envelope, OutboxMessage.signature, Peer.url)
            .join(Peer, Peer.id == OutboxMessage.peer_id)
            .where(OutboxMessage.delivered_at.is_(None), OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.id).limit(100)
        ).all()  # fmt: skip
    counts = {"delivered": 0, "failed": 0}
    for msg_id, envelope, signature, url in due:
        body = json.dumps({"envelope": envelope, "signature": signature}).encode()
        try:
            status, answer = post(url + PATH, body)
            error = None if status == 200 else f"HTTP {status}: {(answer.get('error') or {}).get('message', '')}"
            if status == 409 and (answer.get("error") or {}).get("code") == "replayed":
                error = None  # applied there already: our first attempt's answer was lost
        except OSError as exc:
            error = f"{type(exc).__name__}: {exc}"
        with ws.session() as s:
            msg = s.get(OutboxMessage, msg_id)
            assert msg is not None
            msg.attempts += 1
            if error is None:
                msg.delivered_at, msg.last_error = utcnow(), None
                counts["delivered"] += 1
            else:
                wait = min(base * 2 ** (msg.attempts - 1), BACKOFF_MAX)
                msg.next_attempt_at, msg.last_error = utcnow() + dt.timedelta(seconds=wait), error
                counts["failed"] += 1
                log.warning("exchange: message %s to %s failed (attempt %d, retry in %.0f s): %s",
                            msg.message_id, url, msg.attempts, wait, error)  # fmt: skip
    return counts


class Courier(threading.Thread):
    """Delivers the outbox every ``interval`` seconds in the server process (a daemon thread)."""

    def __init__(self, ws: Workspace, interval: float) -> None:
        super().__init__(name="armstrace-courier", daemon=True)
        self.ws, self.interval, self.stopped = ws, interval, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                deliver(self.ws)
            except Exception:  # the courier must outlive a bad moment (a locked database, a bug)
                log.exception("exchange: delivery round failed")


# -- receiving ---------------------------------------------------------------------------------------
def _check(session: Session, text: str, signature: str, own_name: str) -> tuple[Peer, dict[str, Any]]:
    try:
        envelope = json.loads(text)
    except ValueError as exc:
        raise RefusedMessageError(f"not a JSON envelope ({exc})") from exc
    if not isinstance(envelope, dict) or envelope.get("v") != 1:
        raise RefusedMessageError("not an armstrace exchange envelope (version 1)")
    peer = session.scalar(select(Peer).where(Peer.name == str(envelope.get("from"))))
    if peer is None:
        raise RefusedMessageError(f"unknown server {envelope.get('from')!r}: no pinned key")
    try:
        _public_key(peer.public_key).verify(base64.b64decode(signature, validate=True), text.encode())
    except (InvalidSignature, ValueError) as exc:
        raise RefusedMessageError(f"bad signature on a message claiming to come from {peer.name}") from exc
    if envelope.get("to") != own_name:
        raise RefusedMessageError(f"message for server {envelope.get('to')!r}, this is {own_name!r}")
    if envelope.get("kind") != "trace_request" or not isinstance(envelope.get("body"), dict):
        raise RefusedMessageError(f"unknown message kind {envelope.get('kind')!r}")
    return peer, envelope


def _apply(session: Session, peer: Peer, envelope: dict[str, Any]) -> dict[str, Any]:
    if session.get(Receipt, str(envelope["id"])) is not None:
        raise ReplayedMessageError(f"message {envelope['id']} from {peer.name} was already applied")
    served = peer.agencies.split(",")
    code = str(envelope.get("agency"))
    agency = session.scalar(select(Agency).where(Agency.code == code))
    if agency is None or code in served:
        raise RefusedMessageError(f"agency {code!r} is not served by this server")
    doc = files.load(envelope["body"])
    parties = {doc["requester"].get("code"), (doc.get("recipient") or {}).get("code")}
    if code not in parties or not (parties - {code}) <= set(served):
        raise RefusedMessageError(f"{peer.name} may not speak for {sorted(parties - {code})}")
    existing = session.scalar(select(TraceRequest).where(TraceRequest.reference == doc["reference"]))
    if existing is not None:  # an update: the stored parties, not the document's claims, decide
        stored = set(session.scalars(select(Agency.code).where(
            Agency.id.in_((existing.agency_id, existing.recipient_agency_id or -1)))))  # fmt: skip
        if stored != parties:
            raise RefusedMessageError(f"{peer.name} may not change {doc['reference']}: it is not between "
                                      f"{' and '.join(sorted(str(p) for p in parties))}")  # fmt: skip
    actor = Actor(None, f"peer:{peer.name}", agency.id, agency.code, "analyst")
    req, outcome = files.import_doc(session, actor, doc)
    session.add(Receipt(message_id=str(envelope["id"]), peer_id=peer.id, kind="trace_request", outcome=outcome))
    audit.record(session, actor=actor.username, action="exchange.applied", agency_id=agency.id,
                 entity="trace_request", entity_id=req.id,
                 detail={"message_id": envelope["id"], "peer": peer.name, "outcome": outcome})  # fmt: skip
    return {"status": "applied", "message_id": envelope["id"], "reference": req.reference, "outcome": outcome}


def receive(ws: Workspace, text: str, signature: str) -> dict[str, Any]:
    """Verify and apply one message exactly once; refusals are logged, audited and raised."""
    try:
        with ws.session() as s:
            peer, envelope = _check(s, text, signature, _own_name(s, ws.settings.agency))
            return _apply(s, peer, envelope)
    except DBIntegrityError as exc:  # a concurrent copy won the race to the receipt
        error: ArmstraceError = ReplayedMessageError("message was already applied")
        _refused(ws, error, text)
        raise error from exc
    except ArmstraceError as exc:
        _refused(ws, exc, text)
        raise


def _refused(ws: Workspace, exc: ArmstraceError, text: str) -> None:
    try:
        head = json.loads(text)
        detail = {k: head.get(k) for k in ("id", "from", "to", "agency", "kind")} if isinstance(head, dict) else {}
    except ValueError:
        detail = {}
    action = "exchange.replayed" if isinstance(exc, ReplayedMessageError) else "exchange.refused"
    log.warning("exchange: %s: %s", action, exc)
    with ws.session() as s:
        audit.record(s, actor="exchange", action=action, detail={**detail, "reason": str(exc)})
