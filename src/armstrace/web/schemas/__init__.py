"""The JSON shapes of the API (request bodies and responses), with the limits the database needs.

Every string has a length limit and refuses NUL characters, every number a range, so that bad input is
a 422 naming the field, never a database error. Bodies forbid unknown fields: a misspelt field is an
error, not silently dropped. By concept: ``fields`` (the shared types), ``records``, ``traces``, ``access``.
"""

from __future__ import annotations

from armstrace.values import Visibility

from .access import (
    AuditEventOut,
    AuditVerifyOut,
    ConsentIn,
    ConsentOut,
    PasswordIn,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
    UserOut,
    UserPatch,
)
from .fields import Date, Page, UtcDateTime, iso_date
from .records import (
    ActorOut,
    AgencyOut,
    Candidate,
    IncidentIn,
    IncidentOut,
    IncidentPatch,
    ItemOut,
    MatchOut,
    RecoveryIn,
    RecoveryOut,
    RecoveryPatch,
    ReviewIn,
    SearchOut,
    SharingIn,
    SourceOut,
    TransferOut,
)
from .traces import MessageIn, TraceAnswerIn, TraceIn, TraceOut

__all__ = [
    "ActorOut",
    "AgencyOut",
    "AuditEventOut",
    "AuditVerifyOut",
    "Candidate",
    "ConsentIn",
    "ConsentOut",
    "Date",
    "IncidentIn",
    "IncidentOut",
    "IncidentPatch",
    "ItemOut",
    "MatchOut",
    "MessageIn",
    "Page",
    "PasswordIn",
    "RecoveryIn",
    "RecoveryOut",
    "RecoveryPatch",
    "ReviewIn",
    "SearchOut",
    "SharingIn",
    "SourceOut",
    "TokenCreatedOut",
    "TokenIn",
    "TokenOut",
    "TraceAnswerIn",
    "TraceIn",
    "TraceOut",
    "TransferOut",
    "UserOut",
    "UserPatch",
    "UtcDateTime",
    "Visibility",
    "iso_date",
]
