"""Fetching article URLs safely.

Every hop (the URL and each redirect target) is resolved first and refused
when any address it resolves to is not public: loopback, private, link-local
(including cloud metadata at 169.254.169.254), carrier-grade NAT, multicast,
reserved. The connection then goes to the checked address itself (the Host
header and TLS server name keep the original host name), so a second DNS
answer cannot swap in another address. ``Settings.allow_private``
(``--allow-private``) lifts the address check for intranets and tests.

Bodies are streamed and cut off at ``Settings.max_bytes``; redirects are
followed by hand, at most ``Settings.max_redirects`` of them; connect, read and
total time are bounded by ``Settings.fetch_timeout``.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

from storylens.errors import BlockedAddress, FetchError, TooLarge
from storylens.ingestion.decode import charset_from_header
from storylens.settings import DEFAULT, Settings

if TYPE_CHECKING:
    import httpx

Resolver = Callable[[str, int], list[str]]
"""Maps (host, port) to the IP addresses it resolves to."""

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched response body and what is known about it."""

    url: str  # the final URL, after redirects
    status: int
    content: bytes
    content_type: str | None = None
    charset: str | None = None
    redirects: list[str] = field(default_factory=list)  # URLs that redirected, in order


def default_resolver(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded(ip: IPAddress) -> list[IPAddress]:
    found: list[IPAddress] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in (ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None):
            if inner is not None:
                found.append(inner)
    return found


def blocked_kind(address: str) -> str | None:
    """What kind of non-public address ``address`` is, or None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "unparseable"
    for candidate in _embedded(ip):
        kinds = ("unspecified", "loopback", "link_local", "site_local", "multicast", "private")
        for kind in (*kinds, "reserved"):
            if getattr(candidate, f"is_{kind}", False):  # is_site_local: IPv6 fec0::/10 only
                return kind.replace("_", "-")
        if not candidate.is_global or any(candidate in net for net in _SPECIAL_PURPOSE):
            return "non-public"
    return None


# Special-purpose blocks that Python's ``is_global`` still counts as global:
# 192.0.0.0/24 (IETF protocol assignments, incl. NAT64 discovery and DS-Lite) and
# 64:ff9b:1::/48 (local-use IPv4/IPv6 translation).
_SPECIAL_PURPOSE = (
    ipaddress.ip_network("192.0.0.0/24"),
    ipaddress.ip_network("64:ff9b:1::/48"),
)


@dataclass(frozen=True, slots=True)
class _Target:
    url: str  # as requested
    host: str
    port: int
    address: str  # the checked address the connection goes to


def _check_url(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise FetchError(url, f"invalid URL: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    if not host:
        raise FetchError(url, "URL has no host")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def resolve_target(url: str, settings: Settings, resolver: Resolver | None = None) -> _Target:
    """Resolve ``url``'s host and check every address; raise :class:`BlockedAddress` if needed."""
    _scheme, host, port = _check_url(url)
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = (resolver or default_resolver)(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve host {host!r}: {exc}") from exc
    if not addresses:
        raise FetchError(url, f"host {host!r} resolves to no address")
    if not settings.allow_private:
        for address in addresses:
            kind = blocked_kind(address)
            if kind:
                raise BlockedAddress(
                    url,
                    f"refused: {host} resolves to {address}, a {kind} address "
                    "(use --allow-private to fetch from private networks)",
                )
    return _Target(url, host, port, addresses[0])


def _pinned_request(client: httpx.Client, target: _Target) -> httpx.Request:
    parts = urlsplit(target.url)
    ip = ipaddress.ip_address(target.address.split("%", 1)[0])
    ip_host = f"[{ip}]" if ip.version == 6 else str(ip)
    netloc = f"{ip_host}:{target.port}"
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    default_port = 443 if parts.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    if ":" in target.host:
        host_header = f"[{target.host}]" if target.port == default_port else host_header
    extensions = {"sni_hostname": target.host} if parts.scheme == "https" else {}
    return client.build_request("GET", pinned, headers={"Host": host_header}, extensions=extensions)


def _read_capped(response: httpx.Response, url: str, settings: Settings, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise TooLarge(
            url, f"response of {declared} bytes is over the size cap of {settings.max_bytes} bytes"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise TooLarge(url, f"response body is over the size cap of {settings.max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out: body not received within {settings.fetch_timeout}s")
        chunks.append(chunk)
    return b"".join(chunks)


def _hop(
    client: httpx.Client, target: _Target, settings: Settings, deadline: float
) -> str | FetchedPage:
    """One request: the redirect target (absolute URL) or the fetched page."""
    import httpx

    current = target.url
    try:
        response = client.send(_pinned_request(client, target), stream=True)
    except httpx.TimeoutException as exc:
        raise FetchError(current, f"timed out after {settings.fetch_timeout}s") from exc
    except httpx.HTTPError as exc:
        raise FetchError(current, f"cannot connect: {exc or type(exc).__name__}") from exc
    try:
        location = response.headers.get("location")
        if response.status_code in _REDIRECTS and location:
            return str(urljoin(current, location))
        if response.status_code >= 400:
            raise FetchError(current, f"HTTP error {response.status_code}")
        body = _read_capped(response, current, settings, deadline)
        content_type = response.headers.get("content-type")
        return FetchedPage(
            url=current,
            status=response.status_code,
            content=body,
            content_type=content_type,
            charset=charset_from_header(content_type),
        )
    except httpx.TimeoutException as exc:
        raise FetchError(current, f"timed out after {settings.fetch_timeout}s") from exc
    except httpx.HTTPError as exc:
        raise FetchError(current, f"cannot fetch: {exc or type(exc).__name__}") from exc
    finally:
        response.close()


def fetch(url: str, settings: Settings = DEFAULT, resolver: Resolver | None = None) -> FetchedPage:
    """GET ``url`` under the safety rules above; raise a :class:`FetchError` saying why not."""
    import httpx  # imported on first use: most runs fetch nothing

    deadline = time.monotonic() + 2 * settings.fetch_timeout
    redirects: list[str] = []
    current = url
    headers = {"User-Agent": settings.user_agent, "Accept": _ACCEPT}
    with httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,
        trust_env=False,
        headers=headers,
    ) as client:
        while True:
            target = resolve_target(current, settings, resolver)
            result = _hop(client, target, settings, deadline)
            if isinstance(result, FetchedPage):
                return FetchedPage(
                    result.url,
                    result.status,
                    result.content,
                    result.content_type,
                    result.charset,
                    redirects,
                )
            redirects.append(current)
            if len(redirects) > settings.max_redirects:
                raise FetchError(url, f"too many redirects (more than {settings.max_redirects})")
            if time.monotonic() > deadline:
                raise FetchError(
                    url, f"timed out following redirects after {settings.fetch_timeout}s"
                )
            current = result
