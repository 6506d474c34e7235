"""The HTML report in Chromium: click-to-highlight evidence, and hostile text never runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fixtures.browser import PageWatch
from fixtures.render_report import build_report, hostile_report
from storylens.render.html import render_html

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _open(browser: Any, tmp_path: Path, report: dict[str, Any]) -> PageWatch:
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    watch = PageWatch(browser)
    watch.page.goto(path.as_uri())
    return watch


def _focused(page: Any) -> dict[str, list[str]]:
    """The focused spans' text per article element id."""
    found: dict[str, list[str]] = page.evaluate(
        """() => {
            const out = {};
            document.querySelectorAll("article.doc .focus").forEach((el) => {
                const id = el.closest("article").id;
                (out[id] = out[id] || []).push(el.textContent);
            });
            return out;
        }"""
    )
    return found


def test_browser_click_conflict_highlights_both_sides(browser: Any, tmp_path: Path) -> None:
    watch = _open(browser, tmp_path, build_report())
    watch.page.click("tr.group.conflicting")
    focused = _focused(watch.page)
    assert "".join(focused["art-0"]).startswith("The repairs cost 12 million euros")
    assert "".join(focused["art-1"]).startswith("The repairs cost 19 million euros")
    assert "art-2" not in focused
    assert watch.page.locator("tr.group.conflicting.selected").count() == 1
    assert watch.external == [] and watch.dialogs == []


def test_browser_click_agreed_group_highlights_every_outlet(browser: Any, tmp_path: Path) -> None:
    watch = _open(browser, tmp_path, build_report())
    watch.page.click('tr.group[data-group="0"]')
    assert set(_focused(watch.page)) == {"art-0", "art-1", "art-2"}
    watch.page.click('tr.group[data-group="3"]')  # a new selection replaces the old one
    assert set(_focused(watch.page)) == {"art-1"}


def test_browser_matrix_orders_and_filters_groups(browser: Any, tmp_path: Path) -> None:
    page = _open(browser, tmp_path, build_report()).page
    statuses = [page.get_attribute(f"tr.group >> nth={i}", "class") for i in range(4)]
    # what outlets share first, then the conflicts, then what one outlet alone reports
    assert [s.split()[1] for s in statuses if s] == ["agreed", "agreed", "conflicting", "unique"]
    assert page.locator("tr.group.unique").is_visible()
    page.check("#hide-unique")
    assert not page.locator("tr.group.unique").is_visible()
    assert page.locator("tr.group.conflicting").is_visible()
    page.uncheck("#hide-unique")
    assert page.locator("tr.group.unique").is_visible()


def test_browser_summary_citation_highlights_its_span(browser: Any, tmp_path: Path) -> None:
    watch = _open(browser, tmp_path, build_report())
    watch.page.click("#summary a.cite >> nth=1")
    assert "".join(_focused(watch.page)["art-1"]).startswith("Spendthrift mayor Ana Ruskin")


def test_browser_hostile_report_never_runs_injected_script(browser: Any, tmp_path: Path) -> None:
    watch = _open(browser, tmp_path, hostile_report())
    page = watch.page
    page.click("tr.group.conflicting")  # our own script still works
    assert _focused(page)
    page.hover("#art-1 h3")
    page.click("#art-1 h3")
    assert page.evaluate("() => window.__pwned") is None
    assert watch.dialogs == []
    body = page.inner_text("body")
    assert "<script>window.__pwned = 1</script>Title" in body
    assert '<img src=x onerror="window.__pwned = 2">' in body
    assert "<script>window.__pwned = 4</script>" in body
    assert page.locator("#art-1 h3 a").count() == 0  # javascript: URL is not a link
    assert page.locator("article script, article img, article b").count() == 0
    assert watch.external == []


def test_browser_example_report_from_the_cli(
    browser: Any, tmp_path: Path, cli: Any, examples_dir: Path
) -> None:
    out = tmp_path / "summit.html"
    result = cli("compare", str(examples_dir / "summit"), "--html", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    watch = PageWatch(browser)
    watch.page.goto(out.as_uri())
    rows = watch.page.locator("tr.group.conflicting")
    assert rows.count() >= 1
    rows.nth(0).click()
    focused = _focused(watch.page)
    assert len(focused) >= 2, focused  # evidence highlighted in at least two articles
    sides = {art: " ".join(texts) for art, texts in focused.items()}
    assert any("40 percent" in t for t in sides.values())
    assert any("60 percent" in t for t in sides.values())
    watch.page.click("#summary a.cite >> nth=0")
    assert _focused(watch.page)
    assert watch.external == [] and watch.dialogs == []


def test_browser_click_claim_in_article_selects_its_group(browser: Any, tmp_path: Path) -> None:
    page = _open(browser, tmp_path, build_report()).page
    page.click("#cl-4")  # the second outlet's side of the cost conflict
    focused = _focused(page)
    assert "".join(focused["art-0"]).startswith("The repairs cost 12 million euros")
    assert page.locator("tr.group.conflicting.selected").count() == 1
