"""Browsing a store of 5,000 generated stories in Chromium: page, search, filter, open a
story, compare it in the background and read the report."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from fixtures.browser import PageWatch
from fixtures.web_server import serving
from storylens.store import Store
from storylens.stories.synthetic import fill_store
from storylens.web import create_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

STORIES = 5000


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browse5k") / "stories.db"
    with Store.open(str(db)) as store:
        fill_store(store, STORIES, seed=8, days=365)
    with serving(create_app(db=str(db))) as url:
        yield url


def _count(page: Any) -> int:
    text = page.inner_text("#story-count")
    match = re.match(r"(\d+) stor", text)
    assert match, text
    return int(match.group(1))


def test_browser_browse_pages_search_filter_compare(browser: Any, base_url: str) -> None:
    watch = PageWatch(browser)
    page = watch.page
    page.goto(base_url + "/")
    assert _count(page) == STORIES
    assert page.locator("tr.story").count() == 50
    first_rows = page.locator("tr.story td:nth-child(5)").all_inner_texts()
    assert first_rows == sorted(first_rows, reverse=True)  # newest story first

    # page through: next, next, last
    page.click("#page-next")
    page.click("#page-next")
    assert "page 3 of 100" in page.inner_text("#pager")
    third = page.locator("tr.story td:nth-child(5)").all_inner_texts()
    assert max(third) <= min(first_rows)
    page.click("#page-last")
    assert "page 100 of 100" in page.inner_text("#pager")

    # search by a word of a story title
    page.goto(base_url + "/")
    title = page.locator("tr.story a").nth(3).inner_text()
    word = max(title.split(), key=len).strip(";,.")
    page.fill("#q", word)
    page.click("#filter")
    found = _count(page)
    assert 0 < found < STORIES
    assert title in page.locator("tr.story a").all_inner_texts() or found > 50

    # filter by outlet and date range
    page.goto(base_url + "/")
    page.select_option("#outlet", "Coastal Voice")
    page.fill("#from", "2026-03-01")
    page.fill("#to", "2026-03-31")
    page.click("#filter")
    narrowed = _count(page)
    assert 0 < narrowed < STORIES
    for first, last in zip(
        page.locator("tr.story td:nth-child(4)").all_inner_texts(),
        page.locator("tr.story td:nth-child(5)").all_inner_texts(),
        strict=True,
    ):
        assert first <= "2026-03-31" and last >= "2026-03-01"

    # open a story, start its comparison, wait for the report
    page.locator("tr.story a").first.click()
    assert page.locator("tr.article").count() >= 2
    assert "Coastal Voice" in page.inner_text("#article-list")
    page.click("#compare-story")
    page.wait_for_selector("#job-state, #open-report", timeout=30_000)
    page.wait_for_selector("#open-report", timeout=900_000)  # the page reloads itself
    page.click("#open-report")
    assert page.locator("article.doc").count() >= 2
    assert page.locator("#matrix").count() == 1
    page.goto(base_url + "/")
    assert watch.dialogs == [] and watch.external == []
