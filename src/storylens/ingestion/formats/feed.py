"""RSS/Atom feeds, OPML lists and sitemaps: each entry is a page to fetch (see
:mod:`storylens.ingestion.feeds`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storylens.ingestion.formats.base import InputFormat, Item, Source, read_capped
from storylens.settings import Settings

SUFFIXES = frozenset({".rss", ".atom", ".opml"})
_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*"
    rb"<(?:rss|feed|opml|urlset|sitemapindex|rdf:RDF)\b",
    re.I | re.S,
)


def looks_like_feed(data: bytes) -> bool:
    """RSS, Atom, OPML or sitemap XML."""
    return bool(_FEED_ROOT.match(data[:4096]))


def sniff(name: str, head: bytes) -> bool:
    suffix = Path(name).suffix
    return suffix in SUFFIXES or (suffix in {".xml", ""} and looks_like_feed(head))


def read(stream: BinaryIO, source: Source, settings: Settings) -> Iterator[Item]:
    from storylens.ingestion.feeds import iter_feed_data

    yield from iter_feed_data(read_capped(stream, source, settings), source.label, settings)


FORMAT = InputFormat("feed", sniff=sniff, read=read)
