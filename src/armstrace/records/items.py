"""Registry records (items) as the actor sees them: the transfers that moved one (its chain of custody), and
the incidents where it was found (its sightings: the matches not rejected)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from armstrace.auth import Actor
from armstrace.model import Incident, Item, Match, Recovery, Transfer
from armstrace.store import visible

from .access import match_visible

__all__ = ["custody", "sightings"]


def custody(db: Session, actor: Actor, item: Item) -> list[Transfer]:
    """The visible transfers that moved this item: by its record id, its serial, or a range holding it."""
    conds: list[ColumnElement[bool]] = [Transfer.record_id == item.record_id]
    if item.serial_norm:
        conds.append(Transfer.serial_norm == item.serial_norm)
        conds.append(
            and_(
                Transfer.serial_end.is_not(None),
                Transfer.serial_norm <= item.serial_norm,
                Transfer.serial_end >= item.serial_norm,
                func.length(Transfer.serial_norm) == len(item.serial_norm),
            )
        )
    stmt = select(Transfer).where(or_(*conds), visible(Transfer, actor.scope)).order_by(Transfer.date, Transfer.id)
    return list(db.scalars(stmt.limit(1000)))


def sightings(db: Session, actor: Actor, item: Item) -> Sequence[Row[Match, Recovery, Incident]]:
    """(match, recovery, incident) for each visible match of ``item`` not rejected, oldest incident first."""
    stmt = (
        select(Match, Recovery, Incident)
        .join(Recovery, Match.recovery_id == Recovery.id)
        .join(Incident, Recovery.incident_id == Incident.id)
        .where(
            Match.item_id == item.id,
            match_visible(actor),
            Match.status != "rejected",
            visible(Incident, actor.scope),
        )
        .order_by(Incident.date)
    )
    return db.execute(stmt).all()
