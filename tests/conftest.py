"""Shared fixtures: data locations, the real CLI, and a canned local HTTP server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from builders import BACKENDS, CannedServer, make_store_url, run_cli
from fixtures.browser import chromium

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


@pytest.fixture(scope="session")
def cli() -> object:
    """The ``run_cli`` function, as a fixture."""
    return run_cli


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store URL whose tables exist only for this test, once per backend."""
    yield from make_store_url(request.param, tmp_path)


@pytest.fixture()
def store(store_url: str) -> Iterator[Any]:
    """An open store on :func:`store_url` (each backend), closed after the test."""
    from storylens.store import Store

    opened = Store.open(store_url)
    try:
        yield opened
    finally:
        opened.close()


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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A real Chromium for the module's page tests (skips when none is installed)."""
    with chromium() as b:
        yield b
