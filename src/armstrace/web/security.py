"""Sessions, CSRF tokens and the security headers every response carries.

A session is a signed cookie (HMAC-SHA256 with the server's session key) holding the user id, a random
CSRF token, an expiry and a fingerprint of the user's password hash and session key, so that changing
the password or logging out ends every session of that user. Every visitor gets a session (anonymous
before login), so that even the login form is protected by the synchronizer token: forms carry
``csrf_token``; scripts that use the session cookie send the same value in ``X-CSRF-Token``. Requests
with an ``Authorization: Bearer`` token carry no ambient credentials and need no CSRF token.

The session keys live in the workspace's key folder, never in the database (``store.keys``). After
``armstrace key rotate`` a cookie signed with the previous key is still accepted during the grace
period and re-signed with the new key; after it, the cookie is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "COOKIE",
    "CSRF_HEADER",
    "SECURITY_HEADERS",
    "HeadAsGet",
    "SecurityHeaders",
    "SessionData",
    "SessionSigner",
    "client_address",
    "content_disposition",
    "password_fingerprint",
]

COOKIE = "armstrace_session"
CSRF_HEADER = "x-csrf-token"
SESSION_SECONDS = 12 * 3600

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


def password_fingerprint(password_hash: str | None, session_key: str = "") -> str:
    """What a session cookie carries to stay valid: it changes with the password and with the user's
    session key (``auth.session_key``, renewed when the user logs out)."""
    return hashlib.sha256(f"{password_hash or ''}\x00{session_key}".encode()).hexdigest()[:16]


@dataclass
class SessionData:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    user_id: int | None = None
    fingerprint: str = ""
    expires: int = field(default_factory=lambda: int(time.time()) + SESSION_SECONDS)
    flash: str | None = None
    old_key: bool = False  # signed with a key in its grace period: sign it again with the current one

    def to_dict(self) -> dict[str, Any]:
        return {"c": self.csrf, "u": self.user_id, "f": self.fingerprint, "e": self.expires, "m": self.flash}


class SessionSigner:
    """Signs session cookies with the current session key; accepts the keys still in their grace period.

    ``keys`` is one secret (ARMSTRACE_SECRET_KEY) or a function giving the valid secrets, the current
    one first (``KeyStore.session_secrets``, which sees a rotation made by another process).
    """

    def __init__(self, keys: str | Callable[[], Sequence[str]]) -> None:
        self._keys: Callable[[], Sequence[str]] = (lambda: (keys,)) if isinstance(keys, str) else keys
        self._derived: dict[str, bytes] = {}

    def _key(self, secret: str) -> bytes:
        key = self._derived.get(secret)
        if key is None:
            key = hashlib.sha256(b"armstrace-session:" + secret.encode()).digest()
            self._derived = {**self._derived, secret: key} if len(self._derived) < 16 else {secret: key}
        return key

    def _mac(self, payload: bytes, secret: str | None = None) -> str:
        key = self._key(secret if secret is not None else self._keys()[0])
        return base64.urlsafe_b64encode(hmac.new(key, payload, hashlib.sha256).digest()).decode().rstrip("=")

    def dumps(self, data: SessionData) -> str:
        payload = base64.urlsafe_b64encode(json.dumps(data.to_dict(), separators=(",", ":")).encode())
        return payload.decode().rstrip("=") + "." + self._mac(payload.rstrip(b"="))

    def loads(self, cookie: str | None) -> SessionData | None:
        """The session in a cookie, or None when it is missing, forged or expired."""
        if not cookie or "." not in cookie or len(cookie) > 4096:
            return None
        payload, mac = cookie.rsplit(".", 1)
        body = payload.encode()
        signed_by = next(
            (i for i, secret in enumerate(self._keys()) if hmac.compare_digest(mac, self._mac(body, secret))), None
        )
        if signed_by is None:
            return None
        try:
            raw = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            data = SessionData(
                csrf=str(raw["c"]),
                user_id=raw["u"],
                fingerprint=str(raw["f"]),
                expires=int(raw["e"]),
                flash=raw.get("m"),
            )
        except (ValueError, KeyError, TypeError):
            return None
        if data.expires < time.time():
            return None
        data.old_key = signed_by > 0
        return data

    def csrf_ok(self, session: SessionData | None, token: object) -> bool:
        if session is None or not isinstance(token, str) or not token:
            return False
        return hmac.compare_digest(session.csrf.encode(), token.encode())


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=16)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(t, strict=False) for t in trusted)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address(request: Request, trusted: Sequence[str] = ()) -> str | None:
    """The client's address for the login throttle and the audit log.

    ``X-Forwarded-For`` is believed only when the peer is one of the ``trusted`` proxies (addresses or
    networks, ``Settings.trusted_proxies``): then the right-most hop that is not a trusted proxy is the
    client. Otherwise the header is ignored — any local process could write whatever address it likes.
    """
    peer = request.client.host if request.client else None
    if not trusted or peer is None:
        return peer
    nets = _networks(tuple(trusted))
    peer_ip = _ip(peer)
    if peer_ip is None or not any(peer_ip in n for n in nets):
        return peer
    hops = [h for value in request.headers.getlist("x-forwarded-for") for h in value.split(",") if h.strip()]
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:
            return peer  # a malformed hop: believe nothing further left
        if not any(ip in n for n in nets):
            return str(ip)
    return peer


#: RFC 5987 attr-char beyond letters and digits: everything else in a filename* is percent-encoded
_ATTR_CHARS = "!#$&+-.^_`|~"


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """A Content-Disposition header value for a download named ``filename`` (RFC 6266 with RFC 5987).

    ``filename`` carries an ASCII stand-in (letters, digits and ``._-()`` and space; anything else
    becomes ``_``) for old clients; ``filename*`` the UTF-8 name, percent-encoded, so that Arabic, Cyrillic,
    right-to-left or emoji codes download under their own name. Control characters are dropped, and
    nothing in the name can end the value or add a parameter.
    """
    name = "".join(ch for ch in filename if ch.isprintable()).replace("/", "-").replace("\\", "-") or "download"
    fallback = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-() ") else "_" for ch in name)
    encoded = quote(name, safe=_ATTR_CHARS)
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


class SecurityHeaders:
    """ASGI middleware adding the security headers (and no-store for pages with private data)."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                if not static and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                if self.hsts:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """ASGI middleware answering HEAD like GET — same status and headers, no body (RFC 9110 §9.3.2).

    Link checkers, monitors and proxies send HEAD; the routes are declared for GET only.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
