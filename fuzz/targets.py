"""Fuzz targets: one per parser, each with a hypothesis strategy of hostile inputs.

A target takes one generated input and feeds it to a parser. The contract under test:
the parser returns articles or :class:`storylens.errors.InputError` s (raised or yielded)
with a reason, and nothing else escapes. No target ever reaches the network: every
fetch stops after the private-address guard (see :func:`offline`).
"""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import json
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hypothesis import strategies as st

from storylens.errors import FetchError, InputError
from storylens.settings import Settings
from storylens.types import Article

SETTINGS = Settings(max_bytes=200_000)

# -- building blocks -----------------------------------------------------------------------

_WORDS = (
    "the harbour board ferry Lindqvist Bay said on Tuesday crossings April vote members "
    "Café Ålesund naïve Zürich «quoted» “smart” — … € 40 percent 1.2"
)
WORDS = st.sampled_from(_WORDS.split(" "))
PROSE = st.lists(WORDS, min_size=0, max_size=80).map(" ".join)
TRICKY = st.sampled_from(
    [
        "\x00", "\ufeff", "\ufffd", "\u202e", "\u200b", "\r", "\r\n", "\t", "\x1b[31m",
        "&amp;", "&#0;", "&#x110000;", "&lol;", "&nbsp;", "<!--", "-->", "<![CDATA[", "]]>",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
        '" onmouseover="alert(1)', "\ud800", "\U0001f600", "é", "ё", "中文", "؟",
    ]
)  # fmt: skip
TAGS = st.sampled_from(
    ["div", "p", "article", "main", "span", "b", "i", "a", "table", "td", "script", "style",
     "title", "h1", "meta", "body", "html", "head", "svg", "noscript", "template", "time"]
)  # fmt: skip
# declared charsets: real ones, unknown ones, and Python codecs that are no web charset
CHARSETS = st.sampled_from(
    ["utf-8", "latin-1", "windows-1252", "shift_jis", "utf-16", "utf-7", "bogus", "",
     "undefined", "zlib", "base64", "rot13", "hex", "uu", "bz2", "quopri", "idna",
     "punycode", "unicode_escape", "raw_unicode_escape", "mbcs", "x-user-defined", "'\""]
)  # fmt: skip
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "shift_jis", "koi8-r",
     "gb18030", "euc-kr", "iso-8859-7", "mac-roman"]
)  # fmt: skip


@st.composite
def encoded(draw: st.DrawFn, text: st.SearchStrategy[str]) -> bytes:
    """Text in some charset, sometimes with a BOM, sometimes with a lying declaration."""
    value = draw(text)
    data = value.encode(draw(ENCODINGS), "replace")
    if draw(st.booleans()):
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""])) + data
    return data


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    """Broken, nested, attribute-laden HTML-ish markup."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 5))
        if kind == 0 and depth < 4:
            tag = draw(TAGS)
            attrs = draw(st.sampled_from(["", ' class="x"', " a=b", " =x"]))
            if draw(st.integers(0, 4)) == 0:
                attrs += f' charset="{draw(CHARSETS)}"'
            closed = draw(st.booleans())
            inner = draw(markup(depth + 1))
            parts.append(f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if closed else ""))
        elif kind == 1:
            parts.append(draw(TRICKY))
        elif kind == 2:
            n = draw(st.integers(1, 3000))
            tag = draw(TAGS)
            parts.append(f"<{tag}>" * n + draw(PROSE) + f"</{tag}>" * draw(st.integers(0, n)))
        else:
            parts.append(draw(PROSE))
    return "".join(parts)


def hostile_bytes(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Random bytes, encoded text, and text with binary or compressed tails."""
    return st.one_of(
        st.binary(max_size=4000),
        encoded(text),
        text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.tuples(encoded(text), st.binary(max_size=200)).map(lambda p: p[0] + p[1]),
        encoded(text).map(gzip.compress),
    )


