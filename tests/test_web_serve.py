"""`storylens serve`: the real command serves the app; FastAPI stays out of CLI start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fixtures.web_server import free_port
from storylens.store import Store, StoryRecord
from storylens.types import Article, content_id


@pytest.mark.parametrize("module", ["storylens", "storylens.cli"])
def test_web_cli_start_does_not_import_fastapi(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = [m for m in ('fastapi', 'starlette', 'uvicorn', 'jinja2') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_web_serve_help(cli: object) -> None:
    result = cli("serve", "--help")  # type: ignore[operator]
    assert result.returncode == 0
    for option in ("--host", "--port", "--db", "--max-upload-mb", "--allow-private", "--groups"):
        assert option in result.stdout


def _serve(db: Path, *extra: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "storylens", "serve", "--db", str(db), "--port", str(port), *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                httpx.get(base + "/api/stories", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "served.db"
    for base in _serve(db):
        yield base, db


def test_web_serve_command_serves_the_store(served: tuple[str, Path]) -> None:
    base, db = served
    assert httpx.get(base + "/api/stories").json() == []
    page = httpx.get(base + "/")
    assert (
        page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]
    )
    assert db.exists()


def test_web_serve_bad_store_fails_with_one_line(cli: object, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("serve", "--db", str(blocker / "sub" / "s.db"), "--port", "1")  # type: ignore[operator]
    assert result.returncode != 0
    assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_web_serve_groups_fill_the_blindspots_page(tmp_path: Path) -> None:
    db = tmp_path / "groups.db"
    with Store.open(db) as store:
        members: dict[str, list[str]] = {}
        articles = []
        coverage = [("quay", "Coastal Voice"), ("quay", "Harbour Herald"),
                    ("tunnel", "Coastal Voice"), ("tunnel", "Patriot Daily")]  # fmt: skip
        for story, outlet in coverage:
            text = f"The {story} story as {outlet} told it."
            articles.append(Article(id=content_id(text), outlet=outlet, url=None, text=text))
            members.setdefault(story, []).append(articles[-1].id)
        store.add_articles(articles)
        store.write_stories(
            [StoryRecord(id=s, article_ids=ids, title=f"The {s}") for s, ids in members.items()]
        )
    groups = tmp_path / "groups.json"
    groups.write_text(json.dumps({"left": ["coastal voice", "Harbour Herald"],
                                  "right": ["Patriot Daily"]}))  # fmt: skip
    for base in _serve(db, "--groups", str(groups)):
        page = httpx.get(base + "/blindspots").text
        assert "The quay" in page and "The tunnel" not in page  # only "quay" misses a group
        assert "right" in page


def test_web_serve_bad_groups_file_fails_with_one_line(cli: object, tmp_path: Path) -> None:
    groups = tmp_path / "groups.json"
    groups.write_text('["Coastal Voice"]')
    db = tmp_path / "s.db"
    result = cli("serve", "--db", str(db), "--port", "1", "--groups", str(groups))  # type: ignore[operator]
    assert result.returncode != 0 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "groups.json" in errors[0] and "outlet groups" in errors[0]
