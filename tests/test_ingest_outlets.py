"""Outlet names from URLs, bylines and file names; the table is extensible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.errors import ConfigError
from storylens.ingestion.build import Meta, choose_outlet
from storylens.ingestion.outlets import load_outlets, outlet_from_url, registered_domain
from storylens.settings import Settings


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.themoscowtimes.com/2023/09/17/x", "The Moscow Times"),
        ("https://harborledger.com/a", "Harbor Ledger"),
        ("https://patriotdaily.net/a", "Patriot Daily"),
        ("https://coastalvoice.org/a", "Coastal Voice"),
        ("https://www.meridiantimes.co.uk/markets/a", "Meridian Times"),
        ("https://news.bbc.co.uk/2/hi/a.stm", "BBC"),
        ("https://edition.cnn.com/a", "CNN"),
        ("https://www.unknown-gazette.example/a", "unknown-gazette.example"),
        ("https://city.news.lantern.co.uk/a", "lantern.co.uk"),
    ],
)
def test_ingest_outlets_from_url(url: str, outlet: str) -> None:
    assert outlet_from_url(url, load_outlets()) == outlet


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("a.b.example.com", "example.com"),
        ("x.abc.net.au", "abc.net.au"),
        ("localhost", "localhost"),
    ],
)
def test_ingest_outlets_registered_domain(host: str, domain: str) -> None:
    assert registered_domain(host) == domain


def test_ingest_outlets_user_file_extends_table(tmp_path: Path) -> None:
    extra = tmp_path / "outlets.json"
    extra.write_text(json.dumps({"domains": {"lanternpost.example": "The Lantern Post"}}))
    settings = Settings(outlets_file=extra)
    meta = Meta(url="https://www.lanternpost.example/x")
    assert choose_outlet(meta, "x.txt", settings) == "The Lantern Post"
    assert choose_outlet(Meta(url="https://harborledger.com/a"), "x", settings) == "Harbor Ledger"


def test_ingest_outlets_bad_user_file(tmp_path: Path) -> None:
    extra = tmp_path / "outlets.json"
    extra.write_text("[1, 2")
    with pytest.raises(ConfigError):
        load_outlets(extra)


@pytest.mark.parametrize(
    ("meta", "outlet"),
    [
        (Meta(outlet="Lantern Post", url="https://harborledger.com/a"), "Lantern Post"),
        (Meta(url="https://harborledger.com/a", site_name="HL Online"), "Harbor Ledger"),
        (
            Meta(url="https://lanternpost.example/a", site_name="The Lantern Post"),
            "The Lantern Post",
        ),
        (Meta(byline="afp"), "AFP"),
        (Meta(byline="Orla Benn"), "lantern_7"),
        (Meta(), "lantern_7"),
    ],
)
def test_ingest_outlets_precedence(meta: Meta, outlet: str) -> None:
    assert choose_outlet(meta, "/in/lantern_7.txt", Settings()) == outlet


def test_ingest_outlets_from_source_url_when_no_url_stated() -> None:
    source = "https://www.harborledger.com/world/a"
    assert choose_outlet(Meta(), source, Settings()) == "Harbor Ledger"
