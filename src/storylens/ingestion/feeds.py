"""RSS/Atom feeds, OPML feed lists and XML sitemaps → articles.

Every document is parsed with defusedxml first, so entity bombs and external
entities are rejected before feedparser sees the bytes. Feed items that carry
the full text (``content`` or a long ``summary``) become articles directly;
the others, and every sitemap URL, are fetched through the SSRF-guarded
:func:`storylens.ingestion.fetch.fetch`. OPML lists and sitemap indexes are
followed to a fixed depth.
"""

from __future__ import annotations

import html as html_lib
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from storylens.errors import FetchError, InputError, TooLarge
from storylens.ingestion.decode import gunzip_capped
from storylens.settings import Settings
from storylens.types import Article

FULLTEXT_MIN_WORDS = 120  # an item's own text counts as the article from this length
MAX_DEPTH = 2  # OPML -> feed, sitemap index -> sitemap
MAX_SITEMAP_URLS = 50_000  # the sitemap protocol's own limit
FEED_ROOTS = {"rss": "rss", "feed": "atom", "RDF": "rss", "opml": "opml"}
SITEMAP_ROOTS = {"urlset": "sitemap", "sitemapindex": "sitemapindex"}
_TAG = re.compile(r"<[^>]+>")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def load_bytes(path_or_url: str, settings: Settings) -> tuple[bytes, str]:
    """The raw document and its final location (after redirects)."""
    if is_url(path_or_url):
        from storylens.ingestion.fetch import fetch

        page = fetch(path_or_url, settings)
        data, where = page.content, page.url or path_or_url
    else:
        path = Path(path_or_url)
        try:
            size = path.stat().st_size
            if size > settings.max_bytes:
                raise TooLarge(path_or_url, f"{size} bytes is over the {settings.max_bytes} cap")
            with path.open("rb") as fh:  # capped even when st_size lies (devices, pipes)
                data, where = fh.read(settings.max_bytes + 1), path_or_url
            if len(data) > settings.max_bytes:
                raise TooLarge(path_or_url, f"over the {settings.max_bytes}-byte cap")
        except OSError as exc:
            raise InputError(path_or_url, f"cannot read: {exc.strerror or exc}") from exc
    return data, where


