"""Fictional article pages, feeds and WARC records that the corpus tests build on."""

from __future__ import annotations

import gzip
import html
import uuid

PARAGRAPHS = {
    "ferry": [
        "The ferry link between Nolby and Askerholm resumed on Monday after a week in which "
        "storms kept every vessel in harbour, the island council said.",
        "Harbour master Tove Brandt said the first crossing left at seven in the morning with "
        "forty passengers and a lorry carrying medicine for the island pharmacy.",
        "Residents of Askerholm had relied on a small supply boat while the storms lasted, and "
        "shops on the island ran short of fresh bread and milk by Thursday.",
        "The council said it would review whether a second, larger vessel should be kept on "
        "standby during the winter months, when the strait is most often closed.",
    ],
    "harvest": [
        "Farmers in the Kessel valley began the barley harvest two weeks earlier than usual "
        "this year after an unusually warm and dry spring, the growers' cooperative said.",
        "Cooperative chair Ivo Marten said yields looked close to average despite the lack of "
        "rain in May, thanks to irrigation from the reservoir finished last autumn.",
        "Seasonal workers arrived in the valley villages over the weekend, and the cooperative "
        "opened its grain store in Lindhof three days ahead of schedule.",
        "Prices for barley at the regional exchange were steady on the news, traders said, "
        "as buyers waited for estimates from the other growing areas.",
    ],
}


def page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Copyright Island Weekly</footer></body></html>"
    )


def warc_record(
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    compress: bool = True,
) -> bytes:
    """One WARC/1.0 response record (gzip-compressed as its own member, like CC-NEWS)."""
    reason = "OK" if status == 200 else "Not Found"
    http_part = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2026-03-14T10:00:00Z\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http_part)}\r\n\r\n"
    ).encode()
    record = head + http_part + b"\r\n\r\n"
    return gzip.compress(record) if compress else record


def warcinfo_record() -> bytes:
    payload = b"software: hand-written test records\r\n"
    head = (
        "WARC/1.0\r\nWARC-Type: warcinfo\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2026-03-14T10:00:00Z\r\nContent-Type: application/warc-fields\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + payload + b"\r\n\r\n")
