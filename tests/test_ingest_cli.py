"""The `storylens ingest` command: formats, outputs, URLs, stdin, errors and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from builders import CannedServer

RunCli = Callable[..., CompletedProcess[str]]

PAGE = (
    "<html><head><title>Tram approved | Lantern Post</title>"
    "<meta property='og:title' content='Tram approved'>"
    "<meta name='author' content='Orla Benn'></head>"
    "<body><article><h1>Tram approved</h1>"
    "<p>The Lantern City council approved a new tram line on Tuesday after a long debate.</p>"
    "<p>The line will link the harbour with the university by 2027, officials said.</p>"
    "</article></body></html>"
)
STORY = "Ferry Strike Ends\n\nFerry crews in Lantern City ended a four-day strike on Friday.\n"


def test_ingest_cli_example_story(cli: RunCli, examples_dir: Path) -> None:
    proc = cli("ingest", str(examples_dir / "summit"), "--json")
    assert proc.returncode == 0, proc.stderr
    arts = {a["outlet"]: a for a in json.loads(proc.stdout)}
    assert set(arts) == {"Harbor Ledger", "Patriot Daily", "Coastal Voice", "Meridian Times"}
    patriot = arts["Patriot Daily"]
    assert patriot["published"] is None
    assert patriot["url"] == "https://patriotdaily.net/2026/03/halas-caves-seva-accord"
    for debris in ("Arvo Lind", "Related article", "Share this", "Follow Patriot", "commenting"):
        assert debris not in patriot["text"]
    assert patriot["text"].count("shake hands in Port Caldera") == 0
    assert "60 percent" in patriot["text"]
    assert arts["Coastal Voice"]["url"].startswith("https://coastalvoice.org/")
    assert "Subscribe to Coastal Voice" not in arts["Coastal Voice"]["text"]
    assert arts["Harbor Ledger"]["published"] == "2026-03-14"


def test_ingest_cli_url_with_allow_private(cli: RunCli, http_server: CannedServer) -> None:
    url = http_server.add("/tram", PAGE)
    proc = cli("ingest", url, "--allow-private", "--jsonl")
    assert proc.returncode == 0, proc.stderr
    [art] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert art["url"] == url and art["title"] == "Tram approved" and art["byline"] == "Orla Benn"
    assert "approved a new tram line" in art["text"]


def test_ingest_cli_url_private_refused(cli: RunCli, http_server: CannedServer) -> None:
    url = http_server.add("/tram", PAGE)
    proc = cli("ingest", url)
    assert proc.returncode != 0
    assert url in proc.stderr and "loopback" in proc.stderr and "--allow-private" in proc.stderr
    assert http_server.hits == []


def test_ingest_cli_stdin(cli: RunCli) -> None:
    proc = cli("ingest", "-", "--json", input=STORY)
    assert proc.returncode == 0, proc.stderr
    [art] = json.loads(proc.stdout)
    assert art["title"] == "Ferry Strike Ends" and art["source"] == "<stdin>"


def test_ingest_cli_output_file_and_table(cli: RunCli, tmp_path: Path) -> None:
    story = tmp_path / "ferry.txt"
    story.write_text(STORY)
    out = tmp_path / "out" / "articles.jsonl"
    proc = cli("ingest", str(story), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text().splitlines()[0])["title"] == "Ferry Strike Ends"
    table = cli("ingest", str(story))
    assert table.returncode == 0 and "Ferry Strike Ends" in table.stdout


@pytest.mark.parametrize(
    ("contents", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"<html><body><nav>Home</nav></body></html>", "no article"),
    ],
)
def test_ingest_cli_bad_input_one_line_others_processed(
    cli: RunCli, tmp_path: Path, contents: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(contents)
    good = tmp_path / "ferry.txt"
    good.write_text(STORY)
    proc = cli("ingest", str(bad), str(good), "--json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and reason in lines[0]
    strict = cli("ingest", str(bad), str(good), "--json", "--strict")
    assert strict.returncode != 0


def test_ingest_cli_nothing_ingested_fails(cli: RunCli, tmp_path: Path) -> None:
    proc = cli("ingest", str(tmp_path / "nope.txt"), "--max-bytes", "10")
    assert proc.returncode != 0
    assert "nope.txt" in proc.stderr and "nothing ingested" in proc.stderr


def test_ingest_cli_oversize_file(cli: RunCli, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Harbour news. " * 200)
    proc = cli("ingest", str(big), "--max-bytes", "1000")
    assert proc.returncode != 0 and "size cap" in proc.stderr


def test_ingest_cli_outlets_file(cli: RunCli, tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"text": STORY, "url": "https://lanternpost.example/f"}) + "\n")
    outlets = tmp_path / "outlets.json"
    outlets.write_text(json.dumps({"domains": {"lanternpost.example": "The Lantern Post"}}))
    proc = cli("ingest", str(jsonl), "--outlets", str(outlets), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["outlet"] == "The Lantern Post"


@pytest.mark.slow
def test_ingest_cli_store(cli: RunCli, examples_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = cli("ingest", str(examples_dir / "summit"), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "stored 4 new" in first.stderr
    second = cli("ingest", str(examples_dir / "summit"), "--db", str(db))
    assert "stored 0 new article(s), 4 already" in second.stderr
    from storylens.store import Store

    with Store.open(db) as store:
        assert {a.outlet for a in store.iter_articles()} >= {"Harbor Ledger", "Coastal Voice"}
