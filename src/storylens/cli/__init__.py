"""Command-line interface: a thin layer over the library.

Each command lives in its own module and registers itself on :data:`app`;
importing them here is what makes them available.
"""

from __future__ import annotations

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
from storylens.cli import corpus as _corpus  # noqa: F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
