"""Issue 17, item 9: one ``error:`` line from ``serve`` too; web errors speak to web users.

``storylens serve --config bad.toml`` printed two chained tracebacks where every other
command prints one ``error:`` line. The web app's error messages showed the server's
temporary upload paths and a command-line hint (``raise --max-bytes``) a web user cannot
follow.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from builders import run_cli
from fixtures.render_report import build_report
from fixtures.web_server import serving
from storylens.settings import Settings
from storylens.types import Article
from storylens.web import create_app

CLI_HINTS = ("--max-bytes", "--allow-private", "storylens corpus")
STORY = "The harbour board of Lindqvist Bay met on Tuesday and agreed to add two crossings.\n"


@pytest.mark.parametrize(
    "config", ["max_bytes = [\n", "no_such_setting = 1\n", "max_bytes = 'big'\n", "\x00\x01binary"]
)
def test_regression_serve_bad_config_is_one_error_line(tmp_path: Path, config: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(config, encoding="utf-8")
    result = run_cli("serve", "--config", str(path), "--port", "0", timeout=60)
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert str(path) in lines[0]


def _assert_for_web(detail: str, upload_root: str) -> None:
    assert "storylens-upload-" not in detail and upload_root not in detail, detail
    for hint in CLI_HINTS:
        assert hint not in detail, detail


def test_regression_web_size_error_names_the_upload_not_a_server_path(tmp_path: Path) -> None:
    app = create_app(db=str(tmp_path / "s.db"), settings=Settings(max_bytes=20_000))
    bomb = gzip.compress(STORY.encode() * 2000)  # small upload, large once decompressed
    with serving(app) as base:
        resp = httpx.post(
            base + "/api/compare", files={"files": ("story.txt.gz", bomb)}, timeout=60
        )
        page = httpx.post(base + "/compare", files={"files": ("story.txt.gz", bomb)}, timeout=60)
    assert resp.status_code == 413, resp.text
    detail = resp.json()["detail"]
    _assert_for_web(detail, "/tmp/")
    assert detail.startswith("story.txt.gz:") and "smaller file" in detail
    assert page.status_code == 413 and "story.txt.gz" in page.text
    _assert_for_web(page.text, "/tmp/storylens")


def test_regression_web_blocked_url_error_has_no_cli_hint(tmp_path: Path) -> None:
    app = create_app(db=str(tmp_path / "s.db"))
    with serving(app) as base:
        resp = httpx.post(
            base + "/api/compare", json={"urls": ["http://127.0.0.1:9/story"]}, timeout=60
        )
    assert resp.status_code == 422, resp.text
    detail = resp.json()["detail"]
    assert "127.0.0.1" in detail and "private" in detail
    _assert_for_web(detail, "/tmp/")


def _comparer_with_errors(inputs: Sequence[str | Article], settings: Settings) -> dict[str, Any]:
    """A stand-in comparison whose report lists an unreadable upload, as compare does."""
    (folder,) = [i for i in inputs if isinstance(i, str)]
    errors = [{"source": f"{folder}/photo.txt", "reason": "binary data (PNG image), not text"}]
    return {**build_report(), "errors": errors}


def test_regression_web_report_errors_name_uploads_not_server_paths(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    app = create_app(db=str(db), comparer=_comparer_with_errors)
    with serving(app) as base:
        resp = httpx.post(
            base + "/api/compare",
            files=[("files", ("story.txt", STORY.encode())), ("files", ("photo.txt", b"x"))],
            timeout=60,
        )
        stored = httpx.get(base + f"/api/stories/{resp.json()['story_id']}", timeout=60)
    assert resp.status_code == 201, resp.text
    for report in (resp.json(), stored.json()):
        assert report["errors"] == [
            {"source": "photo.txt", "reason": "binary data (PNG image), not text"}
        ]
