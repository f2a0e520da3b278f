"""Who may see a record: the visibility filter every query and route applies.

A record is visible to an agency when that agency owns it, when it is public, or when it is shared and
a ``share`` row names that agency. Queries add ``visible(Model, agency_id)`` to their WHERE clause so
that a record another agency may not see is never loaded, counted or used as a match candidate.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.sql.elements import ColumnElement

from armstrace.model import Share
from armstrace.values import Visibility

__all__ = ["entity_name", "visible"]


def entity_name(model: Any) -> str:
    return str(model.__tablename__)


def visible(model: Any, agency_id: int | None) -> ColumnElement[bool]:
    """A WHERE clause: rows of ``model`` that agency ``agency_id`` may see (``None``: a server admin)."""
    if agency_id is None:
        everything: ColumnElement[bool] = model.id.is_not(None)
        return everything
    shared = exists(
        select(Share.id).where(
            Share.entity == entity_name(model),
            Share.entity_id == model.id,
            Share.agency_id == agency_id,
        )
    )
    return or_(
        model.agency_id == agency_id,
        model.visibility == Visibility.PUBLIC,
        and_(model.visibility == Visibility.SHARED, shared),
    )
