"""Bytes to text: caps, binary refusal, declared and detected charsets."""

from __future__ import annotations

import codecs
import gzip
import random

import pytest

from storylens.errors import BinaryInput, DecodeError, EmptyInput, InputError, TooLarge
from storylens.ingestion.decode import charset_from_header, decode_bytes, gunzip_capped

RUSSIAN = (
    "Президент Валдонии подписал в субботу соглашение о разделе воды реки Сева. "
    "Оппозиция назвала сделку капитуляцией и пообещала оспорить её в парламенте."
)
CAP = 1_000_000


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b"   \n\t  \n", EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", BinaryInput),
        (b"\x7fELF\x02\x01\x01\x00", BinaryInput),
        (b"PK\x03\x04\x14\x00\x06\x00", BinaryInput),
        (b"plain words\x00\x00\x00more words", BinaryInput),
        (b"x" * 101, TooLarge),
        (bytes(range(1, 9)) * 10, BinaryInput),
    ],
    ids=[
        "empty",
        "whitespace",
        "png",
        "pdf",
        "elf",
        "zip",
        "nul",
        "too-large",
        "controls",
    ],
)
def test_ingest_decode_refuses(data: bytes, error: type[InputError]) -> None:
    with pytest.raises(error) as info:
        decode_bytes(data, "input.bin", max_bytes=100)
    assert str(info.value).startswith("input.bin: ")


def test_ingest_decode_undecodable_bytes() -> None:
    rng = random.Random(1)
    noise = bytes(rng.randrange(1, 256) for _ in range(2000))
    with pytest.raises(DecodeError, match=r"noise\.txt: .*charset"):
        decode_bytes(noise, "noise.txt", max_bytes=CAP)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-8"])
def test_ingest_decode_detects_cyrillic(encoding: str) -> None:
    assert decode_bytes(RUSSIAN.encode(encoding), "ru.txt", max_bytes=CAP) == RUSSIAN


def test_ingest_decode_html_meta_charset_wins() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body>{RUSSIAN}</body></html>'
    assert RUSSIAN in decode_bytes(html.encode("cp1251"), "ru.html", max_bytes=CAP, html=True)


def test_ingest_decode_declared_header_charset() -> None:
    text = "Grüße aus Köln, sagte die Bürgermeisterin."
    declared = charset_from_header("text/html; charset=ISO-8859-1")
    assert declared == "ISO-8859-1"
    assert decode_bytes(text.encode("latin-1"), "de", max_bytes=CAP, declared=declared) == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_ingest_decode_byte_order_marks(encoding: str) -> None:
    data = RUSSIAN.encode(encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    assert decode_bytes(data, "bom.txt", max_bytes=CAP) == RUSSIAN


def test_ingest_decode_normalises_newlines() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree", "nl", max_bytes=CAP) == "one\ntwo\nthree"


def test_ingest_decode_gunzip_is_capped() -> None:
    bomb = gzip.compress(b"a" * 50_000)
    with pytest.raises(TooLarge):
        gunzip_capped(bomb, "bomb.gz", 10_000)
    assert gunzip_capped(gzip.compress(b"small"), "ok.gz", 10_000) == b"small"