def parse_xml(data: bytes, source: str) -> Element:
    """Parse XML safely (no entity expansion, no external entities, no DTD tricks)."""
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(source, f"unsafe XML rejected ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise InputError(source, f"malformed XML: {exc}") from exc


def feed_kind(root: Element) -> str | None:
    """``rss``, ``atom``, ``opml``, ``sitemap``, ``sitemapindex`` or None."""
    name = _local(root.tag)
    return FEED_ROOTS.get(name) or SITEMAP_ROOTS.get(name)


def sniff_feed(data: bytes) -> str | None:
    """The feed kind of a document's first bytes, without parsing (for input dispatch)."""
    head = data[:2048].decode("utf-8", "replace")
    head = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", head, flags=re.S)
    match = re.search(r"<\s*(?:[\w-]+:)?([\w-]+)", head)
    if not match:
        return None
    name = match.group(1)
    return FEED_ROOTS.get(name) or SITEMAP_ROOTS.get(name)


def iter_feed(
    path_or_url: str | Path, settings: Settings, *, _depth: int = 0
) -> Iterator[Article | InputError]:
    """Yield an article (or why not) per feed item, OPML feed item or sitemap URL."""
    source = str(path_or_url)
    try:
        data, where = load_bytes(source, settings)
    except InputError as exc:
        yield exc
        return
    yield from iter_feed_data(data, where, settings, _depth=_depth)


def iter_feed_data(
    data: bytes, where: str, settings: Settings, *, _depth: int = 0
) -> Iterator[Article | InputError]:
    """Like :func:`iter_feed`, for a document already in memory (``where`` names it)."""
    source = where
    try:
        if data[:2] == b"\x1f\x8b":
            data = gunzip_capped(data, source, settings.max_bytes)
        root = parse_xml(data, source)
    except InputError as exc:
        yield exc
        return
    kind = feed_kind(root)
    if kind is None:
        yield InputError(source, f"<{_local(root.tag)}> is not an RSS/Atom feed, OPML or sitemap")
    elif kind == "opml":
        yield from _iter_opml(root, where, settings, _depth)
    elif kind in ("sitemap", "sitemapindex"):
        yield from _iter_sitemap(root, kind, where, settings, _depth)
    else:
        yield from _iter_items(data, where, settings)


def _nested(location: str, base: str) -> str:
    """A feed/sitemap reference relative to the list it came from."""
    if is_url(location) or is_url(base):
        from urllib.parse import urljoin

        return urljoin(base, location)
    return str((Path(base).parent / location).resolve())


def _iter_opml(
    root: Element, where: str, settings: Settings, depth: int
) -> Iterator[Article | InputError]:
    refs = [o.get("xmlUrl") or o.get("xmlurl") for o in root.iter() if _local(o.tag) == "outline"]
    feeds = [r.strip() for r in refs if r and r.strip()]
    if not feeds:
        yield InputError(where, "OPML list names no feeds (no outline xmlUrl)")
        return
    if depth >= MAX_DEPTH:
        yield InputError(where, f"feed lists nested deeper than {MAX_DEPTH} levels; not followed")
        return
    for ref in list(dict.fromkeys(feeds))[: settings.max_feed_items]:
        yield from iter_feed(_nested(ref, where), settings, _depth=depth + 1)


def _child_text(node: Element, name: str) -> str | None:
    for child in node.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _iter_sitemap(
    root: Element, kind: str, where: str, settings: Settings, depth: int
) -> Iterator[Article | InputError]:
    entry = "sitemap" if kind == "sitemapindex" else "url"
    nodes = [n for n in root if _local(n.tag) == entry]
    nodes = nodes[: min(MAX_SITEMAP_URLS, settings.max_feed_items)]
    if kind == "sitemapindex":
        if depth >= MAX_DEPTH:
            yield InputError(where, f"sitemap indexes nested deeper than {MAX_DEPTH}; not followed")
            return
        for node in nodes:
            loc = _child_text(node, "loc")
            if loc:
                yield from iter_feed(_nested(loc, where), settings, _depth=depth + 1)
        return
    for node in nodes:
        loc = _child_text(node, "loc")
        if not loc:
            continue
        meta = {
            "title": _child_text(node, "title"),
            "published": _iso_date(_child_text(node, "publication_date")),
        }
        yield _fetch_article(_nested(loc, where), settings, meta)


def _iso_date(value: str | None) -> str | None:
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if isinstance(parsed, time.struct_time):
        return time.strftime("%Y-%m-%d", parsed)
    return None


def _entry_html(entry: Any) -> str:
    """The longest HTML/text body the item carries (content beats summary)."""
    bodies = [c.get("value", "") for c in entry.get("content") or []]
    bodies.append(entry.get("summary", "") or "")
    return str(max(bodies, key=len))


def _word_count(markup: str) -> int:
    return len(html_lib.unescape(_TAG.sub(" ", markup)).split())


def _iter_items(data: bytes, where: str, settings: Settings) -> Iterator[Article | InputError]:
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = (parsed.get("entries") or [])[: settings.max_feed_items]
    if not entries:
        yield InputError(where, "feed has no items")
        return
    for index, entry in enumerate(entries):
        link = (entry.get("link") or "").strip() or None
        meta = {"title": entry.get("title") or None, "published": _entry_date(entry)}
        yield _entry_article(entry, link, f"{where}#item{index + 1}", settings, meta)


def _entry_article(
    entry: Any, link: str | None, source: str, settings: Settings, meta: dict[str, str | None]
) -> Article | InputError:
    body = _entry_html(entry)
    if _word_count(body) >= FULLTEXT_MIN_WORDS:
        article = _article_from_fragment(body, link, source, settings, meta)
        if isinstance(article, Article) or link is None:
            return article
    if link is None:
        return InputError(source, "item has no link and too little text to be an article")
    return _fetch_article(link, settings, meta)


def _article_from_fragment(
    body: str, link: str | None, source: str, settings: Settings, meta: dict[str, str | None]
) -> Article | InputError:
    from storylens.ingestion.html import article_from_html

    title = html_lib.escape(meta.get("title") or "")
    page = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    try:
        article = article_from_html(page, url=link, source=link or source, settings=settings)
    except InputError as exc:
        return exc
    return _with_meta(article, meta)


def _fetch_article(
    url: str, settings: Settings, meta: dict[str, str | None]
) -> Article | InputError:
    from storylens.ingestion.fetch import fetch
    from storylens.ingestion.html import article_from_html

    try:
        page = fetch(url, settings)
        article = article_from_html(
            page.content, url=page.url or url, source=url, settings=settings
        )
    except FetchError as exc:
        return exc
    except InputError as exc:
        return exc
    return _with_meta(article, meta)


def _with_meta(article: Article, meta: dict[str, str | None]) -> Article:
    """Fill what the page itself did not state from the feed/sitemap entry."""
    if not article.title and meta.get("title"):
        article.title = meta["title"]
    if not article.published and meta.get("published"):
        article.published = meta["published"]
    return article