def html_documents() -> st.SearchStrategy[bytes]:
    meta = st.one_of(st.just(""), CHARSETS.map(lambda c: f'<meta charset="{c}">'))
    page = st.builds(
        lambda m, head, body: f"<!doctype html><html><head>{m}{head}</head><body>{body}</body>",
        meta,
        markup(),
        st.one_of(markup(), PROSE.map(lambda t: f"<article><p>{t}</p></article>")),
    )
    clean = page.map(lambda t: t.encode("utf-8", "surrogatepass"))
    return st.one_of(clean, hostile_bytes(st.one_of(page, markup(), st.text())))


def text_scrapes() -> st.SearchStrategy[str]:
    lines = st.one_of(
        PROSE,
        TRICKY,
        st.sampled_from(
            [
                "# ",
                "## Related",
                "By ",
                "Follow us on Twitter",
                "(AP) —",
                "Advertisement",
                "Original url: https://",
                "[link](javascript:alert(1))",
                "![img](data:x)",
                "---",
                "Published: 2026-03-14",
                "Share this:",
                "* * *",
                "> quote",
                "```",
            ]
        ),
        st.text(max_size=60),
    )
    return st.lists(lines, max_size=60).map("\n".join)


# -- feeds ---------------------------------------------------------------------------------

DOCTYPES = st.sampled_from(
    [
        "",
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE r SYSTEM "http://127.0.0.1:1/evil.dtd">',
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]>',
        "<!DOCTYPE rss>",
    ]
)
LINKS = st.sampled_from(
    ["http://127.0.0.1/", "http://169.254.169.254/latest/", "file:///etc/passwd", "",
     "javascript:alert(1)", "http://[::1]/", "http://2130706433/", "/relative", "../x",
     "http://news.lantern.test/a"]
)  # fmt: skip


@st.composite
def feed_documents(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["rss", "atom", "opml", "urlset", "sitemapindex", "rdf"]))
    items = []
    for _ in range(draw(st.integers(0, 4))):
        link, body = draw(LINKS), draw(st.one_of(markup(), PROSE, st.just("&b;"), st.just("&x;")))
        if kind == "rss" or kind == "rdf":
            items.append(f"<item><title>{draw(PROSE)}</title><link>{link}</link>"
                         f"<description><![CDATA[{body}]]></description></item>")  # fmt: skip
        elif kind == "atom":
            items.append(f'<entry><title>{draw(PROSE)}</title><link href="{link}"/>'
                         f'<content type="html">{body}</content></entry>')  # fmt: skip
        elif kind == "opml":
            items.append(f'<outline text="{draw(PROSE)}" xmlUrl="{link}"/>')
        else:
            entry = "url" if kind == "urlset" else "sitemap"
            items.append(f"<{entry}><loc>{link}</loc></{entry}>")
    root = {
        "rss": ('<rss version="2.0"><channel>', "</channel></rss>"),
        "rdf": ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "</rdf:RDF>"),
        "atom": ('<feed xmlns="http://www.w3.org/2005/Atom">', "</feed>"),
        "opml": ("<opml><body>", "</body></opml>"),
        "urlset": ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', "</urlset>"),
        "sitemapindex": ("<sitemapindex>", "</sitemapindex>"),
    }[kind]
    doc = f'<?xml version="1.0"?>{draw(DOCTYPES)}{root[0]}{"".join(items)}{root[1]}'
    cut = draw(st.one_of(st.none(), st.integers(0, len(doc))))
    data = (doc if cut is None else doc[:cut]).encode(draw(ENCODINGS), "replace")
    return gzip.compress(data) if draw(st.integers(0, 9)) == 0 else data


# -- WARC ----------------------------------------------------------------------------------


def warc_record(uri: str, block: bytes, n: int, *, length: int | None = None) -> bytes:
    size = len(block) if length is None else length
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
        "WARC-Date: 2026-03-14T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {size}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


