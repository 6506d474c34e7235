"""Hostile names and metadata never drive the terminal: no escape sequences, no markup.

File names, sidecar fields and article text carry ANSI/OSC escape sequences (clear screen,
set window title, C1 CSI) and Rich markup; the CLI prints them as inert text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import run_cli
from storylens.ingestion.build import scrub

FERRY = (
    "The ferry across Lindqvist Bay will run two extra evening crossings from April, the "
    "harbour board said on Tuesday.\n\nThe board voted five to two, said Edda \x1b[31mLunde"
    "\x1b[0m, and tickets will cost {price} crowns.\n"
)
ESCAPES = ("\x1b", "\x9b", "\x07", "\x08")


def _story(folder: Path) -> Path:
    (folder / "a\x1b[2Jx.txt").write_text(FERRY.format(price=40), encoding="utf-8")
    (folder / "b.txt").write_text(FERRY.format(price=60), encoding="utf-8")
    meta = {
        "title": "Ferry \x1b]0;PWNED\x07 news \x1b[2J",
        "outlet": "Bay \x1b[5mPost\x1b[0m [bold red]loud[/]",
        "byline": "\x9b31mA. Writer",
    }
    (folder / "b.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "bad\x1b[2J[bold]x.html").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def _assert_inert(output: str) -> None:
    for esc in ESCAPES:
        assert esc not in output, repr(esc)


def test_hostile_terminal_ingest_prints_no_escapes(tmp_path: Path) -> None:
    result = run_cli("ingest", str(_story(tmp_path)))
    assert result.returncode == 0, result.stderr
    _assert_inert(result.stdout + result.stderr)
    assert "\\x1b[2J" in result.stderr  # the bad file is still named, escape shown as text
    assert "[bold red]loud[/]" in result.stdout.replace("\n", "") or "loud" in result.stdout


def test_hostile_terminal_ingest_json_keeps_no_control_characters(tmp_path: Path) -> None:
    result = run_cli("ingest", str(_story(tmp_path)), "--json")
    assert result.returncode == 0, result.stderr
    for article in json.loads(result.stdout):
        for key in ("outlet", "title", "byline", "text"):
            _assert_inert(article.get(key) or "")


@pytest.mark.parametrize("name", ["[/nope].txt", "[bold red]x[/].txt", "[link=x]y.txt"])
def test_hostile_terminal_markup_in_input_names_is_not_interpreted(
    tmp_path: Path, name: str
) -> None:
    missing = tmp_path / name
    for command in ("compare", "analyse", "ingest"):
        result = run_cli(command, str(missing))
        assert result.returncode != 0
        assert "Traceback" not in result.stderr, result.stderr
        assert name in result.stderr.replace("\n", ""), (command, result.stderr)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x1b[2Jb", "a[2Jb"),
        ("x\r\ny\rz", "x\ny\nz"),
        ("\x9b31mA", "31mA"),
        ("tab\tand\nline", "tab\tand\nline"),
        ("half \ud800 pair", "half \ufffd pair"),
    ],
)
def test_hostile_terminal_scrub(raw: str, clean: str) -> None:
    assert scrub(raw) == clean


@pytest.mark.slow
def test_hostile_terminal_compare_report_prints_no_escapes(tmp_path: Path) -> None:
    result = run_cli("compare", str(_story(tmp_path)))
    assert result.returncode == 0, result.stderr
    _assert_inert(result.stdout + result.stderr)
    assert "Lindqvist Bay" in result.stdout
