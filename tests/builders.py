"""Shared test builders: the real CLI in a subprocess, a canned HTTP server, store URLs for
each backend and generated corpus pages. Fixtures that use them live in ``conftest.py``;
tests import the builders from here (never from ``conftest``)."""

from __future__ import annotations

import gzip
import html
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


def run_cli(
    *args: str,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: int = 600,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``storylens`` CLI in a subprocess and capture its output."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", **(env or {})}
    data = input.decode("utf-8", "replace") if isinstance(input, bytes) else input
    return subprocess.run(
        [sys.executable, "-m", "storylens", *args],
        input=data,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


@dataclass
class CannedResponse:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(
        default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"}
    )


class CannedServer:
    """A local HTTP server on 127.0.0.1 serving canned responses by path."""

    def __init__(self) -> None:
        self.routes: dict[str, CannedResponse] = {}
        self.hits: list[str] = []
        routes, hits = self.routes, self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                resp = routes.get(self.path)
                if resp is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(resp.status)
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in resp.headers:
                    self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                self.wfile.write(resp.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str, status: int = 200, **headers: str) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        hdrs = {"Content-Type": "text/html; charset=utf-8"}
        hdrs.update({k.replace("_", "-"): v for k, v in headers.items()})
        self.routes[path] = CannedResponse(data, status, hdrs)
        return self.url(path)


PG_URL = os.environ.get("STORYLENS_TEST_PG_URL")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=[pytest.mark.postgres, pytest.mark.slow]),
]


def pg_schema_url(schema: str) -> str:
    assert PG_URL
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}schema={schema}"


def drop_pg_schema(schema: str) -> None:
    from sqlalchemy import create_engine, text

    assert PG_URL
    engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def make_store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """Yield a store URL for ``backend`` whose tables exist only for this test."""
    if backend == "sqlite":
        yield str(tmp_path / "store.db")
        return
    if not PG_URL:
        pytest.skip("STORYLENS_TEST_PG_URL is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        yield pg_schema_url(schema)
    finally:
        drop_pg_schema(schema)


PARAGRAPHS = {
    "ferry": [
        "The ferry link between Nolby and Askerholm resumed on Monday after a week in which "
        "storms kept every vessel in harbour, the island council said.",
        "Harbour master Tove Brandt said the first crossing left at seven in the morning with "
        "forty passengers and a lorry carrying medicine for the island pharmacy.",
        "Residents of Askerholm had relied on a small supply boat while the storms lasted, and "
        "shops on the island ran short of fresh bread and milk by Thursday.",
        "The council said it would review whether a second, larger vessel should be kept on "
        "standby during the winter months, when the strait is most often closed.",
    ],
    "harvest": [
        "Farmers in the Kessel valley began the barley harvest two weeks earlier than usual "
        "this year after an unusually warm and dry spring, the growers' cooperative said.",
        "Cooperative chair Ivo Marten said yields looked close to average despite the lack of "
        "rain in May, thanks to irrigation from the reservoir finished last autumn.",
        "Seasonal workers arrived in the valley villages over the weekend, and the cooperative "
        "opened its grain store in Lindhof three days ahead of schedule.",
        "Prices for barley at the regional exchange were steady on the news, traders said, "
        "as buyers waited for estimates from the other growing areas.",
    ],
}


def page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Copyright Island Weekly</footer></body></html>"
    )


def warc_record(
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    compress: bool = True,
) -> bytes:
    """One WARC/1.0 response record (gzip-compressed as its own member, like CC-NEWS)."""
    reason = "OK" if status == 200 else "Not Found"
    http_part = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2026-03-14T10:00:00Z\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http_part)}\r\n\r\n"
    ).encode()
    record = head + http_part + b"\r\n\r\n"
    return gzip.compress(record) if compress else record


def warcinfo_record() -> bytes:
    payload = b"software: hand-written test records\r\n"
    head = (
        "WARC/1.0\r\nWARC-Type: warcinfo\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2026-03-14T10:00:00Z\r\nContent-Type: application/warc-fields\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + payload + b"\r\n\r\n")


# fictional paragraphs of one story (names, quotes, a number, an empty paragraph) for
# tests that run the spaCy pipeline
SPACY_PARAGRAPHS = [
    "Valdonian President Mirek Halas signed the Seva River accord in Port Caldera on "
    "Saturday. “For thirty years this river has divided us,” Halas told reporters.",
    "Ostrenian Prime Minister Ilse Marant called the deal a fair bargain, the state news "
    "agency Valpress reported. Her spokesman, Jonas Brekke, denied that Ostrena paid any "
    "compensation.",
    "The krona rose 1.2 percent against the euro on Monday, traders at Corvane Bank said.",
    "",
    "Ecologist Lena Varga warned that salmon stocks could fall by a third by 2030.",
]
