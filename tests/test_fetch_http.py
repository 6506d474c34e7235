"""Fetching from the local canned server: success, redirects, caps, timeouts, refusals."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from builders import CannedServer
from storylens.errors import BlockedAddress, FetchError, TooLarge
from storylens.ingestion.fetch import _read_capped, fetch
from storylens.settings import Settings

PAGE = (
    "<html><head><title>Tram approved</title><meta name='author' content='Orla Benn'></head>"
    "<body><article><h1>Tram approved</h1>"
    "<p>The Lantern City council approved a new tram line on Tuesday after a long debate.</p>"
    "<p>The line will link the harbour with the university by 2027, officials said.</p>"
    "</article></body></html>"
)
LOCAL = Settings(allow_private=True, fetch_timeout=3.0)


def test_fetch_page_with_user_agent(http_server: CannedServer) -> None:
    url = http_server.add("/tram", PAGE)
    page = fetch(url, LOCAL)
    assert page.status == 200 and page.content == PAGE.encode()
    assert page.charset == "utf-8"
    assert http_server.hits == ["/tram"]


def test_fetch_follows_bounded_redirects(http_server: CannedServer) -> None:
    final = http_server.add("/final", PAGE)
    http_server.add("/hop", "", status=302, Location="/final")
    first = http_server.add("/start", "", status=301, Location=http_server.url("/hop"))
    page = fetch(first, LOCAL)
    assert page.url == final
    assert page.redirects == [first, http_server.url("/hop")]


def test_fetch_redirect_loop_stops(http_server: CannedServer) -> None:
    url = http_server.add("/loop", "", status=302, Location="/loop")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(url, LOCAL.with_overrides(max_redirects=3))
    assert len(http_server.hits) == 4


@pytest.mark.parametrize(
    "location", ["http://10.20.30.40/admin", "http://169.254.169.254/latest/meta-data/"]
)
def test_fetch_redirect_to_private_refused(
    http_server: CannedServer, loopback_is_public: None, location: str
) -> None:
    url = http_server.add("/bounce", "", status=302, Location=location)
    with pytest.raises(BlockedAddress):
        fetch(url, Settings(fetch_timeout=3.0))
    assert http_server.hits == ["/bounce"]


def test_fetch_redirect_to_name_resolving_private_refused(
    http_server: CannedServer, loopback_is_public: None
) -> None:
    url = http_server.add("/bounce", "", status=302, Location="http://metadata.lantern.test/")

    def resolver(host: str, port: int) -> list[str]:
        return {"metadata.lantern.test": ["169.254.169.254"]}[host]

    with pytest.raises(BlockedAddress, match=r"169\.254\.169\.254"):
        fetch(url, Settings(fetch_timeout=3.0), resolver=resolver)


def test_fetch_oversize_declared_body_refused(http_server: CannedServer) -> None:
    url = http_server.add("/big", "x" * 5000)
    with pytest.raises(TooLarge):
        fetch(url, LOCAL.with_overrides(max_bytes=1000))


def test_fetch_oversize_streamed_body_cut_off() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"y" * 500

    response = httpx.Response(200, content=chunks())
    with pytest.raises(TooLarge, match="size cap"):
        _read_capped(response, "http://lantern.test/", Settings(max_bytes=2000), float("inf"))


def test_fetch_http_error_status(http_server: CannedServer) -> None:
    with pytest.raises(FetchError, match="HTTP error 404"):
        fetch(http_server.url("/missing"), LOCAL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_fetch_unreachable_port() -> None:
    with pytest.raises(FetchError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{_free_port()}/", LOCAL)


def test_fetch_timeout_on_silent_server() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    try:
        port = listener.getsockname()[1]
        with pytest.raises(FetchError, match="timed out"):
            fetch(f"http://127.0.0.1:{port}/", LOCAL.with_overrides(fetch_timeout=0.5))
    finally:
        for conn in accepted:
            conn.close()
        listener.close()


class _HeaderEcho(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append(dict(self.headers.items()))
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_fetch_connects_to_checked_address_with_host_and_user_agent() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _HeaderEcho)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        resolved: list[str] = []

        def resolver(host: str, port: int) -> list[str]:
            resolved.append(host)
            return ["127.0.0.1"]

        page = fetch(f"http://news.lantern.test:{port}/tram?x=1", LOCAL, resolver=resolver)
    finally:
        server.shutdown()
        server.server_close()
    assert resolved == ["news.lantern.test"]
    assert page.url == f"http://news.lantern.test:{port}/tram?x=1"
    [headers] = _HeaderEcho.seen
    assert headers["Host"] == f"news.lantern.test:{port}"
    assert headers["User-Agent"] == LOCAL.user_agent
    assert "storylens" in LOCAL.user_agent
