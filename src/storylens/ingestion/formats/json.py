"""JSON documents (``.json``): one record, a list of records, or ``{"articles": [...]}``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storylens.ingestion.decode import decode_bytes
from storylens.ingestion.formats.base import InputFormat, Item, Source, read_capped
from storylens.ingestion.jsonl import iter_json
from storylens.settings import Settings


def read(stream: BinaryIO, source: Source, settings: Settings) -> Iterator[Item]:
    data = read_capped(stream, source, settings)
    text = decode_bytes(data, source.label, max_bytes=settings.max_bytes, declared=source.declared)
    yield from iter_json(text, source.label, settings)


FORMAT = InputFormat("json", sniff=lambda name, head: Path(name).suffix == ".json", read=read)
