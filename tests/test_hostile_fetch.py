"""Hostile web servers: compression bombs, lying lengths and trickled bodies are bounded.

Each server runs on 127.0.0.1 (``allow_private`` so the guard lets the test reach it).
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import psutil
import pytest

from builders import CannedServer
from storylens.errors import InputError, TooLarge
from storylens.ingestion import iter_ingest
from storylens.ingestion.fetch import fetch
from storylens.settings import Settings

LOCAL = Settings(allow_private=True, max_bytes=1_000_000, fetch_timeout=2.0)


def _bomb(size: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"<p>" + b"a" * (1 << 20)
    return b"".join(z.compress(block) for _ in range(size >> 20)) + z.flush()


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_hostile_fetch_content_encoding_bomb_is_capped(
    http_server: CannedServer, encoding: str
) -> None:
    if encoding == "gzip":
        body = _bomb(64 << 20)
    elif encoding == "deflate":
        body = zlib.compress(b"a" * (64 << 20), 6)
    else:
        body = pytest.importorskip("brotli").compress(b"a" * (64 << 20), quality=3)
    url = http_server.add("/bomb.html", body, Content_Encoding=encoding)
    process = psutil.Process()
    before = process.memory_info().rss
    started = time.monotonic()
    with pytest.raises(TooLarge, match="cap"):
        fetch(url, LOCAL)
    assert time.monotonic() - started < 20
    assert process.memory_info().rss - before < 150 * 1024 * 1024


def test_hostile_fetch_gzip_file_bomb_over_http_is_capped(http_server: CannedServer) -> None:
    url = http_server.add("/page.txt.gz", gzip.compress(b"a" * (50 << 20)))
    (item,) = iter_ingest([url], LOCAL)
    assert isinstance(item, InputError) and item.reason


@contextmanager
def raw_server(handler: Callable[[socket.socket], None]) -> Iterator[str]:
    """A one-connection-at-a-time TCP server running ``handler`` per connection."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    stop = threading.Event()

    def serve() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            with conn, suppress(OSError):
                handler(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join(timeout=5)
        sock.close()


def _trickle(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(200):  # one byte every 0.5 s: never a read timeout, never finished
        conn.sendall(b"a")
        time.sleep(0.5)


def _endless_headers(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    for n in range(100_000):
        conn.sendall(f"X-Filler-{n}: {'a' * 1000}\r\n".encode())


def _lying_length(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n\r\n")
    conn.sendall(b"<p>" + b"a" * 5_000_000)


def _no_length_endless(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
    for _ in range(10_000):
        conn.sendall(b"a" * 65536)


def _garbage(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"\x00\xff\xfe NOT HTTP AT ALL \r\n\r\n" * 100)


@pytest.mark.parametrize(
    ("handler", "limit"),
    [
        (_trickle, 10.0),
        (_endless_headers, 20.0),
        (_lying_length, 10.0),
        (_no_length_endless, 10.0),
        (_garbage, 10.0),
    ],
    ids=["trickle", "endless-headers", "lying-length", "endless-body", "garbage"],
)
def test_hostile_fetch_bad_servers_end_in_clear_errors(
    handler: Callable[[socket.socket], None], limit: float
) -> None:
    with raw_server(handler) as url:
        started = time.monotonic()
        items = list(iter_ingest([url], LOCAL))
        took = time.monotonic() - started
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, InputError) and item.reason.strip(), item
    assert took < limit, f"took {took:.1f}s"
