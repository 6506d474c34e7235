"""The ``storylens`` command's entry point (also ``python -m storylens``).

For ``storylens compare`` the process that loads the spaCy model and analyses the story
is forked here, before the command line itself is imported and parsed, so that the model
loads on a second core meanwhile (see :mod:`storylens.compare.workers`).

A comparison already spreads its work over one process or thread per core, so OpenBLAS
is held to one thread there (unless ``OPENBLAS_NUM_THREADS`` is set): its own pool of
threads would only contend with them, and its idle threads spin.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the command line."""
    if _compares(sys.argv[1:]):
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # read when NumPy loads
        from storylens.compare import workers

        workers.start_early()
    from storylens.cli import main as cli_main

    cli_main()


def command_of(args: list[str]) -> str | None:
    """The command the arguments name (the first one that is not an option)."""
    return next((a for a in args if not a.startswith("-")), None)


def _compares(args: list[str]) -> bool:
    """True when the arguments ask for ``compare`` (and not for its help)."""
    return command_of(args) == "compare" and not {"--help", "-h"} & set(args)
