"""Format sniffing for inputs without a telling file name (stdin, unknown suffixes, URLs)."""

from __future__ import annotations

import pytest

from storylens.ingestion.inputs import is_url, looks_like_feed, looks_like_html, looks_like_jsonl


@pytest.mark.parametrize(
    ("data", "feed"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', True),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', True),
        (b"<?xml version='1.0'?><!-- list --><opml version='2.0'/>", True),
        (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', True),
        (b"<!DOCTYPE rss [<!ENTITY a 'b'>]><rss/>", True),
        (b"<html><body><p>The rss feed broke.</p></body></html>", False),
        (b"Ferry strike ends <rss>", False),
    ],
)
def test_ingest_sniff_feed(data: bytes, feed: bool) -> None:
    assert looks_like_feed(data) is feed


@pytest.mark.parametrize(
    ("data", "html"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", True),
        (b"\xef\xbb\xbf  <html lang='en'>", True),
        (b"<p>One paragraph only.</p>", True),
        (b"# Heading\n\nText with <b>bold</b> markup.", False),
        (b"<3 the ferry crews", False),
    ],
)
def test_ingest_sniff_html(data: bytes, html: bool) -> None:
    assert looks_like_html(data) is html


@pytest.mark.parametrize(
    ("text", "jsonl"),
    [
        ('{"text": "a"}\n{"text": "b"}\n', True),
        ('{"text": "a"}\nplain line\n', False),
        ("{not closed\n", False),
        ("", False),
    ],
)
def test_ingest_sniff_jsonl(text: str, jsonl: bool) -> None:
    assert looks_like_jsonl(text) is jsonl


@pytest.mark.parametrize(
    ("item", "url"),
    [
        ("https://harborledger.com/a", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("ftp://example.org/file", False),
        ("./https-notes.txt", False),
        ("-", False),
    ],
)
def test_ingest_sniff_url(item: str, url: bool) -> None:
    assert is_url(item) is url
