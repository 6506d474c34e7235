"""Command-line interface: a thin layer over the library.

Each command lives in its own module and registers itself on :data:`app`;
importing them here is what makes them available.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys

from storylens.cli.app import app

# Command modules register themselves on import (one line per module).
# isort: off
from storylens.cli import compare as _compare  # noqa: F401
from storylens.cli import serve as _serve  # noqa: F401
from storylens.cli import ingest as _ingest  # noqa: F401
from storylens.cli import eval_extraction as _eval_extraction  # noqa: F401
from storylens.cli import eval_framing as _eval_framing  # noqa: F401
from storylens.cli import eval_attribution as _eval_attribution  # noqa: F401
from storylens.cli import analyse as _analyse  # noqa: F401
from storylens.cli import stories as _stories  # noqa: F401
from storylens.cli import export as _export  # noqa: F401
from storylens.cli import eval_clustering as _eval_clustering  # noqa: F401
from storylens.cli import eval_alignment as _eval_alignment  # noqa: F401
from storylens.cli import corpus as _corpus  # noqa: F401
# isort: on

__all__ = ["app", "main"]

# Commands that keep nothing open once they return: their process may leave at once.
FAST_EXIT = frozenset({"compare", "analyse"})


def main() -> None:
    """Console-script entry point.

    Tearing down the onnxruntime session and the loaded libraries at interpreter exit takes
    a noticeable part of a cold ``compare``. After a read-only command (``compare``
    without ``--save``, ``analyse``) has written its output, the process therefore flushes
    its streams and logs and leaves with :func:`os._exit`. Other commands (which may hold
    a store, a Dask cluster or temporary files) exit normally.
    """
    try:
        app()
    except SystemExit as exc:
        from storylens.analyse import parallel

        # the analysis workers are idle once a command is done, and busy on a Ctrl-C: either
        # way they can go at once
        parallel.shutdown(kill=True)
        if not _fast_exit(sys.argv[1:]):
            raise
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        logging.shutdown()
        os._exit(code)


def command_of(args: list[str]) -> str | None:
    """The command the arguments name (the first one that is not an option)."""
    return next((a for a in args if not a.startswith("-")), None)


def _fast_exit(args: list[str]) -> bool:
    return command_of(args) in FAST_EXIT and "--save" not in args
