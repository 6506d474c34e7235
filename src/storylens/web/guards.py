"""Cross-site request refusal (CSRF): a pure ASGI middleware.

A page on another site can make the user's browser send a form or a ``fetch`` to the app
(it listens on a predictable local address), planting stories and making the app fetch
URLs. Browsers say where a request comes from: ``Sec-Fetch-Site`` (``same-origin``,
``same-site``, ``cross-site``, ``none`` for what the user typed) and ``Origin`` on every
cross-origin and every POST request. A state-changing request is refused with 403 when
``Sec-Fetch-Site`` says it comes from another origin (another port of ``localhost`` is
"same-site", and refused too), or when its ``Origin`` is not the app's own (an ``Origin``
of ``null``, which a form on the app's own no-referrer pages sends, passes only with
``Sec-Fetch-Site: same-origin``). Requests
without either header (curl, scripts, the API from other programs) are not a browser
acting for someone else, and pass.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from storylens.web.limits import send_error

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1").strip()
    return None


def _origin_of(url: str, scheme: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of an origin or of ``scheme://`` + a Host header value."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.scheme not in DEFAULT_PORTS:
        return None
    return parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


def cross_site_reason(scope: Scope) -> str | None:
    """Why this request is refused as cross-site, or None when it may go on."""
    if scope.get("method") in SAFE_METHODS:
        return None
    site = _header(scope, b"sec-fetch-site")
    if site is not None and site.lower() not in ALLOWED_FETCH_SITES:
        return f"the browser says it comes from another site (Sec-Fetch-Site: {site[:40]})"
    origin = _header(scope, b"origin")
    if origin is None:
        return None
    if origin == "null" and site is not None and site.lower() == "same-origin":
        # the app's pages send no referrer, so the browser hides their origin in form
        # posts ("null"); Sec-Fetch-Site, which no page can set, says it is the app's own
        return None
    scheme = str(scope.get("scheme", "http"))
    host = _header(scope, b"host") or ""
    own = _origin_of(f"{scheme}://{host}", scheme)
    theirs = _origin_of(origin, scheme)
    if own is None or theirs != own:
        return f"it comes from another origin (Origin: {origin[:100]})"
    return None


class CrossSiteGuard:
    """Refuse state-changing requests another site's page made the browser send (403)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            reason = cross_site_reason(scope)
            if reason is not None:
                detail = f"cross-site request refused: {reason}; use the app's own page"
                await send_error(send, 403, detail)
                return
        await self.app(scope, receive, send)
