"""The Markdown report: every section, consistent tables, report text cannot inject markup."""

from __future__ import annotations

import re

import pytest

from fixtures.render_report import build_report, hostile_report
from storylens.render.markdown import md_escape, render_markdown


@pytest.fixture(scope="module")
def markdown() -> str:
    return render_markdown(build_report())


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("## Outlets", "[Averholt reopens the Tollen Bridge after two years](<https://ledger"),
        ("## Claims by outlet", "✖ conflict"),
        ("## Conflicts", "**19000000**"),
        ("## Sources", "Averholt Ledger ← regional audit office"),
        ("## Naming", "Spendthrift mayor"),
        ("## Loaded terms", "“fiasco” (pejorative)"),
        ("## Summary", "\\[Averholt Ledger; Valley Beacon\\]"),
        ("## Inputs not read", "notes/empty.txt: the file holds no text"),
    ],
)
def test_render_markdown_has_each_section(markdown: str, heading: str, expected: str) -> None:
    section = markdown.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    assert expected in section


def test_render_markdown_tables_have_consistent_columns(markdown: str) -> None:
    for table in re.findall(r"(?:^\|.*\|\n)+", markdown, re.M):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines()}
        assert len(widths) == 1, table


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("[link](javascript:alert(1))", "\\[link\\]\\(javascript:alert\\(1\\)\\)"),
        ("a | b", "a \\| b"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("line\nbreak", "line break"),
        ("AT&T", "AT&amp;T"),
    ],
)
def test_render_markdown_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


def test_render_markdown_hostile_report_has_no_raw_html_or_script_links() -> None:
    text = render_markdown(hostile_report())
    assert re.search(r"(?<!\\)<(script|img|svg|b )", text) is None
    assert "\\<script\\>" in text  # shown, escaped
    assert "](javascript" not in text and "(<javascript" not in text
