"""Feeds, OPML lists and sitemaps: full-text items become articles, others are fetched safely."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from builders import PARAGRAPHS, CannedServer, page
from storylens.errors import InputError
from storylens.ingestion.feeds import iter_feed, sniff_feed
from storylens.settings import Settings
from storylens.types import Article

LOCAL = Settings(allow_private=True)


def _rss(items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Island Weekly</title><link>https://islandweekly.example/</link>"
        f"{''.join(items)}</channel></rss>"
    )


def _item(title: str, link: str, *, summary: str = "", content: str = "") -> str:
    encoded = f"<content:encoded>{html.escape(content)}</content:encoded>" if content else ""
    return (
        f"<item><title>{title}</title><link>{link}</link>"
        "<pubDate>Sat, 14 Mar 2026 09:30:00 GMT</pubDate>"
        f"<description>{html.escape(summary)}</description>{encoded}</item>"
    )


def _full(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs * 2)


def _rss_doc(server: CannedServer) -> str:
    link = server.add("/harvest", page("Early barley harvest", PARAGRAPHS["harvest"]))
    return _rss(
        [
            _item(
                "Ferry link resumes",
                "https://islandweekly.example/ferry",
                summary="Short teaser.",
                content=_full(PARAGRAPHS["ferry"]),
            ),
            _item("Early barley harvest", link, summary="The harvest started early."),
        ]
    )


def test_sources_feeds_rss_fulltext_and_fetched(tmp_path: Path, http_server: CannedServer) -> None:
    feed = tmp_path / "weekly.rss"
    feed.write_text(_rss_doc(http_server), encoding="utf-8")
    items = list(iter_feed(str(feed), LOCAL))
    assert all(isinstance(i, Article) for i in items), items
    ferry, harvest = items
    assert isinstance(ferry, Article) and isinstance(harvest, Article)
    assert "Tove Brandt" in ferry.text and ferry.url == "https://islandweekly.example/ferry"
    assert ferry.published == "2026-03-14"  # stated by the feed item
    assert "growers' cooperative" in harvest.text
    assert http_server.hits == ["/harvest"]  # the full-text item was not fetched


def test_sources_feeds_atom_from_url(http_server: CannedServer) -> None:
    link = http_server.add("/ferry", page("Ferry link resumes", PARAGRAPHS["ferry"]))
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>IW</title>'
        f'<entry><title>Ferry link resumes</title><link href="{link}"/>'
        "<updated>2026-03-16T08:00:00Z</updated><summary>Teaser only.</summary></entry></feed>"
    )
    url = http_server.add("/atom.xml", atom, Content_Type="application/atom+xml")
    (item,) = iter_feed(url, LOCAL)
    assert isinstance(item, Article), item
    assert item.url == link and "Harbour master" in item.text


def test_sources_feeds_opml_follows_feeds(tmp_path: Path, http_server: CannedServer) -> None:
    rss_url = http_server.add(
        "/weekly.rss", _rss_doc(http_server), Content_Type="application/rss+xml"
    )
    local = tmp_path / "local.rss"
    local.write_text(
        _rss(
            [
                _item(
                    "Ferry again",
                    "https://islandweekly.example/f2",
                    content=_full(PARAGRAPHS["ferry"]),
                )
            ]
        ),
        encoding="utf-8",
    )
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>My feeds</title></head><body>'
        f'<outline text="news"><outline type="rss" text="Weekly" xmlUrl="{rss_url}"/>'
        '<outline type="rss" text="Local" xmlUrl="local.rss"/></outline></body></opml>',
        encoding="utf-8",
    )
    items = list(iter_feed(str(opml), LOCAL))
    assert len(items) == 3 and all(isinstance(i, Article) for i in items), items


def test_sources_feeds_sitemap(tmp_path: Path, http_server: CannedServer) -> None:
    a = http_server.add("/a", page("Ferry link resumes", PARAGRAPHS["ferry"]))
    b = http_server.add("/b", page("Early barley harvest", PARAGRAPHS["harvest"]))
    missing = http_server.url("/missing")
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{a}</loc><news:news><news:publication_date>2026-03-15T10:00:00Z"
        "</news:publication_date><news:title>Ferry link resumes</news:title></news:news></url>"
        f"<url><loc>{b}</loc></url><url><loc>{missing}</loc></url></urlset>"
    )
    index = http_server.add(
        "/index.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{http_server.add('/news.xml', sitemap, Content_Type='application/xml')}"
        "</loc></sitemap></sitemapindex>",
        Content_Type="application/xml",
    )
    items = list(iter_feed(index, LOCAL))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [x.url for x in articles] == [a, b]
    assert articles[0].published == "2026-03-15"
    assert len(errors) == 1 and errors[0].source == missing


def test_sources_feeds_private_address_blocked_by_default(http_server: CannedServer) -> None:
    url = http_server.add("/weekly.rss", _rss_doc(http_server))
    (item,) = iter_feed(url, Settings())
    assert isinstance(item, InputError)
    assert http_server.hits == []


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    "<rss><channel><title>&lol2;</title></channel></rss>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    "<rss><channel><title>&xxe;</title></channel></rss>"
)


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        (BOMB, "unsafe XML rejected"),
        (EXTERNAL, "unsafe XML rejected"),
        ("<rss><channel><title>cut off", "malformed XML"),
        ("<html><body>not a feed</body></html>", "is not an RSS/Atom feed"),
        ("<rss><channel><title>Empty</title></channel></rss>", "feed has no items"),
        ("<opml><body><outline text='x'/></body></opml>", "names no feeds"),
    ],
    ids=["entity-bomb", "external-entity", "malformed", "not-a-feed", "no-items", "empty-opml"],
)
def test_sources_feeds_rejects(tmp_path: Path, doc: str, reason: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(doc, encoding="utf-8")
    items = list(iter_feed(str(path), LOCAL))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert reason in items[0].reason


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "rss"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "atom"),
        (b"<!-- list --><opml>", "opml"),
        (b"<urlset xmlns='x'>", "sitemap"),
        (b"<sitemapindex>", "sitemapindex"),
        (b"<html>", None),
    ],
)
def test_sources_feeds_sniff(head: bytes, kind: str | None) -> None:
    assert sniff_feed(head) == kind
