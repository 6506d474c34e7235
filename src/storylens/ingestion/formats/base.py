"""What an input format is: a sniff function and a streaming reader (see :mod:`.registry`).

A reader gets a binary stream positioned at the input's first byte and a :class:`Source`
naming the input; it yields articles and per-record :class:`InputError` s. Whole-document
formats read at most ``Settings.max_bytes`` (one article); container formats (JSON Lines,
WARC) read record by record, with the cap applied to each record, so a file of any size
is read in constant memory. A container format may also split a file into pieces of a
bounded number of records (byte ranges aligned to record starts) for the corpus engines.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storylens.errors import InputError
from storylens.ingestion.build import Meta
from storylens.ingestion.decode import check_size
from storylens.settings import Settings
from storylens.types import Article

Item = Article | InputError
HEAD = 65536  # bytes a sniff function sees


@dataclass(frozen=True, slots=True)
class Source:
    """One input (or one piece of it) as a reader sees it."""

    label: str  # names the input in errors: a path, a URL, "<stdin>"
    name: str = ""  # the file name, lower-case ("" for stdin): a hint at the format
    path: Path | None = None  # set for regular files (readers that split or seek need it)
    meta: Meta | None = None  # a sidecar's metadata
    url: str | None = None
    declared: str | None = None  # a charset declared by HTTP
    start: int = 0  # a piece: first byte (of the decompressed stream) of its first record
    end: int | None = None  # records starting at or after this byte belong to the next piece
    line: int = 1  # line number at ``start`` (JSON Lines)


Reader = Callable[[BinaryIO, Source, Settings], Iterator[Item]]
# (file, records per piece) -> pieces as (start, end, line); one piece: not worth splitting
Splitter = Callable[[Path, int], list[tuple[int, int | None, int]]]


@dataclass(frozen=True, slots=True)
class InputFormat:
    """An input format: how to recognise it and how to read it."""

    name: str
    sniff: Callable[[str, bytes], bool]  # (lower-case file name or "", first bytes) -> mine?
    read: Reader
    split: Splitter | None = None  # container formats only
    reads_gzip: bool = False  # True: gets ``.gz`` files still compressed (WARC)


def read_capped(stream: BinaryIO, source: Source, settings: Settings) -> bytes:
    """One whole document: at most ``max_bytes`` (:class:`TooLarge` beyond)."""
    data = stream.read(settings.max_bytes + 1)
    size = len(data)
    if size > settings.max_bytes and isinstance(stream, io.BufferedReader):
        with contextlib.suppress(OSError, io.UnsupportedOperation):
            size = max(size, os.fstat(stream.fileno()).st_size)  # name the file's real size
    check_size(size, source.label, settings.max_bytes)
    return data


class Prefixed(io.RawIOBase):
    """``head`` (already read for sniffing) followed by the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
