"""Hostile article fields never run in a browser: the CLI HTML report and the web app.

Every field an article carries (title, byline, outlet, URL, body text; from the page itself
and from sidecar metadata) holds script, event-handler, ``javascript:``/``data:`` and
attribute-breakout payloads. The report goes through the real ``storylens compare --html``
and through the web app (upload, then the story page and the index). In Chromium: no dialog
opens, no payload sets its global, no element carries an event-handler attribute or a
non-http(s) link, and the payloads are visible as text.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from builders import run_cli
from fixtures.browser import PageWatch
from fixtures.web_server import serving
from storylens.web import create_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# each payload sets window.__xss_<n> and/or opens a dialog if it ever runs
P = {
    1: "<script>window.__xss_1=1;alert(1)</script>",
    2: '<img src=x onerror="window.__xss_2=1;alert(2)">',
    3: '<svg onload="window.__xss_3=1;alert(3)"></svg>',
    4: '" onmouseover="window.__xss_4=1;alert(4)" x="',
    5: "' onfocus='window.__xss_5=1' autofocus='",
    6: "javascript:window.__xss_6=1;alert(6)//http://ok.example/",
    7: "data:text/html,<script>parent.__xss_7=1;alert(7)</script>",
    8: "</textarea></title></style><script>window.__xss_8=1;alert(8)</script>",
    9: '<iframe srcdoc="<script>parent.__xss_9=1;alert(9)</script>"></iframe>',
    10: "<a href=javascript:window.__xss_10=1>tap</a>",
    11: "{{7*7}}${7*7}<%= 7*7 %>",
}
ESC = {k: v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for k, v in P.items()}

HTML_PAGE = f"""<!doctype html><html><head>
<title>{ESC[1]} Ferry timetable extended</title>
<meta name="author" content="Ilse Brandt {ESC[2].replace('"', "&quot;")}">
<meta property="og:site_name" content="Bay {ESC[4].replace('"', "&quot;")} Post">
<link rel="canonical" href="javascript:window.__xss_6=1">
</head><body><article>
<h1>{ESC[1]} Ferry timetable extended</h1>
<p>The ferry across Lindqvist Bay will run two extra evening crossings from April, the harbour
board said on Tuesday. {ESC[3]} The board voted five to two for the change.</p>
<p>Harbour master Edda Lunde{ESC[8]} said the crossings would cost 40 crowns. {ESC[9]}</p>
<p>"We listened to the islanders," Lunde told reporters. {ESC[10]} {ESC[11]}</p>
</article></body></html>
"""
SCRAPE = f"""Lindqvist Bay ferry adds crossings {P[2]}

By Tor Almqvist {P[4]}

The ferry across Lindqvist Bay will run two extra evening crossings from April, the harbour
board said on Tuesday. {P[1]} Tickets will cost 60 crowns, the board said.

