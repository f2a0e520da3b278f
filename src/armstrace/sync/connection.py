"""The agency server over HTTP as the laptop sees it: one call, errors made armstrace errors; and what a sync did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from armstrace.exceptions import (
    ArmstraceError,
    AuthenticationError,
    BusyError,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnreachableError,
)

__all__ = ["API", "Connection", "Progress", "SyncSummary"]

API = "/api/v1/sync"
Progress = Callable[[str, int, int], None]
_ERRORS: dict[int, type[ArmstraceError]] = {401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
                                            409: ConflictError, 422: InputError, 429: RateLimitError,
                                            503: BusyError}  # fmt: skip


@dataclass
class SyncSummary:
    """What one sync did: counts, and the records in conflict or refused (each with a reason)."""

    server: str
    agency: str = ""
    user: str = ""
    pushed: int = 0  # created or changed on the server
    pulled: int = 0  # created or changed on the laptop
    skipped: int = 0  # already the same on both sides
    files_uploaded: int = 0
    files_skipped: int = 0  # the server had them already
    bytes_uploaded: int = 0
    files_downloaded: int = 0
    copies: int = 0  # match results and trace requests received as read-only copies
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Connection:
    """The agency server over HTTP; a network failure or an error answer becomes an armstrace error."""

    def __init__(self, url: str, token: str, client: httpx.Client | None) -> None:
        self.url = url
        self.http = client or httpx.Client(base_url=url, timeout=httpx.Timeout(60.0, connect=10.0))
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            headers = self.headers | kwargs.pop("headers", {})
            response = self.http.request(method, f"{self.url}{path}", headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise UnreachableError(
                f"cannot reach the server at {self.url} ({type(exc).__name__}: {exc or 'connection cut'}); "
                "nothing is lost: what the server acknowledged is recorded here, the rest goes next time. "
                "Check the network and that the server runs, then run `armstrace sync` again"
            ) from exc
        if response.status_code >= 400:
            try:
                message = response.json()["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = response.text[:200] or response.reason_phrase
            error = _ERRORS.get(response.status_code, ArmstraceError)
            raise error(f"the server at {self.url} answered {response.status_code}: {message}")
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self.call(method, path, **kwargs).json()
