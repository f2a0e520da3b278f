"""Public ids for records made one at a time: random, so that an agency cannot count others' activity.

A global counter tells whoever creates two records how many the other agencies created in between
(incidents, recoveries, matches, trace requests). Records made through the library one at a time get a
random id instead, drawn above anything a database sequence reaches, and re-drawn when taken. Bulk
imports keep the database's own ids: a per-row Python call would cost millions of calls, and they reveal
only that an import happened, which the importing agency's partners learn anyway.

Chosen over a per-agency counter because an id stays one number across the API, the pages and the
exchange files, unique without the agency beside it; a random id is as short in a URL.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from armstrace.model import BigId

__all__ = ["public_id"]

#: Integer primary keys (32-bit on PostgreSQL): ids from 2^30 up to 1.5·2^30, leaving room above for the
#: sequential ids SQLite hands out after the largest one, within the API's 2^31 - 1
_SMALL = (1 << 30, (1 << 30) + (1 << 29))
#: 64-bit primary keys: from 2^40 (no sequence gets there) to 2^53 (exact in JavaScript)
_BIG = (1 << 40, 1 << 53)


def public_id(session: Session, model: Any) -> int:
    """A random id not yet taken in ``model``'s table."""
    low, high = _BIG if model.__table__.c.id.type is BigId else _SMALL
    while True:
        candidate = low + secrets.randbelow(high - low)
        if session.scalar(select(model.id).where(model.id == candidate)) is None:
            return candidate
