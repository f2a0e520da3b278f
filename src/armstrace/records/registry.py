"""The registry as one agency's serial search sees it: the marks that version a view, the rows a matcher is
built from, and the records of its candidates — each query applying the actor's visibility.

The marks are read from indexes only (``0008_visibility_indexes``): the highest id of the agency's own
records, of the public ones and of the shares to it, and the number of those shares. A view that gained
records has a higher mark; one that lost records is told by ``visibility.registry_view_version``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from armstrace.auth import Actor
from armstrace.model import Item, Share
from armstrace.store import visible

__all__ = ["Marks", "highest_item", "marks", "serial_rows", "visible_items"]


@dataclass(frozen=True)
class Marks:
    """What grows when an agency's view of the registry gains records."""

    public_max: int | None  # the highest id of a public record
    own_max: int | None  # the highest id of the agency's own records (None: it owns none)
    shares: tuple[int, int | None]  # the number of records shared with the agency, and the highest share id


def highest_item(db: Session) -> int | None:
    """The highest registry record id (a server admin's view is every record)."""
    return db.scalar(select(func.max(Item.id)))


def marks(db: Session, agency_id: int) -> Marks:
    public_max = db.scalar(select(func.max(Item.id)).where(Item.visibility == "public"))
    own_max = db.scalar(select(func.max(Item.id)).where(Item.agency_id == agency_id))
    count, highest = db.execute(
        select(func.count(Share.id), func.max(Share.id)).where(
            Share.agency_id == agency_id, Share.entity == Item.__tablename__
        )
    ).one()
    return Marks(public_max, own_max, (count, highest))


def serial_rows(db: Session, actor: Actor, fields: Sequence[str]) -> Sequence[Row[Any]]:
    """The visible records that carry a serial: id, record_id, serial, serial_end and ``fields``."""
    columns = [Item.id, Item.record_id, Item.serial, Item.serial_end, *(getattr(Item, f) for f in fields)]
    return db.execute(select(*columns).where(visible(Item, actor.scope), Item.serial.is_not(None))).all()


def visible_items(db: Session, actor: Actor, ids: Sequence[int]) -> dict[int, Item]:
    """The records numbered ``ids`` that the actor still sees, by id."""
    stmt = select(Item).where(Item.id.in_(list(ids)), visible(Item, actor.scope))
    return {it.id: it for it in db.scalars(stmt)}
