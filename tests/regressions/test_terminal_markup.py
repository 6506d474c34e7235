"""Issue 17, item 1: Rich markup in article metadata is text in every command's tables.

A title ``[link=http://evil.example]CLICK[/link]`` became a clickable OSC 8 hyperlink,
``[blink]`` blinked, and a title starting ``[/bold]`` crashed the command with
``rich.errors.MarkupError``. The case folder ``terminal-rich-markup`` holds such inputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from builders import run_cli

CASE = Path(__file__).parent / "terminal-rich-markup"
MARKUP = ("[/bold]", "[link=http://evil.example]", "[/link]", "[blink]", "[bold red]", "[/]")
HYPERLINK = "\x1b]8;"  # OSC 8: a clickable link in the terminal
BLINK = "\x1b[5m"


def _terminal(width: int = 300) -> Console:
    return Console(record=True, force_terminal=True, color_system="truecolor", width=width)


def _assert_literal(output: str) -> None:
    flat = output.replace("\n", "")
    assert HYPERLINK not in output and BLINK not in output
    for tag in MARKUP:
        assert tag in flat, (tag, output)


def test_regression_ingest_table_prints_markup_as_text() -> None:
    result = run_cli("ingest", str(CASE), env={"FORCE_COLOR": "1", "COLUMNS": "400"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    _assert_literal(result.stdout)


def _analysis(title: str, outlet: str) -> dict[str, Any]:
    article = {"id": "a_1", "outlet": outlet, "title": title}
    return {"article": article, **{k: [] for k in ("sentences", "mentions", "quotes")}} | {
        "claims": [],
        "times": [],
    }


def test_regression_analyse_tables_print_markup_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens.cli import analyse

    screen = _terminal()
    monkeypatch.setattr(analyse, "console", screen)
    data = {
        "articles": [_analysis("[/bold] [link=http://evil.example]x[/link]", "[blink]Post")],
        "entities": [
            {
                "id": "e_x",
                "name": "[bold red]Kim[/]",
                "type": "PERSON",
                "mentions": [],
                "aliases": ["[/]"],
                "labels": {"[blink]Post": ["[/link] strongman"]},
            }
        ],
    }
    analyse.print_tables(data)
    _assert_literal(screen.export_text(styles=True))


def test_regression_stories_tables_print_markup_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens.cli import stories

    screen = _terminal()
    monkeypatch.setattr(stories, "console", screen)
    row = {
        "id": "s_1",
        "title": "[/bold] [link=http://evil.example]x[/link] [blink]y [bold red]z[/]",
        "outlets": 2,
        "articles": 2,
        "first_published": None,
        "last_published": None,
        "has_report": False,
    }
    stories._show_stories([row], False, 1)
    spot = {"id": "s_1", "title": row["title"], "covered_by": {"[/]": ["[blink]P"]}}
    stories._show_blindspots([{**spot, "missing": ["[/link]"]}], False, 1)
    _assert_literal(screen.export_text(styles=True))
