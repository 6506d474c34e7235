"""Input dispatch: paths, directories, ``-`` (stdin) and URLs to articles.

Each input yields articles or :class:`InputError` s; one bad input never stops
the others. Directories are walked recursively (hidden files and sidecar
``.meta.json`` files skipped). Every input is read as a stream in the format the
registry (:mod:`.formats`) sniffs from its name and first bytes: container files
(JSON Lines, WARC) record by record, with the size cap applied to each record.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from storylens.errors import InputError
from storylens.ingestion.build import Meta
from storylens.ingestion.decode import check_size, gunzip_capped
from storylens.ingestion.fetch import FetchedPage, Resolver, fetch
from storylens.ingestion.formats import compressed, format_of, read_source
from storylens.ingestion.formats.base import HEAD, Source
from storylens.ingestion.formats.feed import SUFFIXES as FEED_SUFFIXES
from storylens.ingestion.formats.feed import looks_like_feed
from storylens.ingestion.formats.html import SUFFIXES as HTML_SUFFIXES
from storylens.ingestion.formats.html import looks_like_html
from storylens.ingestion.formats.jsonl import SUFFIXES as JSONL_SUFFIXES
from storylens.ingestion.formats.jsonl import looks_like_jsonl
from storylens.ingestion.sidecar import is_sidecar, read_sidecar, sidecar_for
from storylens.settings import DEFAULT, Settings
from storylens.types import Article

Item = Article | InputError

_OTHER_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def is_url(item: str) -> bool:
    """Whether ``item`` is an http(s) URL rather than a path."""
    return item.lower().startswith(("http://", "https://"))


def from_bytes(
    data: bytes,
    source: str,
    settings: Settings = DEFAULT,
    *,
    name: str = "",
    meta: Meta | None = None,
    url: str | None = None,
    declared: str | None = None,
) -> Iterator[Item]:
    """Articles from one input's bytes; ``name`` (a file name) hints at the format."""
    src = Source(label=source, name=name.lower(), meta=meta, url=url, declared=declared)
    yield from read_source(io.BytesIO(data), src, settings)


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_regular(path: Path, source: str) -> os.stat_result:
    """``path``'s status; :class:`InputError` unless it is a regular file.

    Checked with ``stat`` before anything opens the path: opening a named pipe blocks until
    a writer appears, and a device never ends. Piped data is read from stdin (``-``).
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
        raise InputError(
            source, f"not a regular file ({kind}); to read a stream, pipe it to '-' (stdin)"
        )
    return info


def from_file(
    path: Path, settings: Settings = DEFAULT, *, start: int = 0, end: int | None = None,
    line: int = 1,
) -> Iterator[Item]:  # fmt: skip
    """Articles from one regular file (its sidecar applied), or from the piece of it that
    begins at byte ``start`` (a record start) and ends before the record at ``end``."""
    source = str(path)
    try:
        check_regular(path, source)
        sidecar = sidecar_for(path)
        meta = read_sidecar(sidecar) if sidecar else None
        src = Source(
            label=source, name=path.name.lower(), path=path, meta=meta, start=start, end=end,
            line=line,
        )  # fmt: skip
        with path.open("rb") as fh:
            yield from read_source(fh, src, settings)
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
    except InputError as err:
        yield err


def split_file(path: Path, records: int) -> list[tuple[int, int | None, int]]:
    """Pieces of about ``records`` records each, as ``(start, end, line)`` for
    :func:`from_file`; one piece for a file whose format does not split."""
    name = path.name.lower()
    try:
        with (gzip.open if compressed(name) else open)(path, "rb") as fh:
            head = fh.read(HEAD)
        fmt = format_of(name, head)
    except (OSError, EOFError, zlib.error):
        return [(0, None, 1)]
    return fmt.split(path, records) if fmt.split is not None else [(0, None, 1)]


_FEED_ENTRY = re.compile(rb"<(?:item|entry|url|sitemap|outline)\b", re.I)


def count_records(path: Path, settings: Settings = DEFAULT, *, limit: int | None = None) -> int:
    """How many articles ``path`` can hold at most, found without extracting or fetching.

    JSON Lines: its non-blank lines; a JSON array (or ``{"articles": [...]}``): its
    elements; WARC: its response records; a feed, sitemap or OPML list: its entries (each a
    URL to fetch); anything else: one. Counting stops once past ``limit``. A file that
    cannot be read counts as one: reading it later reports why.
    """
    name = path.name.lower()
    try:
        check_regular(path, str(path))
        if name.endswith((".warc", ".warc.gz")):
            return _count_warc(path, limit)
        if Path(name.removesuffix(".gz")).suffix in JSONL_SUFFIXES:
            return _count_lines(path, limit)
        with path.open("rb") as fh:
            data = fh.read(settings.max_bytes + 1)
        check_size(len(data), str(path), settings.max_bytes)
        if name.endswith(".gz"):
            data = gunzip_capped(data, str(path), settings.max_bytes)
            name = name.removesuffix(".gz")
    except (OSError, EOFError, InputError):
        return 1
    suffix = Path(name).suffix
    if suffix in FEED_SUFFIXES or (suffix in {".xml", ""} and looks_like_feed(data)):
        return min(len(_FEED_ENTRY.findall(data)), settings.max_feed_items)
    lines = sum(1 for line in data.splitlines() if line.strip())
    if suffix == ".json":
        try:
            value = json.loads(data)
        except (ValueError, RecursionError):
            return 1
        if isinstance(value, dict) and isinstance(value.get("articles"), list):
            value = value["articles"]
        return len(value) if isinstance(value, list) else 1
    if not suffix and data.lstrip()[:1] == b"{" and lines > 1:
        return lines  # perhaps JSON Lines without its suffix
    return 1


def _count_lines(path: Path, limit: int | None) -> int:
    count = 0
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        for line in fh:
            count += bool(line.strip())
            if limit is not None and count > limit:
                break
    return max(count, 1)


def _count_warc(path: Path, limit: int | None) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    try:
        records = ArchiveIterator(
            str(path), record_types=WarcRecordType.response, parse_http=False, strict_mode=False
        )
        for _record in records:
            count += 1
            if limit is not None and count > limit:
                break
    except (OSError, ValueError, RuntimeError):
        pass
    return max(count, 1)


def walk(directory: Path) -> Iterator[Path]:
    """Article files under ``directory``, sorted, skipping hidden files and sidecars."""
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and not is_sidecar(path):
            yield path


def _page_is_feed(page: FetchedPage) -> bool:
    ctype = (page.content_type or "").lower()
    return ctype.startswith(_FEED_TYPES) or (
        ("xml" in ctype or not ctype) and looks_like_feed(page.content)
    )


def from_url(
    url: str, settings: Settings = DEFAULT, resolver: Resolver | None = None
) -> Iterator[Item]:
    """Articles from a URL: one page, or a feed handed to :mod:`storylens.ingestion.feeds`."""
    try:
        page = fetch(url, settings, resolver)
        if _page_is_feed(page):
            from storylens.ingestion.feeds import iter_feed_data

            yield from iter_feed_data(page.content, page.url, settings)
            return
        ctype = (page.content_type or "").lower()
        name = "page.txt" if ctype.startswith(("text/plain", "text/markdown")) else "page.html"
        yield from from_bytes(
            page.content, url, settings, name=name, url=page.url, declared=page.charset
        )
    except InputError as err:
        yield err


def read_stream(stream: IO[bytes], settings: Settings) -> bytes:
    """Read a stream, never more than the size cap (plus one byte to detect overflow)."""
    data = stream.read(settings.max_bytes + 1)
    check_size(len(data), "<stdin>", settings.max_bytes)
    return data


def iter_ingest(
    inputs: Iterable[str], settings: Settings = DEFAULT, *, resolver: Resolver | None = None
) -> Iterator[Item]:
    """Articles and errors from every input, in order; bad inputs never stop the rest."""
    for item in inputs:
        if item == "-":
            yield from read_source(sys.stdin.buffer, Source(label="<stdin>"), settings)
        elif is_url(item):
            yield from from_url(item, settings, resolver)
        elif _OTHER_SCHEME.match(item):
            yield InputError(item, "unsupported URL scheme (only http and https)")
        else:
            path = Path(item)
            if path.is_dir():
                found = False
                for file in walk(path):
                    found = True
                    yield from from_file(file, settings)
                if not found:
                    yield InputError(item, "directory holds no input files")
            elif path.exists():
                yield from from_file(path, settings)
            else:
                yield InputError(item, "no such file or directory")


__all__ = [
    "FEED_SUFFIXES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "check_regular",
    "count_records",
    "from_bytes",
    "from_file",
    "is_url",
    "iter_ingest",
    "looks_like_feed",
    "looks_like_html",
    "looks_like_jsonl",
    "split_file",
    "walk",
]