Harbour master Edda Lunde {P[5]} said "the islanders asked for this {P[3]}" on Tuesday.
[timetable]({P[6]}) ![map]({P[7]}) {P[10]} {P[9]} {P[11]}
"""
SIDECAR = {
    "title": f"{P[8]} Ferry {P[4]}",
    "byline": f"{P[2]} {P[5]}",
    "outlet": f"Harbour {P[3]} \"Voice' {P[4]}",
    "url": P[6],
}
PLAIN = f"""The ferry across Lindqvist Bay will run two extra evening crossings from April, the
harbour board said on Tuesday. Tickets will cost 40 crowns. {P[1]} {P[2]}
Edda Lunde said the change followed a petition. {P[4]}
"""
PLAIN_SIDECAR = {"outlet": f"Island {P[1]} Radio", "url": P[7], "byline": P[9]}


def write_story(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ledger.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "voice.md").write_text(SCRAPE, encoding="utf-8")
    (folder / "voice.meta.json").write_text(json.dumps(SIDECAR), encoding="utf-8")
    (folder / "radio.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "radio.meta.json").write_text(json.dumps(PLAIN_SIDECAR), encoding="utf-8")
    return folder


ATTACK_CHECK = """() => {
    for (const el of document.querySelectorAll('*')) {
        el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
        el.dispatchEvent(new FocusEvent('focus'));
    }
    const handlers = [];
    for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
            if (a.name.startsWith('on')) handlers.push(el.tagName + ' ' + a.name);
        }
    }
    const links = [...document.querySelectorAll('[href],[src],[action],[formaction],[srcdoc]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action')
             || e.getAttribute('formaction') || 'srcdoc')
        .filter(u => !/^(https?:|\\/|#|\\?)/i.test(u.trim()));
    const globals = Object.keys(window).filter(k => k.startsWith('__xss_'));
    return {handlers, links, globals,
            frames: document.querySelectorAll('iframe, object, embed').length,
            scripts: document.scripts.length};
}"""


def assert_inert(watch: PageWatch, *, visible: list[int]) -> None:
    page = watch.page
    for el in page.locator("main a, main tr, article h3").all()[:40]:
        if el.is_visible():
            el.hover(timeout=2000)
    found = page.evaluate(ATTACK_CHECK)
    page.wait_for_timeout(300)
    assert watch.dialogs == [], watch.dialogs
    assert found["globals"] == [], found
    assert found["handlers"] == [], found
    assert found["links"] == [], found
    assert found["frames"] == 0, found
    assert found["scripts"] <= 1, found  # at most the report's own script
    text = page.inner_text("body")
    for n in visible:
        assert P[n] in text, (n, P[n])  # shown as text, whole
    assert watch.external == []


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_story(tmp_path_factory.mktemp("xss") / "story")


def test_hostile_xss_cli_html_report_is_inert(browser: Any, story: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    jsn = tmp_path / "report.json"
    result = run_cli("compare", str(story), "--html", str(out), "--json", str(jsn))
    assert result.returncode == 0, result.stderr
    report = json.loads(jsn.read_text(encoding="utf-8"))
    outlets = {a["outlet"] for a in report["articles"]}
    assert SIDECAR["outlet"] in outlets  # the hostile outlet really reached the report
    html = out.read_text(encoding="utf-8")
    for payload in (P[1], P[2], P[3], P[8], P[9]):
        assert payload not in html  # never raw
    watch = PageWatch(browser)
    watch.page.goto(out.as_uri())
    assert_inert(watch, visible=list(P))


def test_hostile_xss_web_story_and_index_are_inert(
    browser: Any, story: Path, tmp_path: Path
) -> None:
    files = [("files", (p.name, p.read_bytes())) for p in sorted(story.iterdir())]
    with serving(create_app(db=str(tmp_path / "s.db"))) as base:
        resp = httpx.post(base + "/api/compare", files=files, timeout=600)
        assert resp.status_code == 201, resp.text
        story_id = resp.json()["story_id"]
        watch = PageWatch(browser)
        watch.page.goto(f"{base}/stories/{story_id}")
        assert_inert(watch, visible=list(P))
        index = PageWatch(browser)
        index.page.goto(base + "/")
        assert_inert(index, visible=[])
        api = httpx.get(f"{base}/api/stories/{story_id}")
        assert api.headers["content-type"].startswith("application/json")
        assert "default-src 'none'" in api.headers["content-security-policy"]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


SAFE_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "code", "pre", "a"}
SAFE_TAGS |= {"table", "thead", "tbody", "tr", "th", "td", "blockquote", "hr", "br", "del"}


def test_hostile_xss_markdown_report_renders_inert(story: Path, tmp_path: Path) -> None:
    """The Markdown report stays inert when a viewer turns it into HTML (raw HTML allowed)."""
    from markdown_it import MarkdownIt

    out = tmp_path / "report.md"
    result = run_cli("compare", str(story), "--md", str(out))
    assert result.returncode == 0, result.stderr
    viewer = MarkdownIt("commonmark", {"html": True}).enable("table")
    html = viewer.render(out.read_text(encoding="utf-8"))
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in SAFE_TAGS, (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert (value or "").startswith(("http://", "https://", "#")), (tag, value)
