"""The report's photo annex: every photo and file on an incident and its recovered items, with its SHA-256.

The annex lets a reader check that a photo in the case file is the one the report was written from: each
entry gives the record it belongs to, what it shows, who added it and when, the EXIF time and place, the
size and the full SHA-256 of the original, and (for photos) the stored thumbnail, embedded as a data URI
so the report fetches nothing. Only files on records already in the report (visible to the reader's
agency) are listed: a file is seen only with its record.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from armstrace.model import Attachment

__all__ = ["photo_annex"]


def photo_annex(
    session: Session, incident: dict[str, Any], recoveries: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The files on the incident and on the given (visible) recoveries, in the report's item order."""
    labels: dict[tuple[str, int], str] = {("incident", incident["id"]): "incident (scene)"}
    order: dict[tuple[str, int], int] = {("incident", incident["id"]): 0}
    for i, r in enumerate(recoveries, 1):
        labels[("recovery", r["id"])] = f"item {r['code']}"
        order[("recovery", r["id"])] = i
    conds = [and_(Attachment.entity == "incident", Attachment.entity_id == incident["id"])]
    if recoveries:
        conds.append(and_(Attachment.entity == "recovery", Attachment.entity_id.in_([r["id"] for r in recoveries])))
    rows = session.scalars(select(Attachment).where(or_(*conds)).order_by(Attachment.id)).all()
    out = []
    for a in sorted(rows, key=lambda a: (order[(a.entity, a.entity_id)], a.id)):
        thumb = base64.b64encode(a.thumbnail).decode("ascii") if a.thumbnail else None
        out.append({
            "record": labels[(a.entity, a.entity_id)], "shows": a.shows or "file", "caption": a.caption,
            "file_name": a.file_name, "media_type": a.media_type, "size": a.size, "sha256": a.sha256,
            "created_by": a.created_by, "created_at": a.created_at, "taken_at": a.taken_at,
            "latitude": a.latitude, "longitude": a.longitude,
            "thumbnail": f"data:image/jpeg;base64,{thumb}" if thumb else None,
        })  # fmt: skip
    return out
