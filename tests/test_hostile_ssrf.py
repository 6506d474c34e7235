"""Nobody gets in: URLs aimed at this machine or its network are refused on every path.

The real CLI (``storylens ingest URL``, feeds, sitemaps and OPML lists whose items point
inward) and the web app (``POST /api/compare`` under a real uvicorn) are given loopback
addresses in every spelling: decimal, octal, hex, short forms, IPv4-mapped IPv6, the
``localhost`` name, and redirects from an allowed host. The canned server must never see a
request. With ``--allow-private`` / ``allow_private=True`` the same URLs are fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from builders import CannedServer, run_cli
from fixtures.web_server import serving
from storylens.errors import BlockedAddress
from storylens.ingestion import iter_ingest
from storylens.settings import Settings
from storylens.web import create_app

FERRY = (
    "The ferry across Lindqvist Bay will run two extra evening crossings from April, "
    "the harbour board said on Tuesday after a vote of its seven members. "
)
PAGE = f"<html><head><title>Ferry</title></head><body><article><p>{FERRY * 3}</p></article>"

# every spelling of 127.0.0.1 (and of "this host") that resolvers accept
LOOPBACK_HOSTS = [
    "127.0.0.1",
    "2130706433",  # decimal
    "0x7f.1",  # hex, short form
    "0x7f000001",  # hex
    "0177.0.0.1",  # octal
    "017700000001",  # octal, one number
    "127.1",  # short form
    "127.0.0.254",
    "localhost",
    "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:7f00:1]",
    "0.0.0.0",
    "0",
]


def _urls(server: CannedServer, path: str) -> list[str]:
    return [f"http://{host}:{server.port}{path}" for host in LOOPBACK_HOSTS]


def test_hostile_ssrf_every_loopback_spelling_is_refused(http_server: CannedServer) -> None:
    http_server.add("/secret.html", PAGE)
    items = list(iter_ingest(_urls(http_server, "/secret.html"), Settings()))
    assert len(items) == len(LOOPBACK_HOSTS)
    for host, item in zip(LOOPBACK_HOSTS, items, strict=True):
        assert isinstance(item, BlockedAddress), (host, item)
        assert "--allow-private" in item.reason
    assert http_server.hits == []


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",  # carrier-grade NAT range metadata
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[fec0::1]/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[2002:a9fe:a9fe::]/",  # 6to4 wrapping 169.254.169.254
        "http://0251.0376.0251.0376/",  # octal 169.254.169.254
        "http://2852039166/",  # decimal 169.254.169.254
    ],
)
def test_hostile_ssrf_metadata_and_private_ranges_refused(url: str) -> None:
    (item,) = iter_ingest([url], Settings())
    assert isinstance(item, BlockedAddress), item


def test_hostile_ssrf_cli_ingest_refuses_and_names_the_reason(
    http_server: CannedServer, tmp_path: Path
) -> None:
    http_server.add("/secret.html", PAGE)
    urls = _urls(http_server, "/secret.html")[:6]
    result = run_cli("ingest", *urls, "--db", str(tmp_path / "s.db"))
    assert result.returncode != 0
    for url in urls:
        assert url in result.stderr
    assert result.stderr.count("refused") == len(urls)
    assert http_server.hits == []


@pytest.mark.slow
def test_hostile_ssrf_cli_ingest_fetches_when_allowed(http_server: CannedServer) -> None:
    url = http_server.add("/ferry.html", PAGE)
    result = run_cli("ingest", url, "--allow-private", "--json")
    assert result.returncode == 0, result.stderr
    assert "Lindqvist Bay" in result.stdout
    assert http_server.hits == ["/ferry.html"]


def _inward_feeds(server: CannedServer) -> dict[str, str]:
    link = server.url("/secret.html")
    long_link = f"http://2130706433:{server.port}/secret.html"
    return {
        "feed.rss": f"<rss><channel><item><title>Ferry</title><link>{link}</link></item>"
        f"<item><title>Ferry 2</title><link>{long_link}</link></item></channel></rss>",
        "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9"><url><loc>{link}</loc></url><url><loc>{long_link}</loc></url></urlset>',
        "list.opml": f'<opml><body><outline text="a" xmlUrl="{server.url("/feed.rss")}"/>'
        "</body></opml>",
    }


@pytest.mark.parametrize("name", ["feed.rss", "sitemap.xml", "list.opml"])
def test_hostile_ssrf_feed_items_pointing_inward_are_refused(
    http_server: CannedServer, tmp_path: Path, name: str
) -> None:
    http_server.add("/secret.html", PAGE)
    path = tmp_path / name
    path.write_text(_inward_feeds(http_server)[name], encoding="utf-8")
    result = run_cli("ingest", str(path))
    assert result.returncode != 0
    assert "refused" in result.stderr
    assert http_server.hits == []


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/secret.html",
        "http://127.0.0.2:{port}/secret.html",
        "http://0x7f000002:{port}/secret.html",
        "http://[::ffff:127.0.0.2]:{port}/secret.html",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{port}/_x",
    ],
)
def test_hostile_ssrf_redirect_inward_is_refused(
    http_server: CannedServer, loopback_is_public: None, location: str
) -> None:
    http_server.add("/secret.html", PAGE)
    start = http_server.add("/go", b"", status=302, Location=location.format(port=http_server.port))
    (item,) = iter_ingest([start], Settings())
    assert not isinstance(item, str)
    assert type(item).__name__ in {"BlockedAddress", "FetchError"}, item
    assert http_server.hits == ["/go"]


# -- the web app -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("ssrf") / "stories.db"
    with serving(create_app(db=str(db))) as url:
        yield url


def _compare(base: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(base + "/api/compare", timeout=120, **kwargs)


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_hostile_ssrf_web_json_urls_refused(web: str, http_server: CannedServer, host: str) -> None:
    http_server.add("/secret.html", PAGE)
    url = f"http://{host}:{http_server.port}/secret.html"
    resp = _compare(web, json={"urls": [url]})
    assert 400 <= resp.status_code < 500, resp.text
    detail = resp.json()["detail"]
    assert "refused" in detail and "private" in detail, detail
    assert http_server.hits == []


def test_hostile_ssrf_web_form_urls_refused(web: str, http_server: CannedServer) -> None:
    http_server.add("/secret.html", PAGE)
    urls = "\n".join(_urls(http_server, "/secret.html")[:4])
    resp = _compare(web, data={"urls": urls})
    assert 400 <= resp.status_code < 500, resp.text
    assert "refused" in resp.json()["detail"]
    page = httpx.post(web + "/compare", data={"urls": urls}, timeout=120)
    assert 400 <= page.status_code < 500 and "refused" in page.text
    assert http_server.hits == []


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://127.0.0.1/", "//127.0.0.1/x"]
)
def test_hostile_ssrf_web_non_http_urls_refused(web: str, url: str) -> None:
    resp = _compare(web, json={"urls": [url]})
    assert resp.status_code == 422 and "http" in resp.json()["detail"]


@pytest.mark.slow
def test_hostile_ssrf_web_fetches_when_allowed(http_server: CannedServer, tmp_path: Path) -> None:
    url = http_server.add("/ferry.html", PAGE)
    with serving(create_app(db=str(tmp_path / "s.db"), allow_private=True)) as base:
        resp = _compare(base, json={"urls": [url]})
    assert resp.status_code == 201, resp.text
    assert http_server.hits == ["/ferry.html"]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss SYSTEM "{dtd}">',
        '<!DOCTYPE rss [<!ENTITY % p SYSTEM "{dtd}"> %p;]>',
        '<!DOCTYPE rss [<!ENTITY x SYSTEM "{dtd}">]>',
    ],
)
def test_hostile_ssrf_feed_dtds_are_never_fetched(
    http_server: CannedServer, tmp_path: Path, doctype: str
) -> None:
    dtd = http_server.add("/evil.dtd", '<!ENTITY x "pwned">', Content_Type="application/xml")
    body = FERRY * 8
    feed = (
        f'<?xml version="1.0"?>{doctype.format(dtd=dtd)}<rss version="2.0"><channel>'
        f"<item><title>Ferry</title><description>{body}</description></item></channel></rss>"
    )
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    for item in iter_ingest([str(path)], Settings(allow_private=True)):
        assert "pwned" not in str(item) and "pwned" not in getattr(item, "text", "")
    assert http_server.hits == []


@pytest.mark.parametrize(
    "addresses",
    [
        ["10.1.2.3"],
        ["169.254.169.254"],
        ["100.64.0.9"],
        ["::1"],
        ["fd00::1"],
        ["::ffff:192.168.0.1"],
        ["0.0.0.0"],
        ["93.184.216.34", "127.0.0.1"],  # one bad answer among good ones is enough
    ],
)
def test_hostile_ssrf_dns_name_resolving_inward_is_refused(addresses: list[str]) -> None:
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return addresses

    (item,) = iter_ingest(["http://news.lantern.test/story"], Settings(), resolver=resolver)
    assert isinstance(item, BlockedAddress), item
    assert asked == ["news.lantern.test"]


def test_hostile_ssrf_rebinding_resolver_cannot_swap_the_address(
    http_server: CannedServer, loopback_is_public: None
) -> None:
    """Resolved once per hop and connected to the checked address: a second, private answer
    from the resolver is never used."""
    http_server.add("/story", PAGE)
    answers = iter([["127.0.0.1"], ["10.0.0.1"], ["10.0.0.1"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    url = f"http://news.lantern.test:{http_server.port}/story"
    (item,) = iter_ingest([url], Settings(), resolver=rebinding)
    assert not isinstance(item, BlockedAddress), item
    assert asked == ["news.lantern.test"]
    assert http_server.hits == ["/story"]


def _sitemap(server: CannedServer, count: int) -> str:
    locs = "".join(f"<url><loc>{server.url(f'/p{i}')}</loc></url>" for i in range(count))
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    return server.add("/sitemap.xml", body, Content_Type="application/xml")


def test_hostile_feed_fan_out_is_capped(http_server: CannedServer) -> None:
    url = _sitemap(http_server, 40)
    items = list(iter_ingest([url], Settings(allow_private=True, max_feed_items=5)))
    assert len(items) == 5
    assert len(http_server.hits) == 1 + 5


def test_hostile_web_caps_feed_fan_out(tmp_path: Path) -> None:
    for given in (None, Settings(max_feed_items=10_000)):
        app = create_app(db=str(tmp_path / "s.db"), settings=given)
        assert app.state.storylens.settings.max_feed_items <= 50
