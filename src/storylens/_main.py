"""The ``storylens`` command's entry point (also ``python -m storylens``)."""

from __future__ import annotations


def main() -> None:
    """Run the command line."""
    from storylens.cli import main as cli_main

    cli_main()
