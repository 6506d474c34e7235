"""The web app in Chromium: the example story's conflict, form uploads, hostile uploads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.browser import PageWatch
from fixtures.web_server import serving
from storylens.web import create_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

HOSTILE_MD = """# <script>window.__pwned = 1</script>Bridge opens

By <img src=x onerror="window.__pwned = 2">

The mayor of Averholt reopened the Tollen Bridge on Friday. <script>window.__pwned = 3</script>
The repairs cost 12 million euros, the <b onmouseover="window.__pwned = 4">city</b> said.
[click me](javascript:window.__pwned=5) and <svg onload="window.__pwned = 6"></svg>.
"""
HOSTILE_META = """{
  "url": "javascript:window.__pwned = 7",
  "title": "<script>window.__pwned = 8</script>Harbour news",
  "byline": "<img src=x onerror=\\"window.__pwned = 9\\">",
  "outlet": "<i onmouseover=\\"window.__pwned = 10\\">Evil Outlet</i>"
}
"""
PLAIN = """Tollen Bridge reopens in Averholt

The mayor of Averholt reopened the Tollen Bridge on Friday, the city said.
The repairs cost 19 million euros, according to the Valley Beacon.
"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "stories.db"
    with serving(create_app(db=str(db))) as url:
        yield url


def _upload(browser: Any, base_url: str, files: list[Path]) -> PageWatch:
    watch = PageWatch(browser)
    page = watch.page
    page.goto(base_url + "/")
    page.set_input_files("#files", [str(f) for f in files])
    with page.expect_navigation(timeout=600_000):
        page.click("#submit")
    return watch


def test_browser_upload_two_files_shows_the_report(
    browser: Any, base_url: str, examples_dir: Path
) -> None:
    summit = examples_dir / "summit"
    watch = _upload(browser, base_url, [summit / "harbor-ledger.html", summit / "patriot-daily.md"])
    page = watch.page
    assert "/stories/" in page.url
    assert page.locator("article.doc").count() == 2
    assert page.locator("tr.group").count() > 0
    assert "Patriot Daily" in page.inner_text("#matrix")
    page.goto(base_url + "/")
    assert page.locator("#stories a").count() >= 1  # listed, and reopens
    page.click("#stories a >> nth=0")
    assert page.locator("article.doc").count() >= 2
    assert watch.dialogs == [] and watch.external == []


def test_browser_example_story_conflict_highlights_both_sides(
    browser: Any, base_url: str, examples_dir: Path
) -> None:
    summit = examples_dir / "summit"
    watch = _upload(browser, base_url, sorted(p for p in summit.iterdir() if p.is_file()))
    page = watch.page
    rows = page.locator("tr.group.conflicting")
    assert rows.count() >= 1, "the example story's flow-share conflict was not found"
    rows.nth(0).click()
    focused = page.evaluate(
        """() => Array.from(document.querySelectorAll("article.doc .focus"))
                .map((el) => [el.closest("article").id, el.textContent])"""
    )
    articles = {art for art, _ in focused}
    assert len(articles) >= 2, focused
    text = " ".join(t for _, t in focused)
    assert "40 percent" in text and "60 percent" in text


def test_browser_hostile_upload_never_runs(browser: Any, base_url: str, tmp_path: Path) -> None:
    evil = tmp_path / "evil.md"
    evil.write_text(HOSTILE_MD, encoding="utf-8")
    meta = tmp_path / "evil.meta.json"
    meta.write_text(HOSTILE_META, encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(PLAIN, encoding="utf-8")
    watch = _upload(browser, base_url, [evil, meta, plain])
    page = watch.page
    assert "/stories/" in page.url
    page.hover("article.doc h3 >> nth=0")
    page.hover("article.doc .body >> nth=0")
    assert page.evaluate("() => window.__pwned") is None
    assert watch.dialogs == []
    assert page.locator("script").count() == 1  # only the report's own script
    assert (
        page.locator("main img, main svg:not(.graph), main b, a[href^='javascript']").count() == 0
    )
    text = page.inner_text("main")
    assert "<script>window.__pwned = 8</script>Harbour news" in text  # title shown as text
    assert '<img src=x onerror="window.__pwned = 9">' in text  # byline too
    assert "javascript:window.__pwned = 7" in text  # the URL is shown, never linked
    assert page.locator("main i").count() == 0
    assert watch.external == []
