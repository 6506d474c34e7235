"""WARC crawls (plain or gzip, e.g. Common Crawl CC-NEWS): one article per HTML response
record, read record by record; big files split at record boundaries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storylens.ingestion.formats.base import InputFormat, Item, Source
from storylens.ingestion.warc import iter_warc_stream, record_offsets
from storylens.settings import Settings


def sniff(name: str, head: bytes) -> bool:
    return name.endswith((".warc", ".warc.gz")) or head.startswith(b"WARC/")


def read(stream: BinaryIO, source: Source, settings: Settings) -> Iterator[Item]:
    yield from iter_warc_stream(stream, source.label, settings, start=source.start, end=source.end)


def split(path: Path, records: int) -> list[tuple[int, int | None, int]]:
    offsets = record_offsets(path, records)
    ends: list[int | None] = [*offsets[1:], None]
    return [(start, end, 1) for start, end in zip(offsets, ends, strict=True)]


FORMAT = InputFormat("warc", sniff=sniff, read=read, split=split, reads_gzip=True)
