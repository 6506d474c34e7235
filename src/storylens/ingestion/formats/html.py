"""HTML pages (one article per page, extracted by trafilatura)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storylens.ingestion.build import Meta, article_id, stated_outlet
from storylens.ingestion.formats.base import InputFormat, Item, Source, read_capped
from storylens.ingestion.html import article_from_html
from storylens.settings import Settings
from storylens.types import Article

_HTML_HEAD = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})


def looks_like_html(data: bytes) -> bool:
    """An HTML document (markup at the very start)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] == b"<" and bool(_HTML_HEAD.search(head[:1024]))


def sniff(name: str, head: bytes) -> bool:
    suffix = Path(name).suffix
    return suffix in SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(head))


def with_sidecar(article: Article, meta: Meta, settings: Settings) -> Article:
    """A sidecar's metadata over what the page states (its outlet is part of the id)."""
    for key in ("url", "title", "byline", "published", "language"):
        value = getattr(meta, key)
        if value is not None:
            setattr(article, key, value)
    stated = meta.outlet or (
        stated_outlet(Meta(url=meta.url), article.source or "", settings) if meta.url else None
    )
    if stated:  # the outlet is part of the id (see build.article_id)
        article.outlet = stated
        article.id = article_id(article.text, stated)
    return article


def read(stream: BinaryIO, source: Source, settings: Settings) -> Iterator[Item]:
    data = read_capped(stream, source, settings)
    article = article_from_html(
        data, url=source.url, source=source.label, settings=settings,
        declared_charset=source.declared,
    )  # fmt: skip
    yield with_sidecar(article, source.meta, settings) if source.meta else article


FORMAT = InputFormat("html", sniff=sniff, read=read)
