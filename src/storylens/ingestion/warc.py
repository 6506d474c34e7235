"""WARC crawls (plain or gzip-compressed, e.g. Common Crawl CC-NEWS) → articles.

Every ``response`` record with an HTML payload becomes an article through
:func:`storylens.ingestion.article_from_html`; records that are not HTML, not
successful, too large or without an article body are skipped with a reason.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from storylens.errors import InputError, NoArticle, TooLarge
from storylens.settings import Settings
from storylens.types import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _payload(record: Any, source: str, max_bytes: int) -> bytes:
    data: bytes = record.reader.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(source, f"record payload over the {max_bytes}-byte cap")
    return _decode_content(data, record.http_headers.get("Content-Encoding"), source, max_bytes)


def _decode_content(data: bytes, encoding: str | None, source: str, max_bytes: int) -> bytes:
    """Undo a Content-Encoding here, capped: fastwarc loses its place in the file when a
    body it decodes itself is read only in part (a compression bomb cut off at the cap)."""
    coding = (encoding or "identity").strip().lower()
    try:
        if coding in ("gzip", "x-gzip", "deflate"):
            inflater = zlib.decompressobj(47 if data[:1] in (b"\x1f", b"\x78") else -15)
            out: bytes = inflater.decompress(data, max_bytes + 1)
        elif coding == "br":
            import brotli  # type: ignore[import-untyped]

            out = brotli.Decompressor().process(data, output_buffer_limit=max_bytes + 1)
        elif coding == "identity":
            return data
        else:
            raise InputError(source, f"unsupported Content-Encoding {coding!r}")
    except (zlib.error, _brotli_error()) as exc:
        raise InputError(source, f"corrupt {coding} payload: {exc}") from exc
    if len(out) > max_bytes:
        raise TooLarge(source, f"record payload over the {max_bytes}-byte cap once decompressed")
    return out


def _brotli_error() -> type[Exception]:
    try:
        import brotli
    except ImportError:
        return zlib.error
    return brotli.error  # type: ignore[no-any-return]


def _record_error(record: Any, source: str) -> InputError | None:
    """Why a response record is not an HTML page worth extracting, or None."""
    status = record.http_headers.status_code if record.is_http else None
    if status is None:
        return InputError(source, "record has no HTTP response")
    if status != 200:
        return InputError(source, f"HTTP status {status}, not an article page")
    ctype = (record.http_content_type or "").split(";", 1)[0].strip().lower()
    if ctype not in HTML_TYPES:
        return InputError(source, f"content type {ctype or 'missing'} is not HTML")
    return None


def record_article(record: Any, *, path: str, settings: Settings) -> Article | InputError:
    """One WARC response record → an article, or the reason it is not one."""
    from storylens.ingestion.html import article_from_html

    url = record.headers.get("WARC-Target-URI") or None
    source = f"{path}#{url or record.record_id}"
    problem = _record_error(record, source)
    if problem is not None:
        return problem
    try:
        data = _payload(record, source, settings.max_bytes)
        if not data.strip():
            return NoArticle(source, "empty HTTP body")
        article = article_from_html(
            data,
            url=url,
            source=source,
            settings=settings,
            declared_charset=record.http_charset,
        )
    except InputError as exc:
        return exc
    return article


def iter_warc(path: str | Path, settings: Settings) -> Iterator[Article | InputError]:
    """Yield an article (or the reason for skipping) per HTML response record."""
    name = str(path)
    if not Path(name).is_file():
        yield InputError(name, "no such WARC file")
        return
    with open(name, "rb") as fh:
        yield from iter_warc_stream(fh, name, settings)


def iter_warc_stream(
    stream: BinaryIO, name: str, settings: Settings, *, start: int = 0, end: int | None = None
) -> Iterator[Article | InputError]:
    """Like :func:`iter_warc` on an open stream (plain or gzip), one record at a time.

    ``start``/``end``: only the response records that begin in this byte range (a piece
    of a big file, see :func:`record_offsets`); ``start`` must be where a record begins.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    whole = start == 0 and end is None
    count = 0
    try:
        if start:
            stream.seek(start)
        records = ArchiveIterator(
            stream,
            record_types=WarcRecordType.response,
            parse_http=True,
            auto_decode="transfer",  # content encodings: _decode_content
            strict_mode=False,
        )
        for record in records:
            if end is not None and record.stream_pos >= end:
                break
            count += 1
            yield record_article(record, path=name, settings=settings)
    except (OSError, ValueError, RuntimeError) as exc:
        yield InputError(name, f"unreadable WARC data after {count} records: {exc}")
        return
    if count == 0 and whole:
        yield InputError(name, "no WARC response records found (not a WARC file?)")


def record_offsets(path: str | Path, every: int) -> list[int]:
    """Byte offsets of every ``every``-th response record (the first at 0), read without
    parsing HTTP; for a gzip file, only when each record is its own gzip member (as in
    Common Crawl), since a piece must start where decompression can start."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    offsets = [0]
    count = 0
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(
                fh, record_types=WarcRecordType.response, parse_http=False, strict_mode=False
            )
            for record in records:
                if count and count % every == 0:
                    offsets.append(record.stream_pos)
                count += 1
            if str(path).lower().endswith(".gz"):
                for offset in offsets[1:]:
                    fh.seek(offset)
                    if fh.read(2) != b"\x1f\x8b":
                        return [0]
    except (OSError, ValueError, RuntimeError):
        return [0]
    return offsets