@st.composite
def warc_files(draw: st.DrawFn) -> bytes:
    records = []
    for n in range(draw(st.integers(0, 4))):
        body = draw(html_documents())
        coding = draw(st.sampled_from(["", "gzip", "deflate", "br", "zstd", "gzip, br"]))
        if coding == "gzip":
            body = gzip.compress(body) if draw(st.booleans()) else b"\x1f\x8b" + body
        elif coding == "deflate":
            body = zlib.compress(body)
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "200", "x"]))
        ctype = draw(st.sampled_from(["text/html", "image/png", ""]))
        ctype += f"; charset={draw(CHARSETS)}" if draw(st.booleans()) else ""
        chunked = draw(st.integers(0, 5)) == 0
        headers = f"Content-Type: {ctype}\r\n"
        if coding:
            headers += f"Content-Encoding: {coding}\r\n"
        if chunked:
            headers += "Transfer-Encoding: chunked\r\n"
            body = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
        block = f"HTTP/1.1 {status}\r\n{headers}\r\n".encode() + body
        lie = draw(st.one_of(st.none(), st.integers(0, len(block) + 50)))
        records.append(warc_record(draw(LINKS) or "urn:x", block, n, length=lie))
    data = b"".join(records) + draw(st.binary(max_size=64))
    return gzip.compress(data) if draw(st.booleans()) else data


# -- JSON ----------------------------------------------------------------------------------

_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40), PROSE
)
_NESTED = st.one_of(
    _LEAVES,
    st.lists(_LEAVES, max_size=4),
    st.dictionaries(st.text(max_size=8), _LEAVES, max_size=4),
)
JSON_VALUES = st.one_of(
    _NESTED,
    st.lists(_NESTED, max_size=3),
    st.dictionaries(st.text(max_size=8), _NESTED, max_size=3),
)
FIELDS = st.sampled_from(
    ["text", "html", "outlet", "url", "title", "byline", "published", "language", "removed"]
)
RECORDS = st.dictionaries(FIELDS, st.one_of(JSON_VALUES, PROSE, st.just("2026-03-14")))


def _deep(n: int) -> str:
    return "[" * n + "]" * n


def jsonl_texts() -> st.SearchStrategy[str]:
    line = st.one_of(
        RECORDS.map(json.dumps),
        JSON_VALUES.map(json.dumps),
        st.text(max_size=80),
        st.integers(100, 30_000).map(lambda n: '{"text": ' + _deep(n) + "}"),
        st.sampled_from(['{"text": "x"', "{", "}", '{"text": NaN}', '{"text": "\\ud800"}']),
    )
    return st.lists(line, max_size=12).map("\n".join)


def sidecar_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(
        RECORDS.map(lambda r: json.dumps(r).encode()),
        JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        st.integers(100, 60_000).map(lambda n: _deep(n).encode()),
        hostile_bytes(st.text(max_size=100)),
    )


# -- URLs (the private-address guard) ------------------------------------------------------

ADDRESSES = st.one_of(
    st.ip_addresses().map(str),
    st.sampled_from(
        [
            "127.0.0.1",
            "::1",
            "0.0.0.0",
            "::",
            "169.254.169.254",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "fd00::1",
            "fe80::1%eth0",
            "100.64.0.1",
            "2002:7f00:1::",
            "64:ff9b::a9fe:a9fe",
            "fec0::1",
            "not-an-ip",
            "",
        ]
    ),
)
HOSTS = st.one_of(
    ADDRESSES.map(lambda a: f"[{a}]" if ":" in a else a),
    st.sampled_from(
        [
            "2130706433",
            "0x7f.1",
            "0177.0.0.1",
            "0x7f000001",
            "127.1",
            "0",
            "localhost",
            "news.lantern.test",
            "xn--ls8h.test",
            "a" * 300,
            "..",
            "%31%32%37.0.0.1",
            "１２７.０.０.１",
            "user:pw@127.0.0.1",
            "127.0.0.1#@evil.test",
            "evil.test\\@127.0.0.1",
        ]
    ),
    st.text(max_size=30),
)
URLS = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}{port}/{path}",
    st.sampled_from(["http", "https", "HTTP", "ftp", "file", "javascript", "gopher"]),
    HOSTS,
    st.sampled_from(["", ":80", ":8080", ":0", ":99999", ":-1", ":x"]),
    st.text(max_size=20),
)


# -- running -------------------------------------------------------------------------------


class Escaped(AssertionError):
    """A parser let something other than an article or an InputError out."""


