"""WARC sources: HTML response records become articles; everything else is skipped with a reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import PARAGRAPHS, page, warc_record, warcinfo_record
from storylens.errors import InputError
from storylens.ingestion.warc import iter_warc
from storylens.settings import Settings
from storylens.types import Article

SETTINGS = Settings()


def _crawl(compress: bool) -> bytes:
    return b"".join(
        [
            warcinfo_record() if compress else b"",
            warc_record(
                "https://islandweekly.example/ferry?utm_source=x",
                page("Ferry link resumes", PARAGRAPHS["ferry"]).encode(),
                compress=compress,
            ),
            warc_record(
                "https://islandweekly.example/logo.png",
                b"\x89PNG\r\n\x1a\n" + bytes(64),
                content_type="image/png",
                compress=compress,
            ),
            warc_record(
                "https://islandweekly.example/gone", b"gone", status=404, compress=compress
            ),
            warc_record(
                "https://valleynews.example/harvest",
                page("Early barley harvest", PARAGRAPHS["harvest"]).encode("latin-1"),
                content_type="text/html; charset=iso-8859-1",
                compress=compress,
            ),
        ]
    )


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_sources_warc_yields_articles_and_reasons(
    tmp_path: Path, name: str, compress: bool
) -> None:
    path = tmp_path / name
    path.write_bytes(_crawl(compress))
    items = list(iter_warc(path, SETTINGS))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.url for a in articles] == [
        "https://islandweekly.example/ferry?utm_source=x",
        "https://valleynews.example/harvest",
    ]
    assert "Harbour master Tove Brandt" in articles[0].text
    assert "Copyright Island Weekly" not in articles[0].text
    assert "growers' cooperative" in articles[1].text
    reasons = sorted(e.reason for e in errors)
    assert any("image/png is not HTML" in r for r in reasons)
    assert any("HTTP status 404" in r for r in reasons)
    assert all(e.source.startswith(str(path)) for e in errors)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not a web archive\n", "unreadable WARC data"),
        (b"", "no WARC response records"),
    ],
)
def test_sources_warc_rejects_non_warc(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(content)
    items = list(iter_warc(path, SETTINGS))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert reason in items[0].reason


def test_sources_warc_caps_record_size(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    body = page("Ferry link resumes", PARAGRAPHS["ferry"] * 40).encode()
    path.write_bytes(warc_record("https://islandweekly.example/big", body))
    (item,) = iter_warc(path, Settings(max_bytes=2000))
    assert isinstance(item, InputError) and "cap" in item.reason


@pytest.mark.slow
def test_sources_warc_via_ingest_cli(tmp_path: Path, cli: Callable[..., object]) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_crawl(True))
    db = tmp_path / "store.db"
    for _ in range(2):  # the second run finds everything already stored
        result = cli("ingest", str(path), "--db", str(db))
        assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    assert "0 new article(s), 2 already" in result.stderr  # type: ignore[attr-defined]
    out = cli("ingest", str(path), "--json")
    records = json.loads(out.stdout)  # type: ignore[attr-defined]
    assert {r["url"] for r in records} == {
        "https://islandweekly.example/ferry?utm_source=x",
        "https://valleynews.example/harvest",
    }
