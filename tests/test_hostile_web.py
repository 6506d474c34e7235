"""The web app under hostile requests: oversized bodies get 413 early, junk gets a 4xx.

A real uvicorn server on 127.0.0.1 (in this process, so its memory can be watched). An
upload streamed without a length, far over the cap, is cut off with 413 after little more
than the cap has been read; the process does not grow by the body's size. Malformed JSON,
deep nesting, wrong types and unreadable inline articles are client errors, never 500.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil
import pytest

from fixtures.web_server import serving
from storylens.web import create_app

CAP = 1_000_000
STREAM = 200 * 1024 * 1024  # what the client would send if nobody stopped it


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hostile-web") / "stories.db"
    with serving(create_app(db=str(db), max_upload=CAP)) as url:
        yield url


def _raw_post(base: str, head: str, body_chunks: Iterator[bytes]) -> tuple[str, int]:
    """Send a request by hand; return the status line and how many body bytes went out."""
    parts = urlsplit(base)
    sent = 0
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head.encode("ascii"))
        try:
            for chunk in body_chunks:
                sock.sendall(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: that is the point
        sock.settimeout(30)
        try:
            reply = sock.recv(4096).decode("latin-1")
        except ConnectionResetError:
            reply = ""
    return reply.split("\r\n", 1)[0], sent


def _chunked(prefix: bytes, total: int, size: int = 256 * 1024) -> Iterator[bytes]:
    yield f"{len(prefix):x}\r\n".encode() + prefix + b"\r\n"
    frame = f"{size:x}\r\n".encode() + b"a" * size + b"\r\n"
    for _ in range(total // size):
        yield frame
    yield b"0\r\n\r\n"


MULTIPART_HEAD = (
    b"--xyz\r\n"
    b'Content-Disposition: form-data; name="files"; filename="big.txt"\r\n'
    b"Content-Type: text/plain\r\n\r\n"
)
STREAMED = {
    "multipart upload": ("multipart/form-data; boundary=xyz", MULTIPART_HEAD),
    "JSON article": ("application/json", b'{"articles": [{"text": "'),
}


@pytest.mark.parametrize("path", ["/api/compare", "/compare"])
@pytest.mark.parametrize("kind", sorted(STREAMED))
def test_hostile_web_streamed_body_over_cap_gets_413_early(
    base_url: str, path: str, kind: str
) -> None:
    ctype, prefix = STREAMED[kind]
    process = psutil.Process()
    before = process.memory_info().rss
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {ctype}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    status, sent = _raw_post(base_url, head, _chunked(prefix, STREAM))
    grown = process.memory_info().rss - before
    assert " 413 " in status + " ", status
    assert sent < STREAM // 4, f"the server read {sent} bytes before refusing"
    assert grown < 100 * 1024 * 1024, f"server memory grew by {grown} bytes"


def test_hostile_web_declared_length_over_cap_refused_before_the_body(base_url: str) -> None:
    head = (
        "POST /api/compare HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {STREAM}\r\n\r\n"
    )
    status, _sent = _raw_post(base_url, head, iter([]))
    assert " 413 " in status + " ", status


def test_hostile_web_upload_file_over_cap_is_413(base_url: str, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"The ferry runs. " * (CAP // 8))
    with big.open("rb") as fh:
        resp = httpx.post(base_url + "/api/compare", files={"files": ("big.txt", fh)}, timeout=60)
    assert resp.status_code == 413
    assert str(CAP) in resp.json()["detail"]


BAD_BODIES: dict[str, tuple[bytes, str]] = {
    "deeply nested JSON": (b"[" * 100_000 + b"]" * 100_000, "application/json"),
    "deeply nested object": (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "application/json"),
    "article too short to read": (b'{"articles": [{"text": "a"}]}', "application/json"),
    "lone surrogate in text": (b'{"articles": [{"text": "\\ud800 x"}]}', "application/json"),
    "invalid UTF-8": (b'{"urls": ["http://\xff.test/"]}', "application/json"),
    "UTF-16 garbage": (b"\xff\xfe{", "application/json"),
    "JSON null": (b"null", "application/json"),
    "JSON string": (b'"http://a.example/"', "application/json"),
    "urls not a list": (b'{"urls": "http://a.example/"}', "application/json"),
    "urls of numbers": (b'{"urls": [1, 2]}', "application/json"),
    "too many urls": (
        json.dumps({"urls": [f"http://a{i}.test/" for i in range(500)]}).encode(),
        "application/json",
    ),
    "port out of range": (b'{"urls": ["http://a.test:99999/"]}', "application/json"),
    "NUL in url": (b'{"urls": ["http://a.test\\u0000/"]}', "application/json"),
    "NaN": (b'{"articles": NaN}', "application/json"),
    "empty body": (b"", "application/json"),
    "text/plain": (b"hello", "text/plain"),
    "broken multipart": (b"--xyz\r\nContent-Disposition: form-data", "multipart/form-data"),
    "multipart without boundary": (b"abc", "multipart/form-data"),
    "urlencoded junk": (b"urls=%ZZ&&&=", "application/x-www-form-urlencoded"),
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_hostile_web_junk_bodies_are_client_errors(base_url: str, case: str) -> None:
    body, ctype = BAD_BODIES[case]
    for path in ("/api/compare", "/compare"):
        resp = httpx.post(
            base_url + path, content=body, headers={"content-type": ctype}, timeout=120
        )
        assert 400 <= resp.status_code < 500, (path, resp.status_code, resp.text[:300])
        if path == "/api/compare":
            assert resp.json()["detail"].strip()


@pytest.mark.parametrize(
    "path",
    [
        "/stories/%00",
        "/stories/" + "a" * 5000,
        "/stories/%ff%fe",
        "/api/stories/..%2f..%2fetc%2fpasswd",
        "/api/stories/<script>",
        "/api/stories/%0d%0aSet-Cookie:%20x=1",
    ],
)
def test_hostile_web_junk_paths_are_404(base_url: str, path: str) -> None:
    resp = httpx.get(base_url + path)
    assert resp.status_code == 404
    assert "set-cookie" not in resp.headers
    assert resp.headers["content-type"].startswith(("application/json", "text/html"))


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:{port}", True),
        ("localhost:{port}", True),
        ("127.0.0.1", True),
        ("attacker.example:{port}", False),  # a page whose DNS name was re-bound to 127.0.0.1
        ("attacker.example", False),
        ("127.0.0.1.attacker.example", False),
        ("", False),
    ],
)
def test_hostile_web_dns_rebinding_host_is_refused(base_url: str, host: str, allowed: bool) -> None:
    port = urlsplit(base_url).port
    for method, path in (("GET", "/api/stories"), ("POST", "/api/compare"), ("GET", "/")):
        resp = httpx.request(
            method, base_url + path, headers={"Host": host.format(port=port)}, json={"urls": []}
        )
        if allowed:
            assert resp.status_code != 400 or "host" not in resp.text.lower(), resp.text
        else:
            assert resp.status_code == 400, (method, path, resp.status_code)
            assert "stories" not in resp.text and "<form" not in resp.text
            assert "default-src 'none'" in resp.headers["content-security-policy"]


def test_hostile_web_any_host_when_serving_publicly(tmp_path: Path) -> None:
    app = create_app(db=str(tmp_path / "s.db"), allowed_hosts=["*"])
    with serving(app) as base:
        resp = httpx.get(base + "/api/stories", headers={"Host": "news.example:8000"})
    assert resp.status_code == 200
