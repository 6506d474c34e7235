"""scripts/screenshot.py: a PNG of a report, or one clear error line when it cannot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.render_report import build_report
from storylens.render.html import render_html

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshot.py"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.browser
def test_browser_screenshot_writes_a_png(tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("chromium not installed")
    html = tmp_path / "report.html"
    html.write_text(render_html(build_report()), encoding="utf-8")
    png = tmp_path / "out" / "report.png"
    result = _run(str(html), str(png))
    assert result.returncode == 0, result.stderr
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


@pytest.mark.parametrize(
    ("case", "env", "message"),
    [
        ("no chromium", {"STORYLENS_CHROMIUM": "/nonexistent/chromium"}, "chromium not found"),
        ("no input", {}, "no such file"),
    ],
)
def test_browser_screenshot_fails_clearly(
    tmp_path: Path, case: str, env: dict[str, str], message: str
) -> None:
    html = tmp_path / "report.html"
    if case != "no input":
        html.write_text("<!DOCTYPE html><p>x</p>", encoding="utf-8")
    result = _run(str(html), str(tmp_path / "r.png"), env=env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and message in lines[0]
    assert not (tmp_path / "r.png").exists()
