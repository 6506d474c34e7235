"""Shared fixtures: data locations, the real CLI, and a canned local HTTP server."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs the property tests on a fixed sequence of examples so that a run is repeatable;
# `make fuzz` (and local runs) explore new random examples.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLENS_SHARED", REPO.parent / "shared"))
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def nlp() -> object:
    """The shared spaCy pipeline (loaded once per process by storylens itself)."""
    from storylens.models.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set STORYLENS_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def samples_dir(shared_dir: Path) -> Path:
    return shared_dir / "samples"


@pytest.fixture(scope="session")
def sample_files(samples_dir: Path) -> list[Path]:
    return sorted(samples_dir.glob("*.txt"))


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


@pytest.fixture(scope="session")
def cli() -> object:
    """The ``run_cli`` function, as a fixture."""
    return run_cli


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


@pytest.fixture()
def http_server() -> Iterator[CannedServer]:
    server = CannedServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


@pytest.fixture()
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat exactly 127.0.0.1 (the canned server) as a public address; every other address
    is judged as usual."""
    from storylens.ingestion import fetch as fetch_module

    original = fetch_module.blocked_kind
    monkeypatch.setattr(
        fetch_module, "blocked_kind", lambda a: None if a == "127.0.0.1" else original(a)
    )
