"""Bytes to text: size cap, binary detection, charset handling.

Order of trust: a byte-order mark, then the declared charset (HTTP header or
HTML ``<meta>``), then strict UTF-8, then statistical detection with
charset_normalizer. Anything that still fails is a :class:`DecodeError`.
"""

from __future__ import annotations

import codecs
import re
import zlib

from charset_normalizer import from_bytes

from storylens.errors import BinaryInput, DecodeError, EmptyInput, TooLarge

# Leading bytes of common binary formats that are never article text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x00\x00\x01\x00", "icon file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"SQLite format 3\x00", "SQLite database"),
)
MAX_CONTROL_SHARE = 0.05  # text has almost no C0 control characters besides line breaks
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I)


def check_size(size: int, source: str, max_bytes: int) -> None:
    """Raise :class:`TooLarge` when ``size`` exceeds the cap."""
    if size > max_bytes:
        raise TooLarge(
            source, f"{size} bytes is over the size cap of {max_bytes} bytes (raise --max-bytes)"
        )


def sniff_binary(data: bytes, source: str) -> None:
    """Raise :class:`BinaryInput` for known binary formats or NUL bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16/32 text legitimately contains NUL bytes
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(source, f"binary data ({name}), not text")
    if b"\x00" in data[:65536]:
        raise BinaryInput(source, "binary data (contains NUL bytes), not text")


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where its NUL bytes fall.

    Text in these encodings is mostly ASCII or Latin letters, whose high bytes are NUL at
    every second (UTF-16) or in three of every four positions (UTF-32), always on the same
    side; binary data has its NUL bytes anywhere.
    """
    size = min(len(data), 4096) // 4 * 4
    if size < 16 or b"\x00" not in data[:size]:
        return None
    rows = size // 4
    nul = [data[i:size:4].count(0) / rows for i in range(4)]
    if nul[0] < 0.05 and min(nul[1:]) > 0.9:
        return "utf-32-le"
    if nul[3] < 0.05 and min(nul[:3]) > 0.9:
        return "utf-32-be"
    even, odd = (nul[0] + nul[2]) / 2, (nul[1] + nul[3]) / 2
    if even < 0.05 and odd > 0.3:
        return "utf-16-le"
    if odd < 0.05 and even > 0.3:
        return "utf-16-be"
    return None


def charset_from_header(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def charset_from_meta(data: bytes) -> str | None:
    """The charset declared in an HTML ``<meta>`` tag near the top of the document."""
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", "replace") if match else None


def _known(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):  # UnicodeError: codecs such as "undefined"
        return None


def decode_bytes(
    data: bytes,
    source: str,
    *,
    max_bytes: int,
    declared: str | None = None,
    html: bool = False,
) -> str:
    """Decode one input's bytes to text, or raise an :class:`InputError` saying why not."""
    check_size(len(data), source, max_bytes)
    if not data.strip():
        raise EmptyInput(source, "empty input (no text)")
    wide = wide_encoding(data)
    text = _try(data, wide) if wide else None
    if text is None:
        sniff_binary(data, source)
        text = _decode(data, source, declared=declared, html=html)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInput(source, "empty input (only whitespace)")
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\t\f\v")
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise BinaryInput(source, "binary data (mostly control characters), not text")
    return text


def _decode(data: bytes, source: str, *, declared: str | None, html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is not None:
                return text.lstrip("\ufeff")
    candidates = [_known(declared)]
    if html or data.lstrip()[:1] == b"<":
        candidates.append(_known(charset_from_meta(data)))
    candidates.append("utf-8")
    for candidate in candidates:
        if candidate:
            decoded = _try(data, candidate)
            if decoded is not None:
                return decoded
    best = from_bytes(data[:262144]).best()
    if best is not None and best.encoding:
        text = _try(data, best.encoding)
        if text is not None:
            return text
    raise DecodeError(source, "bytes do not decode in any known charset")


def gunzip_capped(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress gzip ``data`` without ever holding more than ``max_bytes`` of output."""
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decomp.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise BinaryInput(source, f"corrupt gzip data: {exc}") from exc
    check_size(len(out), source, max_bytes)
    return out


__all__ = [
    "charset_from_header",
    "charset_from_meta",
    "check_size",
    "decode_bytes",
    "gunzip_capped",
    "sniff_binary",
    "wide_encoding",
]
