"""The input-format registry and streaming readers: JSON Lines and WARC read record by
record (size cap per record), big files split into pieces that cover every record once."""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from builders import PARAGRAPHS, page, warc_record
from storylens.errors import InputError, TooLarge
from storylens.ingestion import iter_ingest
from storylens.ingestion.formats import FORMATS, format_of
from storylens.ingestion.inputs import from_file, split_file
from storylens.settings import Settings
from storylens.types import Article

TEXT = " ".join(PARAGRAPHS["ferry"])


def _record(i: int) -> dict[str, str]:
    return {"text": f"Report {i}. {TEXT}", "outlet": f"Outlet {i % 3}", "title": f"Ferry {i}"}


def _jsonl(path: Path, n: int, *, bad: dict[int, bytes] | None = None) -> None:
    lines = [json.dumps(_record(i)).encode() for i in range(n)]
    for index, line in (bad or {}).items():
        lines[index] = line
    data = b"\n".join(lines) + b"\n"
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


def _page(i: int) -> bytes:
    return page(f"Ferry {i}", [f"Report {i}.", *PARAGRAPHS["ferry"]]).encode()


def _warc(path: Path, n: int) -> None:
    compress = path.name.endswith(".gz")
    path.write_bytes(
        b"".join(
            warc_record(f"https://islandweekly.example/ferry-{i}", _page(i), compress=compress)
            for i in range(n)
        )
    )


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("crawl.warc.gz", b"\x1f\x8b", "warc"),
        ("crawl.warc", b"WARC/1.0\r\n", "warc"),
        ("", b"WARC/1.1\r\n", "warc"),
        ("feed.rss", b"", "feed"),
        ("sitemap.xml", b"<?xml version='1.0'?><urlset>", "feed"),
        ("a.jsonl", b"", "jsonl"),
        ("a.jsonl.gz", b'{"text": "x"}\n', "jsonl"),
        ("", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("a.json", b"[", "json"),
        ("page", b"<!doctype html><html>", "html"),
        ("story.md", b"<p>not html</p>", "text"),
        ("notes.txt", b"Plain words.", "text"),
    ],
)
def test_ingest_formats_sniffed_by_name_and_head(name: str, head: bytes, expected: str) -> None:
    assert format_of(name, head).name == expected


def test_ingest_formats_registered_once_text_last() -> None:
    names = [f.name for f in FORMATS]
    assert len(names) == len(set(names)) and names[-1] == "text"
    assert {f.name for f in FORMATS if f.split is not None} == {"jsonl", "warc"}


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_ingest_formats_jsonl_over_the_cap_read_record_by_record(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    big = json.dumps({"text": "word " * 2000}).encode()  # one record over the cap
    _jsonl(path, 40, bad={7: big, 12: b"{not json"})
    settings = Settings(max_bytes=4000)  # the file is many times the cap, each record under
    items = list(iter_ingest([str(path)], settings))
    errors = [i for i in items if isinstance(i, InputError)]
    assert sum(isinstance(i, Article) for i in items) == 38
    assert [e.source for e in errors] == [f"{path}:8", f"{path}:13"]
    assert isinstance(errors[0], TooLarge) and "cap" in errors[0].reason


@pytest.mark.parametrize(
    ("name", "records"), [("c.jsonl", 40), ("c.jsonl.gz", 40), ("c.warc", 12), ("c.warc.gz", 12)]
)
def test_ingest_formats_pieces_cover_every_record_once(
    tmp_path: Path, name: str, records: int
) -> None:
    path = tmp_path / name
    if name.startswith("c.jsonl"):
        _jsonl(path, records, bad={9: b"{broken", 10: b"", 22: b"   "})
    else:
        _warc(path, records)
    settings = Settings()
    whole = [(type(i).__name__, getattr(i, "id", None) or i.source) for i in from_file(path)]
    pieces = split_file(path, 5)
    assert len(pieces) >= 3
    assert pieces[0][0] == 0 and pieces[-1][1] is None
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    parts = [
        (type(i).__name__, getattr(i, "id", None) or i.source)
        for start, end, line in pieces
        for i in from_file(path, settings, start=start, end=end, line=line)
    ]
    assert parts == whole
    assert sum(kind == "Article" for kind, _ in whole) == records - (3 if "jsonl" in name else 0)
    if "jsonl" in name:  # a bad line is named by its line number in every piece
        assert ("BadRecord", f"{path}:10") in parts


def test_ingest_formats_single_gzip_member_warc_is_not_split(tmp_path: Path) -> None:
    plain = tmp_path / "c.warc"
    _warc(plain, 12)
    path = tmp_path / "one.warc.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))  # one member: no record boundaries
    assert split_file(path, 5) == [(0, None, 1)]
    assert sum(isinstance(i, Article) for i in from_file(path)) == 12


READER = """
import re, sys
from storylens.ingestion import iter_ingest
from storylens.settings import Settings
def peak():
    status = open("/proc/self/status").read()
    return int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1)) // 1024
before = peak()
kinds = [type(i).__name__ for i in iter_ingest([sys.argv[1]], Settings(max_bytes=1 << 20))]
print(peak() - before, kinds.count("TooLarge"), kinds.count("Article"))
"""


def test_ingest_formats_jsonl_memory_stays_flat_for_a_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as fh:
        for _ in range(20):  # 20 records of 2 MB (over the 1 MB cap) and one good one
            fh.write(b'{"text": "' + b"x" * (2 << 20) + b'"}\n')
        fh.write(json.dumps(_record(1)).encode() + b"\n")
    out = subprocess.run(
        [sys.executable, "-c", READER, str(path)],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout.split()  # fmt: skip
    grown, too_large, articles = (int(x) for x in out)
    assert (too_large, articles) == (20, 1)
    assert grown < 16, f"peak memory grew {grown} MB reading a 40 MB file"


def test_ingest_formats_jsonl_from_stdin_is_streamed(cli: Any) -> None:
    lines = "".join(json.dumps(_record(i)) + "\n" for i in range(3))
    done = cli("ingest", "-", "--jsonl", "--max-bytes", "3000", input=lines)
    assert done.returncode == 0, done.stderr
    sources = [json.loads(line)["source"] for line in done.stdout.splitlines()]
    assert sources == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
