"""The HTML report: self-contained, hash-based CSP, every field escaped, spans highlighted."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from fixtures.render_report import build_report, hostile_report
from storylens.render.html import content_security_policy, render_html


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.ref_text: dict[str, str] = {}
        self._refs: list[list[str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = {k: v or "" for k, v in attrs}
        self.elements.append((tag, data))
        if tag in self.inline:
            self._in = tag
            self.inline[tag].append("")
        if tag == "span":
            self._refs.append(data.get("data-refs", "").split())

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None
        if tag == "span" and self._refs:
            self._refs.pop()

    def handle_data(self, data: str) -> None:
        if self._in:
            self.inline[self._in][-1] += data
            return
        self.text.append(data)
        for refs in self._refs:
            for ref in refs:
                self.ref_text[ref] = self.ref_text.get(ref, "") + data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(build_report())


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(hostile_report())


def test_render_html_csp_lists_the_hash_of_each_inline_block(page: str) -> None:
    parsed = _parse(page)
    metas = [a for t, a in parsed.elements if t == "meta" and a.get("http-equiv")]
    csp = metas[0]["content"]
    assert csp == content_security_policy()
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp
    scripts, styles = parsed.inline["script"], parsed.inline["style"]
    assert len(scripts) == 1 and len(styles) == 1
    assert f"script-src {_hash(scripts[0])}" in csp
    assert f"style-src {_hash(styles[0])}" in csp


def test_render_html_makes_no_external_requests(page: str) -> None:
    parsed = _parse(page)
    for tag, attrs in parsed.elements:
        assert "src" not in attrs, tag
        assert "style" not in attrs, f"inline style attribute on <{tag}> (blocked by the CSP)"
        assert not any(k.startswith("on") for k in attrs), tag
        assert tag not in ("link", "iframe", "img", "object", "embed")
    assert "@import" not in page and "url(" not in page


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("matrix", "The repairs cost 12 million euros"),
        ("conflicts", "19000000"),
        ("provenance", "regional audit office"),
        ("naming", "Spendthrift mayor"),
        ("quotes", "Tomas Veld"),
        ("summary", "Outlets disagree on the cost"),
        ("input-errors", "notes/empty.txt: the file holds no text"),
    ],
)
def test_render_html_has_each_section(page: str, section: str, expected: str) -> None:
    start = page.index(f'<section id="{section}"')
    body = page[start : page.index("</section>", start)]
    assert expected in body


def test_render_html_highlights_every_claim_quote_and_term_at_its_span(page: str) -> None:
    report = build_report()
    parsed = _parse(page)
    texts = {a["id"]: a["text"] for a in report["articles"]}
    spans: list[tuple[str, dict[str, Any]]] = [
        (f"cl-{i}", c) for i, c in enumerate(report["claims"])
    ]
    spans += [(f"qt-{i}", q) for i, q in enumerate(report["quotes"])]
    terms = [t for f in report["framing"] for t in f["loaded_terms"]]
    spans += [(f"lt-{i}", t) for i, t in enumerate(terms)]
    for ref, span in spans:
        assert parsed.ref_text[ref] == texts[span["article"]][span["start"] : span["end"]], ref


def test_render_html_conflict_row_lists_both_sides(page: str) -> None:
    row = re.search(r'<tr class="group conflicting"[^>]*data-refs="([^"]+)"', page)
    assert row is not None
    assert row.group(1).split() == ["cl-3", "cl-4"]


def test_render_html_summary_citations_jump_to_spans(page: str) -> None:
    parsed = _parse(page)
    ids = {a["id"] for _, a in parsed.elements if a.get("id")}
    cites = [a for t, a in parsed.elements if t == "a" and "cite" in a.get("class", "")]
    assert cites
    for cite in cites:
        assert cite["href"].startswith("#") and cite["href"][1:] in ids


@pytest.mark.parametrize(
    "raw",
    [
        "<script>window.__pwned",
        "<img src=x onerror",
        "<b onmouseover",
        "<svg onload",
        '"><script>',
    ],
)
def test_render_html_escapes_hostile_strings(hostile_page: str, raw: str) -> None:
    assert raw not in hostile_page


def test_render_html_hostile_text_is_shown_as_text(hostile_page: str) -> None:
    text = "".join(_parse(hostile_page).text)
    assert "<script>window.__pwned = 4</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert "<svg onload=window.__pwned=8>" in text


def test_render_html_never_links_javascript_urls(hostile_page: str) -> None:
    parsed = _parse(hostile_page)
    hrefs = [a["href"] for _, a in parsed.elements if "href" in a]
    assert hrefs
    for href in hrefs:
        assert href.startswith(("#", "https://", "http://")), href
    assert "javascript:window.__pwned = 3" in "".join(parsed.text)  # shown, not linked


@pytest.mark.parametrize(
    "report",
    [
        {},
        {"articles": "not a list", "claims": [None, 3], "claim_groups": [{"claims": ["nope"]}]},
        {
            "articles": [{"id": 1, "text": None}],
            "claims": [{"id": "c", "article": 1, "start": "x"}],
        },
        {"summary": [{"text": "s", "citations": ["missing"]}], "framing": [{"loaded_terms": 5}]},
    ],
    ids=["empty", "wrong types", "bad spans", "dangling refs"],
)
def test_render_html_survives_malformed_reports(report: dict[str, Any]) -> None:
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
