"""One exception hierarchy for armstrace, mapped once to CLI exit codes and HTTP statuses.

    ArmstraceError                  anything armstrace raises on purpose (exit 1, HTTP 500)
    ├── InputError                  the user's input is wrong: a file, a field, a value (exit 2, HTTP 422)
    │   ├── QuerySyntaxError        a serial query that does not parse
    │   ├── QueryTooBroadError      a serial query that would cost too much (too few known characters)
    │   └── ImportFileError         a file that cannot be read at all (rows are quarantined instead)
    ├── NotFoundError               a record that does not exist or that the caller may not see (exit 3, 404)
    ├── PermissionDeniedError       the caller is known but may not do this (exit 4, HTTP 403)
    ├── AuthenticationError         the caller is not known: bad password or token (exit 4, HTTP 401)
    │   └── ThrottledError          too many failed logins: locked for a while (HTTP 429)
    ├── RetryLaterError             not now, in ``retry_after`` seconds (exit 8, the HTTP Retry-After header)
    │   ├── RateLimitError          one user or token sent too many requests: wait (HTTP 429)
    │   └── BusyError               the database is busy (a write lock held too long): retry (HTTP 503)
    ├── ConflictError               the action clashes with the record's state (exit 5, HTTP 409)
    │   └── ConcurrentImportError   another import stored rows of the same source meanwhile: nothing imported
    ├── WorkspaceError              no workspace, or one at the wrong schema version (exit 6, HTTP 503)
    ├── UnreachableError            another server cannot be reached or cut the connection (exit 9, HTTP 502)
    └── IntegrityError              stored history fails a check, e.g. the audit chain (exit 7, HTTP 500)

Library code raises these with a message that says what is wrong and what to do next; the CLI and
the web API turn them into a one-line message and an exit code or a JSON error, never a traceback.
"""

from __future__ import annotations

__all__ = [
    "ArmstraceError",
    "AuthenticationError",
    "BusyError",
    "ConcurrentImportError",
    "ConflictError",
    "ImportFileError",
    "InputError",
    "IntegrityError",
    "NotFoundError",
    "PermissionDeniedError",
    "QuerySyntaxError",
    "QueryTooBroadError",
    "RateLimitError",
    "RefusedMessageError",
    "ReplayedMessageError",
    "RetryLaterError",
    "ThrottledError",
    "UnreachableError",
    "WorkspaceError",
]


class ArmstraceError(Exception):
    """Base of every error armstrace raises on purpose."""

    exit_code = 1
    http_status = 500
    code = "error"


class InputError(ArmstraceError):
    """The user's input is wrong; the message names the file, line, field and reason where known."""

    exit_code = 2
    http_status = 422
    code = "invalid_input"


class QuerySyntaxError(InputError):
    """A serial query (`?`, `*`, `[38]`) that does not parse; the message points at the position."""

    code = "invalid_query"


class QueryTooBroadError(InputError):
    """A serial query that would rank too many candidates, e.g. ``*[0-9]?[0-9]*``: name more characters."""

    code = "query_too_broad"


class ImportFileError(InputError):
    """A file that cannot be read at all: missing, unknown format, or without a required column."""

    code = "invalid_file"


class NotFoundError(ArmstraceError):
    """No such record, or one the caller may not see (the two are indistinguishable on purpose)."""

    exit_code = 3
    http_status = 404
    code = "not_found"


class PermissionDeniedError(ArmstraceError):
    exit_code = 4
    http_status = 403
    code = "forbidden"


class AuthenticationError(ArmstraceError):
    exit_code = 4
    http_status = 401
    code = "unauthenticated"


class ThrottledError(AuthenticationError):
    """Too many failed logins for a user name or from an address: refused until the lock ends."""

    http_status = 429
    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        #: seconds until the lock ends (the HTTP Retry-After header)
        self.retry_after = retry_after


class RefusedMessageError(AuthenticationError):
    """A message from another server that is unsigned, forged, from an unknown server or not for us."""

    code = "refused"


class ReplayedMessageError(ArmstraceError):
    """A message already applied here (a replay, or a retry whose first answer was lost): not applied again."""

    exit_code = 5
    http_status = 409
    code = "replayed"


class RetryLaterError(ArmstraceError):
    """The request is fine but cannot be served now; it can be sent again after ``retry_after`` seconds."""

    exit_code = 8

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        #: seconds the client should wait before it tries again (the HTTP Retry-After header)
        self.retry_after = retry_after


class RateLimitError(RetryLaterError):
    """One user or API token sent more requests than the server's rate allows; retry after a pause."""

    http_status = 429
    code = "too_many_requests"


class BusyError(RetryLaterError):
    """The database kept its write lock longer than the busy timeout (e.g. during a big import)."""

    http_status = 503
    code = "busy"


class ConflictError(ArmstraceError):
    """The action clashes with the record's state, e.g. answering a trace request that is closed."""

    exit_code = 5
    http_status = 409
    code = "conflict"


class ConcurrentImportError(ConflictError):
    """A unique index the bulk import dropped cannot be made again: another import stored rows of this source
    while this one ran. One message for both databases' sinks; ``detail`` is the index and the database's words."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"another import stored rows of this source while this one ran ({detail}); nothing was imported: "
            "import the file again, the rows already stored are skipped"
        )


class WorkspaceError(ArmstraceError):
    """The workspace is missing, unreachable or at the wrong schema version."""

    exit_code = 6
    http_status = 503
    code = "workspace"


class UnreachableError(ArmstraceError):
    """Another server (the agency's, for `armstrace sync`) is unreachable or cut the connection midway."""

    exit_code = 9
    http_status = 502
    code = "unreachable"


class IntegrityError(ArmstraceError):
    """Stored history fails a check (an edited or deleted audit event)."""

    exit_code = 7
    http_status = 500
    code = "integrity"
