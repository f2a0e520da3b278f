"""Hit notices: when a recovery's best match is a record another agency owns, that agency is told.

INTERPOL's iARMS notifies the country that recorded a firearm whenever another country's search hits it;
this is the same rule on one server. After matching (``xref_workspace``), every rank-1 match with a
probability at or above the owner's threshold (default 0.5) on an item owned by another agency becomes
a notice to the owner: which of its records was hit, by which agency, when, how probably, and where to
ask for a trace. The finder's recovery and incident are named only when the finder's sharing already lets
the owner see them. A finder may embargo an incident's notices (an investigation that must not be tipped
off): they are then withheld, not dropped, and sent when the embargo is lifted. Every step is audited on
the finder's side and on the owner's.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth import Actor
from armstrace.exceptions import InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Agency, Incident, Item, Match, Recovery, ServerSetting, utcnow
from armstrace.store import visible
from armstrace.values import NoticeStatus

from .records import HitNotice, NoticeEmbargo

if TYPE_CHECKING:
    from armstrace.settings import Settings
    from armstrace.store import Workspace

__all__ = [
    "DEFAULT_THRESHOLD",
    "NoticeView",
    "acknowledge",
    "deliver_email",
    "embargo",
    "issue",
    "issue_for_workspace",
    "lift_embargo",
    "list_notices",
    "set_email",
    "set_threshold",
    "threshold",
]

DEFAULT_THRESHOLD = 0.5
SYSTEM = "armstrace"  # the actor recorded for notices issued by matching
log = logging.getLogger("armstrace.sharing")


@dataclass(frozen=True)
class NoticeView:
    """What the owner is told. ``recovery`` is None unless the finder shares that recovery with the owner."""

    id: int
    record: dict[str, Any]
    finder: dict[str, Any]
    hit_at: str
    probability: float
    acknowledged_at: str | None
    recovery: dict[str, Any] | None
    trace_url: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- the owner's settings ----------------------------------------------------------------------------
def _setting(session: Session, name: str) -> str | None:
    row = session.get(ServerSetting, name)
    return row.value if row else None


def _put(session: Session, name: str, value: str) -> None:
    row = session.get(ServerSetting, name)
    if row is None:
        session.add(ServerSetting(name=name, value=value))
    else:
        row.value = value


def threshold(session: Session, agency_id: int) -> float:
    """The probability at or above which the agency wants to hear of a hit on its records."""
    value = _setting(session, f"notice_threshold:{agency_id}")
    return float(value) if value is not None else DEFAULT_THRESHOLD


def set_threshold(session: Session, actor: Actor, value: float) -> None:
    if not actor.at_least("agency_admin"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not change the agency's notice threshold")
    if not 0.0 < value <= 1.0:
        raise InputError(f"threshold: a probability above 0 and at most 1 (got {value})")
    _put(session, f"notice_threshold:{actor.agency_id}", repr(float(value)))
    audit.record(session, actor=actor.username, action="notice.threshold", agency_id=actor.agency_id,
                 detail={"threshold": value})  # fmt: skip


def set_email(session: Session, actor: Actor, address: str) -> None:
    """Where the agency's notices are e-mailed ("" turns the e-mail off)."""
    if not actor.at_least("agency_admin"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not change the agency's notice e-mail")
    address = address.strip()
    if address and ("@" not in address or any(c in address for c in " \r\n,;<>")):
        raise InputError(f"e-mail: {address!r} is not one address")
    _put(session, f"notice_email:{actor.agency_id}", address)
    audit.record(session, actor=actor.username, action="notice.email", agency_id=actor.agency_id,
                 detail={"email": address or None})  # fmt: skip


# -- the finder's side -------------------------------------------------------------------------------
def _embargoed(incident_id: Any) -> Any:
    return exists(select(NoticeEmbargo.id).where(NoticeEmbargo.incident_id == incident_id,
                                                 NoticeEmbargo.lifted_at.is_(None)))  # fmt: skip


def _audit_sent(session: Session, notice: HitNotice, actor: str) -> None:
    detail = {"item_id": notice.item_id, "recovery_id": notice.recovery_id, "probability": notice.probability}
    audit.record(
        session,
        actor=actor,
        action="notice.sent",
        agency_id=notice.finder_agency_id,
        entity="hit_notice",
        entity_id=notice.id,
        detail={**detail, "to_agency": notice.owner_agency_id},
    )
    audit.record(session, actor=actor, action="notice.received", agency_id=notice.owner_agency_id,
                 entity="hit_notice", entity_id=notice.id,
                 detail={"item_id": notice.item_id, "from_agency": notice.finder_agency_id,
                         "probability": notice.probability})  # fmt: skip


def issue(session: Session, finder_agency_id: int, actor: str = SYSTEM) -> list[HitNotice]:
    """Notices for the finder's rank-1 matches on other agencies' items not yet noticed; returns those sent."""
    rows = session.execute(
        select(Match.recovery_id, Match.item_id, Match.probability, Item.agency_id, Recovery.incident_id,
               _embargoed(Recovery.incident_id).label("embargoed"))
        .join(Item, Item.id == Match.item_id)
        .join(Recovery, Recovery.id == Match.recovery_id)
        .where(Match.agency_id == finder_agency_id, Match.rank == 1, Match.status != "rejected",
               Item.agency_id != finder_agency_id,
               ~exists(select(HitNotice.id).where(and_(HitNotice.recovery_id == Match.recovery_id,
                                                       HitNotice.item_id == Match.item_id))))
    ).all()  # fmt: skip
    cut: dict[int, float] = {}
    sent: list[HitNotice] = []
    for recovery_id, item_id, probability, owner_id, incident_id, embargoed in rows:
        if owner_id not in cut:
            cut[owner_id] = threshold(session, owner_id)
        if probability < cut[owner_id]:
            continue
        notice = HitNotice(owner_agency_id=owner_id, finder_agency_id=finder_agency_id, item_id=item_id,
                           recovery_id=recovery_id, incident_id=incident_id, probability=float(probability),
                           status=NoticeStatus.WITHHELD if embargoed else NoticeStatus.SENT,
                           sent_at=None if embargoed else utcnow())  # fmt: skip
        session.add(notice)
        session.flush()
        if embargoed:
            audit.record(session, actor=actor, action="notice.withheld", agency_id=finder_agency_id,
                         entity="hit_notice", entity_id=notice.id,
                         detail={"incident_id": incident_id, "item_id": item_id, "to_agency": owner_id})  # fmt: skip
        else:
            _audit_sent(session, notice, actor)
            sent.append(notice)
    return sent


def _own_incident(session: Session, actor: Actor, ref: int | str) -> Incident:
    """The actor's agency's incident, by number (the API) or by its code (the command line)."""
    key = Incident.id == ref if isinstance(ref, int) else Incident.code == ref.strip()
    incident = session.scalar(select(Incident).where(key, Incident.agency_id == actor.agency_id))
    if incident is None:
        raise NotFoundError(f"no incident {ref!r} of {actor.agency_code}")
    return incident


def embargo(session: Session, actor: Actor, incident_code: int | str, reason: str | None = None) -> NoticeEmbargo:
    """Withhold the notices an incident's recoveries would send, until the embargo is lifted."""
    if not actor.at_least("analyst"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not embargo notices")
    incident = _own_incident(session, actor, incident_code)
    active = session.scalar(select(NoticeEmbargo).where(NoticeEmbargo.incident_id == incident.id,
                                                        NoticeEmbargo.lifted_at.is_(None)))  # fmt: skip
    if active is not None:
        return active
    row = NoticeEmbargo(incident_id=incident.id, agency_id=actor.agency_id, reason=reason, set_by=actor.username)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor.username, action="notice.embargo", agency_id=actor.agency_id,
                 entity="incident", entity_id=incident.id, detail={"reason": reason})  # fmt: skip
    return row


def lift_embargo(session: Session, actor: Actor, incident_code: int | str) -> list[HitNotice]:
    """End an incident's embargo and send the notices it withheld; returns them."""
    if not actor.at_least("analyst"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not lift an embargo")
    incident = _own_incident(session, actor, incident_code)
    active = session.scalars(select(NoticeEmbargo).where(NoticeEmbargo.incident_id == incident.id,
                                                         NoticeEmbargo.lifted_at.is_(None))).all()  # fmt: skip
    if not active:
        raise InputError(f"incident {incident_code!r} is not under embargo")
    for row in active:
        row.lifted_at, row.lifted_by = utcnow(), actor.username
    audit.record(session, actor=actor.username, action="notice.embargo_lifted", agency_id=actor.agency_id,
                 entity="incident", entity_id=incident.id)  # fmt: skip
    released = list(session.scalars(select(HitNotice).where(HitNotice.incident_id == incident.id,
                                                            HitNotice.status == NoticeStatus.WITHHELD)))  # fmt: skip
    for notice in released:
        notice.status, notice.sent_at = NoticeStatus.SENT, utcnow()
        _audit_sent(session, notice, actor.username)
    return released


# -- the owner's side --------------------------------------------------------------------------------
def _view(session: Session, notice: HitNotice, owner_scope: int | None) -> NoticeView:
    item = session.get(Item, notice.item_id)
    finder = session.get(Agency, notice.finder_agency_id)
    assert item is not None and finder is not None
    shown = session.execute(
        select(Recovery, Incident).join(Incident, Incident.id == Recovery.incident_id)
        .where(Recovery.id == notice.recovery_id, visible(Recovery, owner_scope))
    ).first()  # fmt: skip
    recovery = None
    if shown is not None:
        rec, inc = shown
        recovery = {"id": rec.id, "code": rec.recovery_code, "serial_read": rec.serial_read}
        incident_seen = session.scalar(select(Incident.id).where(Incident.id == inc.id, visible(Incident, owner_scope)))
        if incident_seen is not None:
            recovery["incident"] = {"code": inc.code, "date": inc.date and inc.date.isoformat(), "country": inc.country}
    return NoticeView(
        id=notice.id,
        record={"id": item.id, "record_id": item.record_id, "serial": item.serial, "status": item.status,
                "manufacturer": item.manufacturer, "model": item.model},
        finder={"code": finder.code, "name": finder.name, "country": finder.country},
        hit_at=(notice.sent_at or notice.created_at).isoformat(timespec="seconds"),
        probability=round(notice.probability, 4),
        acknowledged_at=notice.acknowledged_at.isoformat(timespec="seconds") if notice.acknowledged_at else None,
        recovery=recovery,
        trace_url=f"/traces/new?recovery={recovery['id']}" if recovery else None,
    )  # fmt: skip


def list_notices(session: Session, actor: Actor, *, include_acknowledged: bool = False) -> list[NoticeView]:
    """The notices sent to the actor's agency, newest first (a server admin sees every agency's)."""
    query = select(HitNotice).where(HitNotice.status == NoticeStatus.SENT)
    if actor.scope is not None:
        query = query.where(HitNotice.owner_agency_id == actor.agency_id)
    if not include_acknowledged:
        query = query.where(HitNotice.acknowledged_at.is_(None))
    notices = session.scalars(query.order_by(HitNotice.id.desc())).all()
    return [_view(session, n, n.owner_agency_id) for n in notices]


def acknowledge(session: Session, actor: Actor, notice_id: int) -> NoticeView:
    notice = session.get(HitNotice, notice_id)
    if (
        notice is None
        or notice.status != NoticeStatus.SENT
        or (actor.scope is not None and notice.owner_agency_id != actor.agency_id)
    ):
        raise NotFoundError(f"no notice {notice_id}")
    if not actor.at_least("analyst"):
        raise PermissionDeniedError(f"your role ({actor.role}) may not acknowledge notices")
    if notice.acknowledged_at is None:
        notice.acknowledged_at, notice.acknowledged_by = utcnow(), actor.username
        audit.record(session, actor=actor.username, action="notice.acknowledged", agency_id=notice.owner_agency_id,
                     entity="hit_notice", entity_id=notice.id)  # fmt: skip
    return _view(session, notice, notice.owner_agency_id)


# -- delivery ----------------------------------------------------------------------------------------
def _message(view: NoticeView, sender: str, to: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"] = sender, to
    msg["Subject"] = f"armstrace: your record {view.record['record_id']} was hit by {view.finder['code']}"
    lines = [
        f"Your record {view.record['record_id']} (serial {view.record['serial']}) matched a recovery of "
        f"{view.finder['name']} ({view.finder['code']}) on {view.hit_at}, probability {view.probability:.2f}.",
        "",
        f"Notice {view.id}: see /notices on your armstrace server"
        + (f"; ask for a trace at {view.trace_url}" if view.trace_url else
           f"; ask {view.finder['code']} for a trace (its recovery is not shared with you)."),
    ]  # fmt: skip
    msg.set_content("\n".join(lines))
    return msg


def deliver_email(session: Session, settings: Settings) -> int:
    """E-mail the sent notices not yet e-mailed to agencies that gave an address; returns how many went.

    A relay that fails leaves the notices for the next run (logged, never raised: matching goes on)."""
    if not settings.smtp_host:
        return 0
    host, _, port = settings.smtp_host.partition(":")
    unsent = select(HitNotice).where(HitNotice.status == NoticeStatus.SENT, HitNotice.emailed_at.is_(None))
    pending = session.scalars(unsent).all()
    todo = [(n, _setting(session, f"notice_email:{n.owner_agency_id}")) for n in pending]
    todo = [(n, to) for n, to in todo if to]
    if not todo:
        return 0
    sent = 0
    try:
        with smtplib.SMTP(host, int(port or 25), timeout=10) as smtp:
            for notice, to in todo:
                smtp.send_message(_message(_view(session, notice, notice.owner_agency_id), settings.smtp_from, str(to)))
                notice.emailed_at = utcnow()
                sent += 1
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("hit notices: e-mail through %s failed after %d sent: %s", settings.smtp_host, sent, exc)
    return sent


def issue_for_workspace(ws: Workspace, finder_agency_id: int) -> int:
    """Issue the finder's new notices and e-mail them (the hook ``xref_workspace`` calls); returns how many."""
    with ws.session() as s:
        count = len(issue(s, finder_agency_id))
    with ws.session() as s:
        deliver_email(s, ws.settings)
    return count
