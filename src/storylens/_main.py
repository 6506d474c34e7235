"""The ``storylens`` command's entry point (also ``python -m storylens``)."""

from __future__ import annotations


def main() -> None:
    """Run the command line."""
    from storylens.cli import main as cli_main

    cli_main()


def command_of(args: list[str]) -> str | None:
    """The command the arguments name (the first one that is not an option)."""
    return next((a for a in args if not a.startswith("-")), None)
