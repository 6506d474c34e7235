"""Docs kept true by tests: every CLI command has help text and is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from storylens.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        found.append((full, cmd))
        if isinstance(cmd, click.Group):
            found.extend(_commands(cmd, full + " "))
    return found


COMMANDS = _commands(typer.main.get_command(app))  # type: ignore[arg-type]


def test_docs_cli_has_commands() -> None:
    assert COMMANDS, "the CLI registers no commands"


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_docs_command_has_help(name: str, cmd: click.Command) -> None:
    assert (cmd.help or cmd.short_help or "").strip(), f"`storylens {name}` has no help text"


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_docs_command_in_readme(name: str, cmd: click.Command) -> None:
    assert re.search(rf"storylens {re.escape(name)}\b", README), f"`storylens {name}` not in README"


def test_docs_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S)
    commands = [ln.strip() for b in block for ln in b.splitlines() if ln.strip()]
    assert commands == ["make demo", "make test"]
