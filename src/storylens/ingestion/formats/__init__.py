"""The input formats, registered in one place: :data:`FORMATS`, tried in order.

Each format is one module with a ``FORMAT`` (:class:`~.base.InputFormat`): a sniff
function over the file name and the first bytes, and a streaming reader. To add a
format, write its module and put its ``FORMAT`` in :data:`FORMATS` before the formats
that would otherwise claim its files (``text`` takes anything and stays last).
``.gz`` files are decompressed on the fly and sniffed by their inner name, except for
formats that read gzip themselves (``reads_gzip``).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from typing import BinaryIO

from storylens.errors import BinaryInput, InputError
from storylens.ingestion.formats import feed, html, json, jsonl, text, warc
from storylens.ingestion.formats.base import HEAD, InputFormat, Item, Prefixed, Source
from storylens.settings import Settings

FORMATS: tuple[InputFormat, ...] = (
    warc.FORMAT,
    feed.FORMAT,
    jsonl.FORMAT,
    json.FORMAT,
    html.FORMAT,
    text.FORMAT,
)


def sniff(name: str, head: bytes) -> InputFormat:
    """The first registered format that claims this input."""
    return next(f for f in FORMATS if f.sniff(name, head))


def compressed(name: str) -> bool:
    """A ``.gz`` file that is decompressed before its format reads it."""
    return name.endswith(".gz") and not any(f.reads_gzip and f.sniff(name, b"") for f in FORMATS)


def format_of(name: str, head: bytes) -> InputFormat:
    """The format of a file named ``name`` (lower-case) whose first bytes are ``head``
    (decompressed for :func:`compressed` names)."""
    return sniff(name.removesuffix(".gz") if compressed(name) else name, head)


class _Gunzip(gzip.GzipFile):
    """A gzip stream whose corrupt data is a :class:`BinaryInput` naming the input."""

    label = ""

    def read(self, size: int | None = -1) -> bytes:
        try:
            return super().read(size)
        except (OSError, EOFError, zlib.error) as exc:
            raise BinaryInput(self.label, f"corrupt gzip data: {exc}") from exc

    def readline(self, size: int | None = -1) -> bytes:
        try:
            return super().readline(size)
        except (OSError, EOFError, zlib.error) as exc:
            raise BinaryInput(self.label, f"corrupt gzip data: {exc}") from exc


def read_source(stream: BinaryIO, source: Source, settings: Settings) -> Iterator[Item]:
    """Articles and errors from one input's stream, in the format it is sniffed as.

    A seekable ``stream`` is rewound after sniffing; any other (stdin) is read through a
    :class:`~.base.Prefixed` wrapper. An error that ends the input is yielded last.
    """
    try:
        with ExitStack() as stack:
            name = source.name
            if compressed(name):
                gz = stack.enter_context(_Gunzip(fileobj=stream, mode="rb"))
                gz.label = source.label
                stream = gz  # type: ignore[assignment]
                name = name.removesuffix(".gz")
            fmt = _sniffed(stream, name)
            if fmt is None:
                head = stream.read(HEAD)
                fmt = sniff(name, head)
                stream = io.BufferedReader(Prefixed(head, stream))
            yield from fmt.read(stream, replace(source, name=name), settings)
    except InputError as err:
        yield err


def _sniffed(stream: BinaryIO, name: str) -> InputFormat | None:
    """The format of a seekable stream (rewound after), or None for a stream (stdin)."""
    if not stream.seekable():
        return None
    head = stream.read(HEAD)
    stream.seek(0)
    return sniff(name, head)


__all__ = ["FORMATS", "InputFormat", "Source", "compressed", "format_of", "read_source", "sniff"]
