"""Hostile files through ``iter_ingest``: every one yields a clear InputError, never a crash.

Oversized files, devices, compression bombs, deep nesting, entity bombs and external
entities, binary data and broken encodings. Each case also bounds the memory the reader
may take (the input is never read whole when it is over the cap).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from storylens.errors import InputError
from storylens.ingestion import iter_ingest
from storylens.ingestion.fetch import blocked_kind
from storylens.settings import Settings
from storylens.types import Article

CAP = 1_000_000
SETTINGS = Settings(max_bytes=CAP)
FERRY = (
    "The ferry across Lindqvist Bay will run two extra evening crossings from April, "
    "the harbour board said on Tuesday after a vote of its seven members. "
)
PAGE = f"<html><head><title>Ferry</title></head><body><article><p>{FERRY * 3}</p></article>"


def http_block(body: bytes, *headers: str) -> bytes:
    head = "".join(f"{h}\r\n" for h in ("Content-Type: text/html; charset=utf-8", *headers))
    return f"HTTP/1.1 200 OK\r\n{head}Content-Length: {len(body)}\r\n\r\n".encode() + body


def warc_record(uri: str, block: bytes, n: int) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
        "WARC-Date: 2026-03-14T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def good_record(n: int = 99) -> bytes:
    return warc_record("http://ferry.example/timetable", http_block(PAGE.encode()), n)


def gzip_stream(size: int) -> bytes:
    """``size`` bytes of 'a' gzip-compressed, without building them in memory."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk, parts = b"a" * (1 << 20), []
    for _ in range(size >> 20):
        parts.append(z.compress(chunk))
    parts.append(z.flush())
    return b"".join(parts)


def _items(path: Path) -> list[Article | InputError]:
    return list(iter_ingest([str(path)], SETTINGS))


def _only_errors(items: list[Article | InputError]) -> list[InputError]:
    assert items
    for item in items:
        assert isinstance(item, InputError), item
        assert item.reason.strip()
    return [i for i in items if isinstance(i, InputError)]


def _laughs() -> str:
    levels = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        ref = f"&lol{i - 1};"
        levels.append(f'<!ENTITY lol{i} "{ref * 10}">')
    return '<?xml version="1.0"?>\n<!DOCTYPE lolz [' + "".join(levels) + "]>\n{root}"


BILLION_LAUGHS = _laughs()
XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n{root}'
FEED_ROOTS = {
    "feed.rss": "<rss><channel><item><title>&lol9;</title><description>&lol9;</description>"
    "</item></channel></rss>",
    "list.opml": '<opml><body><outline text="&lol9;" xmlUrl="http://x.example/&lol9;"/>'
    "</body></opml>",
    "sitemap.xml": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
    "<loc>http://x.example/&lol9;</loc></url></urlset>",
    "atom.atom": '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol9;</title>'
    "<content>&lol9;</content></entry></feed>",
}
XXE_ROOTS = {name: root.replace("&lol9;", "&x;") for name, root in FEED_ROOTS.items()}


@pytest.mark.parametrize("name", sorted(FEED_ROOTS))
def test_hostile_entity_bomb_in_feeds_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(BILLION_LAUGHS.replace("{root}", FEED_ROOTS[name]), encoding="utf-8")
    (error,) = _only_errors(_items(path))
    assert "unsafe XML" in error.reason


@pytest.mark.parametrize("name", sorted(XXE_ROOTS))
def test_hostile_external_entity_in_feeds_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(XXE.replace("{root}", XXE_ROOTS[name]), encoding="utf-8")
    items = _items(path)
    for item in items:
        assert "root:" not in str(item)
        if isinstance(item, Article):
            assert "root:" not in item.text
    assert any(isinstance(i, InputError) for i in items)


def test_hostile_external_entity_in_html_is_never_resolved(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = PAGE.replace("</p>", " &x; &x;</p>")
    path.write_text(XXE.replace("{root}", body), encoding="utf-8")
    for item in _items(path):
        text = item.text if isinstance(item, Article) else str(item)
        assert "root:" not in text and "/bin/" not in text


def _deep_html() -> bytes:
    return b"<html><body>" + b"<div>" * 100_000 + PAGE.encode() + b"</div>" * 100_000 + b"</body>"


def _deep_feed() -> bytes:
    return b"<rss><channel><item><description>" + b"<b>" * 100_000 + b"</description></rss>"


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "gzip bomb (.txt.gz, 200 MB of text)": ("story.txt.gz", lambda: gzip_stream(200 << 20)),
    "gzip bomb (.rss.gz feed)": ("feed.rss", lambda: gzip_stream(50 << 20)),
    "NUL bytes in text": ("story.txt", lambda: FERRY.encode() + b"\x00" * 10 + FERRY.encode()),
    "PNG renamed to .html": ("story.html", lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(2000)),
    "random binary": ("story.md", lambda: os.urandom(4096)),
    "empty file": ("story.txt", lambda: b""),
    "whitespace only": ("story.txt", lambda: b" \n\t\r\n" * 100),
    "UTF-16 BOM then odd length": ("story.txt", lambda: b"\xff\xfe" + b"a\x00" * 20 + b"a"),
    "deeply nested JSON Lines": ("a.jsonl", lambda: b'{"text": ' + b"[" * 50_000 + b"}\n"),
    "deeply nested JSON": ("a.json", lambda: b"[" * 50_000 + b"]" * 50_000),
    "100k nested <b> in a feed": ("feed.rss", _deep_feed),
    "malformed XML feed": ("feed.rss", lambda: b"<rss><channel><item><title>x</titl"),
    "WARC of random bytes": ("crawl.warc", lambda: os.urandom(5000)),
    "WARC.gz of random bytes": ("crawl.warc.gz", lambda: gzip.compress(os.urandom(5000))),
    "empty WARC": ("crawl.warc", lambda: b""),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_gives_clear_errors(tmp_path: Path, case: str) -> None:
    name, make = CASES[case]
    path = tmp_path / name
    path.write_bytes(make())
    _only_errors(_items(path))


def test_hostile_deeply_nested_html_is_read_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(_deep_html())
    for item in _items(path):
        assert isinstance(item, Article | InputError)


def test_hostile_mixed_encodings_decode_without_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        FERRY.encode("utf-8") + "Café Ålesund".encode("latin-1") + FERRY.encode("cp1252")
    )
    (article,) = _items(path)
    assert isinstance(article, Article) and "Lindqvist Bay" in article.text


