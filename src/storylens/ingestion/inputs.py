"""Input dispatch: paths, directories, ``-`` (stdin) and URLs to articles.

Each input yields articles or :class:`InputError` s; one bad input never stops
the others. Directories are walked recursively (hidden files and sidecar
``.meta.json`` files skipped). WARC files and RSS/Atom/OPML/sitemap feeds are
handed to :mod:`.warc` and :mod:`.feeds` (imported only when needed).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from storylens.errors import InputError
from storylens.ingestion.build import Meta, article_id, stated_outlet
from storylens.ingestion.decode import (
    check_size,
    decode_bytes,
    gunzip_capped,
)
from storylens.ingestion.fetch import FetchedPage, Resolver, fetch
from storylens.ingestion.html import article_from_html
from storylens.ingestion.jsonl import iter_json, iter_jsonl
from storylens.ingestion.scrape import article_from_text
from storylens.ingestion.sidecar import is_sidecar, read_sidecar, sidecar_for
from storylens.settings import DEFAULT, Settings
from storylens.types import Article

Item = Article | InputError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".opml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*"
    rb"<(?:rss|feed|opml|urlset|sitemapindex|rdf:RDF)\b",
    re.I | re.S,
)
_HTML_HEAD = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
_OTHER_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def is_url(item: str) -> bool:
    """Whether ``item`` is an http(s) URL rather than a path."""
    return item.lower().startswith(("http://", "https://"))


def looks_like_feed(data: bytes) -> bool:
    """RSS, Atom, OPML or sitemap XML."""
    return bool(_FEED_ROOT.match(data[:4096]))


def looks_like_html(data: bytes) -> bool:
    """An HTML document (markup at the very start)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] == b"<" and bool(_HTML_HEAD.search(head[:1024]))


def looks_like_jsonl(text: str) -> bool:
    """Every non-empty line is a JSON object."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return bool(lines) and all(ln.startswith("{") and ln.endswith("}") for ln in lines)


def _with_sidecar(article: Article, meta: Meta, settings: Settings) -> Article:
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
    lower = name.lower()
    if not name and looks_like_feed(data):  # a feed piped to stdin
        from storylens.ingestion.feeds import iter_feed_data

        yield from iter_feed_data(data, source, settings)
        return
    if lower.endswith(".gz"):
        data = gunzip_capped(data, source, settings.max_bytes)
        lower = lower.removesuffix(".gz")
    suffix = Path(lower).suffix
    if suffix in JSONL_SUFFIXES or suffix == ".json":
        text = decode_bytes(data, source, max_bytes=settings.max_bytes, declared=declared)
        yield from (iter_jsonl if suffix in JSONL_SUFFIXES else iter_json)(text, source, settings)
        return
    if suffix in HTML_SUFFIXES or (
        suffix not in {".txt", ".md", ".markdown"} and looks_like_html(data)
    ):
        article = article_from_html(
            data, url=url, source=source, settings=settings, declared_charset=declared
        )
    else:
        text = decode_bytes(data, source, max_bytes=settings.max_bytes, declared=declared)
        if not suffix and looks_like_jsonl(text):
            yield from iter_jsonl(text, source, settings)
            return
        stated = Meta(url=url)
        if meta is not None:
            stated.update(meta)
        yield article_from_text(text, source=source, settings=settings, meta=stated)
        return
    yield _with_sidecar(article, meta, settings) if meta else article


def _from_special(path: Path, settings: Settings) -> Iterator[Item] | None:
    """WARC files and feeds, handled by :mod:`.feeds` and :mod:`.warc`."""
    lower = path.name.lower()
    if lower.endswith((".warc", ".warc.gz")):
        from storylens.ingestion.warc import iter_warc

        return iter_warc(path, settings)
    is_feed = path.suffix.lower() in FEED_SUFFIXES
    if not is_feed and path.suffix.lower() == ".xml":
        with path.open("rb") as fh:
            is_feed = looks_like_feed(fh.read(4096))
    if is_feed:
        from storylens.ingestion.feeds import iter_feed

        return iter_feed(str(path), settings)
    return None


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


def from_file(path: Path, settings: Settings = DEFAULT) -> Iterator[Item]:
    """Articles from one regular file (its sidecar applied)."""
    source = str(path)
    try:
        info = check_regular(path, source)
        special = _from_special(path, settings)
        if special is not None:
            yield from special
            return
        check_size(info.st_size, source, settings.max_bytes)
        with path.open("rb") as fh:  # never more than the cap, even if the file grows
            data = fh.read(settings.max_bytes + 1)
        check_size(len(data), source, settings.max_bytes)
        sidecar = sidecar_for(path)
        meta = read_sidecar(sidecar) if sidecar else None
        yield from from_bytes(data, source, settings, name=path.name, meta=meta)
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
    except InputError as err:
        yield err


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
        with path.open("rb") as fh:
            data = fh.read(settings.max_bytes + 1)
        check_size(len(data), str(path), settings.max_bytes)
        if name.endswith(".gz"):
            data = gunzip_capped(data, str(path), settings.max_bytes)
            name = name.removesuffix(".gz")
    except (OSError, InputError):
        return 1
    suffix = Path(name).suffix
    if suffix in FEED_SUFFIXES or (suffix in {".xml", ""} and looks_like_feed(data)):
        return min(len(_FEED_ENTRY.findall(data)), settings.max_feed_items)
    lines = sum(1 for line in data.splitlines() if line.strip())
    if suffix in JSONL_SUFFIXES:
        return lines
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
            try:
                data = read_stream(sys.stdin.buffer, settings)
                yield from from_bytes(data, "<stdin>", settings)
            except InputError as err:
                yield err
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