def check_items(items: Iterable[Any]) -> int:
    """Drain ``items``; every one must be an article or an InputError with a reason."""
    count = 0
    for item in items:
        count += 1
        if isinstance(item, InputError):
            if not item.reason.strip():
                raise Escaped(f"InputError without a reason: {item!r}")
        elif isinstance(item, Article):
            if not item.text.strip():
                raise Escaped("an article with no text")
        else:
            raise Escaped(f"unexpected item {type(item).__name__}: {item!r}")
    return count


def call(parse: Callable[[], Any]) -> None:
    """Run one parse; an InputError is a fine answer, an article must have text."""
    try:
        result = parse()
    except InputError as err:
        check_items([err])
        return
    if isinstance(result, Article):
        check_items([result])
    elif isinstance(result, Iterator | list):
        check_items(result)


@contextlib.contextmanager
def offline() -> Iterator[None]:
    """Every fetch passes the address guard, then stops: nothing leaves the machine."""
    from storylens.ingestion import fetch as fetch_module

    def fake_resolver(host: str, port: int) -> list[str]:
        return ["10.9.8.7"] if host.endswith(".test") else ["93.184.216.34"]

    def no_network(*_args: Any, **_kwargs: Any) -> Any:
        raise FetchError("fuzz", "network disabled while fuzzing")

    saved = fetch_module.default_resolver, fetch_module._hop
    fetch_module.default_resolver, fetch_module._hop = fake_resolver, no_network
    try:
        yield
    finally:
        fetch_module.default_resolver, fetch_module._hop = saved


