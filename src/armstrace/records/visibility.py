"""Sharing a record: private, public, or shared with named agencies — and the token the search cache
watches, renewed whenever the registry's view changes for everyone or for one agency.

Every change is audited (``<entity>.share``) in the log of the agency that owns the record: a server
admin's change to agency B's record is in B's log, never in the admin's own agency's log.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from armstrace import audit
from armstrace.auth import Actor
from armstrace.exceptions import InputError
from armstrace.model import VISIBILITIES, Agency, Item, ServerSetting, Share

from . import actions
from .access import require

__all__ = ["REGISTRY_VIEW", "registry_view_changed", "registry_view_version", "set_visibility"]

#: ``server_setting`` row whose value changes whenever a registry record's visibility changes (see web/search.py)
REGISTRY_VIEW = "registry_view_version"


def set_visibility(db: Session, actor: Actor, record: Any, visibility: str, agencies: Iterable[str] = ()) -> None:
    """Make ``record`` private, public, or shared with the named agencies (replacing earlier shares)."""
    require(actor, "share", record)
    if visibility not in VISIBILITIES:
        raise InputError(f"visibility {visibility!r}: use one of {', '.join(VISIBILITIES)}")
    codes = sorted({c.strip().upper() for c in agencies if c.strip()})
    if visibility == "shared" and not codes:
        raise InputError("shared_with: name at least one agency to share with")
    if visibility != "shared" and codes:
        raise InputError("shared_with: only a record with visibility 'shared' is shared with named agencies")
    stmt = select(Agency.code, Agency.id).where(Agency.code.in_(codes))
    found: dict[str, int] = {r[0]: r[1] for r in db.execute(stmt)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise InputError(f"shared_with: no agency {', '.join(missing)}")
    entity = record.__tablename__
    before = set(db.scalars(select(Share.agency_id).where(Share.entity == entity, Share.entity_id == record.id)))
    db.execute(delete(Share).where(Share.entity == entity, Share.entity_id == record.id))
    for code in codes:
        if found[code] != record.agency_id:
            db.add(Share(entity=entity, entity_id=record.id, agency_id=found[code]))
    if entity == Item.__tablename__:
        after = {found[c] for c in codes if found[c] != record.agency_id}
        if "public" in (record.visibility, visibility):  # every agency's view changes
            registry_view_changed(db)
        elif before != after:  # only the agencies gaining or losing the record; not the owner, nor others
            registry_view_changed(db, before ^ after)
    record.visibility = visibility
    db.flush()
    audit.record(
        db,
        actor=actor.username,
        action=actions.share(entity),
        agency_id=record.agency_id,
        entity=entity,
        entity_id=record.id,
        detail={"visibility": visibility, "shared_with": codes},
    )


def registry_view_version(db: Session, agency_id: int | None = None) -> str | None:
    """A token that changes whenever the visibility of a registry record changes for every agency (no
    ``agency_id``) or for agency ``agency_id`` alone (None: never changed)."""
    return db.scalar(select(ServerSetting.value).where(ServerSetting.name == _view_setting(agency_id)))


def _view_setting(agency_id: int | None) -> str:
    return REGISTRY_VIEW if agency_id is None else f"{REGISTRY_VIEW}:{agency_id}"


def registry_view_changed(db: Session, agencies: Iterable[int] | None = None) -> None:
    """Mark the view of the registry as changed (in the caller's transaction): every agency's view, or
    only the view of the agencies named (a record shared with or withdrawn from them).

    A record going from public to private while another goes from private to public leaves each
    agency's count and highest visible id as they were; the search cache must still see the change,
    or a hidden record would keep taking part in the ranking. A fresh random value (not a counter)
    stays a change even when two transactions write it at once. Naming the agencies keeps one agency's
    sharing from rebuilding every other agency's search index.
    """
    names = [REGISTRY_VIEW] if agencies is None else [_view_setting(a) for a in sorted(set(agencies))]
    for name in names:
        token = secrets.token_hex(16)
        row = db.get(ServerSetting, name)
        if row is None:
            try:
                with db.begin_nested():
                    db.add(ServerSetting(name=name, value=token))
                continue
            except IntegrityError:  # another transaction made the row first
                row = db.get(ServerSetting, name)
        if row is not None:
            row.value = token