def test_hostile_device_file_is_refused_not_read() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (error,) = _only_errors(list(iter_ingest(["/dev/zero"], SETTINGS)))
    assert "not a regular file (a character device)" in error.reason


def test_hostile_named_pipe_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "stream.txt"
    os.mkfifo(fifo)
    (error,) = _only_errors(list(iter_ingest([str(fifo)], SETTINGS)))
    assert "not a regular file (a named pipe)" in error.reason


def test_hostile_stdin_pipe_is_capped() -> None:
    feed = f"import sys\nwhile True: sys.stdout.write({FERRY!r})"
    reader = (
        "from storylens.ingestion import iter_ingest; from storylens.settings import Settings; "
    )
    reader += "print(type(next(iter_ingest(['-'], Settings(max_bytes=100_000)))).__name__)"
    writer = subprocess.Popen([sys.executable, "-c", feed], stdout=subprocess.PIPE)
    try:
        done = subprocess.run(
            [sys.executable, "-c", reader],
            stdin=writer.stdout,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.stdout.strip() == "TooLarge", done.stderr
    finally:
        writer.kill()
        writer.wait()


CAPPED_READER = """
import re, sys
from storylens.ingestion import iter_ingest
from storylens.settings import Settings
items = list(iter_ingest([sys.argv[1]], Settings()))
status = open("/proc/self/status").read()  # VmHWM: this process's own peak (ru_maxrss
print(int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1)) // 1024)  # survives exec)
print(type(items[0]).__name__, items[0])
"""


@pytest.mark.parametrize(
    ("name", "size"), [("big.html", 100 << 20), ("big.rss", 100 << 20), ("big.jsonl", 100 << 20)]
)
def test_hostile_100mb_file_refused_without_reading_it(
    tmp_path: Path, name: str, size: int
) -> None:
    path = tmp_path / name
    with path.open("wb") as fh:
        fh.write(b"<html><body><p>" if name.endswith("html") else b"<rss>")
        fh.truncate(size)  # sparse: the disk is not filled, the reader sees 100 MB
    out = subprocess.run(
        [sys.executable, "-c", CAPPED_READER, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.splitlines()
    assert out[1].startswith("TooLarge") and "cap" in out[1], out
    assert int(out[0]) < 400, f"peak memory {out[0]} MB for a refused input"


def test_hostile_warc_gzip_bomb_is_capped_and_next_record_kept(tmp_path: Path) -> None:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # one gzip member per record, as in CC-NEWS
    bomb = warc_record("http://bomb.example/", http_block(b"<p>" + b"a" * (60 << 20)), 1)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(z.compress(bomb) + z.flush() + gzip.compress(good_record()))
    del bomb
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["TooLarge", "Article"], items
    assert "cap" in str(items[0])


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_hostile_warc_content_encoding_bomb_keeps_the_next_record(
    tmp_path: Path, encoding: str
) -> None:
    raw = b"<html><body><p>" + b"a" * (80 << 20)
    if encoding == "gzip":
        body = gzip_stream(80 << 20)
    elif encoding == "deflate":
        body = zlib.compress(raw, 9)
    else:
        brotli = pytest.importorskip("brotli")
        body = brotli.compress(raw, quality=5)
    del raw
    block = http_block(body, f"Content-Encoding: {encoding}")
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_record("http://bomb.example/", block, 1) + good_record())
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["TooLarge", "Article"], items


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_hostile_warc_content_encoded_page_is_read(tmp_path: Path, encoding: str) -> None:
    if encoding == "gzip":
        body = gzip.compress(PAGE.encode())
    elif encoding == "deflate":
        body = zlib.compress(PAGE.encode())
    else:
        body = pytest.importorskip("brotli").compress(PAGE.encode())
    path = tmp_path / "crawl.warc"
    path.write_bytes(
        warc_record("http://a.example/", http_block(body, f"Content-Encoding: {encoding}"), 1)
    )
    (article,) = _items(path)
    assert isinstance(article, Article) and "Lindqvist Bay" in article.text


@pytest.mark.parametrize(
    ("encoding", "body"),
    [("gzip", b"\x1f\x8bnot really gzip"), ("zstd", b"whatever"), ("br", b"\x00garbage")],
)
def test_hostile_warc_bad_content_encoding_is_a_clear_error(
    tmp_path: Path, encoding: str, body: bytes
) -> None:
    path = tmp_path / "crawl.warc"
    block = http_block(body, f"Content-Encoding: {encoding}")
    path.write_bytes(warc_record("http://a.example/", block, 1) + good_record())
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["InputError", "Article"], items
    assert encoding in str(items[0])


@pytest.mark.parametrize("address", ["fec0::1", "fec0:1::abcd"])
def test_hostile_site_local_ipv6_is_blocked(address: str) -> None:
    assert blocked_kind(address) == "site-local"