def _in_file(name: str, data: bytes, parse: Callable[[Path], Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="storylens-fuzz-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        call(lambda: parse(path))


def fuzz_html(data: bytes) -> None:
    from storylens.ingestion import article_from_html

    call(lambda: article_from_html(data, source="fuzz.html", settings=SETTINGS))


def fuzz_text(text: str) -> None:
    from storylens.ingestion import article_from_text

    call(lambda: article_from_text(text, source="fuzz.md", settings=SETTINGS))


def fuzz_feed(data: bytes) -> None:
    from storylens.ingestion.feeds import iter_feed

    with offline():
        _in_file("feed.xml", data, lambda p: iter_feed(str(p), SETTINGS))


def fuzz_warc(data: bytes) -> None:
    from storylens.ingestion.warc import iter_warc

    name = "crawl.warc.gz" if data[:2] == b"\x1f\x8b" else "crawl.warc"
    _in_file(name, data, lambda p: iter_warc(p, SETTINGS))


def fuzz_jsonl(text: str) -> None:
    from storylens.ingestion import iter_json, iter_jsonl

    call(lambda: iter_jsonl(text, "fuzz.jsonl", SETTINGS))
    call(lambda: iter_json(text, "fuzz.json", SETTINGS))


def fuzz_sidecar(data: bytes) -> None:
    from storylens.ingestion.sidecar import read_sidecar

    _in_file("story.meta.json", data, read_sidecar)


SUFFIXES = st.sampled_from(
    [".html", ".txt", ".md", ".jsonl", ".json", ".rss", ".xml", ".opml", ".warc", ".warc.gz",
     ".txt.gz", ".htm", "", ".bin"]
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class IngestCase:
    """A small folder of files for ``iter_ingest``: article files and sidecars."""

    files: tuple[tuple[str, bytes], ...]


@st.composite
def ingest_cases(draw: st.DrawFn) -> IngestCase:
    files = []
    for n in range(draw(st.integers(1, 3))):
        suffix = draw(SUFFIXES)
        if suffix in (".rss", ".xml", ".opml"):
            data = draw(feed_documents())
        elif suffix.startswith(".warc"):
            data = draw(warc_files())
        elif suffix in (".jsonl", ".json"):
            data = draw(jsonl_texts()).encode("utf-8", "surrogatepass")
        elif suffix == ".txt.gz":
            data = gzip.compress(draw(text_scrapes()).encode("utf-8", "surrogatepass"))
        else:
            data = draw(
                st.one_of(
                    html_documents(),
                    text_scrapes().map(lambda t: t.encode("utf-8", "surrogatepass")),
                )
            )
        files.append((f"a{n}{suffix}", data))
        if draw(st.integers(0, 3)) == 0:
            files.append((f"a{n}.meta.json", draw(sidecar_bytes())))
    return IngestCase(tuple(files))


def fuzz_ingest(case: IngestCase) -> None:
    from storylens.ingestion import iter_ingest

    with tempfile.TemporaryDirectory(prefix="storylens-fuzz-") as tmp, offline():
        for name, data in case.files:
            (Path(tmp) / name).write_bytes(data)
        check_items(iter_ingest([tmp], SETTINGS))


def fuzz_url(url: str, addresses: list[str]) -> None:
    """The guard: a URL is refused, or every address it resolves to is public."""
    from storylens.ingestion.fetch import resolve_target

    try:
        target = resolve_target(url, Settings(), lambda _h, _p: addresses)
    except FetchError as err:
        check_items([err])
        return
    used = [target.address] if _literal(url) else addresses
    if not all(is_public(a) for a in used):
        raise Escaped(f"{url} allowed though it resolves to {used}")


def _literal(url: str) -> bool:
    """Whether ``url`` names its host by IP address (no resolver involved)."""
    try:
        ipaddress.ip_address(urlsplit(url).hostname or "")
    except ValueError:
        return False
    return True


def is_public(address: str) -> bool:
    """An oracle independent of the guard: globally routable, not even when unwrapped."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    inner: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        found = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        inner += [i for i in found if i is not None]
        if ip.is_site_local or ip in ipaddress.ip_network("64:ff9b::/96"):
            return False
    return all(i.is_global and not i.is_multicast for i in inner)


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _as_case(data: bytes) -> IngestCase:
    names = [".html", ".txt", ".md", ".jsonl", ".json", ".rss", ".xml", ".warc", ".txt.gz"]
    suffix = names[data[0] % len(names)] if data else ".txt"
    return IngestCase(((f"a{suffix}", data[1:]),))


def _as_url(data: bytes) -> tuple[str, list[str]]:
    url, _sep, rest = _decoded(data).partition("\x00")
    return url, rest.split("\n") if rest else ["93.184.216.34"]


@dataclass(frozen=True, slots=True)
class Target:
    """One fuzz target: what it feeds, how to generate its inputs, and (for coverage-guided
    engines) how to turn raw fuzzer bytes into one input."""

    name: str
    run: Callable[..., None]
    inputs: st.SearchStrategy[Any]
    about: str
    from_bytes: Callable[[bytes], Any] = bytes


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("html", fuzz_html, html_documents(), "HTML -> article_from_html"),
        Target("text", fuzz_text, st.one_of(text_scrapes(), st.text()), "scrape -> text", _decoded),
        Target("feed", fuzz_feed, st.one_of(feed_documents(), st.binary()), "feeds/sitemaps"),
        Target("warc", fuzz_warc, st.one_of(warc_files(), st.binary()), "WARC -> iter_warc"),
        Target("jsonl", fuzz_jsonl, jsonl_texts(), "JSON Lines / JSON records", _decoded),
        Target("sidecar", fuzz_sidecar, sidecar_bytes(), "sidecar .meta.json"),
        Target("ingest", fuzz_ingest, ingest_cases(), "iter_ingest over a folder", _as_case),
        Target(
            "url",
            lambda pair: fuzz_url(*pair),
            st.tuples(URLS, st.lists(ADDRESSES, min_size=1, max_size=3)),
            "private-address guard",
            _as_url,
        ),
    )
}


# -- what storylens shows and serves (fuzz/targets_app.py) ---------------------------------

from targets_app import (  # noqa: E402
    fuzz_terminal,
    fuzz_upload,
    terminal_cases,
    terminal_from_bytes,
    upload_cases,
    upload_from_bytes,
)

TARGETS["terminal"] = Target(
    "terminal",
    fuzz_terminal,
    terminal_cases(),
    "report + CLI tables: markup/escapes",
    terminal_from_bytes,
)
TARGETS["upload"] = Target(
    "upload", fuzz_upload, upload_cases(), "web app upload parsing", upload_from_bytes
)
