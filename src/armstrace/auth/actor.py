"""The actor of a request and the one permission check every route asks.

Roles are ordered — viewer < analyst < agency_admin < server_admin — and ``can`` answers one question, *may
this actor do this action to this record?*, so that no route repeats its own rules. Reading lists is done with
``armstrace.store.visible`` in the query; ``can`` is for one record already loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from armstrace.values import Role, choices

__all__ = ["ACTIONS", "ROLES", "Actor", "can"]

ROLES = choices(Role)  # from least to most allowed
ACTIONS = (
    "read",  # see the record
    "write",  # create or change a record of one's own agency
    "share",  # change who else may see it
    "review",  # confirm or reject a match
    "trace.answer",  # acknowledge and answer a trace request addressed to one's agency
    "users.manage",  # add users and tokens in one's agency
    "agencies.manage",  # add agencies (server admins)
    "audit.read",  # read the agency's audit events
    "audit.verify",  # verify the whole chain
)


@dataclass(frozen=True)
class Actor:
    """Who acts: a user of an agency with a role (the logged-in user, a token's owner, or the workspace's
    operator on the command line). The one name for the caller across the library and the web."""

    user_id: int | None
    username: str
    agency_id: int
    agency_code: str
    role: str

    @property
    def scope(self) -> int | None:
        """The agency whose view applies to queries; None for a server admin, who sees everything."""
        return None if self.role == "server_admin" else self.agency_id

    def at_least(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def can(user: Actor, action: str, record: Any = None, *, shared_with: frozenset[int] = frozenset()) -> bool:
    """May ``user`` do ``action`` to ``record`` (None: to a new record of their own agency)?

    ``shared_with`` names the agencies a ``shared`` record is shared with, for ``read``.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    admin = user.role == "server_admin"
    owner = record is None or getattr(record, "agency_id", None) == user.agency_id
    if action == "read":
        if admin or record is None or owner:
            return True
        visibility = getattr(record, "visibility", "private")
        recipient = getattr(record, "recipient_agency_id", None) == user.agency_id
        status = getattr(record, "status", "draft")  # a draft closed before it was sent was never sent
        sent = getattr(record, "sent_at", None) is not None or status in ("sent", "acknowledged", "answered")
        return (
            visibility == "public" or (visibility == "shared" and user.agency_id in shared_with) or (recipient and sent)
        )
    if action in ("write", "share", "review"):
        return user.at_least("analyst") and (admin or owner)
    if action == "trace.answer":
        return user.at_least("analyst") and (admin or getattr(record, "recipient_agency_id", None) == user.agency_id)
    if action == "users.manage":
        return admin or (user.role == "agency_admin" and owner)
    if action == "audit.read":
        return user.at_least("agency_admin")
    return admin  # agencies.manage, audit.verify
