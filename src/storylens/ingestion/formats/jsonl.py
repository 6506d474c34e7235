"""JSON Lines (``.jsonl``, ``.ndjson``, plain or gzip): one article record per line, read
line by line with the size cap applied to each line; big files split at line starts."""

from __future__ import annotations

import codecs
import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storylens.errors import InputError, TooLarge
from storylens.ingestion.decode import decode_bytes
from storylens.ingestion.formats.base import InputFormat, Item, Source, read_capped
from storylens.ingestion.jsonl import article_from_line, iter_jsonl
from storylens.settings import Settings

SUFFIXES = frozenset({".jsonl", ".ndjson"})
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_like_jsonl(text: str) -> bool:
    """Every non-empty line is a JSON object."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return bool(lines) and all(ln.startswith("{") and ln.endswith("}") for ln in lines)


def sniff(name: str, head: bytes) -> bool:
    suffix = Path(name).suffix
    if suffix in SUFFIXES:
        return True
    if suffix:
        return False
    # no suffix: JSON Lines when every whole line of the head is an object
    lines = head.split(b"\n")
    if len(lines) > 1 and len(head) >= 65536:
        lines = lines[:-1]  # the last line is cut off by the head's end
    return looks_like_jsonl(b"\n".join(lines).decode("utf-8", "replace"))


def _record(line: bytes, where: str, settings: Settings) -> Item:
    try:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = decode_bytes(line, where, max_bytes=settings.max_bytes)
        return article_from_line(text, where, settings)
    except InputError as err:
        return err


def read(stream: BinaryIO, source: Source, settings: Settings) -> Iterator[Item]:
    """Records from ``source.start`` (a line start) up to the first line at ``source.end``."""
    cap = settings.max_bytes
    if source.start:
        stream.seek(source.start)
    elif source.end is None and _first_bytes(stream).startswith(_WIDE_BOMS):
        # UTF-16/32 text: small by nature, decoded whole
        data = read_capped(stream, source, settings)
        text = decode_bytes(data, source.label, max_bytes=cap, declared=source.declared)
        yield from iter_jsonl(text, source.label, settings)
        return
    pos, lineno = source.start, source.line - 1
    while source.end is None or pos < source.end:
        line = stream.readline(cap + 1)
        if not line:
            return
        pos += len(line)
        lineno += 1
        where = f"{source.label}:{lineno}"
        if len(line.rstrip(b"\r\n")) > cap:
            while not line.endswith(b"\n"):  # skip the rest of the line, a chunk at a time
                line = stream.readline(1 << 20)
                if not line:
                    break
                pos += len(line)
            yield TooLarge(where, f"record over the size cap of {cap} bytes")
            continue
        if line.strip():
            yield _record(line, where, settings)


def _first_bytes(stream: BinaryIO) -> bytes:
    """The stream's first bytes, left unread (buffered streams peek, others seek back)."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return bytes(peek(4)[:4])
    head = stream.read(4)
    stream.seek(0)
    return head


def _open(path: Path) -> BinaryIO:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def split(path: Path, records: int) -> list[tuple[int, int | None, int]]:
    """Pieces of ``records`` non-blank lines: (first byte, end byte, first line number), as
    offsets into the decompressed stream."""
    starts: list[tuple[int, int]] = [(0, 1)]
    pos = count = 0
    try:
        with _open(path) as fh:
            for lineno, line in enumerate(fh, start=1):
                if line.strip():
                    if count and count % records == 0:
                        starts.append((pos, lineno))
                    count += 1
                pos += len(line)
    except (OSError, EOFError, ValueError, zlib.error):
        return [(0, None, 1)]  # reading it whole reports what is wrong
    ends: list[int | None] = [s for s, _ in starts[1:]] + [None]
    return [(s, e, n) for (s, n), e in zip(starts, ends, strict=True)]


FORMAT = InputFormat("jsonl", sniff=sniff, read=read, split=split)
