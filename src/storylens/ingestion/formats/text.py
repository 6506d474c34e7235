"""Plain-text and Markdown scrapes: the fallback format (one article per input)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from storylens.ingestion.build import Meta
from storylens.ingestion.decode import decode_bytes
from storylens.ingestion.formats.base import InputFormat, Item, Source, read_capped
from storylens.ingestion.scrape import article_from_text
from storylens.settings import Settings


def read(stream: BinaryIO, source: Source, settings: Settings) -> Iterator[Item]:
    data = read_capped(stream, source, settings)
    text = decode_bytes(data, source.label, max_bytes=settings.max_bytes, declared=source.declared)
    stated = Meta(url=source.url)
    if source.meta is not None:
        stated.update(source.meta)
    yield article_from_text(text, source=source.label, settings=settings, meta=stated)


FORMAT = InputFormat("text", sniff=lambda name, head: True, read=read)
